import crypto from 'node:crypto';
import forge from 'node-forge';
import { failed } from '../errors';

/** A signing certificate as the store keeps it: the key sealed in a PKCS#12 under an empty passphrase, inside the encrypted store. */
export interface SigningCertificate {
  pkcs12: Buffer;
  certificatePem: string;
  commonName: string;
  organization: string | null;
  /** SHA-256 of the certificate's DER, hex, lower case */
  fingerprint: string;
  notBefore: Date;
  notAfter: Date;
  keyDescription: string;
}

/** The key the signing stack supports end to end: @signpdf's P12 signer signs with node-forge, which signs with RSA only. */
const RSA_BITS = 3072;
const VALID_YEARS = 5;
/** id-kp-documentSigning (RFC 9336): what the key is for */
const DOCUMENT_SIGNING = '1.3.6.1.5.5.7.3.36';

/**
 * A new self-signed certificate for the department's documents: an RSA 3072 key made by
 * Node's crypto (OpenSSL), the certificate built and signed (SHA-256) by node-forge, valid
 * five years from `at`, for digital signatures and non-repudiation.
 */
export function makeSigningCertificate(subject: { commonName: string; organization: string | null }, at: Date): SigningCertificate {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: RSA_BITS });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  // a positive serial of 16 random bytes (RFC 5280: at most 20 octets, unpredictable)
  certificate.serialNumber = '01' + crypto.randomBytes(15).toString('hex');
  certificate.validity.notBefore = at;
  certificate.validity.notAfter = new Date(at.getTime());
  certificate.validity.notAfter.setUTCFullYear(at.getUTCFullYear() + VALID_YEARS);
  const names = [
    { shortName: 'CN', value: subject.commonName },
    ...(subject.organization ? [{ shortName: 'O', value: subject.organization }] : []),
  ];
  certificate.setSubject(names);
  certificate.setIssuer(names);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'extKeyUsage', [DOCUMENT_SIGNING]: true, emailProtection: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  certificate.sign(key, forge.md.sha256.create());
  return described(key, [certificate]);
}

/**
 * The agency's own certificate from its PKCS#12 file, opened with its passphrase and kept
 * again under an empty one (the store is encrypted; the passphrase is not kept). Refused,
 * with a plain reason, when the passphrase is wrong, the file holds no key or no
 * certificate for it, the key is not RSA, or the certificate has expired.
 */
export function readPkcs12(file: Buffer, passphrase: string, at: Date): SigningCertificate {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(file.toString('binary'))), false, passphrase);
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/Invalid password|MAC could not be verified/i.test(message))
      throw failed('pkcs12-passphrase', 'The passphrase does not open this PKCS#12 file. Nothing was changed.');
    if (/OID is not RSA/i.test(message)) throw notRsa();
    throw failed('pkcs12-unreadable', 'This file is not a PKCS#12 (.p12 or .pfx) file Custodian can read. Nothing was changed.');
  }
  const bags = (type: string): forge.pkcs12.Bag[] => p12.getBags({ bagType: type })[type] ?? [];
  const keyBags = [...bags(forge.pki.oids.pkcs8ShroudedKeyBag!), ...bags(forge.pki.oids.keyBag!)];
  const key = keyBags.find((bag) => bag.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  // node-forge reads RSA keys only: another kind (an EC key) is left as bare ASN.1 in its bag
  if (!key && keyBags.length > 0) throw notRsa();
  if (!key)
    throw failed('pkcs12-no-key', 'This PKCS#12 file holds no private key, so nothing could be signed with it. Nothing was changed.');
  const certificates = bags(forge.pki.oids.certBag!)
    .map((bag) => bag.cert)
    .filter((cert): cert is forge.pki.Certificate => cert !== undefined);
  const own = certificates.find((cert) => {
    const publicKey = cert.publicKey as forge.pki.rsa.PublicKey;
    return publicKey.n?.equals(key.n) && publicKey.e?.equals(key.e);
  });
  if (!own) throw failed('pkcs12-no-certificate', 'This PKCS#12 file holds no certificate for its private key. Nothing was changed.');
  if (own.validity.notAfter.getTime() <= at.getTime())
    throw failed('pkcs12-expired', `This certificate expired on ${own.validity.notAfter.toISOString()}. Nothing was changed.`);
  return described(key, [own, ...certificates.filter((cert) => cert !== own)]);
}

function notRsa() {
  return failed(
    'pkcs12-not-rsa',
    'This PKCS#12 file holds a key that is not RSA; Custodian signs with RSA keys only. Nothing was changed.',
  );
}

/** The key and its certificate (first) with any chain, sealed in a PKCS#12 under an empty passphrase, and described. */
function described(key: forge.pki.rsa.PrivateKey, chain: forge.pki.Certificate[]): SigningCertificate {
  const own = chain[0]!;
  const pkcs12 = forge.pkcs12.toPkcs12Asn1(key, chain, '', {
    algorithm: 'aes256',
    generateLocalKeyId: true,
    friendlyName: 'Custodian signing',
  });
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(own)).getBytes();
  const field = (name: string): string | null => (own.subject.getField(name)?.value as string | undefined) ?? null;
  return {
    pkcs12: Buffer.from(forge.asn1.toDer(pkcs12).getBytes(), 'binary'),
    certificatePem: chain.map((cert) => forge.pki.certificateToPem(cert)).join(''),
    commonName: field('CN') ?? 'unnamed signer',
    organization: field('O'),
    fingerprint: crypto.createHash('sha256').update(Buffer.from(der, 'binary')).digest('hex'),
    notBefore: own.validity.notBefore,
    notAfter: own.validity.notAfter,
    keyDescription: `RSA ${key.n.bitLength()}`,
  };
}
