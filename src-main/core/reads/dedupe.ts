import crypto from 'node:crypto';

/**
 * "No read twice": every stored row carries a 64-bit hash of its natural key, under a
 * unique index. A read's natural key is its vendor and the vendor's id for it; without an
 * id, its plate, capture time and camera. A hash is a quarter of the index a text key
 * needs, and measured faster to insert (bench/RESULTS.md). Two different keys can share a
 * hash (about one chance in 10^6 at ten million reads); the writer then compares the
 * stored row's own key and, when it differs, stores the new row under the next probe.
 */
export function plateReadKey(
  vendor: string,
  vendorReadId: string | null,
  plateNorm: string,
  capturedAt: number,
  camera: string | null,
): string {
  return vendorReadId ? `read\u0000${vendor}\u0000${vendorReadId}` : `read\u0000${plateNorm}\u0000${capturedAt}\u0000${camera ?? ''}`;
}

/** The hash for `key` at probe `probe` (0 first), as a signed 64-bit integer (SQLite's INTEGER). */
export function dedupeHash(key: string, probe = 0): bigint {
  const digest = crypto
    .createHash('sha256')
    .update(probe === 0 ? key : `${key}\u0000#${probe}`)
    .digest();
  return digest.readBigInt64BE(0);
}
