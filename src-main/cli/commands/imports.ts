import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import {
  columnMappingSchema,
  IMPORT_FORMAT_IDS,
  MAPPING_KINDS,
  mappingKind,
  type ColumnMapping,
  type IdConflict,
  type ImportRecord,
  IMPORT_STATUS_PHRASES,
  importFormatName,
  type ImportSummary,
} from '../../contract/imports';
import { CustodianError } from '../../core/errors';
import { describeZodError } from '../../core/gate/dispatcher';
import { EXIT, UsageError } from '../errors';
import { runJob, runJobAs } from '../jobs';
import { emit, intoNewFileOrStdout, table } from '../output';
import { callAs, globals, withSession, type GlobalOptions } from '../session';
import type { Workspace } from '../../core/workspace';

const VENDORS = ['auto', ...IMPORT_FORMAT_IDS] as const;

interface ImportOptions {
  vendor: (typeof VENDORS)[number];
  profile?: string;
  timezone?: string;
}

/** An earlier import of the same file, as the warning and the JSON summary name it. */
function earlierImport(r: ImportRecord) {
  return { importId: r.importId, file: r.file, importedAt: r.finishedAt, importedBy: r.importedBy, imported: r.imported };
}

/** What the command prints per file (the issue's shape): the rejects themselves, not a count. */
function cliSummary(s: ImportSummary, before: ImportRecord[]) {
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
    sheets: s.sheets,
    conflicts: s.conflicts,
    conflictCount: s.conflictCount,
    importedBefore: before.map(earlierImport),
  };
}

/** A workbook's sheets, one line each: what was read from it, or why it was skipped. */
function describeSheets(sheets: NonNullable<ImportSummary['sheets']>): string[] {
  const width = Math.max(...sheets.map((sheet) => sheet.name.length)) + 2;
  return [
    `  sheets (${sheets.filter((sheet) => sheet.format).length} of ${sheets.length} imported):`,
    ...sheets.map((sheet) => {
      const name = `"${sheet.name}"`.padEnd(width);
      return sheet.format
        ? `    ${name} read ${sheet.read} = imported ${sheet.imported} + duplicates ${sheet.duplicates} + rejected ${sheet.rejected}`
        : `    ${name} skipped: ${sheet.skipped}`;
    }),
  ];
}

/** "line 40 (id 7f3…) differs from line 12 of this file" / "… from line 7 of import 3 (audit.csv, 2026-11-02T…)". */
function conflictSentence(c: IdConflict, importId: number): string {
  const where =
    c.earlier.importId === importId
      ? `line ${c.earlier.line} of this file`
      : `line ${c.earlier.line} of import ${c.earlier.importId} (${c.earlier.file}${c.earlier.importedAt ? `, ${c.earlier.importedAt}` : ''})`;
  return `line ${c.line} (id ${c.vendorId}) ${c.differs ? 'differs from' : 'repeats'} ${where}`;
}

function describe(s: ImportSummary): string {
  const lines = [
    `Import ${s.importId}: ${s.file}${s.entry ? ` (${s.entry})` : ''}`,
    `  ${s.detection}`,
    `  SHA-256 ${s.sha256}`,
    `  read ${s.read} = imported ${s.imported} + duplicates ${s.duplicates} + rejected ${s.rejected}${s.images ? `; ${s.images} images stored encrypted` : ''}`,
  ];
  if (s.sheets && s.sheets.length > 1) lines.push(...describeSheets(s.sheets));
  if (s.alerts > 0) {
    lines.push(
      `  ${s.alerts} hot-list alert${s.alerts === 1 ? '' : 's'} raised: custodian alerts list --status unverified (an unverified alert is not grounds for action)`,
    );
  }
  if (s.conflictCount > 0) {
    lines.push(
      `  ${s.conflictCount} row${s.conflictCount === 1 ? '' : 's'} kept though the vendor's id was already held for other content (both rows kept; check which is right):`,
      ...s.conflicts.map((c) => `    ${conflictSentence(c, s.importId)}`),
    );
    if (s.conflictCount > s.conflicts.length) lines.push(`    … and ${s.conflictCount - s.conflicts.length} more`);
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

/** SHA-256 of a file (a folder bundle has no one hash: null). */
async function fileSha256(file: string): Promise<string | null> {
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) return null;
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The committed imports of this very file (by SHA-256), said on standard error before it is
 * imported again. It is still imported: what it holds is counted as duplicates and nothing is
 * stored twice, and the new record shows the file was brought in again (a re-import after a
 * failed or partly rejected one is ordinary); the warning lets the person stop with Ctrl-C.
 */
async function importedBefore(ws: Workspace, token: string, file: string): Promise<ImportRecord[]> {
  const sha256 = await fileSha256(file);
  if (!sha256) return [];
  const earlier = ws.call(token, 'import.list', { sha256, limit: 1000 }).filter((r) => r.status === 'committed');
  if (earlier.length) {
    const named = earlier.map((r) => `import ${r.importId} on ${r.finishedAt ?? r.startedAt} by ${r.importedBy} (${r.imported} imported)`);
    process.stderr.write(
      `custodian: warning: ${path.basename(file)} (SHA-256 ${sha256}) was imported before: ${named.join('; ')}. Importing it again; rows already held count as duplicates.\n`,
    );
  }
  return earlier;
}

async function importFiles(files: string[], opts: ImportOptions, g: GlobalOptions): Promise<void> {
  const results: Array<ReturnType<typeof cliSummary> | { file: string; error: { code: string; message: string } }> = [];
  let failures = 0;
  let interrupted = false;
  await withSession(g, async (ws, token) => {
    for (const file of files) {
      try {
        const before = await importedBefore(ws, token, path.resolve(file));
        const input = { source: { path: path.resolve(file) }, vendor: opts.vendor, profile: opts.profile, timezone: opts.timezone };
        const summary = await runJob(ws, token, g, 'import.run', input, {
          label: path.basename(file),
          cancelMessage: 'Cancelling: the rows written so far are being removed…',
          onInterrupt: () => (interrupted = true),
        });
        results.push(cliSummary(summary, before));
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

/** "Vigilant" for a plate-read mapping, "Flock organization / network audit" for a log's. */
function mappingLabel(mapping: ColumnMapping): string {
  return mapping.maps === undefined || mapping.maps === 'plate-reads' ? mapping.vendor : MAPPING_KINDS[mapping.maps].title;
}

/** The vendor, the plate column and the time column a mapping names, for the profile list. */
function mappingColumns(mapping: ColumnMapping): [string, string | null, string] {
  switch (mapping.maps) {
    case undefined:
    case 'plate-reads':
      return [mapping.vendor, mapping.columns.plate, mapping.columns.captureTime];
    case 'flock-audit':
      return ['Flock', mapping.columns.plate ?? null, mapping.columns.searchTime];
    case 'flock-search-audit':
      return ['Flock', null, mapping.columns.searchDate];
  }
}

function readMapping(file: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`Cannot read the mapping file ${file}: ${(error as Error).message}`);
  }
  const parsed = columnMappingSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`${file} is not a column mapping: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

export function registerImportCommands(program: Command): void {
  const command = program
    .command('import')
    .description('Bring vendor exports into the encrypted store (policy 427.5): plate reads, Flock audits and logs')
    .argument('<files...>', 'files, ZIP bundles or bundle folders to import, one after another')
    .option('--vendor <format>', `the format: ${VENDORS.join(', ')}`, 'auto')
    .option('--profile <name>', 'a saved column mapping (plate reads in CSV, or a Flock audit under other column names)')
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
            importFormatName(r.format),
            IMPORT_STATUS_PHRASES[r.status],
            r.read,
            r.imported,
            r.duplicates,
            r.rejected,
            r.sha256.slice(0, 16),
          ]),
        ),
      );
    });

  const profile = command
    .command('profile')
    .description('Saved column mappings for files without a known layout: plate reads, or Flock audits with renamed columns');
  profile
    .command('save')
    .description('Save (or replace) a column mapping from a JSON file')
    .argument('<name>', 'the profile name')
    .requiredOption(
      '--mapping <file>',
      'a JSON column mapping: {"vendor", "columns": {"plate", "captureTime", ...}, "timeFormat"?, ...} for plate reads, or {"maps": "flock-audit" | "flock-search-audit", "columns": {"searchTime" | "searchDate", ...}}',
    )
    .action(async (name: string, opts: { mapping: string }, cmd: Command) => {
      const g = globals(cmd);
      const saved = await callAs(g, 'importProfile.save', { name, mapping: readMapping(opts.mapping) });
      emit(!!g.json, saved, () => `Saved the mapping "${saved.name}" (${mappingLabel(saved.mapping)}).`);
    });
  profile
    .command('list')
    .description('List saved column mappings')
    .action(async (_opts: unknown, cmd: Command) => {
      const g = globals(cmd);
      const profiles = await callAs(g, 'importProfile.list', {});
      emit(!!g.json, profiles, () =>
        table(
          ['name', 'maps', 'vendor', 'plate', 'time', 'saved by', 'saved at'],
          profiles.map((p) => [p.name, MAPPING_KINDS[mappingKind(p.mapping)].title, ...mappingColumns(p.mapping), p.savedBy, p.savedAt]),
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
