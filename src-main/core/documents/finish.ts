import crypto from 'node:crypto';

/** A document as it is kept and handed out: the PDF's bytes and their SHA-256 (hex). */
export interface FinishedDocument {
  bytes: Buffer;
  sha256: string;
}

/**
 * The steps from the PDF as pdfkit wrote it to the document kept. Today there is one: the
 * hash. The department's digital signature (a later issue: PAdES through @signpdf) is one
 * step added here, before the hash, so that the SHA-256 kept in the store and in the access
 * log is the signed file's — see docs/ARCHITECTURE.md, "Documents".
 */
export function finishPdf(bytes: Buffer): FinishedDocument {
  return { bytes, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}
