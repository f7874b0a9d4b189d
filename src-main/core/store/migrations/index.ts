import type { Db } from '../database';
import { failed } from '../../errors';
import { migration001 } from './001-workspace-core';
import { migration002 } from './002-plate-reads';
import { migration003 } from './003-imports';
import { migration004 } from './004-search-hotlists';
import { migration005 } from './005-vendor-ids-read-fields';
import { migration006 } from './006-import-sheets';
import { migration007 } from './007-cases-holds';
import { migration008 } from './008-purge';
import { migration009 } from './009-purge-plan-steps';
import { migration010 } from './010-signing-certificates';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

/** Strictly increasing; never edit a migration that has shipped, add the next one. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Bring the store to SCHEMA_VERSION in one transaction: all pending migrations land, or
 * none. A store written by a newer Custodian is refused untouched.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  assertIncreasing(migrations);
  const target = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const from = schemaVersion(db);
  if (from > target) {
    throw failed(
      'database-too-new',
      `This workspace was written by a newer Custodian (schema ${from}; this one knows up to ${target}). Install the newer version to open it; nothing was changed.`,
    );
  }
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version=${m.version}`);
    }
  }).immediate();
  return { from, to: target };
}

function assertIncreasing(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const previous = i === 0 ? 0 : migrations[i - 1]!.version;
    if (m.version <= previous) throw new Error(`migration ${m.name} has version ${m.version}, not above ${previous}`);
  });
}
