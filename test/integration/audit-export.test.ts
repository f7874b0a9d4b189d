/**
 * Exporting the access log: streamed to wherever the caller says, in CSV or JSON, with
 * the SHA-256 of exactly what was written kept in the export's own log entry.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_CSV_COLUMNS } from '../../src-main/core/audit/export';
import { custodian } from '../support/cli';
import {
  COMMANDER,
  createWorkspace,
  expectRefusal,
  exportLog,
  lastEntry,
  objectsOf,
  removeTempFolders,
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

  it('refuses to run without somewhere to write', () => {
    expectRefusal(() => w.ws.call(token, 'audit.export', { format: 'csv' }), { kind: 'invalid', code: 'no-destination' });
  });

  it('agrees with the reader helper the other tests use', () => {
    expect(exportLog(w.ws, token, { operation: 'user.add' })).toHaveLength(1);
  });
});

describe('custodian audit export --out', () => {
  it('writes a new file, reports its SHA-256, and the log holds the same hash', () => {
    const dir = path.join(tempFolder('export-cli'), 'ws');
    const env = { CUSTODIAN_PASSWORD: COMMANDER.password };
    expect(custodian(['--workspace', dir, 'init', '--commander', COMMANDER.username, '--full-name', COMMANDER.fullName], env).code).toBe(0);
    const out = path.join(tempFolder('export-out'), 'log.csv');
    const r = custodian(['--workspace', dir, '--user', COMMANDER.username, 'audit', 'export', '--format', 'csv', '--out', out], env);
    expect(r.code, r.stderr).toBe(0);
    const written = fs.readFileSync(out);
    const reported = r.stderr.match(/\(SHA-256 ([0-9a-f]{64})\)/)?.[1];
    expect(reported).toBe(sha256(written));
    expect((fs.statSync(out).mode & 0o777).toString(8)).toBe('600');

    const again = custodian(['--workspace', dir, '--user', COMMANDER.username, 'audit', 'export', '--format', 'csv', '--out', out], env);
    expect(again.code).toBe(2);
    expect(fs.readFileSync(out).equals(written)).toBe(true);

    const log = custodian(
      ['--workspace', dir, '--user', COMMANDER.username, '--json', 'audit', 'export', '--format', 'json', '--operation', 'audit.export'],
      env,
    );
    const exports = JSON.parse(log.stdout) as { objects: { touched?: { sha256: string }[] } }[];
    expect(exports[0]!.objects.touched![0]!.sha256).toBe(reported);
  });

  it('leaves no file behind when the export is refused', () => {
    const dir = path.join(tempFolder('export-refused'), 'ws');
    expect(
      custodian(['--workspace', dir, 'init', '--commander', COMMANDER.username, '--full-name', COMMANDER.fullName], {
        CUSTODIAN_PASSWORD: COMMANDER.password,
      }).code,
    ).toBe(0);
    const out = path.join(tempFolder('export-refused-out'), 'log.csv');
    const r = custodian(['--workspace', dir, '--user', COMMANDER.username, 'audit', 'export', '--format', 'csv', '--out', out], {
      CUSTODIAN_PASSWORD: 'Wrong-Password-000',
    });
    expect(r.code).toBe(3);
    expect(fs.existsSync(out)).toBe(false);
  });
});
