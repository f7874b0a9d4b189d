import crypto from 'node:crypto';

/** Pass text on to `write` while keeping its SHA-256 and byte count, for exports a person can check later. */
export function hashingWriter(write: (chunk: string) => void) {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  return {
    write(chunk: string) {
      hash.update(chunk);
      bytes += Buffer.byteLength(chunk);
      write(chunk);
    },
    summary: () => ({ bytes, sha256: hash.digest('hex') }),
  };
}
