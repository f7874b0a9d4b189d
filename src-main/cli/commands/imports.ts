import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { columnMappingSchema, IMPORT_FORMAT_IDS, type ImportSummary } from '../../contract/imports';
import { CustodianError } from '../../core/errors';
import { describeZodError } from '../../core/gate/dispatcher';
import { EXIT, UsageError } from '../errors';
import { runJob, runJobAs } from '../jobs';
import { emit, intoNewFileOrStdout, table } from '../output';
import { callAs, globals, withSession, type GlobalOptions } from '../session';

const VENDORS = ['auto', ...IMPORT_FORMAT_IDS] as const;

interface ImportOptions {
  vendor: (typeof VENDORS)[number];
  profile?: string;
  timezone?: string;
}

/** What the command prints per file (the issue's shape): the rejects themselves, not a count. */
function cliSummary(s: ImportSummary) {
  return {
    importId: s.importId,
    file: s.file,
    entry: s.entry,
    sha256: s.sha256,
    format: s.format,
    detection: s.detection,
    timezone: s.timezone,
    read: s.read,
    imported: s.imported,
    duplicates: s.duplicates,
    rejected: s.rejects,
    rejectedCount: s.rejected,
    images: s.images,
    alerts: s.alerts,
  };
}

function describe(s: ImportSummary): string {
  const lines = [
    `Import ${s.importId}: ${s.file}${s.entry ? ` (${s.entry})` : ''}`,
    `  ${s.detection}`,
    `  SHA-256 ${s.sha256}`,
    `  read ${s.read} = imported ${s.imported} + duplicates ${s.duplicates} + rejected ${s.rejected}${s.images ? `; ${s.images} images stored encrypted` : ''}`,
  ];
  if (s.alerts > 0) {
    lines.push(
      `  ${s.alerts} hot-list alert${s.alerts === 1 ? '' : 's'} raised: custodian alerts list --status unverified (an unverified alert is not grounds for action)`,
    );
  }
  if (s.rejects.length) {
    lines.push(
      table(
        ['line', 'column', 'reason'],
        s.rejects.map((r) => [r.line, r.column, r.reason]),
      ),
    );
    if (s.rejected > s.rejects.length)
      lines.push(`  … and ${s.rejected - s.rejects.length} more: custodian import rejects ${s.importId} --out FILE`);
  }
  return lines.join('\n');
}

async function importFiles(files: string[], opts: ImportOptions, g: GlobalOptions): Promise<void> {
  const results: Array<ReturnType<typeof cliSummary> | { file: string; error: { code: string; message: string } }> = [];
  let failures = 0;
  let interrupted = false;
  await withSession(g, async (ws, token) => {
    for (const file of files) {
      try {
        const input = { source: { path: path.resolve(file) }, vendor: opts.vendor, profile: opts.profile, timezone: opts.timezone };
        const summary = await runJob(ws, token, g, 'import.run', input, {
          label: path.basename(file),
          cancelMessage: 'Cancelling: the rows written so far are being removed…',
          onInterrupt: () => (interrupted = true),
        });
        results.push(cliSummary(summary));
        if (!g.json) process.stdout.write(describe(summary) + '\n');
      } catch (error) {
        if (!(error instanceof CustodianError)) throw error;
        failures++;
        results.push({ file, error: { code: error.code, message: error.message } });
        process.stderr.write(`custodian: ${error.message}\n`);
      }
      // Ctrl-C stops the run: no further file is started, even if the one it came during
      // was past cancelling (its rows already being committed) and finished.
      if (interrupted) break;
    }
  });
  if (g.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  if (failures) process.exitCode = EXIT.failed;
}

function readMapping(file: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`Cannot read the mapping file ${file}: ${(error as Error).message}`);
  }
  const parsed = columnMappingSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`${file} is not a column mapping (${describeZodError(parsed.error)}).`);
  return parsed.data;
}

export function registerImportCommands(program: Command): void {
  const command = program
    .command('import')
    .description('Bring vendor exports into the encrypted store (policy 427.5): plate reads, Flock audits and logs')
    .argument('<files...>', 'files, ZIP bundles or bundle folders to import, one after another')
    .option('--vendor <format>', `the format: ${VENDORS.join(', ')}`, 'auto')
    .option('--profile <name>', 'a saved column mapping (for CSV read by mapping)')
    .option('--timezone <zone>', "the zone of times written without one (default: this computer's)")
    .action(async (files: string[], opts: ImportOptions, cmd: Command) => {
      if (!(VENDORS as readonly string[]).includes(opts.vendor)) throw new UsageError(`--vendor must be one of ${VENDORS.join(', ')}.`);
      await importFiles(files, opts, globals(cmd));
    });

  command
    .command('rejects')
    .description("Write an import's rejected rows (line, column, reason) as CSV")
    .argument('<importId>', 'the import number')
    .option('--out <file>', 'write to this new file instead of standard output')
    .action(async (importId: string, opts: { out?: string }, cmd: Command) => {
      const id = Number(importId);
      if (!Number.isSafeInteger(id) || id < 1) throw new UsageError('Give the import number, e.g. custodian import rejects 12.');
      const g = globals(cmd);
      const label = opts.out ? path.basename(opts.out) : `import ${id} rejects`;
      const summary = await intoNewFileOrStdout(opts.out, (sink) => runJobAs(g, 'import.rejects', { importId: id }, { label, sink }));
      if (opts.out) emit(!!g.json, summary, () => `${summary.rows} rejects written to ${opts.out} (SHA-256 ${summary.sha256}).`);
    });

  command
    .command('list')
    .description('The import history, newest first')
    .option('--limit <n>', 'how many', '50')
    .option('--with-rejects', 'only the imports that rejected rows')
    .action(async (opts: { limit: string; withRejects?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const records = await callAs(g, 'import.list', { limit: Number(opts.limit), ...(opts.withRejects ? { withRejects: true } : {}) });
      emit(!!g.json, records, () =>
        table(
          ['id', 'started', 'by', 'file', 'format', 'status', 'read', 'imported', 'dup', 'rejected', 'sha256'],
          records.map((r) => [
            r.importId,
            r.startedAt,
            r.importedBy,
            r.file,
            r.format,
            r.status,
            r.read,
            r.imported,
            r.duplicates,
            r.rejected,
            r.sha256.slice(0, 16),
          ]),
        ),
      );
    });

  const profile = command.command('profile').description('Saved column mappings for CSV files without a known layout');
  profile
    .command('save')
    .description('Save (or replace) a column mapping from a JSON file')
    .argument('<name>', 'the profile name')
    .requiredOption('--mapping <file>', 'a JSON column mapping: {"vendor", "columns": {"plate", "captureTime", ...}, "timeFormat"?, ...}')
    .action(async (name: string, opts: { mapping: string }, cmd: Command) => {
      const g = globals(cmd);
      const saved = await callAs(g, 'importProfile.save', { name, mapping: readMapping(opts.mapping) });
      emit(!!g.json, saved, () => `Saved the mapping "${saved.name}" (${saved.mapping.vendor}).`);
    });
  profile
    .command('list')
    .description('List saved column mappings')
    .action(async (_opts: unknown, cmd: Command) => {
      const g = globals(cmd);
      const profiles = await callAs(g, 'importProfile.list', {});
      emit(!!g.json, profiles, () =>
        table(
          ['name', 'vendor', 'plate', 'time', 'saved by', 'saved at'],
          profiles.map((p) => [p.name, p.mapping.vendor, p.mapping.columns.plate, p.mapping.columns.captureTime, p.savedBy, p.savedAt]),
        ),
      );
    });
  profile
    .command('delete')
    .description('Delete a saved column mapping')
    .argument('<name>', 'the profile name')
    .action(async (name: string, _opts: unknown, cmd: Command) => {
      const g = globals(cmd);
      await callAs(g, 'importProfile.delete', { name });
      emit(!!g.json, { deleted: name }, () => `Deleted the mapping "${name}".`);
    });
}
