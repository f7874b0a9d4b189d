import type { z } from 'zod';
import { notFound } from '../errors';
import type { Db } from '../store/database';

/** A saved column mapping ("profile"), by name; a name is unique whatever its case. */
export interface Profile<M> {
  name: string;
  mapping: M;
  savedBy: string;
  savedAt: string;
}

interface ProfileRow {
  name: string;
  mapping: string;
  saved_by: string;
  saved_at: string;
}

/**
 * The saved column mappings of one table, a file's layout by name: plate-read imports (`import_profiles`) and hot lists
 * (`hotlist_profiles`) keep the same shape, each with its own mapping schema.
 */
export function mappingProfiles<S extends z.ZodType>(
  table: 'import_profiles' | 'hotlist_profiles',
  schema: S,
  missing: (name: string) => string,
) {
  type Mapping = z.output<S>;
  const toProfile = (r: ProfileRow): Profile<Mapping> => ({
    name: r.name,
    mapping: schema.parse(JSON.parse(r.mapping)) as Mapping,
    savedBy: r.saved_by,
    savedAt: r.saved_at,
  });
  const find = (db: Db, name: string): Profile<Mapping> => {
    const row = db.prepare(`SELECT * FROM ${table} WHERE name = ?`).get(name) as ProfileRow | undefined;
    if (!row) throw notFound('no-such-profile', missing(name));
    return toProfile(row);
  };
  return {
    find,
    save(db: Db, name: string, mapping: Mapping, savedBy: string, now: Date): Profile<Mapping> {
      db.prepare(
        `INSERT INTO ${table}(name, mapping, saved_by, saved_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET name = excluded.name, mapping = excluded.mapping, saved_by = excluded.saved_by, saved_at = excluded.saved_at`,
      ).run(name, JSON.stringify(mapping), savedBy, now.toISOString());
      return find(db, name);
    },
    list: (db: Db): Profile<Mapping>[] =>
      (db.prepare(`SELECT * FROM ${table} ORDER BY name COLLATE NOCASE`).all() as ProfileRow[]).map(toProfile),
    remove: (db: Db, name: string): boolean => db.prepare(`DELETE FROM ${table} WHERE name = ?`).run(name).changes === 1,
  };
}
