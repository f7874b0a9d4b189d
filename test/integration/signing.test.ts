/**
 * The department's signing certificate on a real encrypted workspace: made here (RSA 3072)
 * or the agency's own PKCS#12 made by OpenSSL, the key kept only in the store, the public
 * certificate exported; purge certificates signed with it and validated by poppler's pdfsig
 * (valid, the whole document signed, the signer named), a tampered copy rejected, and every
 * certificate made again byte for byte with the certificate that signed it, after another
 * has taken its place.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PurgeRun } from '../../src-main/contract/retention';
import type { SigningCertificateInfo } from '../../src-main/contract/signing';
import { importWorkspace } from '../support/import-support';
import { importReadRows } from '../support/read-rows';
import { pdfText, renderPages } from '../support/pdf-tools';
import { opensslPkcs12 } from '../support/pkcs12';
import {
  ADMINISTRATOR,
  addPerson,
  expectRefusal,
  openStore,
  removeTempFolders,
  signIn,
  tempFolder,
  type TestWorkspace,
} from '../support/workspace-fixtures';

afterAll(removeTempFolders);

const AS_OF = '2026-11-29T12:00:00.000Z';
const DAY = 86_400_000;
const PASSPHRASE = 'agency-p12-Passphrase-7731';
let w: TestWorkspace;
let token: string;
let dir: string;

/** What pdfsig says of a file, and whether it exited 0. */
function pdfsig(file: string): { ok: boolean; text: string } {
  const result = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  return { ok: result.status === 0, text: `${result.stdout}${result.stderr}` };
}

let reads = 0;
/** One read past the period, so each purge destroys something. */
async function anExpiredRead(): Promise<void> {
  reads += 1;
  const name = `expired-${reads}`;
  await importReadRows(w.ws, token, path.join(dir, name), name, [
    { id: name, at: new Date(Date.parse(AS_OF) - 40 * DAY - reads * 1000).toISOString(), plate: `GONE${String(reads).padStart(3, '0')}` },
  ]);
}

/** A job run to its end, as the app runs it. */
function job(name: 'purge.run' | 'purge.certificate' | 'signing.import', input: object): Promise<unknown> {
  return w.ws.startJob(token, name, input as never, undefined, { signal: new AbortController().signal, onProgress: () => {} });
}

async function purge(): Promise<PurgeRun> {
  await anExpiredRead();
  return (await job('purge.run', { asOf: AS_OF })) as PurgeRun;
}

async function certificateOf(run: PurgeRun, name: string): Promise<string> {
  const out = (await job('purge.certificate', { runId: run.id })) as { sha256: string; pdfBase64: string };
  expect(out.sha256).toBe(run.certificateSha256);
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, Buffer.from(out.pdfBase64, 'base64'));
  return file;
}

beforeAll(() => {
  ({ w, token } = importWorkspace('signing'));
  dir = tempFolder('signing-files');
  addPerson(w.ws, token, ADMINISTRATOR);
  w.ws.call(token, 'settings.update', { departmentName: 'Parsons Police Department' });
});
afterAll(() => w?.ws.close());

describe('the signing certificate', () => {
  let unsignedRun: PurgeRun;
  let generated: SigningCertificateInfo;
  let signedRun: PurgeRun;

  it('before one is set up, a purge certificate is made unsigned and says nothing of a signature', async () => {
    expect(w.ws.call(token, 'signing.show', {})).toEqual({ current: null, all: [] });
    unsignedRun = await purge();
    expect(unsignedRun.signedBy).toBeNull();
    const file = await certificateOf(unsignedRun, 'unsigned');
    expect(pdfsig(file).text).toMatch(/does not contain any signatures/);
    expect(pdfText(file)).not.toMatch(/Digital signature/);
  });

  it('is made by the commander only: RSA 3072, self-signed, named as asked, for the department', () => {
    const administrator = signIn(w.ws, ADMINISTRATOR);
    expectRefusal(() => w.ws.call(administrator, 'signing.generate', { commonName: 'Records Unit' }), {
      kind: 'denied',
      code: 'not-permitted',
    });
    generated = w.ws.call(token, 'signing.generate', { commonName: 'Records Unit, Parsons PD' });
    expect(generated).toMatchObject({
      commonName: 'Records Unit, Parsons PD',
      organization: 'Parsons Police Department',
      keyDescription: 'RSA 3072',
      origin: 'generated',
      retiredAt: null,
      notBefore: w.clock.now().toISOString(),
    });
    // the administrator reads the public certificate (to hand to a recipient), never the key
    const seen = w.ws.call(administrator, 'signing.show', {});
    expect(seen.current?.fingerprint).toBe(generated.fingerprint);
    expect(JSON.stringify(seen)).not.toMatch(/PRIVATE KEY/);
    const pem = path.join(dir, 'department.pem');
    fs.writeFileSync(pem, generated.certificatePem);
    const fingerprint = execFileSync('openssl', ['x509', '-in', pem, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' });
    expect(fingerprint.split('=')[1]!.trim().replaceAll(':', '').toLowerCase()).toBe(generated.fingerprint);
    const text = execFileSync('openssl', ['x509', '-in', pem, '-noout', '-text'], { encoding: 'utf8' });
    expect(text).toMatch(/Public-Key: \(3072 bit\)/);
    expect(text).toMatch(/Digital Signature, Non Repudiation/);
    // the key is in the store, and only there
    expect(openStore(w.ws).prepare('SELECT length(pkcs12) FROM signing_certificates').pluck().get()).toBeGreaterThan(2000);
    const made = openStore(w.ws).prepare("SELECT outcome, objects FROM audit_log WHERE operation = 'signing.generate' ORDER BY seq").all();
    expect(made.map((entry) => (entry as { outcome: string }).outcome)).toEqual(['denied', 'ok']);
    expect(JSON.parse((made[1] as { objects: string }).objects)).toMatchObject({
      touched: [{ signingCertificate: generated.id, commonName: 'Records Unit, Parsons PD', fingerprint: generated.fingerprint }],
    });
  });

  it('a second is made only when it is to replace the first', () => {
    expectRefusal(() => w.ws.call(token, 'signing.generate', { commonName: 'Another' }), {
      kind: 'invalid',
      code: 'signing-certificate-in-use',
      message: /already signs with "Records Unit, Parsons PD"/,
    });
    expect(w.ws.call(token, 'signing.show', {}).all).toHaveLength(1);
  });

  it('signs the purge certificate: pdfsig finds the signature valid over the whole document, naming the signer', async () => {
    signedRun = await purge();
    expect(signedRun.signedBy).toEqual({ commonName: 'Records Unit, Parsons PD', fingerprint: generated.fingerprint });
    const file = await certificateOf(signedRun, 'signed');
    const said = pdfsig(file);
    expect(said.ok).toBe(true);
    expect(said.text).toMatch(/Signer Certificate Common Name: Records Unit, Parsons PD/);
    expect(said.text).toMatch(/Signing Hash Algorithm: SHA-256/);
    expect(said.text).toMatch(/Signature Type: adbe\.pkcs7\.detached/);
    expect(said.text).toMatch(/Total document signed/);
    expect(said.text).toMatch(/Signature Validation: Signature is Valid\./);
    expect(pdfText(file)).toContain(generated.fingerprint);
    expect(pdfText(file)).toContain('None written while it worked');
    renderPages(file, 'purge-certificate-signed');

    // one byte of the signed content changed (the first page's height, 792 points, made 791): pdfsig says so
    const bytes = fs.readFileSync(file);
    const box = bytes.indexOf('/MediaBox [0 0 612 792]');
    expect(box).toBeGreaterThan(0);
    bytes[box + '/MediaBox [0 0 612 79'.length] = '1'.charCodeAt(0);
    const tampered = path.join(dir, 'tampered.pdf');
    fs.writeFileSync(tampered, bytes);
    const refused = pdfsig(tampered);
    expect(refused.text).not.toMatch(/Signature is Valid/);
    expect(refused.text).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
  });

  it("imports the agency's PKCS#12: a wrong passphrase changes nothing and is never logged; the right one takes its place", async () => {
    const p12 = opensslPkcs12(dir, { subject: '/CN=Parsons PD Records/O=City of Parsons', passphrase: PASSPHRASE });

    const before = openStore(w.ws).prepare('SELECT * FROM signing_certificates').all();
    await expect(job('signing.import', { source: { path: p12 }, passphrase: 'not-the-passphrase' })).rejects.toMatchObject({
      code: 'pkcs12-passphrase',
    });
    expect(openStore(w.ws).prepare('SELECT * FROM signing_certificates').all()).toEqual(before);
    // in use: replaced only when asked
    await expect(job('signing.import', { source: { path: p12 }, passphrase: PASSPHRASE })).rejects.toMatchObject({
      code: 'signing-certificate-in-use',
    });

    const imported = (await job('signing.import', {
      source: { path: p12 },
      passphrase: PASSPHRASE,
      replace: true,
    })) as SigningCertificateInfo;
    expect(imported).toMatchObject({
      commonName: 'Parsons PD Records',
      organization: 'City of Parsons',
      origin: 'imported',
      keyDescription: 'RSA 3072',
    });
    const state = w.ws.call(token, 'signing.show', {});
    expect(state.current?.id).toBe(imported.id);
    expect(state.all.map((c) => [c.commonName, c.retiredAt === null])).toEqual([
      ['Parsons PD Records', true],
      ['Records Unit, Parsons PD', false],
    ]);
    const log = openStore(w.ws).prepare('SELECT objects FROM audit_log').pluck().all().join('\n');
    expect(log).not.toContain(PASSPHRASE);
    expect(log).not.toContain('not-the-passphrase');

    const run = await purge();
    const said = pdfsig(await certificateOf(run, 'signed-imported'));
    expect(said.text).toMatch(/Signer Certificate Common Name: Parsons PD Records/);
    expect(said.text).toMatch(/Signature is Valid/);
  });

  it('makes every earlier certificate again byte for byte, each with the certificate that signed it', async () => {
    for (const run of [unsignedRun, signedRun]) await certificateOf(run, `again-${run.id}`);
  });

  it('refuses what is not an RSA PKCS#12 with a plain reason, and nothing changes', async () => {
    const p12 = opensslPkcs12(dir, { subject: '/CN=EC', passphrase: 'x', file: 'ec.p12', key: 'ec' });
    const before = openStore(w.ws).prepare('SELECT id, retired_at FROM signing_certificates').all();
    await expect(job('signing.import', { source: { path: p12 }, passphrase: 'x', replace: true })).rejects.toMatchObject({
      code: 'pkcs12-not-rsa',
    });
    const notP12 = path.join(dir, 'not.p12');
    fs.writeFileSync(notP12, 'plate,time\nABC123,2026-11-01\n');
    await expect(job('signing.import', { source: { path: notP12 }, passphrase: '', replace: true })).rejects.toMatchObject({
      code: 'pkcs12-unreadable',
    });
    expect(openStore(w.ws).prepare('SELECT id, retired_at FROM signing_certificates').all()).toEqual(before);
  });
});
