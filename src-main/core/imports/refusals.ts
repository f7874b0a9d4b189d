import type { ImportSource } from '../../contract/imports';
import { asSentence, CustodianError, failed, withRecorded } from '../errors';
import type { OperationContext } from '../gate/context';
import { resolveInput } from '../intake/input';
import { sha256Of } from '../intake/source';
import type { AsyncSteps } from '../steps';

/**
 * Codes whose sentences say nothing of what the file holds: the access log keeps them as
 * they are. Every other refusal of an import or preview may quote the file (a header line,
 * a cell a parser stumbled on), which must never enter the permanent log, so the log keeps
 * the file's name, size and SHA-256 and the kind of refusal instead; the person still sees
 * the whole sentence.
 */
const SAYS_NOTHING_OF_THE_FILE = new Set([
  'cancelled',
  'import-running',
  'import-lost',
  'import-miscounted',
  'no-such-file',
  'not-a-file',
  'no-such-profile',
  'mapping-required',
  'upload-closed',
  'store-closed',
  'not-signed-in',
  'link-outside-folder',
]);

/** Run an import's (or preview's) steps; a refusal that may quote the file is logged without it. */
export async function* withFileContentKeptOutOfTheLog<T>(ctx: OperationContext, source: ImportSource, steps: AsyncSteps<T>): AsyncSteps<T> {
  try {
    return yield* steps;
  } catch (error) {
    const problem =
      error instanceof CustodianError
        ? error
        : failed('internal', `The import failed: ${asSentence((error as Error)?.message ?? String(error))}`);
    if (SAYS_NOTHING_OF_THE_FILE.has(problem.code)) throw problem;
    throw withRecorded(problem, `${await describeFile(ctx, source)} was refused (${problem.code}); what it holds is not recorded here.`);
  }
}

/** "The file x.csv (1,234 bytes, SHA-256 …)", from what the call named. */
async function describeFile(ctx: OperationContext, source: ImportSource): Promise<string> {
  try {
    const input = resolveInput(ctx, source);
    if (input.kind === 'folder') return `The folder ${input.name}`;
    const sha256 = 'uploadId' in source ? ctx.uploads.get(ctx.token, source.uploadId).sha256 : await sha256Of(input);
    return `The file ${input.name} (${input.size.toLocaleString('en-US')} bytes, SHA-256 ${sha256})`;
  } catch {
    return 'The file';
  }
}
