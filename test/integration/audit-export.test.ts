/**
 * Exporting the access log: streamed to wherever the caller says, in CSV or JSON, with
 * the SHA-256 of exactly what was written kept in the export's own log entry.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_CSV_COLUMNS } from '../../src-main/core/audit/export';
import { Workspace } from '../../src-main/core/workspace';
import { custodian, startCustodian } from '../support/cli';
import {
  COMMANDER,
  createWorkspace,
  expectRefusal,
  exportLog,
  lastEntry,
  objectsOf,
  recordedInput,
  removeTempFolders,
  seedAuditEntries,
  signIn,
  tempFolder,
  type TestWorkspace,
} from '../support/workspace-fixtures';

afterAll(removeTempFolders);

const sha256 = (text: string | Buffer) => crypto.createHash('sha256').update(text).digest('hex');

describe('exporting the access log', () => {
  let w: TestWorkspace;
  let token: string;

  beforeAll(() => {
    w = createWorkspace('export');
    token = signIn(w.ws, COMMANDER);
    // Something worth exporting: names with commas, quotes and non-ASCII letters.
    w.ws.call(token, 'user.add', {
      username: 'zn',
      fullName: 'Zoë "Zee" Núñez, Jr.',
      roles: ['member'],
      password: 'Quiet-Harbor-Lantern-7',
    });
  });
  afterAll(() => w.ws.close());

  const exportText = (format: 'csv' | 'json', filter = {}) => {
    const chunks: string[] = [];
    const summary = w.ws.call(token, 'audit.export', { ...filter, format }, undefined, (c) => chunks.push(c));
    return { text: chunks.join(''), summary, chunks: chunks.length };
  };

  it('writes JSON that reads back as the same entries the log holds, and logs its SHA-256', () => {
    const { text, summary } = exportText('json');
    const entries = JSON.parse(text) as { seq: number; fullName: string | null }[];
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    expect(summary).toEqual({ entries: entries.length, bytes: Buffer.byteLength(text), sha256: sha256(text) });
    const entry = lastEntry(w.ws);
    expect(entry).toMatchObject({ operation: 'audit.export', outcome: 'ok' });
    expect(objectsOf(entry).touched).toEqual([{ format: 'json', exported: entries.length, sha256: summary.sha256 }]);
  });

  it('writes CSV with a header and quotes what needs quoting', () => {
    const { text, summary } = exportText('csv', { operation: 'user.add' });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(AUDIT_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"{""input"":{""confidentialAuthorized"":false,""fullName"":""Zoë \\""Zee\\"" Núñez, Jr.""');
    expect(summary.entries).toBe(1);
  });

  it('writes just the header, or an empty array, when nothing matches', () => {
    expect(exportText('csv', { username: 'nobody' }).text).toBe(AUDIT_CSV_COLUMNS.join(',') + '\n');
    expect(JSON.parse(exportText('json', { username: 'nobody' }).text)).toEqual([]);
  });

  it('hands the result over in pieces rather than all at once', () => {
    for (let i = 0; i < 2100; i++) w.ws.call(token, 'session.whoami', {});
    const { chunks, summary } = exportText('csv');
    expect(summary.entries).toBeGreaterThan(2100);
    expect(chunks).toBeGreaterThanOrEqual(3);
  });

  it("writes each entry's action in words beside its operation, in CSV and in JSON", () => {
    const { text: csv, summary } = exportText('csv', { operation: 'user.add' });
    const [header, row] = csv.trimEnd().split('\n');
    const columns = header!.split(',');
    expect(columns.slice(columns.indexOf('operation'), columns.indexOf('operation') + 2)).toEqual(['operation', 'action']);
    expect(row).toContain(',user.add,Added a person,');
    // The hash kept is of exactly the bytes written, the new column included.
    expect(summary.sha256).toBe(sha256(csv));
    expect(objectsOf(lastEntry(w.ws)).touched).toEqual([{ format: 'csv', exported: 1, sha256: sha256(csv) }]);

    const { text: json } = exportText('json', { operation: 'session.signIn' });
    const entries = JSON.parse(json) as { operation: string; action: string }[];
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(entry).toMatchObject({ operation: 'session.signIn', action: 'Signed in' });
    expect(Object.keys(entries[0]!).slice(5, 7)).toEqual(['operation', 'action']);
  });

  it('exports newest first when asked, the same entries as oldest first, in steps', () => {
    seedAuditEntries(w.ws, 11_000); // three steps of 5,000
    const pinned = (format: 'json', order: 'oldest-first' | 'newest-first') => {
      const { text, chunks } = exportText(format, { order, username: 'seeded' });
      return { seqs: (JSON.parse(text) as { seq: number }[]).map((e) => e.seq), chunks };
    };
    const oldest = pinned('json', 'oldest-first');
    const newest = pinned('json', 'newest-first');
    expect(oldest.seqs).toHaveLength(11_000);
    expect(newest.seqs).toEqual([...oldest.seqs].reverse());
    expect(newest.chunks).toBeGreaterThanOrEqual(3);
    expect(recordedInput(lastEntry(w.ws))).toEqual({ username: 'seeded', format: 'json', order: 'newest-first' });
  });

  it('refuses to run without somewhere to write', () => {
    expectRefusal(() => w.ws.call(token, 'audit.export', { format: 'csv' }), { kind: 'invalid', code: 'no-destination' });
  });

  it('agrees with the reader helper the other tests use', () => {
    expect(exportLog(w.ws, token, { operation: 'user.add' })).toHaveLength(1);
  });
});

/** A new workspace made by `custodian init`, with COMMANDER as its commander. */
function initWorkspace(label: string): string {
  const dir = path.join(tempFolder(label), 'ws');
  const init = custodian(['--workspace', dir, 'init', '--commander', COMMANDER.username, '--full-name', COMMANDER.fullName], {
    CUSTODIAN_PASSWORD: COMMANDER.password,
  });
  expect(init.code, init.stderr).toBe(0);
  return dir;
}

/** Put `count` more entries into the access log of the (closed) workspace in `dir`. */
function seedLog(dir: string, count: number): void {
  const ws = Workspace.open(dir);
  try {
    const token = signIn(ws, COMMANDER);
    seedAuditEntries(ws, count);
    ws.call(token, 'session.signOut', {});
  } finally {
    ws.close();
  }
}

describe('custodian audit export --out', () => {
  const env = { CUSTODIAN_PASSWORD: COMMANDER.password };
  const commanderArgs = (dir: string, ...args: string[]) => ['--workspace', dir, '--user', COMMANDER.username, ...args];
  const exportArgs = (dir: string, out: string) => commanderArgs(dir, 'audit', 'export', '--format', 'csv', '--out', out);
  /** The exports the access log records, oldest first. */
  const loggedExports = (dir: string) => {
    const log = custodian(commanderArgs(dir, '--json', 'audit', 'export', '--format', 'json', '--operation', 'audit.export'), env);
    expect(log.code, log.stderr).toBe(0);
    return JSON.parse(log.stdout) as { outcome: string; reason: string | null; objects: { touched?: { sha256: string }[] } }[];
  };

  it('writes a new file with progress on standard error, reports its SHA-256, and the log holds the same hash', () => {
    const dir = initWorkspace('export-cli');
    seedLog(dir, 12_000); // the export reports after each 5,000 entries
    const out = path.join(tempFolder('export-out'), 'log.csv');
    const r = custodian(exportArgs(dir, out), env);
    expect(r.code, r.stderr).toBe(0);
    const written = fs.readFileSync(out);
    const reported = r.stderr.match(/\(SHA-256 ([0-9a-f]{64})\)/)?.[1];
    expect(reported).toBe(sha256(written));
    expect((fs.statSync(out).mode & 0o777).toString(8)).toBe('600');

    // no terminal: a whole line per report, none rewritten in place
    expect(r.stderr).not.toContain('\r');
    const progress = r.stderr.split('\n').filter((line) => line.startsWith('log.csv: '));
    expect(progress).toEqual([
      expect.stringMatching(/^log\.csv: 5,000 of 12,\d{3} entries 4\d%$/),
      expect.stringMatching(/^log\.csv: 10,000 of 12,\d{3} entries 8\d%$/),
    ]);

    const again = custodian(exportArgs(dir, out), env);
    expect(again.code).toBe(2);
    expect(fs.readFileSync(out).equals(written)).toBe(true);

    expect(loggedExports(dir)[0]!.objects.touched![0]!.sha256).toBe(reported);
  });

  it('stops at Ctrl-C: exits 1, leaves no file behind, and the log records the export as cancelled', async () => {
    const dir = initWorkspace('export-cancel');
    // about two seconds of export: Ctrl-C comes at the first report (5,000 entries), long before the end
    seedLog(dir, 200_000);
    const out = path.join(tempFolder('export-cancel-out'), 'log.csv');
    const child = startCustodian(exportArgs(dir, out), env);
    let stderr = '';
    let writingWhenInterrupted: boolean | undefined;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (writingWhenInterrupted === undefined && /^log\.csv: [\d,]+ of/m.test(stderr)) {
        writingWhenInterrupted = fs.existsSync(out);
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.once('close', (exitCode) => resolve(exitCode)));

    expect(writingWhenInterrupted, 'the export was under way when interrupted').toBe(true);
    expect(code, stderr).toBe(1);
    expect(stderr).toContain('Cancelling…');
    expect(stderr).toMatch(new RegExp(`custodian: .*cancelled by ${COMMANDER.fullName} before it finished`));
    expect(stderr).not.toMatch(/entries written to/);
    expect(fs.existsSync(out)).toBe(false);
    expect(loggedExports(dir)).toEqual([
      expect.objectContaining({ outcome: 'error', reason: expect.stringMatching(`cancelled by ${COMMANDER.fullName}`) }),
    ]);
  });

  it('leaves no file behind when the export is refused', () => {
    const dir = initWorkspace('export-refused');
    const out = path.join(tempFolder('export-refused-out'), 'log.csv');
    const r = custodian(exportArgs(dir, out), { CUSTODIAN_PASSWORD: 'Wrong-Password-000' });
    expect(r.code).toBe(3);
    expect(fs.existsSync(out)).toBe(false);
  });
});
