import path from 'node:path';
import type { Command } from 'commander';
import {
  ALERT_LEVELS,
  HOTLIST_FORMATS,
  HOTLIST_SOURCES,
  type HotlistEntry,
  type HotlistFormat,
  type HotlistImportResult,
  type HotlistMappingInput,
  type HotlistSource,
} from '../../contract/hotlists';
import { UsageError } from '../errors';
import { runJobAs } from '../jobs';
import { emit, table } from '../output';
import { callAs, globals, type GlobalOptions } from '../session';
import { UNVERIFIED_NOTICE } from './alerts';

const FORMATS = Object.keys(HOTLIST_FORMATS) as HotlistFormat[];

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}.`);
  return value as T;
}

function positiveId(what: string, text: string, example: string): number {
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id < 1) throw new UsageError(`Give the ${what} number, e.g. ${example}.`);
  return id;
}

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** What new alerts mean, said wherever they are announced. */
function alertsRaised(alerts: number): string {
  if (alerts === 0) return 'No stored reads match: no alerts raised.';
  return `${count(alerts, 'alert')} raised from stored reads: custodian alerts list --status unverified\n${UNVERIFIED_NOTICE}`;
}

function describeImport(r: HotlistImportResult): string {
  const lines = [
    `Hot list "${r.list}" (#${r.listId}, ${r.format}): ${count(r.entries, 'entry', 'entries')} loaded, ${r.rejected} rejected, ${count(r.retired, 'entry', 'entries')} of the earlier version retired.`,
  ];
  for (const reject of r.rejects) lines.push(`  line ${reject.line}${reject.column ? ` (${reject.column})` : ''}: ${reject.reason}`);
  if (r.rejected > r.rejects.length) lines.push(`  … and ${r.rejected - r.rejects.length} more rejected lines.`);
  lines.push(alertsRaised(r.alerts));
  return lines.join('\n');
}

/** When an entry is in force; a missing day leaves that side open. */
function span(e: HotlistEntry): string {
  if (e.effective && e.expires) return `${e.effective} to ${e.expires}`;
  if (e.expires) return `until ${e.expires}`;
  return e.effective ? `from ${e.effective}, no expiry` : 'no dates';
}

function entryTable(entries: HotlistEntry[]): string {
  return table(
    ['id', 'plate', 'state', 'reason', 'case', 'level', 'in force', 'status', 'line'],
    entries.map((e) => [
      e.id,
      e.partial ? `${e.plate} (partial)` : e.plate,
      e.state,
      e.reason,
      e.caseNumber,
      e.alertLevel,
      span(e),
      e.status,
      e.line,
    ]),
  );
}

interface AddOptions {
  plate: string;
  state?: string;
  reason: string;
  expires: string;
  list?: string;
  effective?: string;
  level?: string;
  note?: string;
}

/**
 * The access reason for a manual entry. The case is the entry's case. The purpose is
 * --purpose, or else the entry's reason as written: never wrapped in words of ours, so a
 * reason that states nothing ("bolo") is refused by the gate exactly as such a purpose is.
 */
function addAccess(g: GlobalOptions, opts: AddOptions): GlobalOptions & { case: string } {
  if (!g.case) throw new UsageError('Give the case number with --case: it goes on the entry and in the access log.');
  return { ...g, case: g.case, purpose: g.purpose ?? opts.reason };
}

interface ProfileOptions {
  plate: string;
  state?: string;
  reason?: string;
  caseColumn?: string;
  effective?: string;
  expires?: string;
  level?: string;
  note?: string;
  delimiter?: string;
  header: boolean;
}

const DELIMITERS: Record<string, ',' | ';' | '\t' | '|' | ':'> = {
  ',': ',',
  ';': ';',
  '|': '|',
  ':': ':',
  tab: '\t',
  '\\t': '\t',
  '\t': '\t',
};

function mappingFrom(opts: ProfileOptions): HotlistMappingInput {
  const delimiter = opts.delimiter === undefined ? undefined : DELIMITERS[opts.delimiter];
  if (opts.delimiter !== undefined && !delimiter) throw new UsageError('--delimiter is one of , ; | : or tab.');
  const columns: HotlistMappingInput['columns'] = { plate: opts.plate };
  const optional = {
    state: opts.state,
    reason: opts.reason,
    caseNumber: opts.caseColumn,
    effective: opts.effective,
    expires: opts.expires,
    alertLevel: opts.level,
    note: opts.note,
  };
  for (const [key, column] of Object.entries(optional)) if (column !== undefined) columns[key as keyof typeof optional] = column;
  return { ...(delimiter ? { delimiter } : {}), hasHeader: opts.header, columns };
}

export function registerHotlistCommands(program: Command): void {
  const hotlist = program
    .command('hotlist')
    .description('Hot lists (policy 427.4): import lists, add plates and partial plates, read entries; matches become alerts');

  hotlist
    .command('import')
    .description('Import a hot list file into a list (replacing its earlier entries) and match it against the stored reads')
    .argument('<file>', 'the hot list file')
    .requiredOption('--list <name>', 'the list the entries go into')
    .option(
      '--source <source>',
      `where the list comes from, for a new list: ${HOTLIST_SOURCES.join(', ')} (NCIC and state lists are confidential)`,
    )
    .option('--format <format>', `${FORMATS.join(', ')} (detected when not given)`)
    .option('--profile <name>', 'a saved hot-list mapping (for --format mapped)')
    .action(async (file: string, opts: { list: string; source?: string; format?: string; profile?: string }, cmd: Command) => {
      const g = globals(cmd);
      const input = {
        source: { path: path.resolve(file) },
        list: opts.list,
        listSource: oneOf<HotlistSource>('--source', opts.source, HOTLIST_SOURCES),
        format: oneOf('--format', opts.format, FORMATS),
        profile: opts.profile,
      };
      const result = await runJobAs(g, 'hotlist.import', input, { label: path.basename(file) });
      emit(!!g.json, result, () => describeImport(result));
    });

  hotlist
    .command('add')
    .description("Add a plate or a partial plate (427.4(c)) to a list; --case is the entry's case, --purpose defaults to the reason")
    .requiredOption('--plate <plate>', 'the plate, or a partial plate with * (any run) and ? (one character)')
    .option('--state <code>', "the plate's state, e.g. CA")
    .requiredOption('--reason <text>', 'why the plate is of interest, e.g. "Suspect vehicle, armed robbery on Main St"')
    .requiredOption('--expires <YYYY-MM-DD>', 'the last day the entry is in force')
    .option('--list <name>', 'the list (default: Manual entries)')
    .option('--effective <YYYY-MM-DD>', 'the first day the entry is in force (default: today)')
    .option('--level <level>', `alert level: ${ALERT_LEVELS.join(', ')}`)
    .option('--note <text>', 'a note for whoever works the alert')
    .action(async (opts: AddOptions, cmd: Command) => {
      const access = addAccess(globals(cmd), opts);
      const result = await callAs(access, 'hotlist.add', {
        list: opts.list,
        plate: opts.plate,
        state: opts.state,
        reason: opts.reason,
        caseNumber: access.case,
        effective: opts.effective,
        expires: opts.expires,
        alertLevel: oneOf('--level', opts.level, ALERT_LEVELS),
        note: opts.note,
      });
      const e = result.entry;
      emit(!!access.json, result, () =>
        [
          `Added ${e.plate}${e.partial ? ' (partial plate)' : ''}${e.state ? ` ${e.state}` : ''} to "${e.list}" as entry ${e.id}: ${e.reason}, case ${e.caseNumber}, in force ${span(e)} (${e.status}).`,
          alertsRaised(result.alerts),
        ].join('\n'),
      );
    });

  hotlist
    .command('list')
    .description('The hot lists, with how many entries are in force')
    .action(async (_opts: unknown, cmd: Command) => {
      const g = globals(cmd);
      const lists = await callAs(g, 'hotlist.list', {});
      emit(!!g.json, lists, () =>
        table(
          ['id', 'name', 'source', 'confidential', 'in force', 'inactive', 'created by', 'updated'],
          lists.map((l) => [l.id, l.name, l.source, l.confidential ? 'yes' : 'no', l.active, l.inactive, l.createdBy, l.updatedAt]),
        ),
      );
    });

  hotlist
    .command('entries')
    .description("A hot list's entries")
    .argument('<listId>', 'the list number (custodian hotlist list)')
    .option('--offset <n>', 'skip this many', '0')
    .option('--limit <n>', 'how many (at most 1,000)', '100')
    .action(async (listId: string, opts: { offset: string; limit: string }, cmd: Command) => {
      const g = globals(cmd);
      const input = {
        listId: positiveId('list', listId, 'custodian hotlist entries 3'),
        offset: Number(opts.offset),
        limit: Number(opts.limit),
      };
      const page = await callAs(g, 'hotlist.entries', input);
      emit(!!g.json, page, () => {
        const shown = page.entries.length
          ? `Entries ${input.offset + 1} to ${input.offset + page.entries.length} of ${page.total}.`
          : `No entries here (the list has ${page.total}).`;
        return page.entries.length ? `${entryTable(page.entries)}\n${shown}` : shown;
      });
    });

  const profile = hotlist.command('profile').description('Saved column mappings for NCIC-style and state hot-list extracts');
  profile
    .command('save')
    .description('Save (or replace) a hot-list mapping: which column holds what')
    .argument('<name>', 'the profile name')
    .requiredOption('--plate <column>', 'the plate column (a header name, or with --no-header a number: 1 is the first)')
    .option('--state <column>', 'the state column')
    .option('--reason <column>', 'the category or reason column')
    .option('--case-column <column>', 'the case number column (--case itself is the case you are working)')
    .option('--effective <column>', 'the effective date column')
    .option('--expires <column>', 'the expiry date column')
    .option('--level <column>', 'the alert level column')
    .option('--note <column>', 'the note column')
    .option('--delimiter <d>', 'the separator: , ; | : or tab (default ,)')
    .option('--no-header', 'the file has no header row: name columns by number')
    .action(async (name: string, opts: ProfileOptions, cmd: Command) => {
      const g = globals(cmd);
      const saved = await callAs(g, 'hotlistProfile.save', { name, mapping: mappingFrom(opts) });
      emit(!!g.json, saved, () => `Saved the hot-list mapping "${saved.name}" (plate in column "${saved.mapping.columns.plate}").`);
    });
  profile
    .command('list')
    .description('List saved hot-list mappings')
    .action(async (_opts: unknown, cmd: Command) => {
      const g = globals(cmd);
      const profiles = await callAs(g, 'hotlistProfile.list', {});
      emit(!!g.json, profiles, () =>
        table(
          ['name', 'plate', 'state', 'reason', 'case', 'expires', 'delimiter', 'header', 'saved by', 'saved at'],
          profiles.map((p) => {
            const c = p.mapping.columns;
            const delimiter = p.mapping.delimiter === '\t' ? 'tab' : p.mapping.delimiter;
            return [
              p.name,
              c.plate,
              c.state ?? '',
              c.reason ?? '',
              c.caseNumber ?? '',
              c.expires ?? '',
              delimiter,
              p.mapping.hasHeader ? 'yes' : 'no',
              p.savedBy,
              p.savedAt,
            ];
          }),
        ),
      );
    });
}
