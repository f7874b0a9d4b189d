import { IMPORT_FORMATS } from '../../contract/imports';
import type { OpOutput, OpParsedInput } from '../../contract/operations';
import type { JobProgress } from '../../contract/transport';
import { failed, invalid, notFound } from '../errors';
import { resolveInput, type IntakeInput } from '../intake/input';
import type { OperationContext } from '../gate/context';
import { commitWithRecord, type AsyncSteps, type CommitWithRecord, type Steps } from '../steps';
import type { Db } from '../store/database';
import { prepareImport, previewImport } from './prepare';
import { listProfiles, deleteProfile, saveProfile } from './profiles';
import { listImportReads } from '../reads/plate-reads';
import { beginImport, commitImport, endImport, findImport, importSummary, listImports, releaseImport } from './records';
import { withFileContentKeptOutOfTheLog } from './refusals';
import { exportRejects } from './rejects-export';
import type { ImportOutcome, ImportProgress } from './pipeline';
import { sha256Of } from '../intake/source';
import { startImportWorker } from './worker-host';

type Input<K extends 'import.run' | 'import.preview'> = OpParsedInput<K>;

/** Rows the worker gathers before writing them (in transactions of at most MAX_TRANSACTION_MS) and reporting progress. */
export const IMPORT_BATCH_ROWS = 50_000;

async function* preview(ctx: OperationContext, input: Input<'import.preview'>): AsyncSteps<OpOutput<'import.preview'>> {
  yield { done: 0, total: null, unit: 'rows', phase: 'reading the start of the file' };
  return previewImport(ctx.store(), resolveInput(ctx, input.source), input, ctx.clock());
}

/** Turn the worker's reports into the job's progress: rows, bytes, rate and time left. */
function progressReporter(startedAt: number) {
  return (p: ImportProgress): JobProgress => {
    const seconds = (Date.now() - startedAt) / 1000;
    const rate = seconds > 0 ? p.rows / seconds : 0;
    const byteRate = seconds > 0 ? p.bytes / seconds : 0;
    const etaSeconds = p.bytesTotal && byteRate > 0 ? Math.max(0, (p.bytesTotal - p.bytes) / byteRate) : null;
    return {
      done: p.rows,
      total: null,
      unit: 'rows',
      bytes: { done: p.bytes, total: p.bytesTotal },
      ratePerSecond: Math.round(rate),
      etaSeconds,
      phase: p.phase,
    };
  };
}

/**
 * What other features do with an import, wired in by the gate's handler table: this module
 * does not know them. Their rows carry the import's id, so they stay hidden until the import
 * commits and are cleared with its rows (records.ts, importRowTables).
 */
export interface ImportExtensions {
  /**
   * Work on an import's new plate reads after the worker has written them and before they
   * become visible (hot-list matching), in steps on the main connection; what it returns is
   * the last phase the progress shows ("2 hot-list alerts raised").
   */
  readonly beforeCommit: readonly ((db: Db, importId: number, now: Date) => Steps<string>)[];
  /** how many alerts an import's reads raised, for its summary */
  alertsRaised(db: Db, importId: number): number;
}

/**
 * One file: detect or check its format, record the import as running, run the worker and
 * relay its progress, then the extensions' work on the new reads; at the end the gate commits
 * the rows and writes the access-log entry in one transaction. Cancelled or failed, nothing
 * is kept and the record says why: the worker removes what it wrote, and rows written after
 * it finished are cleared before the next import, as a dead process's are.
 */
async function* run(
  extensions: ImportExtensions,
  ctx: OperationContext,
  input: Input<'import.run'>,
): AsyncSteps<OpOutput<'import.run'> | CommitWithRecord<OpOutput<'import.run'>>> {
  const source = resolveInput(ctx, input.source);
  yield { done: 0, total: null, unit: 'rows', phase: `looking at ${source.name}` };
  const plan = await prepareImport(ctx.store(), source, input);
  const importId = beginImport(ctx.store(), {
    fileName: source.name,
    entry: plan.entry,
    size: 'size' in source ? source.size : plan.dataSize,
    format: plan.format,
    detection: plan.detection,
    profile: plan.profile,
    mapping: plan.mapping,
    timezone: plan.timezone,
    accountId: ctx.actor.accountId,
    importedBy: `${ctx.actor.fullName} (${ctx.actor.username})`,
    now: ctx.clock(),
  });
  ctx.touch({ importId, file: source.name, format: plan.format });
  const worker = startImportWorker({
    database: ctx.files.database,
    key: ctx.masterKey(),
    imagesRoot: ctx.files.images,
    importId,
    input: source,
    format: plan.format,
    mapping: plan.mapping ?? undefined,
    timezone: plan.timezone,
    sheets: plan.sheets ?? undefined,
    now: ctx.clock().getTime(),
    batchRows: IMPORT_BATCH_ROWS,
  });
  const progress = progressReporter(Date.now());
  let outcome: ImportOutcome | undefined;
  let ready = false;
  let ending: { status: 'cancelled' | 'failed'; reason: string } = {
    status: 'cancelled',
    reason: `Cancelled by ${ctx.actor.fullName}; nothing from it was kept.`,
  };
  try {
    const reports = worker.reports();
    let last: JobProgress = { done: 0, total: null, unit: 'rows' };
    for (;;) {
      const next = await reports.next();
      if (next.done) {
        outcome = next.value;
        break;
      }
      yield (last = progress(next.value));
    }
    if (IMPORT_FORMATS[plan.format].target === 'plate-reads') {
      for (const step of extensions.beforeCommit) {
        const work = step(ctx.store(), importId, ctx.clock());
        for (let next = work.next(); ; next = work.next()) {
          if (next.done) {
            yield { ...last, phase: next.value };
            break;
          }
          yield { ...last, phase: next.value.phase };
        }
      }
    }
    ready = true;
  } catch (error) {
    ending = { status: (error as { code?: string }).code === 'cancelled' ? 'cancelled' : 'failed', reason: (error as Error).message };
    throw error;
  } finally {
    if (!ready) {
      try {
        if (!outcome) await worker.cancel();
        endImport(ctx.store(), importId, ending.status, ending.reason, ctx.clock(), await fileHash(ctx, input.source, source));
      } finally {
        // Closed or not, the record is no longer this process's to finish: if it still says
        // running, the next opening of the store marks it interrupted.
        releaseImport(importId);
      }
    }
  }
  const counts = outcome!;
  ctx.touch({
    importId,
    sha256: counts.sha256,
    read: counts.read,
    imported: counts.imported,
    duplicates: counts.duplicates,
    rejected: counts.rejected,
  });
  return commitWithRecord({
    commit: (db) => commitImport(db, importId, counts, ctx.clock()),
    output: (db) => importSummary(db, findImport(db, importId)!, extensions.alertsRaised(db, importId)),
    settled: (committed) => {
      releaseImport(importId);
      // An imported upload is done with; one whose commit failed stays, to be tried again.
      if (committed && 'uploadId' in input.source) ctx.uploads.discard(input.source.uploadId);
    },
  });
}

/** The file's SHA-256 for the record of an import that did not finish (an upload's was taken as it arrived). */
async function fileHash(ctx: OperationContext, request: Input<'import.run'>['source'], source: IntakeInput): Promise<string> {
  if ('uploadId' in request) return ctx.uploads.get(ctx.token, request.uploadId).sha256;
  return source.kind === 'folder' ? '' : sha256Of(source).catch(() => '');
}

function existingImport(ctx: OperationContext, importId: number) {
  const record = findImport(ctx.db, importId);
  if (!record) throw notFound('no-such-import', `There is no import numbered ${importId}.`);
  ctx.touch({ importId });
  return record;
}

/** Imports: vendor files into the store; `extensions` are the other features' part in it. */
export const importHandlers = (extensions: ImportExtensions) => ({
  'import.preview': (ctx: OperationContext, input: Input<'import.preview'>) =>
    withFileContentKeptOutOfTheLog(ctx, input.source, preview(ctx, input)),
  'import.run': (ctx: OperationContext, input: Input<'import.run'>) =>
    withFileContentKeptOutOfTheLog(ctx, input.source, run(extensions, ctx, input)),
  'import.list': (ctx: OperationContext, input: OpParsedInput<'import.list'>) =>
    listImports(ctx.db, input.limit, { sha256: input.sha256, withRejects: input.withRejects }),
  'import.get': (ctx: OperationContext, input: OpParsedInput<'import.get'>) => {
    const record = existingImport(ctx, input.importId);
    return importSummary(ctx.db, record, extensions.alertsRaised(ctx.db, record.importId));
  },
  'import.rejects': (ctx: OperationContext, input: OpParsedInput<'import.rejects'>) => {
    const record = existingImport(ctx, input.importId);
    return exportRejects(
      () => ctx.store(),
      record.importId,
      record.rejected,
      (chunk) => ctx.write(chunk),
    );
  },
  'import.reads': (ctx: OperationContext, input: OpParsedInput<'import.reads'>) => {
    const record = existingImport(ctx, input.importId);
    if (record.target !== 'plate-reads')
      throw invalid('not-plate-reads', `Import ${record.importId} brought in ${record.formatTitle} rows, not plate reads.`);
    if (record.status !== 'committed')
      throw failed('import-not-committed', `Import ${record.importId} was ${record.status}; it holds no reads.`);
    return listImportReads(ctx.db, record.importId, input.offset, input.limit);
  },
  'importProfile.save': (ctx: OperationContext, input: OpParsedInput<'importProfile.save'>) => {
    ctx.touch({ profile: input.name });
    return saveProfile(ctx.db, input.name, input.mapping, `${ctx.actor.fullName} (${ctx.actor.username})`, ctx.now);
  },
  'importProfile.list': (ctx: OperationContext) => listProfiles(ctx.db),
  'importProfile.delete': (ctx: OperationContext, input: OpParsedInput<'importProfile.delete'>) => {
    ctx.touch({ profile: input.name });
    if (!deleteProfile(ctx.db, input.name)) throw notFound('no-such-profile', `There is no saved mapping called ${input.name}.`);
    return { deleted: true as const };
  },
});
