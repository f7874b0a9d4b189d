/**
 * The signing certificate from the command line, through the built `custodian`: made,
 * shown, exported as PEM (OpenSSL reads the same fingerprint), the agency's PKCS#12 imported
 * with its passphrase from the environment, and a purge certificate that pdfsig finds signed
 * by it; the refusals in words.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PurgeRun } from '../../src-main/contract/retention';
import type { SigningCertificateInfo, SigningState } from '../../src-main/contract/signing';
import { custodian } from '../support/cli';
import { opensslPkcs12 } from '../support/pkcs12';
import { removeTempFolders, tempFolder } from '../support/temp';

const PASSWORD = 'Parsons-Records-2026!';
afterAll(removeTempFolders);

let dir: string;
let files: string;
const cmdr = (args: string[], env: Record<string, string> = {}) =>
  custodian(['--workspace', dir, '--user', 'cmdr', ...args], { CUSTODIAN_PASSWORD: PASSWORD, ...env });
const json = <T>(args: string[], env: Record<string, string> = {}): T => {
  const result = cmdr(['--json', ...args], env);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
};

beforeAll(() => {
  dir = path.join(tempFolder('cli-signing'), 'ws');
  files = tempFolder('cli-signing-files');
  const init = custodian(['--workspace', dir, 'init', '--commander', 'cmdr', '--full-name', 'Pat Commander'], {
    CUSTODIAN_PASSWORD: PASSWORD,
  });
  expect(init.code, init.stderr).toBe(0);
  expect(cmdr(['settings', 'set', '--department', 'Parsons Police Department']).stdout).toMatch(
    /^Department \(on every document\): Parsons Police Department$/m,
  );
});

describe('custodian cert', () => {
  let made: SigningCertificateInfo;

  it('says there is none yet, then makes one and shows it', () => {
    expect(cmdr(['cert', 'show']).stdout).toMatch(/No signing certificate yet: documents are made unsigned/);
    const generated = cmdr(['cert', 'generate', '--name', 'Records Unit, Parsons PD']);
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stdout).toMatch(/^Signing with "Records Unit, Parsons PD", Parsons Police Department \(RSA 3072, generated /m);
    made = json<SigningState>(['cert', 'show']).current!;
    expect(made.commonName).toBe('Records Unit, Parsons PD');
    const again = cmdr(['cert', 'generate', '--name', 'Second']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already signs with "Records Unit, Parsons PD"/);
  });

  it('exports the public certificate to a new PEM file with the fingerprint OpenSSL reads', () => {
    const pem = path.join(files, 'department.pem');
    const exported = cmdr(['cert', 'export', '--out', pem]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(made.fingerprint);
    const fingerprint = execFileSync('openssl', ['x509', '-in', pem, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' });
    expect(fingerprint.split('=')[1]!.trim().replaceAll(':', '').toLowerCase()).toBe(made.fingerprint);
    expect(fs.readFileSync(pem, 'utf8')).not.toMatch(/PRIVATE/);
    expect(cmdr(['cert', 'export', '--out', pem]).stderr).toMatch(/already exists; choose a new file name/);
  });

  it("imports the agency's PKCS#12 with the passphrase from the environment, and signs the purge certificate with it", () => {
    const p12 = opensslPkcs12(files, { subject: '/CN=Parsons PD Records', passphrase: 'agency-secret' });
    const wrong = cmdr(['cert', 'import', p12, '--replace'], { CUSTODIAN_P12_PASSPHRASE: 'wrong' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/The passphrase does not open this PKCS#12 file\. Nothing was changed\./);
    const imported = json<SigningCertificateInfo>(['cert', 'import', p12, '--replace'], { CUSTODIAN_P12_PASSPHRASE: 'agency-secret' });
    expect(imported).toMatchObject({ commonName: 'Parsons PD Records', origin: 'imported' });
    expect(cmdr(['cert', 'show']).stdout).toMatch(/Kept, retired[\s\S]*Records Unit, Parsons PD/);

    const run = json<PurgeRun>(['purge']);
    expect(run.signedBy?.commonName).toBe('Parsons PD Records');
    const pdf = path.join(files, 'certificate.pdf');
    expect(cmdr(['purge', 'certificate', String(run.id), '--out', pdf]).code).toBe(0);
    const said = spawnSync('pdfsig', [pdf], { encoding: 'utf8' }).stdout;
    expect(said).toMatch(/Signer Certificate Common Name: Parsons PD Records/);
    expect(said).toMatch(/Total document signed/);
    expect(said).toMatch(/Signature Validation: Signature is Valid\./);
  });
});
