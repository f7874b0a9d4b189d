import { pdfkitAddPlaceholder } from '@signpdf/placeholder-pdfkit';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import { SUBFILTER_ADOBE_PKCS7_DETACHED } from '@signpdf/utils';
import type { DocumentSigner } from '../signers';

/** A document's signature: who signs, why, and where. */
export interface Signing {
  signer: DocumentSigner;
  /** "Purge certificate of purge run 42 (Policy 427.5)" */
  reason: string;
  /** the department; empty when Settings names none */
  location: string;
}

/**
 * Room for the CMS signature in the PDF, in bytes: the signature (384 bytes for RSA 3072),
 * its signed attributes and the certificates, which the PKCS#12 (key and certificates)
 * outweighs; the same signer always gets the same room, so the same data gives the same bytes.
 */
function signatureRoom(signer: DocumentSigner): number {
  return signer.pkcs12.length + 4096;
}

/**
 * The signature's field (an invisible widget on the first page) and the room for its
 * value, added to a pdfkit document before it ends. The signing time is the record's own
 * time, so the same data gives the same bytes.
 */
export function addSignaturePlaceholder(pdf: PDFKit.PDFDocument, signing: Signing, at: Date): void {
  pdfkitAddPlaceholder({
    pdf,
    pdfBuffer: Buffer.alloc(0),
    reason: signing.reason,
    contactInfo: '',
    name: signing.signer.name,
    location: signing.location,
    signingTime: at,
    signatureLength: signatureRoom(signing.signer),
    subFilter: SUBFILTER_ADOBE_PKCS7_DETACHED,
    appName: 'Custodian',
  });
}

/**
 * The PDF signed: a detached PKCS#7 signature (SHA-256, RSA PKCS#1 v1.5, which is
 * deterministic) over every byte but the signature's own, signed at `at`.
 */
export async function signPdf(bytes: Buffer, signing: Signing, at: Date): Promise<Buffer> {
  return new SignPdf().sign(bytes, new P12Signer(signing.signer.pkcs12, { passphrase: '' }), at);
}
