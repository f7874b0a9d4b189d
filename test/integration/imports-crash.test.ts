/**
 * An import is all or nothing, even when its process is killed. A child process imports a
 * large generated file and is killed with SIGKILL once its progress shows rows written, at
 * three different points. Each time the workspace then opens with none of that import's
 * reads visible, the holdings as they were, and the import listed as interrupted (and
 * logged). A re-import afterwards brings in exactly the whole file.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../src-main/contract/imports';
import { Workspace } from '../../src-main/core/workspace';
import { flockReadsMapping, writeFlockReadsCsv, type FlockReadsCsvResult } from '../fixtures/vendor-files';
import { ACCESS, expectWellFormedSummary, importOk, storedReads } from '../support/import-support';
import { COMMANDER, newWorkspace, PASSWORD, removeTempFolders, tempFolder } from '../support/store-support';
import { expectRefusal } from '../support/workspace-fixtures';

afterAll(removeTempFolders);

const CHILD = path.join(__dirname, '..', 'support', 'import-child.ts');
const ROWS = 200_000;
const REQUEST = { vendor: 'csv' as const, mapping: flockReadsMapping(), timezone: 'UTC' };

interface ChildRun {
  killed: boolean;
  finished: boolean;
  /** rows the last progress report before the kill named */
  rowsSeen: number;
  output: string;
}

/** Import `file` in a child process; SIGKILL it at the first progress report of at least `killAtRows` rows. */
function importInChild(dir: string, file: string, killAtRows: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, COMMANDER, PASSWORD, file, JSON.stringify(REQUEST)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let rowsSeen = 0;
    let sent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      for (const m of out.matchAll(/^progress (\d+)$/gm)) rowsSeen = Math.max(rowsSeen, Number(m[1]));
      if (!sent && rowsSeen >= killAtRows) {
        sent = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) =>
      resolve({ killed: signal === 'SIGKILL', finished: /^done /m.test(out), rowsSeen, output: out.slice(-500) + err.slice(-2000) }),
    );
  });
}

describe('an import killed part-way, again and again', () => {
  let dir: string;
  let big: FlockReadsCsvResult;
  let baseline: { reads: number; oldestCapture: string | null; newestCapture: string | null };
  let baselineImport: number;

  beforeAll(async () => {
    dir = newWorkspace('imports-crash').dir;
    const files = tempFolder('imports-crash-files');
    big = await writeFlockReadsCsv(path.join(files, 'big.csv'), { rows: ROWS, seed: 41 });
    const small = await writeFlockReadsCsv(path.join(files, 'small.csv'), { rows: 500, seed: 42 });
    const ws = Workspace.open(dir);
    const { token } = ws.signIn(COMMANDER, PASSWORD);
    ws.call(token, 'training.record', {
      username: COMMANDER,
      course: 'ALPR Operator Training',
      completedOn: new Date().toISOString().slice(0, 10),
    });
    baselineImport = (await importOk(ws, token, small.file, REQUEST)).importId;
    baseline = ws.call(token, 'alpr.holdings', {}, ACCESS);
    expect(baseline.reads).toBe(500);
    ws.close();
  });

  it('leaves no reads, the holdings unchanged and the import interrupted, each time; a re-import then gets the whole file', async () => {
    const killed: number[] = [];
    const runs: ChildRun[] = [];
    for (const killAtRows of [1, Math.round(ROWS * 0.4), Math.round(ROWS * 0.7)]) {
      const run = await importInChild(dir, big.file, killAtRows);
      runs.push(run);
      expect(run.finished, `the import finished before the kill at ${killAtRows} rows: ${run.output}`).toBe(false);
      expect(run.killed, run.output).toBe(true);

      const ws = Workspace.open(dir);
      const { token } = ws.signIn(COMMANDER, PASSWORD);
      const records = ws.call(token, 'import.list', { limit: 100 });
      const record = records.find((r) => r.file === 'big.csv' && !killed.includes(r.importId));
      expect(record, 'the killed import is recorded').toBeDefined();
      expect(record!.status).toBe('interrupted');
      expect(record!.error).toMatch(/stopped/i);
      expect(record).toMatchObject({ imported: 0, duplicates: 0, rejected: 0 });
      killed.push(record!.importId);

      expect(ws.call(token, 'alpr.holdings', {}, ACCESS)).toEqual(baseline);
      expectRefusal(() => ws.call(token, 'import.reads', { importId: record!.importId, offset: 0, limit: 10 }, ACCESS), {
        kind: 'failed',
        code: 'import-not-committed',
      });
      const db = ws.database()!;
      expect(db.prepare('SELECT count(*) FROM committed_reads WHERE import_id = ?').pluck().get(record!.importId)).toBe(0);
      expect(storedReads(ws, token, baselineImport)).toHaveLength(500);
      const logged = db
        .prepare("SELECT count(*) FROM audit_log WHERE operation = 'import.interrupted' AND objects LIKE ?")
        .pluck()
        .get(`%"importId":${record!.importId}%`);
      expect(logged, 'the interruption is in the access log').toBe(1);
      ws.close();
    }
    // The kills landed while rows were being written, not only before the first batch.
    expect(runs.filter((r) => r.rowsSeen >= 25_000).length, runs.map((r) => r.rowsSeen).join(', ')).toBeGreaterThanOrEqual(2);

    const ws = Workspace.open(dir);
    const { token } = ws.signIn(COMMANDER, PASSWORD);
    const full: ImportSummary = await importOk(ws, token, big.file, REQUEST);
    expectWellFormedSummary(full);
    expect(full).toMatchObject({ status: 'committed', read: ROWS, imported: ROWS, duplicates: 0, rejected: 0, sha256: big.sha256 });
    expect(ws.call(token, 'alpr.holdings', {}, ACCESS).reads).toBe(baseline.reads + ROWS);
    const db = ws.database()!;
    // what the dead imports wrote is gone, not just hidden
    expect(
      db
        .prepare(`SELECT count(*) FROM plate_reads WHERE import_id IN (${killed.join(',')})`)
        .pluck()
        .get(),
    ).toBe(0);
    expect(
      ws
        .call(token, 'import.list', { limit: 100 })
        .filter((r) => killed.includes(r.importId))
        .map((r) => r.status),
    ).toEqual(['interrupted', 'interrupted', 'interrupted']);
    ws.close();
  });
});
