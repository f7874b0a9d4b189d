import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { actionPhrase, OUTCOME_PHRASES } from '../../contract/phrases';
import { checkpointFileSchema, type AuditFilter, type AuditOrder, type CheckpointFile } from '../../contract/schemas';
import { describeZodError } from '../../core/gate/dispatcher';
import { UsageError } from '../errors';
import { runJobAs } from '../jobs';
import { emit, intoNewFile, intoNewFileOrStdout, table } from '../output';
import { callAs, globals } from '../session';
import { cliZone, showTime, zoneNote } from '../times';

function readCheckpoint(file: string): CheckpointFile {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`Cannot read the checkpoint file ${file}: ${(error as Error).message}`);
  }
  const parsed = checkpointFileSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`${file} is not a Custodian checkpoint file: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

const isExportFormat = (format: string): format is 'csv' | 'json' => format === 'csv' || format === 'json';

interface FilterOptions {
  from?: string;
  to?: string;
  username?: string;
  operation?: string;
  caseNumber?: string;
  order?: string;
}

/** The options that choose entries, and their order, for the commands that read the log. */
function withFilterOptions(command: Command, defaultOrder: 'oldest' | 'newest'): Command {
  return command
    .option('--from <when>', 'from this day (YYYY-MM-DD) or time (ISO 8601)')
    .option('--to <when>', 'up to and including this day or time')
    .option('--username <u>', 'only this person')
    .option('--operation <name>', 'only this operation (e.g. search.plates)')
    .option('--case-number <n>', 'only this case')
    .option('--order <order>', 'oldest or newest first', defaultOrder);
}

function filterFrom(opts: FilterOptions): AuditFilter {
  const filter: AuditFilter = {};
  for (const key of ['from', 'to', 'username', 'operation', 'caseNumber'] as const) if (opts[key] !== undefined) filter[key] = opts[key];
  return filter;
}

function orderFrom(opts: FilterOptions): AuditOrder {
  if (opts.order === 'oldest') return 'oldest-first';
  if (opts.order === 'newest') return 'newest-first';
  throw new UsageError('--order is oldest or newest.');
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('The access log (policy 427.6(a)): verify, checkpoint, export');

  audit
    .command('verify')
    .description(
      "Check the hash chain, every checkpoint and the store's tables and triggers; exit 1 at the first broken entry or any changed table or trigger",
    )
    .option('--checkpoint <file>', 'also check the log against a checkpoint file kept elsewhere')
    .action(async (opts: { checkpoint?: string }, cmd: Command) => {
      const g = globals(cmd);
      const checkpoint = opts.checkpoint ? readCheckpoint(opts.checkpoint) : undefined;
      const result = await runJobAs(g, 'audit.verify', checkpoint ? { checkpoint } : {}, { label: 'audit verify' });
      emit(!!g.json, result, () =>
        result.ok
          ? `OK: ${result.entries} entries chain correctly; ${result.checkpointsChecked} signed checkpoint${result.checkpointsChecked === 1 ? '' : 's'} match.`
          : [
              ...(result.problem ? [`BROKEN: ${result.problem.message}`] : []),
              ...result.schemaProblems.map((p) => `SCHEMA: ${p.message}`),
            ].join('\n'),
      );
      if (!result.ok) process.exitCode = 1;
    });

  audit
    .command('checkpoint')
    .description('Sign the current head of the log and write it to a file to keep elsewhere')
    .requiredOption('--out <file>', 'where to write the checkpoint (a new file)')
    .action(async (opts: { out: string }, cmd: Command) => {
      const g = globals(cmd);
      const file = await intoNewFile(opts.out, async (write) => {
        const checkpoint = await callAs(g, 'audit.checkpoint', {});
        write(JSON.stringify(checkpoint, null, 2) + '\n');
        return checkpoint;
      });
      emit(!!g.json, file, () => `Checkpoint of ${file.seq} entries signed and written to ${opts.out}. Keep it away from this computer.`);
    });

  withFilterOptions(
    audit
      .command('list')
      .description('Read the access log: who did what, when, and how it ended, newest first (reading it is itself logged)')
      .option('--limit <n>', 'how many (at most 1,000)', '50')
      .option('--timezone <zone>', "show times in this zone (default: this computer's)"),
    'newest',
  ).action(async (opts: FilterOptions & { limit: string; timezone?: string }, cmd: Command) => {
    const g = globals(cmd);
    const zone = cliZone(opts.timezone);
    const page = await callAs(g, 'audit.query', { ...filterFrom(opts), order: orderFrom(opts), limit: Number(opts.limit) });
    emit(!!g.json, page, () => {
      if (page.entries.length === 0) return 'No entries match.';
      const rows = page.entries.map((e) => [
        e.seq,
        showTime(e.at, zone),
        e.username ? `${e.fullName ?? ''} (${e.username})`.trim() : '',
        actionPhrase(e.operation),
        OUTCOME_PHRASES[e.outcome],
        e.caseNumber,
        e.reason,
      ]);
      return [
        table(['#', 'time', 'person', 'action', 'outcome', 'case', 'reason'], rows),
        `${page.entries.length} of ${page.total} entries; custodian audit export writes them all, with what each was given and touched.`,
        zoneNote(zone),
      ].join('\n');
    });
  });

  withFilterOptions(
    audit
      .command('export')
      .description(
        'Export the access log as CSV or JSON, each entry with its action in words (the export itself is logged, with the SHA-256 of what was written)',
      )
      .requiredOption('--format <format>', 'csv or json')
      .option('--out <file>', 'write to a new file instead of standard output'),
    'oldest',
  ).action(async (opts: FilterOptions & { format: string; out?: string }, cmd: Command) => {
    const g = globals(cmd);
    const format = opts.format;
    if (!isExportFormat(format)) throw new UsageError('--format is csv or json.');
    const input = { ...filterFrom(opts), format, order: orderFrom(opts) };
    const label = opts.out ? path.basename(opts.out) : 'audit export';
    const summary = await intoNewFileOrStdout(opts.out, (sink) => runJobAs(g, 'audit.export', input, { label, sink }));
    if (opts.out) process.stderr.write(`${summary.entries} entries written to ${opts.out} (SHA-256 ${summary.sha256}).\n`);
  });
}
