import crypto from 'node:crypto';

/** A document as it is kept and handed out: the PDF's bytes and their SHA-256 (hex). */
export interface FinishedDocument {
  bytes: Buffer;
  sha256: string;
}

/**
 * The document kept: the PDF as written (and signed, `signing.ts`) with its SHA-256, so the
 * hash kept in the store and in the access log is the signed file's.
 */
export function finishPdf(bytes: Buffer): FinishedDocument {
  return { bytes, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}
