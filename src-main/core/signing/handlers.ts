import type { OpParsedInput } from '../../contract/operations';
import { failed } from '../errors';
import type { OperationContext } from '../gate/context';
import { resolveInput } from '../intake/input';
import { readHead } from '../intake/source';
import { commitWithRecord } from '../steps';
import { makeSigningCertificate, readPkcs12, type SigningCertificate } from './certificates';
import { addCertificate, signingState } from './keys';

/** A PKCS#12 file holds a key and a few certificates: a few kilobytes; anything this large is not one. */
const PKCS12_MAX_BYTES = 1024 * 1024;

/** What the log says of a certificate: public facts only, never a passphrase or the key. */
function recorded(made: SigningCertificate) {
  return { commonName: made.commonName, fingerprint: made.fingerprint, notAfter: made.notAfter.toISOString() };
}

/** The department's signing certificate (releases issue, 427.7): made here or the agency's own, kept in the encrypted store. */
export const signingHandlers = {
  'signing.show': (ctx: OperationContext) => signingState(ctx.db),
  'signing.generate': (ctx: OperationContext, input: OpParsedInput<'signing.generate'>) => {
    const made = makeSigningCertificate({ commonName: input.commonName, organization: ctx.settings.departmentName }, ctx.now);
    const added = addCertificate(ctx.db, made, 'generated', input.replace, ctx.actor, ctx.now);
    ctx.touch({ signingCertificate: added.id, ...recorded(made) });
    return added;
  },
  // a job: the file is read (an upload is decrypted as it is read) before anything is written
  'signing.import': async function* (ctx: OperationContext, input: OpParsedInput<'signing.import'>) {
    yield { done: 0, total: null, unit: 'bytes', phase: 'reading the PKCS#12 file' };
    const source = resolveInput(ctx, input.source);
    if (source.kind === 'folder' || source.size > PKCS12_MAX_BYTES)
      throw failed(
        'pkcs12-unreadable',
        `${source.name} is not a PKCS#12 (.p12 or .pfx) file: it is far larger than one. Nothing was changed.`,
      );
    const made = readPkcs12(await readHead(source, PKCS12_MAX_BYTES), input.passphrase, ctx.now);
    return commitWithRecord({
      commit(db) {
        const added = addCertificate(db, made, 'imported', input.replace, ctx.actor, ctx.now);
        ctx.touch({ signingCertificate: added.id, file: source.name, ...recorded(made) });
      },
      output: (db) => signingState(db).current!,
      // the staged file holds the key: it goes once the key is kept
      settled(committed) {
        if (committed && 'uploadId' in input.source) ctx.uploads.discard(input.source.uploadId);
      },
    });
  },
};
