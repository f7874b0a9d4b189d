import type { Db } from '../store/database';
import { ocrForm } from './plates';

/**
 * The search index (`plate_search`, FTS5 trigrams, contentless): every stored read's plate
 * in OCR form (plates.ts), its rowid the read's id. Whatever stores a read indexes it; whatever
 * deletes reads unindexes them first, while the reads still say which index rows are theirs.
 */

/** A prepared way to index reads as they are stored: `(readId, plateNorm)`. */
export function plateIndexer(db: Db): (readId: number, plateNorm: string) => void {
  const insert = db.prepare('INSERT INTO plate_search(rowid, plate_ocr) VALUES (?, ?)');
  return (readId, plateNorm) => insert.run(readId, ocrForm(plateNorm));
}

/** Remove reads from the index, `batch` per transaction, so other writers never wait long. */
export function unindexReads(db: Db, readIds: readonly number[], batch: number): void {
  const remove = db.prepare('DELETE FROM plate_search WHERE rowid = ?');
  for (let at = 0; at < readIds.length; at += batch) {
    db.transaction(() => readIds.slice(at, at + batch).forEach((id) => remove.run(id)))();
  }
}
