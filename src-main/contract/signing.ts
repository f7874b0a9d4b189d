import { z } from 'zod';
import { importSourceSchema } from './imports';

/** The department's signing certificate as anyone may see it: never its private key. */
export const signingCertificateSchema = z.object({
  id: z.number(),
  commonName: z.string(),
  organization: z.string().nullable(),
  /** SHA-256 of the certificate (DER), hex: what a recipient compares */
  fingerprint: z.string(),
  keyDescription: z.string(),
  origin: z.enum(['generated', 'imported']),
  notBefore: z.string(),
  notAfter: z.string(),
  addedAt: z.string(),
  addedBy: z.string(),
  /** when another took its place; a retired certificate is kept, since documents it signed are made again with it */
  retiredAt: z.string().nullable(),
  /** the public certificate (and any chain), PEM, for recipients */
  certificatePem: z.string(),
});
export type SigningCertificateInfo = z.infer<typeof signingCertificateSchema>;

export const signingStateSchema = z.object({
  /** the certificate that signs new documents, or null when none has been made or imported */
  current: signingCertificateSchema.nullable(),
  /** every certificate the workspace has had, newest first */
  all: z.array(signingCertificateSchema),
});
export type SigningState = z.infer<typeof signingStateSchema>;

const replaceSchema = z.boolean().default(false);

export const signingGenerateSchema = z
  .object({
    /** the signer the signatures name: "Records Unit, Parsons Police Department" */
    commonName: z
      .string()
      .trim()
      .min(3, 'Give the name the signatures will carry, at least 3 characters.')
      .max(64, 'A certificate name is at most 64 characters.'),
    /** a certificate in use is replaced only when this says so */
    replace: replaceSchema,
  })
  .strict();

export const signingImportSchema = z
  .object({
    source: importSourceSchema,
    /** the PKCS#12 file's passphrase: used to open it, never kept or logged */
    passphrase: z.string().max(1024, 'A passphrase is at most 1,024 characters.'),
    replace: replaceSchema,
  })
  .strict();
