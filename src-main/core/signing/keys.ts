import type { SigningCertificateInfo, SigningState } from '../../contract/signing';
import type { Actor } from '../auth/sessions';
import { failed, invalid, notFound } from '../errors';
import type { Signers } from '../signers';
import type { Db } from '../store/database';
import type { SigningCertificate } from './certificates';

interface CertificateRow {
  id: number;
  common_name: string;
  organization: string | null;
  fingerprint_sha256: string;
  certificate_pem: string;
  key_description: string;
  origin: 'generated' | 'imported';
  not_before: string;
  not_after: string;
  added_at: string;
  added_by: string;
  retired_at: string | null;
}

const COLUMNS =
  'id, common_name, organization, fingerprint_sha256, certificate_pem, key_description, origin, not_before, not_after, added_at, added_by, retired_at';

function toInfo(row: CertificateRow): SigningCertificateInfo {
  return {
    id: row.id,
    commonName: row.common_name,
    organization: row.organization,
    fingerprint: row.fingerprint_sha256,
    keyDescription: row.key_description,
    origin: row.origin,
    notBefore: row.not_before,
    notAfter: row.not_after,
    addedAt: row.added_at,
    addedBy: row.added_by,
    retiredAt: row.retired_at,
    certificatePem: row.certificate_pem,
  };
}

/** Every certificate the workspace has had, newest first, and the one in use. */
export function signingState(db: Db): SigningState {
  const all = (db.prepare(`SELECT ${COLUMNS} FROM signing_certificates ORDER BY id DESC`).all() as CertificateRow[]).map(toInfo);
  return { current: all.find((c) => c.retiredAt === null) ?? null, all };
}

/**
 * Keep a new certificate and put it in use. One already in use is retired (kept: the
 * documents it signed are made again with it) only when `replace` says so; the same
 * certificate twice is refused.
 */
export function addCertificate(
  db: Db,
  made: SigningCertificate,
  origin: 'generated' | 'imported',
  replace: boolean,
  actor: Actor,
  now: Date,
): SigningCertificateInfo {
  const current = signingState(db).current;
  if (current && !replace)
    throw invalid(
      'signing-certificate-in-use',
      `The department already signs with "${current.commonName}" (SHA-256 ${current.fingerprint.slice(0, 16)}…). Say to replace it to put a new one in its place; it is kept for the documents it signed.`,
    );
  if (db.prepare('SELECT 1 FROM signing_certificates WHERE fingerprint_sha256 = ?').get(made.fingerprint))
    throw invalid('signing-certificate-known', 'This certificate is already in the workspace. Nothing was changed.');
  const at = now.toISOString();
  if (current) db.prepare('UPDATE signing_certificates SET retired_at = ? WHERE id = ?').run(at, current.id);
  const id = db
    .prepare(
      `INSERT INTO signing_certificates (common_name, organization, fingerprint_sha256, certificate_pem, pkcs12, key_description, origin, not_before, not_after, added_at, added_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      made.commonName,
      made.organization,
      made.fingerprint,
      made.certificatePem,
      made.pkcs12,
      made.keyDescription,
      origin,
      made.notBefore.toISOString(),
      made.notAfter.toISOString(),
      at,
      actor.username,
    ).lastInsertRowid as number;
  return toInfo(db.prepare(`SELECT ${COLUMNS} FROM signing_certificates WHERE id = ?`).get(id) as CertificateRow);
}

/** The department's signers, from the store: what the handler table hands to features that sign. */
export const storedSigners: Signers = {
  current(db, at) {
    const row = db
      .prepare('SELECT id, common_name, fingerprint_sha256, pkcs12, not_after FROM signing_certificates WHERE retired_at IS NULL')
      .get() as { id: number; common_name: string; fingerprint_sha256: string; pkcs12: Buffer; not_after: string } | undefined;
    if (!row) return null;
    if (Date.parse(row.not_after) <= at.getTime())
      throw failed(
        'signing-certificate-expired',
        `The department's signing certificate "${row.common_name}" expired on ${row.not_after}: make or import a new one in Settings, then try again.`,
      );
    return { certificateId: row.id, signer: { pkcs12: row.pkcs12, name: row.common_name, fingerprint: row.fingerprint_sha256 } };
  },
  byId(db, certificateId) {
    const row = db.prepare('SELECT common_name, fingerprint_sha256, pkcs12 FROM signing_certificates WHERE id = ?').get(certificateId) as
      { common_name: string; fingerprint_sha256: string; pkcs12: Buffer } | undefined;
    if (!row) throw notFound('no-such-signing-certificate', `The signing certificate ${certificateId} is not in this workspace.`);
    return { pkcs12: row.pkcs12, name: row.common_name, fingerprint: row.fingerprint_sha256 };
  },
};
