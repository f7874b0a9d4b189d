/**
 * What a refused import leaves in the permanent log, and who may import at all. Found by
 * trying: a link to /etc/shadow was followed and its first line written into the log; an
 * untrained administrator imported reads; the preview showed plate reads without a case
 * and purpose.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { custodian } from '../support/cli';
import { ACCESS, importWorkspace, runImport } from '../support/import-support';
import { allEntries, COMMANDER, createWorkspace, lastEntry, removeTempFolders, signIn, tempFolder } from '../support/workspace-fixtures';

afterAll(removeTempFolders);

const SECRET_LINE = 'root:$6$Qx9dLW1e$0l1veTheLambdaS3cret:19000:0:99999:7:::';

/** A file that is no known layout, its first line something that must never reach the log. */
function secretFile(dir: string): string {
  const file = path.join(dir, 'notes.csv');
  fs.writeFileSync(file, `${SECRET_LINE}\nbin:*:19000:0:99999:7:::\n`);
  return file;
}

describe('a refused import in the access log', () => {
  it('records the file’s name, size and hash, never a line of it', async () => {
    const { w, token } = importWorkspace('refused-content');
    const file = secretFile(tempFolder('secret'));
    const result = await runImport(w.ws, token, file, { vendor: 'auto' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // the person is told what was found, as before
    expect(result.error.code).toBe('format-unknown');
    const entry = lastEntry(w.ws);
    expect(entry).toMatchObject({ operation: 'import.run', outcome: 'error' });
    const sha256 = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    const size = fs.statSync(file).size;
    expect(entry.reason).toBe(
      `The file notes.csv (${size} bytes, SHA-256 ${sha256}) was refused (format-unknown); what it holds is not recorded here.`,
    );
    expect(JSON.stringify(allEntries(w.ws))).not.toMatch(/root|Lambda|bin:\*/);
    w.ws.close();
  });

  it('a link leading outside its folder is refused, saying where it leads, and nothing of the target is read', async () => {
    const { w, token } = importWorkspace('link-out');
    const target = secretFile(tempFolder('elsewhere'));
    const dropbox = tempFolder('dropbox');
    const link = path.join(dropbox, 'x.csv');
    fs.symlinkSync(target, link);
    const result = await runImport(w.ws, token, link, { vendor: 'auto' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('link-outside-folder');
    expect(result.error.message).toBe(
      `${link} is a link to ${fs.realpathSync(target)}, outside the folder it is in; import the file itself, not a link to it.`,
    );
    expect(JSON.stringify(allEntries(w.ws))).not.toMatch(/root|Lambda/);
    w.ws.close();
  });

  it('a link to a file in the same folder is followed', async () => {
    const { w, token } = importWorkspace('link-in');
    const dropbox = tempFolder('dropbox-in');
    const real = path.join(dropbox, 'reads.csv');
    fs.writeFileSync(real, 'Plate,Time\nABC123,2026-11-01T10:00:00Z\n');
    fs.symlinkSync(real, path.join(dropbox, 'latest.csv'));
    const result = await runImport(w.ws, token, path.join(dropbox, 'latest.csv'), { vendor: 'auto' });
    // followed: refused only for its layout, not for being a link
    expect(result.ok ? 'imported' : result.error.code).toBe('format-unknown');
    w.ws.close();
  });

  it('from the command line: ln -s /etc/passwd x.csv; custodian import x.csv', () => {
    const dir = path.join(tempFolder('cli-link'), 'ws');
    const env = { CUSTODIAN_PASSWORD: 'Parsons-Records-2026!' };
    expect(custodian(['--workspace', dir, 'init', '--commander', 'cmdr', '--full-name', 'Pat Commander'], env).code).toBe(0);
    const run = (...args: string[]) => custodian(['--workspace', dir, '--user', 'cmdr', ...args], env);
    expect(run('training', 'record', '--username', 'cmdr', '--course', 'ALPR Operator Training', '--completed', '2026-01-05').code).toBe(0);
    const link = path.join(tempFolder('cli-dropbox'), 'x.csv');
    fs.symlinkSync('/etc/passwd', link);
    const r = run('import', link);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is a link to \/etc\/passwd, outside the folder it is in/);
    const log = run('audit', 'export', '--format', 'json');
    expect(log.code, log.stderr).toBe(0);
    expect(log.stdout).not.toMatch(/root:/);
  });
});

describe('importing is handling ALPR data (427.4(d))', () => {
  it('an administrator without current training may not import', async () => {
    const w = createWorkspace('untrained-import', { start: '2026-11-29T12:00:00.000Z' });
    const token = signIn(w.ws, COMMANDER);
    const file = path.join(tempFolder('untrained'), 'reads.csv');
    fs.writeFileSync(file, 'plate,time\nABC123,2026-11-01T10:00:00Z\n');
    const result = await runImport(w.ws, token, file, { vendor: 'auto' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ kind: 'denied', code: 'training-required' });
    expect(result.error.message).toMatch(/may not bring ALPR data in until current training is recorded \(policy 427\.4\(d\)\)/);
    expect(lastEntry(w.ws)).toMatchObject({ operation: 'import.run', outcome: 'denied' });
    w.ws.close();
  });

  it('the preview shows rows only with a case number and a purpose, like every other view of reads', async () => {
    const { w, token } = importWorkspace('preview-purpose');
    const file = path.join(tempFolder('preview'), 'reads.csv');
    fs.writeFileSync(file, 'plate,time\nABC123,2026-11-01T10:00:00Z\n');
    const preview = (access?: typeof ACCESS) =>
      w.ws.startJob(token, 'import.preview', { source: { path: file }, vendor: 'auto' }, access, {
        signal: new AbortController().signal,
        onProgress: () => {},
      });
    await expect(preview()).rejects.toMatchObject({ kind: 'denied', code: 'purpose-required' });
    await expect(preview(ACCESS)).resolves.toMatchObject({ rows: expect.any(Array) as unknown[] });
    expect(lastEntry(w.ws)).toMatchObject({ operation: 'import.preview', outcome: 'ok', caseNumber: ACCESS.caseNumber });
    w.ws.close();
  });
});
