import fs from 'node:fs';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { checkpointFileSchema, type AuditEntry, type AuditFilter, type CheckpointFile } from '../../contract/schemas';
import { AUDIT_CSV_COLUMNS } from '../../core/audit/query';
import { describeZodError } from '../../core/gate/dispatcher';
import { UsageError } from '../errors';
import { emit } from '../output';
import { globals, callAs } from '../session';

function readCheckpoint(file: string): CheckpointFile {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`Cannot read the checkpoint file ${file}: ${(error as Error).message}`);
  }
  const parsed = checkpointFileSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`${file} is not a Custodian checkpoint file (${describeZodError(parsed.error)}).`);
  return parsed.data;
}

/** Write to a new file only: an export or checkpoint never overwrites an earlier one. */
function writeNewFile(file: string, content: string): void {
  try {
    fs.writeFileSync(file, content, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${file} already exists; choose a new file name.`);
    throw error;
  }
}

export function auditCsv(entries: AuditEntry[]): string {
  return stringify(
    entries.map((e) => ({ ...e, objects: JSON.stringify(e.objects) })),
    { header: true, columns: [...AUDIT_CSV_COLUMNS], cast: { boolean: String } },
  );
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('The access log (policy 427.6(a)): verify, checkpoint, export');

  audit
    .command('verify')
    .description('Check the hash chain and every checkpoint; exit 1 at the first broken entry')
    .option('--checkpoint <file>', 'also check the log against a checkpoint file kept elsewhere')
    .action(async (opts: { checkpoint?: string }, cmd: Command) => {
      const g = globals(cmd);
      const checkpoint = opts.checkpoint ? readCheckpoint(opts.checkpoint) : undefined;
      const result = await callAs(g, 'audit.verify', checkpoint ? { checkpoint } : {});
      emit(!!g.json, result, () =>
        result.ok
          ? `OK: ${result.entries} entries chain correctly; ${result.checkpointsChecked} signed checkpoint${result.checkpointsChecked === 1 ? '' : 's'} match.`
          : `BROKEN: ${result.problem!.message}`,
      );
      if (!result.ok) process.exitCode = 1;
    });

  audit
    .command('checkpoint')
    .description('Sign the current head of the log and write it to a file to keep elsewhere')
    .requiredOption('--out <file>', 'where to write the checkpoint (a new file)')
    .action(async (opts: { out: string }, cmd: Command) => {
      const g = globals(cmd);
      if (fs.existsSync(opts.out)) throw new UsageError(`${opts.out} already exists; choose a new file name.`);
      const file = await callAs(g, 'audit.checkpoint', {});
      writeNewFile(opts.out, JSON.stringify(file, null, 2) + '\n');
      emit(!!g.json, file, () => `Checkpoint of ${file.seq} entries signed and written to ${opts.out}. Keep it away from this computer.`);
    });

  audit
    .command('export')
    .description('Export the access log as CSV or JSON (the export itself is logged)')
    .requiredOption('--format <format>', 'csv or json')
    .option('--from <when>', 'from this day (YYYY-MM-DD) or time (ISO 8601)')
    .option('--to <when>', 'up to and including this day or time')
    .option('--username <u>', 'only this person')
    .option('--operation <name>', 'only this operation')
    .option('--case-number <n>', 'only this case')
    .option('--out <file>', 'write to a new file instead of standard output')
    .action(
      async (
        opts: { format: string; from?: string; to?: string; username?: string; operation?: string; caseNumber?: string; out?: string },
        cmd: Command,
      ) => {
        const g = globals(cmd);
        if (opts.format !== 'csv' && opts.format !== 'json') throw new UsageError('--format is csv or json.');
        if (opts.out && fs.existsSync(opts.out)) throw new UsageError(`${opts.out} already exists; choose a new file name.`);
        const filter: AuditFilter = {};
        for (const key of ['from', 'to', 'username', 'operation', 'caseNumber'] as const)
          if (opts[key] !== undefined) filter[key] = opts[key];
        const entries = await callAs(g, 'audit.export', filter);
        const content = opts.format === 'csv' ? auditCsv(entries) : JSON.stringify(entries, null, 2) + '\n';
        if (opts.out) {
          writeNewFile(opts.out, content);
          process.stderr.write(`${entries.length} entries written to ${opts.out}.\n`);
        } else {
          process.stdout.write(content);
        }
      },
    );
}
