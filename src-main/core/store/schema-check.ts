import { openInMemory, type Db } from './database';
import { migrate } from './migrations';

/**
 * The store's schema held against the one the migrations make. Someone holding the master
 * key can drop or change the triggers that keep the access log append-only, edit rows and
 * so on; whatever they leave behind in the schema shows here.
 */

export type SchemaObjectType = 'table' | 'index' | 'view' | 'trigger';

/** One row of sqlite_schema. */
export interface SchemaObject {
  type: SchemaObjectType;
  name: string;
  /** the table it belongs to (its own name for a table or view) */
  table: string;
  /**
   * its CREATE statement with every run of white space made one space; null for the
   * indexes SQLite makes itself (UNIQUE, PRIMARY KEY) and for a virtual table's shadow tables
   * (where the FTS5 index keeps its data), whose statements FTS5 writes, differently from one
   * SQLite version to the next: those are compared by name
   */
  sql: string | null;
}

export interface SchemaDifference {
  /** missing: the migrations make it and the store lacks it; altered: its statement differs; unexpected: the migrations never make it */
  change: 'missing' | 'altered' | 'unexpected';
  /** as the migrations make it (missing, altered), or as found (unexpected) */
  object: SchemaObject;
  /** a trigger on a table the migrations keep append-only (one they guard with a trigger that refuses changes) */
  appendOnly: boolean;
}

interface Schema {
  objects: Map<string, SchemaObject>;
  appendOnlyTables: Set<string>;
}

const keyOf = (o: { type: string; name: string }) => `${o.type} ${o.name}`;

function schemaOf(db: Db): Map<string, SchemaObject> {
  const shadowTables = new Set(db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow'").pluck().all());
  const rows = db.prepare('SELECT type, name, tbl_name AS "table", sql FROM main.sqlite_schema').all() as SchemaObject[];
  return new Map(
    rows.map((o) => [keyOf(o), { ...o, sql: o.sql === null || shadowTables.has(o.name) ? null : o.sql.replace(/\s+/g, ' ').trim() }]),
  );
}

/** A trigger that refuses the change it fires on. */
const refuses = (o: SchemaObject) => o.type === 'trigger' && /\bRAISE\s*\(\s*ABORT\b/i.test(o.sql ?? '');

let expected: Schema | undefined;

/** What the migrations make, from running them on an empty database in memory; once per process. */
function expectedSchema(): Schema {
  if (!expected) {
    const db = openInMemory();
    try {
      migrate(db);
      const objects = schemaOf(db);
      expected = { objects, appendOnlyTables: new Set([...objects.values()].filter(refuses).map((o) => o.table)) };
    } finally {
      db.close();
    }
  }
  return expected;
}

/** Every table, index, view and trigger of `db` that is missing, altered or unexpected, in no particular order. */
export function schemaDifferences(db: Db): SchemaDifference[] {
  const { objects, appendOnlyTables } = expectedSchema();
  const live = schemaOf(db);
  const difference = (change: SchemaDifference['change'], object: SchemaObject): SchemaDifference => ({
    change,
    object,
    appendOnly: object.type === 'trigger' && appendOnlyTables.has(object.table),
  });
  const found: SchemaDifference[] = [];
  for (const [key, want] of objects) {
    const have = live.get(key);
    if (!have) found.push(difference('missing', want));
    else if (have.sql !== want.sql || have.table !== want.table) found.push(difference('altered', want));
  }
  for (const [key, have] of live) if (!objects.has(key)) found.push(difference('unexpected', have));
  return found;
}
