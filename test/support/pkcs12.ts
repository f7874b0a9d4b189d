import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * An agency's certificate and key as its certificate authority would hand them over: a
 * self-signed certificate and a PKCS#12 file made by OpenSSL (not by the code under test),
 * under `passphrase`. `key` is OpenSSL's `-newkey` argument: RSA by default, or 'ec' for P-256.
 */
export function opensslPkcs12(
  dir: string,
  options: { subject: string; passphrase: string; file?: string; key?: 'rsa:3072' | 'ec' },
): string {
  const name = options.file ?? 'agency.p12';
  const base = path.join(dir, path.basename(name, '.p12'));
  const key = options.key ?? 'rsa:3072';
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      key,
      ...(key === 'ec' ? ['-pkeyopt', 'ec_paramgen_curve:P-256'] : []),
      '-nodes',
      '-keyout',
      `${base}.key`,
      '-out',
      `${base}.crt`,
      '-days',
      '365',
      '-subj',
      options.subject,
    ],
    { stdio: 'pipe' },
  );
  const p12 = path.join(dir, name);
  execFileSync(
    'openssl',
    ['pkcs12', '-export', '-inkey', `${base}.key`, '-in', `${base}.crt`, '-out', p12, '-passout', `pass:${options.passphrase}`],
    {
      stdio: 'pipe',
    },
  );
  return p12;
}
