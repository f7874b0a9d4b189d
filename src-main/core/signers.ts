import type { Db } from './store/database';

/** Who signs a document: the department's signing certificate, with its private key. */
export interface DocumentSigner {
  /** PKCS#12 (DER) holding the private key and its certificate, under an empty passphrase (it is kept inside the encrypted store) */
  pkcs12: Buffer;
  /** the certificate's common name: the signer the signature names */
  name: string;
  /** SHA-256 of the certificate (DER), hex: what the document prints for its reader to compare */
  fingerprint: string;
}

/**
 * Where a feature that makes documents finds the department's signer. The signing feature
 * holds the keys; the handler table hands them to the features that sign (a feature never
 * imports another).
 */
export interface Signers {
  /** the certificate that signs new documents at `at`, or null when none is set up; refused when it has expired */
  current(db: Db, at: Date): { certificateId: number; signer: DocumentSigner } | null;
  /** the certificate that signed a document before, to make it again byte for byte */
  byId(db: Db, certificateId: number): DocumentSigner;
}
