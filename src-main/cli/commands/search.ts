import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { SearchQueryInput, SearchResult } from '../../contract/search';
import { UsageError } from '../errors';
import { runJob } from '../jobs';
import { intoNewFile, table } from '../output';
import { accessReason, globals, withSession } from '../session';
import { cliZone, showTime, whenOption, zoneNote } from '../times';

interface SearchOptions {
  plate: string;
  fuzzy?: boolean;
  from?: string;
  to?: string;
  state?: string;
  camera?: string;
  make?: string;
  model?: string;
  color?: string;
  minConfidence?: string;
  import?: string;
  vendor?: string;
  limit?: string;
  timezone?: string;
  export?: string;
}

function numberOption(flag: string, text: string, integer: boolean): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (integer && !Number.isSafeInteger(value))) {
    throw new UsageError(`${flag} takes ${integer ? 'a whole number' : 'a number'}; "${text}" is not one.`);
  }
  return value;
}

/** The command line as a search query; the gate checks the values themselves. */
function queryFrom(opts: SearchOptions, zone: string): SearchQueryInput {
  const query: SearchQueryInput = { plate: opts.plate, fuzzy: !!opts.fuzzy };
  if (opts.from !== undefined) query.from = whenOption('--from', opts.from, zone);
  if (opts.to !== undefined) query.to = whenOption('--to', opts.to, zone, true);
  for (const key of ['state', 'camera', 'make', 'model', 'color', 'vendor'] as const) if (opts[key] !== undefined) query[key] = opts[key];
  if (opts.minConfidence !== undefined) query.minConfidence = numberOption('--min-confidence', opts.minConfidence, false);
  if (opts.import !== undefined) query.importId = numberOption('--import', opts.import, true);
  if (opts.limit !== undefined) query.limit = numberOption('--limit', opts.limit, true);
  return query;
}

const percent = (confidence: number | null) => (confidence === null ? '' : `${Math.round(confidence * 100)}%`);

function describe(result: SearchResult, fuzzy: boolean, zone: string): string {
  const head = ['read', 'plate', 'state', 'time', 'camera', 'confidence', ...(fuzzy ? ['difference'] : [])];
  const rows = result.hits.map((h) => [
    h.id,
    h.plate,
    h.state,
    showTime(h.capturedAt, zone),
    // the camera's id, and the name the vendor gave it (Rekor camera_label), which --camera also matches
    h.cameraLabel && h.cameraLabel !== h.camera ? `${h.camera ?? ''} (${h.cameraLabel})` : h.camera,
    percent(h.confidence),
    ...(fuzzy ? [h.difference ?? 'as typed'] : []),
  ]);
  const count = result.hits.length;
  const found = `${count.toLocaleString('en-US')} read${count === 1 ? '' : 's'} (plan: ${result.plan}).`;
  return [
    result.described,
    ...(count ? [table(head, rows)] : []),
    result.truncated
      ? `${found} More matched than shown: narrow the search (time window, state, camera) or raise --limit (at most 10,000).`
      : found,
    ...(count ? [zoneNote(zone)] : []),
  ].join('\n');
}

export function registerSearchCommands(program: Command): void {
  program
    .command('search')
    .description('Search the stored plate reads (needs --case and --purpose; every search is in the access log with its query)')
    .requiredOption('--plate <pattern>', 'a plate, or a pattern: * any run of characters, ? one character (e.g. "AB?12*", "*7X4*")')
    .option('--fuzzy', 'OCR-aware: also the usual misreads (0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B, 6/G) and one missing or extra character')
    .option('--from <when>', 'from this day (YYYY-MM-DD) or time (ISO 8601)')
    .option('--to <when>', 'up to this time, or to the end of this day')
    .option('--state <code>', "the plate's state, e.g. CA")
    .option('--camera <text>', "part of the camera's name or location")
    .option('--make <text>', 'vehicle make')
    .option('--model <text>', 'vehicle model')
    .option('--color <text>', 'vehicle colour')
    .option('--min-confidence <n>', 'reads whose plate confidence is at least this (0 to 1, e.g. 0.8)')
    .option('--import <id>', 'only reads from this import')
    .option('--vendor <name>', 'only reads from this vendor')
    .option('--limit <n>', 'show at most this many reads (1 to 10,000; default 1,000)')
    .option('--timezone <zone>', "read days and show times in this zone (default: this computer's)")
    .option('--export <file>', 'also write the reads found to this new CSV file (the export is in the access log with its SHA-256)')
    .action(async (opts: SearchOptions, cmd: Command) => {
      const g = globals(cmd);
      const zone = cliZone(opts.timezone);
      const query = queryFrom(opts, zone);
      // checked again when the file is made; said here so the search is not run (and logged) for nothing
      if (opts.export && fs.existsSync(opts.export)) throw new UsageError(`${opts.export} already exists; choose a new file name.`);
      await withSession(g, async (ws, token) => {
        const result = ws.call(token, 'search.plates', query, accessReason(g));
        if (!g.json) process.stdout.write(describe(result, !!opts.fuzzy, zone) + '\n');
        let exported: { file: string; rows: number; sha256: string } | undefined;
        if (opts.export) {
          if (result.hits.length === 0) {
            process.stderr.write(`custodian: no reads to export; ${opts.export} was not written.\n`);
          } else {
            const readIds = result.hits.map((h) => h.id);
            const summary = await intoNewFile(opts.export, (write) =>
              runJob(ws, token, g, 'search.export', { readIds }, { label: path.basename(opts.export!), sink: write }),
            );
            exported = { file: opts.export, rows: summary.rows, sha256: summary.sha256 };
            if (!g.json) process.stdout.write(`${summary.rows} reads written to ${opts.export} (SHA-256 ${summary.sha256}).\n`);
          }
        }
        if (g.json) process.stdout.write(JSON.stringify(exported ? { ...result, export: exported } : result, null, 2) + '\n');
      });
    });
}
