import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** What the store keeps about an image file: without its key row the file is noise. */
export interface SealedImage {
  /** relative to the workspace's images folder */
  file: string;
  key: Buffer;
  nonce: Buffer;
  tag: Buffer;
  size: number;
  sha256: string;
  mediaType: string;
}

/** The folder an import's images go in; removing it is how a cancelled import's images go. */
export function importImagesDir(imagesRoot: string, importId: number): string {
  return path.join(imagesRoot, `import-${importId}`);
}

/** What the first bytes say the image is. */
export function mediaTypeOf(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xd8) return 'image/jpeg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return 'application/octet-stream';
}

/**
 * Encrypt an image under a key of its own (AES-256-GCM) into the import's folder. The
 * key, nonce and tag go to the database, which is itself encrypted (design rule 6).
 */
export function sealImage(imagesRoot: string, importId: number, data: Buffer): SealedImage {
  const key = crypto.randomBytes(32);
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce);
  const sealed = Buffer.concat([cipher.update(data), cipher.final()]);
  const relative = path.join(`import-${importId}`, `${crypto.randomBytes(16).toString('hex')}.img`);
  const dir = importImagesDir(imagesRoot, importId);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(imagesRoot, relative), sealed, { mode: 0o600, flag: 'wx' });
  return {
    file: relative,
    key,
    nonce,
    tag: cipher.getAuthTag(),
    size: data.length,
    sha256: crypto.createHash('sha256').update(data).digest('hex'),
    mediaType: mediaTypeOf(data),
  };
}

/** Decrypt an image in memory; throws when the file was altered or the key is not its own. */
export function openImage(imagesRoot: string, image: Pick<SealedImage, 'file' | 'key' | 'nonce' | 'tag'>): Buffer {
  const file = path.resolve(imagesRoot, image.file);
  if (!file.startsWith(path.resolve(imagesRoot) + path.sep)) throw new Error('an image path points outside the images folder');
  const decipher = crypto.createDecipheriv('aes-256-gcm', image.key, image.nonce);
  decipher.setAuthTag(image.tag);
  return Buffer.concat([decipher.update(fs.readFileSync(file)), decipher.final()]);
}
