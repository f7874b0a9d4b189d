/**
 * A purge killed (SIGKILL) midway leaves a store that opens, verifies (audit verify), and
 * finishes on the next run with the same certificate totals (Policy 427.5).
 *
 * A workspace holds 60,000+ reads past the period (some with images, some held for a case,
 * some with hot-list alerts) and reads within it. A child process runs the purge and is
 * killed four times: by itself, after the first step of its plan (the plan is made in steps);
 * by the test, at the first progress report past 10,000 reads destroyed (the kill lands while
 * the next batch is being written); by the test again,
 * in the run that takes the plan up, past 40,000; and by itself, once every read is gone,
 * just before the vendor audit rows and the certificate. After each kill the store opens,
 * its integrity and its access log check, every read is either whole (row, search-index
 * row, image key and file) or wholly gone, and the plan says which. The purge run in the
 * test then finishes the plan, with totals and a destroyed-ids hash equal to those of a copy
 * of the workspace purged without interruption, and to those the seed says.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PurgeRun } from '../../src-main/contract/retention';
import { Workspace } from '../../src-main/core/workspace';
import { writeFlockReadsCsv, writeFolderBundle } from '../fixtures/vendor-files';
import { ACCESS, importOk, importWorkspace } from '../support/import-support';
import { COMMANDER, openStore, removeTempFolders, signIn, TestClock, tempFolder } from '../support/workspace-fixtures';

afterAll(removeTempFolders);

const CHILD = path.join(__dirname, '..', 'support', 'purge-child.ts');
const AS_OF = '2026-11-29T12:00:00.000Z';
const CUT_OFF = Date.parse(AS_OF) - 30 * 86_400_000;
const BATCH = 10_000;
const OLD_READS = 60_000;
const BUNDLE_READS = 140;
const YOUNG_READS = 1_000;
/** each kill: at a progress report of at least `done` reads (by the test), or at a phase (by the child itself) */
const KILLS: readonly { done?: number; phase?: string }[] = [
  { phase: 'finding the reads past the retention period: ' },
  { done: BATCH },
  { done: 4 * BATCH },
  { phase: 'destroying vendor audit rows' },
];

interface ChildRun {
  killed: boolean;
  finished: boolean;
  /** the reads done the last progress report named, and its phase */
  done: number;
  phases: string[];
  output: string;
}

/** Run the purge in a child process; SIGKILL it at the first progress report of at least `killAt.done` reads. */
function purgeInChild(dir: string, clock: string, killAt: { done?: number; phase?: string }): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const args = [CHILD, dir, COMMANDER.username, COMMANDER.password, AS_OF, clock, ...(killAt.phase ? [killAt.phase] : [])];
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let done = 0;
    const phases: string[] = [];
    let sent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      phases.length = 0;
      for (const m of out.matchAll(/^progress (\d+) (.*)$/gm)) {
        done = Number(m[1]);
        phases.push(m[2]!);
      }
      if (!sent && killAt.done !== undefined && done >= killAt.done) {
        sent = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) =>
      resolve({ killed: signal === 'SIGKILL', finished: /^done /m.test(out), done, phases, output: out.slice(-800) + err.slice(-2000) }),
    );
  });
}

const sha256Of = (ids: readonly number[]) =>
  crypto
    .createHash('sha256')
    .update(ids.map((id) => `${id}\n`).join(''))
    .digest('hex');

interface Seeded {
  dir: string;
  /** every read id there was before the purge, with whether it had an image */
  reads: Map<number, { image: boolean }>;
  held: number[];
  young: number[];
  /** what the purge must destroy, worked out from the seed and the store before it ran */
  expected: { ids: number[]; images: number; alerts: number };
}

/** The workspace: reads past the period (a big import, and a bundle with images), reads within it, holds and alerts. */
async function seedWorkspace(): Promise<Seeded> {
  const { w, token } = importWorkspace('purge-crash');
  const files = tempFolder('purge-crash-files');
  const big = await writeFlockReadsCsv(path.join(files, 'old.csv'), { rows: OLD_READS, seed: 51 });
  const bigImport = (await importOk(w.ws, token, big.file, { vendor: 'csv', mapping: big.mapping, timezone: 'UTC' })).importId;
  const bundle = writeFolderBundle(files, { seed: 5, rows: BUNDLE_READS });
  const bundleImport = (await importOk(w.ws, token, bundle.path, bundle.request)).importId;
  const young = await writeFlockReadsCsv(path.join(files, 'young.csv'), { rows: YOUNG_READS, seed: 52, start: CUT_OFF + 86_400_000 });
  const youngImport = (await importOk(w.ws, token, young.file, { vendor: 'csv', mapping: young.mapping, timezone: 'UTC' })).importId;

  const db = openStore(w.ws);
  const idsOf = (importId: number) =>
    db.prepare('SELECT id FROM plate_reads WHERE import_id = ? ORDER BY id').pluck().all(importId) as number[];
  const old = [...idsOf(bigImport), ...idsOf(bundleImport)];
  expect(old).toHaveLength(OLD_READS + BUNDLE_READS);
  const withImage = new Set(db.prepare('SELECT read_id FROM read_images WHERE file IS NOT NULL').pluck().all() as number[]);
  expect(withImage.size).toBeGreaterThan(100);

  // held: every 1,499th old read, and the bundle's first 12 (most with an image)
  const held = [...idsOf(bigImport).filter((_, i) => i % 1499 === 7), ...idsOf(bundleImport).slice(0, 12)];
  w.ws.call(token, 'case.create', { number: '26-4410', title: 'Stolen vehicle ring', type: 'Auto theft', lead: 'Det. M. Ibarra' });
  w.ws.call(token, 'hold.place', { caseNumber: '26-4410', reason: 'evidence', readIds: held });
  // alerts: on an old read the purge destroys, and on a held one it keeps
  const plateOf = (id: number) => db.prepare('SELECT plate_norm FROM plate_reads WHERE id = ?').pluck().get(id) as string;
  for (const id of [old[100]!, held[0]!])
    w.ws.call(
      token,
      'hotlist.add',
      { list: 'Local BOLO', plate: plateOf(id), reason: 'Stolen vehicle', caseNumber: '26-4410', expires: '2026-12-31' },
      ACCESS,
    );
  const heldSet = new Set(held);
  const ids = old.filter((id) => !heldSet.has(id));
  const alerts = db.prepare('SELECT read_id FROM alerts').pluck().all() as number[];
  expect(alerts.filter((id) => heldSet.has(id)).length).toBeGreaterThan(0);
  const expected = { ids, images: ids.filter((id) => withImage.has(id)).length, alerts: alerts.filter((id) => !heldSet.has(id)).length };
  expect(expected.alerts).toBeGreaterThan(0);

  const reads = new Map<number, { image: boolean }>();
  for (const id of db.prepare('SELECT id FROM plate_reads').pluck().all() as number[]) reads.set(id, { image: withImage.has(id) });
  const seeded = { dir: w.dir, reads, held, young: idsOf(youngImport), expected };
  w.ws.close();
  return seeded;
}

/** Open a workspace on a test clock (after the children's), signed in as the commander. */
function open(dir: string, at: string) {
  const ws = Workspace.open(dir, { clock: new TestClock(at), workstation: 'RECORDS-DESK-1' });
  return { ws, token: signIn(ws, COMMANDER) };
}

async function purge(ws: Workspace, token: string): Promise<PurgeRun> {
  return (await ws.startJob(token, 'purge.run', { asOf: AS_OF }, undefined, {
    signal: new AbortController().signal,
    onProgress: () => {},
  })) as PurgeRun;
}

/**
 * The store is whole: SQLite's integrity check (the search index's with it), the access log,
 * and every read either whole — its row, its search-index row, its image's key row and file —
 * or wholly gone, as the plan of the running purge says (or, once it has finished, as the seed
 * says). Returns how many reads are gone.
 */
function expectWholeStore(ws: Workspace, token: string, seeded: Seeded, stage: 'planning' | 'destroying' | 'finished'): number {
  const finished = stage === 'finished';
  const db = openStore(ws);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  const verified = ws.call(token, 'audit.verify', {});
  expect(verified.problem).toBeNull();
  expect(verified.ok).toBe(true);

  const set = (sql: string) => new Set(db.prepare(sql).pluck().all() as number[]);
  const rows = set('SELECT id FROM plate_reads');
  const indexed = set('SELECT rowid FROM plate_search');
  const keyed = set('SELECT read_id FROM read_images WHERE key IS NOT NULL');
  const planned = db
    .prepare("SELECT p.read_id, p.done FROM purge_plan p JOIN purge_runs r ON r.id = p.run_id WHERE r.status = 'running'")
    .all() as {
    read_id: number;
    done: 0 | 1;
  }[];
  if (stage === 'planning') {
    // part of the plan made, none of it destroyed
    expect(planned.length).toBeGreaterThan(0);
    expect(planned.length).toBeLessThan(seeded.expected.ids.length);
    expect(planned.filter((p) => p.done === 1)).toEqual([]);
  } else expect(planned.length).toBe(finished ? 0 : seeded.expected.ids.length);
  const doneInPlan = new Set(finished ? seeded.expected.ids : planned.filter((p) => p.done === 1).map((p) => p.read_id));
  const halfway: string[] = [];
  for (const [id, { image }] of seeded.reads) {
    const present = rows.has(id);
    if (indexed.has(id) !== present) halfway.push(`read ${id}: row ${present}, search index ${indexed.has(id)}`);
    if (image && keyed.has(id) !== present) halfway.push(`read ${id}: row ${present}, image key ${keyed.has(id)}`);
    if (doneInPlan.has(id) === present) halfway.push(`read ${id}: row ${present}, destroyed by the plan ${doneInPlan.has(id)}`);
  }
  expect(halfway.slice(0, 10), `${halfway.length} reads half-destroyed`).toEqual([]);
  // nothing but the seeded reads
  expect([...rows].filter((id) => !seeded.reads.has(id))).toEqual([]);

  // a file whose key row is there is there; a file without one is only waiting to be unlinked
  const images = ws.files.images;
  const keyedFiles = db.prepare('SELECT file FROM read_images WHERE file IS NOT NULL').pluck().all() as string[];
  expect(keyedFiles.filter((file) => !fs.existsSync(path.join(images, file)))).toEqual([]);
  const shredded = new Set(db.prepare('SELECT file FROM purge_files').pluck().all() as string[]);
  const onDisk = fs
    .readdirSync(images, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.img'));
  const keyedSet = new Set(keyedFiles);
  expect(onDisk.filter((file) => !keyedSet.has(file) && !shredded.has(file))).toEqual([]);
  return doneInPlan.size;
}

describe('a purge killed part-way, four times', () => {
  let seeded: Seeded;
  let copy: string;

  beforeAll(async () => {
    seeded = await seedWorkspace();
    // an identical workspace, to purge without interruption
    copy = path.join(tempFolder('purge-crash-copy'), 'workspace');
    fs.cpSync(seeded.dir, copy, { recursive: true });
  });

  it('leaves a whole store each time, and the next run finishes the plan with the totals of an uninterrupted purge', async () => {
    const runs: ChildRun[] = [];
    let destroyedSoFar = 0;
    for (const [i, killAt] of KILLS.entries()) {
      const run = await purgeInChild(seeded.dir, `2026-11-29T13:0${i}:00.000Z`, killAt);
      runs.push(run);
      expect(run.finished, `the purge finished before kill ${i + 1}: ${run.output}`).toBe(false);
      expect(run.killed, run.output).toBe(true);
      if (i > 0) expect(run.phases[0], run.output).toMatch(/^finishing purge run 1, cut short earlier/);

      const { ws, token } = open(seeded.dir, `2026-11-29T13:0${i}:30.000Z`);
      const planning = killAt.phase?.startsWith('finding') === true;
      const destroyed = expectWholeStore(ws, token, seeded, planning ? 'planning' : 'destroying');
      // the kill came part-way: after the batches the child reported, before the plan was done
      expect(destroyed).toBeGreaterThanOrEqual(Math.max(run.done, destroyedSoFar));
      if (planning) expect(destroyed).toBe(0);
      else if (killAt.phase === undefined) expect(destroyed, run.output).toBeLessThan(seeded.expected.ids.length);
      else expect(destroyed).toBe(seeded.expected.ids.length);
      destroyedSoFar = destroyed;
      const [listed] = ws.call(token, 'purge.list', {});
      expect(listed).toMatchObject({ id: 1, status: 'running', destroyed: null });
      if (planning) expect(listed!.plannedReads).toBeLessThan(seeded.expected.ids.length);
      else expect(listed!.plannedReads).toBe(seeded.expected.ids.length);
      ws.close();
    }
    expect(runs.map((r) => r.done)).toEqual([0, expect.any(Number) as number, expect.any(Number) as number, seeded.expected.ids.length]);
    expect(runs[1]!.done).toBeGreaterThanOrEqual(BATCH);
    expect(runs[2]!.done).toBeGreaterThanOrEqual(4 * BATCH);

    // the next run, in this process, finishes the plan
    const { ws, token } = open(seeded.dir, '2026-11-29T14:00:00.000Z');
    const finished = await purge(ws, token);
    expect(finished).toMatchObject({ id: 1, status: 'finished', plannedReads: seeded.expected.ids.length });
    expectWholeStore(ws, token, seeded, 'finished');
    const db = openStore(ws);
    const certificate = JSON.parse(db.prepare('SELECT certificate FROM purge_runs WHERE id = 1').pluck().get() as string) as {
      destroyed: unknown;
      kept: unknown;
    };
    expect(db.prepare('SELECT count(*) FROM purge_files').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM purge_plan').pluck().get()).toBe(0);
    // the held and young reads stay, whole; only they
    const remaining = db.prepare('SELECT id FROM plate_reads ORDER BY id').pluck().all() as number[];
    expect(remaining).toEqual([...seeded.held, ...seeded.young].sort((a, b) => a - b));
    expect(
      db.prepare('SELECT count(*) FROM alerts WHERE read_id IN (SELECT value FROM json_each(?))').pluck().get(JSON.stringify(seeded.held)),
    ).toBeGreaterThan(0);
    const heldImages = seeded.held.filter((id) => seeded.reads.get(id)!.image).length;
    expect(heldImages).toBeGreaterThan(0);
    expect(fs.readdirSync(ws.files.images, { recursive: true }).filter((f) => String(f).endsWith('.img'))).toHaveLength(heldImages);
    ws.close();

    // the totals the seed says
    const { ids, images, alerts } = seeded.expected;
    expect(finished.destroyed).toEqual({ reads: ids.length, images, searchIndexRows: ids.length, alerts, vendorAuditRows: 0 });
    expect(finished.destroyedIdsSha256).toBe(sha256Of(ids));

    // and those of the same workspace purged in one go
    const other = open(copy, '2026-11-29T14:00:00.000Z');
    const uninterrupted = await purge(other.ws, other.token);
    const otherCertificate = JSON.parse(
      openStore(other.ws).prepare('SELECT certificate FROM purge_runs WHERE id = 1').pluck().get() as string,
    ) as typeof certificate;
    other.ws.close();
    expect(uninterrupted.destroyed).toEqual(finished.destroyed);
    expect(uninterrupted.destroyedIdsSha256).toBe(finished.destroyedIdsSha256);
    expect(uninterrupted.plannedReads).toBe(finished.plannedReads);
    expect(certificate.destroyed).toEqual(otherCertificate.destroyed);
    expect(certificate.kept).toEqual(otherCertificate.kept);
  });
});
