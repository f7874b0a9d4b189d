/**
 * Benchmark of making a signed record (src-main/core/documents): a purge certificate laid out
 * by pdfkit and signed with an RSA 3072 department certificate (PKCS#7 through @signpdf),
 * beside the same document made unsigned, in the same process. The release approval record
 * (the releases issue's target: signed in under 300 ms at the median) goes through the same
 * `RecordDocument.finish(signing)`; until it exists, the purge certificate stands in for it.
 *
 *   npm run bench:documents                  # 40 of each, after 5 to warm up
 *   npm run bench:documents -- --runs 200
 *   npm run bench:documents -- --long        # the certificate of 300 holds, over several pages
 *
 * Each signed file is checked: pdfsig finds its signature valid over the whole document (the
 * first and the last only: pdfsig's own time is not part of the figure). Unsigned and signed
 * runs alternate, so a change in the machine's load falls on both.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { purgeCertificatePdf, type PurgeCertificateData } from '../src-main/core/retention/certificate';
import type { DocumentSigner } from '../src-main/core/signers';
import { makeSigningCertificate } from '../src-main/core/signing/certificates';
import { LONG, SHORT } from '../test/fixtures/purge-certificates';

const WARM_UP = 5;

function parseCommandLine(): { runs: number; long: boolean } {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, long: { type: 'boolean' } }, strict: true });
  const runs = values.runs === undefined ? 40 : Number(values.runs);
  if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`--runs takes a whole number, not "${values.runs}"`);
  return { runs, long: !!values.long };
}

/** The certificate's data for one run, naming its signer when it is signed (as a run stores it). */
function certificateData(long: boolean, signer: DocumentSigner | undefined, runId: number): PurgeCertificateData {
  return { ...(long ? LONG : SHORT), runId, ...(signer ? { signedBy: { name: signer.name, fingerprint: signer.fingerprint } } : {}) };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1]!;

async function timed(make: () => Promise<{ bytes: Buffer }>): Promise<{ ms: number; bytes: Buffer }> {
  const start = process.hrtime.bigint();
  const { bytes } = await make();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, bytes };
}

function checkSigned(bytes: Buffer, dir: string, name: string): void {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  const said = spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout;
  if (!/Total document signed/.test(said) || !/Signature is Valid/.test(said)) throw new Error(`pdfsig did not validate ${name}:\n${said}`);
}

async function main(): Promise<void> {
  const { runs, long } = parseCommandLine();
  const made = makeSigningCertificate(
    { commonName: 'Records Unit, Parsons PD', organization: 'Parsons Police Department' },
    new Date('2026-12-01T00:00:00Z'),
  );
  const signer: DocumentSigner = { pkcs12: made.pkcs12, name: made.commonName, fingerprint: made.fingerprint };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-bench-documents-'));
  const unsigned: number[] = [];
  const signed: number[] = [];
  let sizes = { unsigned: 0, signed: 0 };
  try {
    for (let i = 0; i < WARM_UP + runs; i++) {
      const plain = await timed(() => purgeCertificatePdf(certificateData(long, undefined, i + 1)));
      const sealed = await timed(() => purgeCertificatePdf(certificateData(long, signer, i + 1), signer));
      if (i === WARM_UP || i === WARM_UP + runs - 1) checkSigned(sealed.bytes, dir, `signed-${i}`);
      if (i < WARM_UP) continue;
      unsigned.push(plain.ms);
      signed.push(sealed.ms);
      sizes = { unsigned: plain.bytes.length, signed: sealed.bytes.length };
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const ratio = median(signed) / median(unsigned);
  console.log(
    `Purge certificate (${long ? '300 holds, several pages' : 'two holds, two pages'}), ${runs} runs of each (after ${WARM_UP} to warm up), RSA 3072 signer`,
  );
  console.log(
    `  unsigned  median ${median(unsigned).toFixed(1)} ms, p95 ${p95(unsigned).toFixed(1)} ms, ${(sizes.unsigned / 1024).toFixed(0)} kB`,
  );
  console.log(
    `  signed    median ${median(signed).toFixed(1)} ms, p95 ${p95(signed).toFixed(1)} ms, ${(sizes.signed / 1024).toFixed(0)} kB`,
  );
  console.log(`  signed / unsigned (medians): ${ratio.toFixed(2)}; signing adds ${(median(signed) - median(unsigned)).toFixed(1)} ms`);
  console.log(`  target (releases issue): signed median < 300 ms: ${median(signed) < 300 ? 'met' : 'NOT MET'}`);
  console.log(`  pdfsig: the first and last signed files valid over the whole document`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
