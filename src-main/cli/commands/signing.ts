import path from 'node:path';
import type { Command } from 'commander';
import type { SigningCertificateInfo } from '../../contract/signing';
import { UsageError } from '../errors';
import { runJobAs } from '../jobs';
import { emit, intoNewFile, table } from '../output';
import { readSecret } from '../secrets';
import { callAs, globals } from '../session';
import { showTime } from '../times';

const utc = (iso: string) => showTime(iso, 'UTC');

function describe(c: SigningCertificateInfo): string {
  return [
    `"${c.commonName}"${c.organization ? `, ${c.organization}` : ''} (${c.keyDescription}, ${c.origin} ${utc(c.addedAt)} by ${c.addedBy})`,
    `Valid ${utc(c.notBefore)} to ${utc(c.notAfter)}.`,
    `SHA-256 fingerprint: ${c.fingerprint}`,
  ].join('\n');
}

export function registerSigningCommands(program: Command): void {
  const cert = program
    .command('cert')
    .description("The department's signing certificate: it signs purge certificates and approval records (the key stays in the workspace)");
  cert
    .command('show')
    .description('The certificate in use and the ones before it')
    .action(async (_opts: unknown, cmd: Command) => {
      const g = globals(cmd);
      const state = await callAs(g, 'signing.show', {});
      emit(!!g.json, state, () => {
        if (state.all.length === 0)
          return "No signing certificate yet: documents are made unsigned. Make one with custodian cert generate, or import the agency's with custodian cert import.";
        const lines = [state.current ? `Signing with ${describe(state.current)}` : 'No certificate in use.'];
        const retired = state.all.filter((c) => c.retiredAt !== null);
        if (retired.length)
          lines.push(
            'Kept, retired (documents they signed are made again with them):',
            table(
              ['name', 'fingerprint', 'retired'],
              retired.map((c) => [c.commonName, `${c.fingerprint.slice(0, 16)}…`, utc(c.retiredAt!)]),
            ),
          );
        return lines.join('\n');
      });
    });
  cert
    .command('generate')
    .description('Make a new signing certificate (RSA 3072, self-signed, five years) for the department')
    .requiredOption('--name <text>', 'the signer the signatures name, e.g. "Records Unit, Parsons Police Department"')
    .option('--replace', 'put it in place of the certificate in use (that one is kept, retired)')
    .action(async (opts: { name: string; replace?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const made = await callAs(g, 'signing.generate', { commonName: opts.name, replace: !!opts.replace });
      emit(
        !!g.json,
        made,
        () => `Signing with ${describe(made)}\nGive recipients the public certificate: custodian cert export --out FILE.pem`,
      );
    });
  cert
    .command('import')
    .description(
      "Import the agency's certificate and key from a PKCS#12 file (passphrase from CUSTODIAN_P12_PASSPHRASE or a prompt; never kept)",
    )
    .argument('<file>', 'the .p12 or .pfx file')
    .option('--replace', 'put it in place of the certificate in use (that one is kept, retired)')
    .action(async (file: string, opts: { replace?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const passphrase = await readSecret('CUSTODIAN_P12_PASSPHRASE', `Passphrase of ${path.basename(file)}: `);
      const imported = await runJobAs(
        g,
        'signing.import',
        { source: { path: path.resolve(file) }, passphrase, replace: !!opts.replace },
        { label: path.basename(file) },
      );
      emit(!!g.json, imported, () => `Signing with ${describe(imported)}`);
    });
  cert
    .command('export')
    .description('Write the public certificate (PEM) to a new file, for recipients to check signed documents')
    .requiredOption('--out <file>', 'the new .pem file')
    .action(async (opts: { out: string }, cmd: Command) => {
      const g = globals(cmd);
      const file = path.resolve(opts.out);
      const current = await intoNewFile(file, async (write) => {
        const { current } = await callAs(g, 'signing.show', {});
        if (!current) throw new UsageError('There is no signing certificate yet: make one with custodian cert generate.');
        write(current.certificatePem);
        return current;
      });
      emit(
        !!g.json,
        { file, fingerprint: current.fingerprint },
        () => `Certificate "${current.commonName}" written to ${file} (SHA-256 fingerprint ${current.fingerprint}).`,
      );
    });
}
