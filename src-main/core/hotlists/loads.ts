import crypto from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { HOTLIST_FORMATS, type HotlistFormat, type HotlistImportResult, type HotlistMapping } from '../../contract/hotlists';
import { SUMMARY_REJECTS_SHOWN, type Reject } from '../../contract/imports';
import type { OpParsedInput } from '../../contract/operations';
import { isoDay } from '../clock';
import { asSentence, CustodianError, denied, invalid } from '../errors';
import type { OperationContext } from '../gate/context';
import { sniffDelimiter } from '../intake/csv';
import { resolveInput } from '../intake/input';
import { openByteStream, readHead, type ByteSource } from '../intake/source';
import { commitWithRecord, type AsyncSteps, type CommitWithRecord } from '../steps';
import type { Db } from '../store/database';
import { detectHotlist, genetecDelimiter, isEntry, readHotlist, type HotlistLayout, type HotlistRow } from './formats';
import {
  createList,
  describeList,
  entryInserter,
  findHotlistProfile,
  findListByName,
  isConfidential,
  markListUpdated,
  retireEarlierEntries,
} from './lists';
import { matchNewEntries } from './matching';

type Input = OpParsedInput<'hotlist.import'>;
type Output = HotlistImportResult;

/** Items read between progress reports. */
const REPORT_EVERY = 10_000;

/** The format and mapping a load uses: as asked, or detected (saying what was found). */
async function settleLayout(db: Db, source: ByteSource, input: Input): Promise<HotlistLayout & { mapping?: HotlistMapping }> {
  if (input.profile && input.mapping) throw invalid('profile-and-mapping', 'Give a saved mapping or a mapping, not both.');
  const mapping = input.profile ? findHotlistProfile(db, input.profile).mapping : input.mapping;
  const format: HotlistFormat | undefined = input.format ?? (mapping ? 'mapped' : undefined);
  if (mapping && format !== 'mapped') {
    throw invalid(
      'mapping-not-used',
      `A hot-list mapping is for the format "mapped"; ${HOTLIST_FORMATS[format!]} files have their own layout.`,
    );
  }
  if (format === 'mapped' && !mapping) {
    throw invalid('hotlist-mapping-required', `${source.name} is to be read through a hot-list mapping: choose a saved one or give one.`);
  }
  if (source.size === 0) throw invalid('hotlist-empty', `${source.name} is empty.`);
  const head = await readHead(source);
  if (!format) return detectHotlist(head, source.name, head.length >= source.size);
  const delimiter =
    format === 'genetec' ? genetecDelimiter(head) : format === 'vigilant' ? sniffDelimiter(head.toString('utf8')) : mapping!.delimiter;
  return { format, delimiter, mapping, description: `Read as ${HOTLIST_FORMATS[format]}, as asked.` };
}

/** The file's bytes, counted and hashed as they are read. */
function measured(source: ByteSource): { stream: Readable; bytes: () => number; sha256: () => string; close: () => void } {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  const raw = openByteStream(source);
  const stream = raw.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        hash.update(chunk);
        done(null, chunk);
      },
    }),
  );
  raw.on('error', (error) => stream.destroy(error));
  const close = () => {
    stream.destroy();
    raw.destroy();
  };
  return { stream, bytes: () => bytes, sha256: () => hash.digest('hex'), close };
}

/**
 * hotlist.import: read the file (streaming, a reject per malformed line), then, in the one
 * transaction the gate makes with the access-log entry: create the list if new, record the
 * load and its rejects, insert the entries, retire the list's earlier entries (they stay,
 * for the alerts they raised), and match the new entries against the stored reads.
 * Nothing is written before that transaction, so a failure or a cancel leaves the store as
 * it was.
 */
export async function* importHotlist(ctx: OperationContext, input: Input): AsyncSteps<Output | CommitWithRecord<Output>> {
  const source = resolveInput(ctx, input.source);
  if (source.kind === 'folder') throw invalid('not-a-file', `${source.name} is a folder; a hot list is one file.`);
  yield { done: 0, total: null, unit: 'entries', phase: `looking at ${source.name}` };

  const existing = findListByName(ctx.store(), input.list);
  if (!existing && !input.listSource) {
    throw invalid(
      'list-source-required',
      `There is no hot list called ${input.list} yet: say where it comes from (NCIC, state or local) to create it.`,
    );
  }
  if (existing && input.listSource && input.listSource !== existing.source) {
    throw invalid(
      'list-source-differs',
      `${describeList(existing)} already exists and keeps its source; it cannot become ${input.listSource}.`,
    );
  }
  const layout = await settleLayout(ctx.store(), source, input);

  const entries: HotlistRow[] = [];
  const rejects: Reject[] = [];
  const file = measured(source);
  const progress = (phase: string) => ({
    done: entries.length + rejects.length,
    total: null,
    unit: 'entries',
    bytes: { done: file.bytes(), total: source.size },
    phase,
  });
  try {
    for await (const item of readHotlist(file.stream, { fileName: source.name, ...layout })) {
      if (isEntry(item)) entries.push(item);
      else rejects.push({ line: item.line, column: item.column, reason: item.reason });
      if ((entries.length + rejects.length) % REPORT_EVERY === 0) yield progress(`reading ${source.name}`);
    }
  } catch (error) {
    if (error instanceof CustodianError) throw error;
    throw invalid(
      'hotlist-unreadable',
      `${source.name} could not be read: ${asSentence((error as Error).message)} The list was left as it was.`,
    );
  } finally {
    // also when the job is cancelled between reports
    file.close();
  }
  if (entries.length === 0) {
    const first = rejects[0];
    throw invalid(
      'hotlist-no-entries',
      `No entries could be read from ${source.name}${first ? ` (${rejects.length} line${rejects.length === 1 ? '' : 's'} refused; line ${first.line}: ${first.reason})` : ''}. The list was left as it was.`,
    );
  }
  const sha256 = file.sha256();
  yield progress(`storing ${entries.length.toLocaleString('en-US')} entries and matching them against the stored reads`);

  let result: Output | undefined;
  return commitWithRecord({
    commit: (db) => {
      const now = ctx.clock();
      // The list as it is now: it may have been created since this job began.
      let list = findListByName(db, input.list);
      if (list && isConfidential(list.source) && !ctx.actor.confidentialAuthorized) {
        throw denied(
          'confidential-required',
          `${describeList(list)} is confidential state or federal data: ${ctx.actor.fullName} is not authorised for it (policy 427.4(e)).`,
        );
      }
      list ??= createList(db, input.list, input.listSource!, ctx.actor, now);
      const loadId = Number(
        db
          .prepare(
            `INSERT INTO hotlist_loads(list_id, file_name, size, sha256, format, profile, mapping, entries, rejected, loaded_by, loaded_by_name, loaded_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            list.id,
            source.name,
            source.size,
            sha256,
            layout.format,
            input.profile ?? null,
            layout.mapping ? JSON.stringify(layout.mapping) : null,
            entries.length,
            rejects.length,
            ctx.actor.accountId,
            `${ctx.actor.fullName} (${ctx.actor.username})`,
            now.toISOString(),
          ).lastInsertRowid,
      );
      const insertReject = db.prepare('INSERT INTO hotlist_load_rejects(load_id, line, reason) VALUES (?, ?, ?)');
      for (const r of rejects) insertReject.run(loadId, r.line, r.column ? `${r.column}: ${r.reason}` : r.reason);
      const insert = entryInserter(db, list.id, loadId, ctx.actor, now);
      for (const entry of entries) insert(entry);
      const retired = retireEarlierEntries(db, list.id, loadId, ctx.actor, now, source.name);
      markListUpdated(db, list.id, now);
      const alerts = matchNewEntries(db, { loadId }, isoDay(now), now);
      ctx.touch({
        list: list.name,
        listId: list.id,
        listSource: list.source,
        loadId,
        file: source.name,
        sha256,
        format: layout.format,
        detection: layout.description,
        entries: entries.length,
        rejected: rejects.length,
        retired,
        alerts,
      });
      result = {
        listId: list.id,
        list: list.name,
        format: layout.format,
        entries: entries.length,
        rejected: rejects.length,
        rejects: rejects.slice(0, SUMMARY_REJECTS_SHOWN),
        retired,
        alerts,
      };
    },
    output: () => result!,
    settled: (committed) => {
      // An imported upload is done with; one whose commit failed stays, to be tried again.
      if (committed && 'uploadId' in input.source) ctx.uploads.discard(input.source.uploadId);
    },
  });
}
