import type { Settings } from '../../contract/schemas';
import type { Db } from '../store/database';

export const DEFAULT_SETTINGS: Settings = {
  requiredCourses: ['ALPR Operator Training'],
  idleMinutes: 15,
  // The words public audits of ALPR searches found standing in for a purpose (VENDOR-FORMATS.md).
  vaguePurposes: [
    'investigation',
    'inv',
    'invest',
    'bolo',
    'test',
    'testing',
    'n/a',
    'na',
    'none',
    '-',
    '0',
    'unknown',
    'misc',
    'other',
    'tbd',
    'check',
    'query',
    'search',
    'lookup',
    'general',
  ],
  checkpointFolder: null,
  departmentName: null,
  retentionDays: 30,
  vendorAuditRetentionDays: 730,
  holdReviewDays: { investigation: 180, evidence: 365, 'discovery-litigation': 365, 'public-records': 90, other: 90 },
  releasedHoldClock: 'capture',
  purgeAsOf: null,
};

export function readSettings(db: Db): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  return { ...DEFAULT_SETTINGS, ...stored } as Settings;
}

export function writeSettings(db: Db, changes: Partial<Settings>): Settings {
  const upsert = db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  for (const [key, value] of Object.entries(changes)) if (value !== undefined) upsert.run(key, JSON.stringify(value));
  return readSettings(db);
}
