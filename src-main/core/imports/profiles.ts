import { columnMappingSchema, type ColumnMapping, type ImportProfile } from '../../contract/imports';
import { notFound } from '../errors';
import type { Db } from '../store/database';

/** Saved column mappings ("profiles"), by name; a name is unique whatever its case. */

interface ProfileRow {
  name: string;
  mapping: string;
  saved_by: string;
  saved_at: string;
}

const toProfile = (r: ProfileRow): ImportProfile => ({
  name: r.name,
  mapping: columnMappingSchema.parse(JSON.parse(r.mapping)),
  savedBy: r.saved_by,
  savedAt: r.saved_at,
});

export function saveProfile(db: Db, name: string, mapping: ColumnMapping, savedBy: string, now: Date): ImportProfile {
  db.prepare(
    `INSERT INTO import_profiles(name, mapping, saved_by, saved_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET name = excluded.name, mapping = excluded.mapping, saved_by = excluded.saved_by, saved_at = excluded.saved_at`,
  ).run(name, JSON.stringify(mapping), savedBy, now.toISOString());
  return findProfile(db, name);
}

export function findProfile(db: Db, name: string): ImportProfile {
  const row = db.prepare('SELECT * FROM import_profiles WHERE name = ?').get(name) as ProfileRow | undefined;
  if (!row)
    throw notFound(
      'no-such-profile',
      `There is no saved mapping called ${name}. Save one first, or list them with "custodian import profile list".`,
    );
  return toProfile(row);
}

export function listProfiles(db: Db): ImportProfile[] {
  return (db.prepare('SELECT * FROM import_profiles ORDER BY name COLLATE NOCASE').all() as ProfileRow[]).map(toProfile);
}

export function deleteProfile(db: Db, name: string): boolean {
  return db.prepare('DELETE FROM import_profiles WHERE name = ?').run(name).changes === 1;
}
