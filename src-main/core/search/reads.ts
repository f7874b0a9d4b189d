import type { ReadDetail, ReadImage } from '../../contract/search';
import { notFound } from '../errors';
import { openImage } from '../reads/images';
import { toPlateRead, type ReadRow } from '../reads/plate-reads';
import type { Db } from '../store/database';

interface ImageRow {
  id: number;
  read_id: number;
  kind: ReadImage['kind'];
  file: string | null;
  link: string | null;
  key: Buffer | null;
  nonce: Buffer | null;
  tag: Buffer | null;
  size: number | null;
  sha256: string | null;
  media_type: string | null;
}

/** An image as a data URL, decrypted in memory only: nothing plain is written anywhere. */
function dataUrl(imagesRoot: string, image: ImageRow): string | null {
  if (!image.file || !image.key || !image.nonce || !image.tag) return null;
  const data = openImage(imagesRoot, { file: image.file, key: image.key, nonce: image.nonce, tag: image.tag });
  return `data:${image.media_type ?? 'application/octet-stream'};base64,${data.toString('base64')}`;
}

/** A committed read, or "not found" (a read of an import that did not commit does not exist for anyone). */
export function committedRead(db: Db, readId: number): ReadRow {
  const row = db
    .prepare(`SELECT r.*, (SELECT count(*) FROM read_images m WHERE m.read_id = r.id) AS images FROM committed_reads r WHERE r.id = ?`)
    .get(readId) as ReadRow | undefined;
  if (!row) throw notFound('no-such-read', `There is no plate read #${readId} on this workstation.`);
  return row;
}

/** One read, its images and where it came from: the import, the file and the line. */
export function readDetail(db: Db, imagesRoot: string, readId: number): ReadDetail {
  const row = committedRead(db, readId);
  const source = db
    .prepare('SELECT file_name, entry, sha256, format, imported_by, finished_at FROM imports WHERE id = ?')
    .get(row.import_id) as {
    file_name: string;
    entry: string | null;
    sha256: string;
    format: string;
    imported_by: string;
    finished_at: string;
  };
  const images = db.prepare('SELECT * FROM read_images WHERE read_id = ? ORDER BY id').all(readId) as ImageRow[];
  return {
    read: toPlateRead(row),
    images: images.map((image) => ({
      id: image.id,
      kind: image.kind,
      mediaType: image.media_type,
      dataUrl: dataUrl(imagesRoot, image),
      link: image.link,
      size: image.size,
      sha256: image.sha256,
    })),
    provenance: {
      importId: row.import_id,
      fileName: source.file_name,
      entry: source.entry,
      line: row.source_line,
      fileSha256: source.sha256,
      format: source.format,
      importedBy: source.imported_by,
      importedAt: source.finished_at,
    },
  };
}

/** Images at most this big serve as thumbnails; a bigger one (a full scene) is shown only when the read is opened. */
const THUMBNAIL_MAX_BYTES = 256 * 1024;
const THUMBNAIL_PREFERENCE: Record<ReadImage['kind'], number> = { plate: 0, vehicle: 1, context: 2 };

/**
 * A small image for each read that has one: the plate crop if there is one, else the
 * vehicle, else the scene, whichever is small enough. Reads of imports that did not
 * commit get none.
 */
export function thumbnails(db: Db, imagesRoot: string, readIds: readonly number[]): { readId: number; dataUrl: string }[] {
  const images = db
    .prepare(
      `SELECT m.* FROM read_images m JOIN committed_reads r ON r.id = m.read_id
       WHERE m.read_id IN (SELECT value FROM json_each(?)) AND m.file IS NOT NULL AND m.size <= ?`,
    )
    .all(JSON.stringify(readIds), THUMBNAIL_MAX_BYTES) as ImageRow[];
  const best = new Map<number, ImageRow>();
  for (const image of images) {
    const current = best.get(image.read_id);
    if (!current || THUMBNAIL_PREFERENCE[image.kind] < THUMBNAIL_PREFERENCE[current.kind]) best.set(image.read_id, image);
  }
  return readIds.flatMap((readId) => {
    const image = best.get(readId);
    const url = image && dataUrl(imagesRoot, image);
    return url ? [{ readId, dataUrl: url }] : [];
  });
}
