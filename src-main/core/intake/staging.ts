import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MAX_UPLOAD_BYTES } from '../../contract/transport';
import { invalid, notFound } from '../errors';
import { sealedCipherAt, type ByteSource } from './source';

export interface StagedUpload {
  id: string;
  name: string;
  size: number;
  sha256: string;
  source: ByteSource;
}

/** Receives an upload a chunk at a time; `finish` checks the size and makes it importable. */
export interface UploadWriter {
  readonly id: string;
  write(chunk: Buffer): Promise<void>;
  finish(): Promise<StagedUpload>;
  /** drop what was received (a broken connection, a refused upload) */
  abort(): void;
}

/**
 * Files a screen sends for import, kept in the workspace's `incoming` folder until imported
 * or discarded. Each is encrypted as it arrives with a random key held only in memory:
 * nothing a person uploads sits on disk in plain text, and a killed process leaves files
 * nobody can read (they are removed at the next start).
 */
export class UploadStore {
  private readonly uploads = new Map<string, { owner: string; upload: StagedUpload }>();

  constructor(private readonly dir: string) {
    // Anything left here is from a process that ended: its keys are gone with it.
    fs.rmSync(dir, { recursive: true, force: true });
  }

  begin(owner: string, name: string, expectedSize: number): UploadWriter {
    const fileName = path.basename(name.replace(/\\/g, '/')).trim();
    if (!fileName) throw invalid('upload-name', 'The file has no name.');
    if (!Number.isSafeInteger(expectedSize) || expectedSize < 0 || expectedSize > MAX_UPLOAD_BYTES) {
      throw invalid('upload-size', `A file sent for import may be at most ${MAX_UPLOAD_BYTES / 1024 ** 3} GiB.`);
    }
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const id = crypto.randomBytes(16).toString('hex');
    const key = crypto.randomBytes(32);
    const iv = crypto.randomBytes(16);
    const file = path.join(this.dir, `${id}.sealed`);
    const fd = fs.openSync(file, 'wx', 0o600);
    const cipher = sealedCipherAt(key, iv, 0, true);
    const hash = crypto.createHash('sha256');
    let received = 0;
    let open = true;
    const close = () => {
      if (open) fs.closeSync(fd);
      open = false;
    };
    const abort = () => {
      close();
      fs.rmSync(file, { force: true });
    };
    return {
      id,
      write: async (chunk) => {
        if (!open) throw invalid('upload-closed', 'This upload is already finished.');
        received += chunk.length;
        if (received > expectedSize) {
          abort();
          throw invalid('upload-size', `${fileName} is larger than announced (${expectedSize} bytes).`);
        }
        hash.update(chunk);
        const sealed = cipher.update(chunk);
        await new Promise<void>((resolve, reject) => fs.write(fd, sealed, (error) => (error ? reject(error) : resolve())));
      },
      finish: async () => {
        if (received !== expectedSize) {
          abort();
          throw invalid('upload-size', `${fileName} arrived incomplete (${received} of ${expectedSize} bytes); send it again.`);
        }
        close();
        const upload: StagedUpload = {
          id,
          name: fileName,
          size: received,
          sha256: hash.digest('hex'),
          source: { kind: 'sealed', name: fileName, path: file, size: received, key, iv },
        };
        this.uploads.set(id, { owner, upload });
        return upload;
      },
      abort,
    };
  }

  /** The upload `id`, if `owner` (the session that sent it) asks. */
  get(owner: string, id: string): StagedUpload {
    const held = this.uploads.get(id);
    if (!held || held.owner !== owner) {
      throw notFound(
        'no-such-upload',
        'That file is no longer waiting to be imported (it was imported, discarded, or sent from another session). Add it again.',
      );
    }
    return held.upload;
  }

  discard(id: string): void {
    const held = this.uploads.get(id);
    if (!held) return;
    this.uploads.delete(id);
    if (held.upload.source.kind === 'sealed') held.upload.source.key.fill(0);
    fs.rmSync(held.upload.source.path, { force: true });
  }

  /** The ids of everything a session has sent so far and not yet imported. */
  ownedBy(owner: string): string[] {
    return [...this.uploads].filter(([, held]) => held.owner === owner).map(([id]) => id);
  }

  /** Everything a session sent (it signed out or its window closed). */
  discardOwner(owner: string): void {
    for (const [id, held] of this.uploads) if (held.owner === owner) this.discard(id);
  }

  clear(): void {
    for (const id of [...this.uploads.keys()]) this.discard(id);
  }
}
