import type { VerifyResult } from '../../contract/schemas';
import type { Db } from '../store/database';
import { schemaDifferences, type SchemaDifference, type SchemaObjectType } from '../store/schema-check';

type SchemaProblem = VerifyResult['schemaProblems'][number];

/** Triggers first (they are what refuses an edit), then what holds the records, then the rest. */
const TYPE_ORDER: Record<SchemaObjectType, number> = { trigger: 0, table: 1, view: 2, index: 3 };

/**
 * What verification says about the store's schema: every table, index, view and trigger
 * that is missing, altered or unexpected, the ones that take away a table's append-only
 * protection first.
 */
export function schemaProblems(db: Db): SchemaProblem[] {
  return schemaDifferences(db)
    .sort(
      (a, b) =>
        Number(b.appendOnly) - Number(a.appendOnly) ||
        TYPE_ORDER[a.object.type] - TYPE_ORDER[b.object.type] ||
        a.object.name.localeCompare(b.object.name),
    )
    .map((d) => {
      const { type, name, table } = d.object;
      return { change: d.change, type, name, table, appendOnly: d.appendOnly, message: sentence(d) };
    });
}

function sentence({ change, object, appendOnly }: SchemaDifference): string {
  const { type, name, table } = object;
  if (appendOnly) {
    const refuses = whatItRefuses(object.sql);
    if (change === 'missing')
      return `The table ${table} is no longer append-only: the trigger ${name}, which refuses ${refuses}, is missing.`;
    if (change === 'altered')
      return `The table ${table} may no longer be append-only: the trigger ${name}, which refuses ${refuses}, is not as Custodian made it.`;
    return `An unexpected trigger, ${name}, was added to the append-only table ${table} outside Custodian.`;
  }
  const on = type === 'table' || type === 'view' ? '' : ` on ${table}`;
  if (change === 'missing') return `The ${type} ${name}${on} is missing.`;
  if (change === 'altered') return `The ${type} ${name}${on} is not as Custodian made it.`;
  return `An unexpected ${type}, ${name}${on}, was added outside Custodian.`;
}

/** What a trigger refuses, by the statement it fires on. */
const REFUSED: Record<string, string> = { UPDATE: 'changing its rows', DELETE: 'deleting its rows', INSERT: 'adding rows' };

function whatItRefuses(sql: string | null): string {
  const event = /\b(?:BEFORE|AFTER|INSTEAD OF)\s+(UPDATE|DELETE|INSERT)\b/i.exec(sql ?? '')?.[1]?.toUpperCase();
  return (event && REFUSED[event]) ?? 'changes';
}
