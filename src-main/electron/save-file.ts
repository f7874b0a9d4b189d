import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Saving a streamed download (`custodian:save`) to the file the person chose. No Electron
 * import, so it can be unit-tested under plain Node; ipc.ts shows the dialog and calls this.
 */

const FALLBACK_NAME = 'custodian-export';

/**
 * A file name that can be offered in a save dialog: no folders, no characters Windows
 * refuses, no control characters, no leading dots, at most 200 characters.
 */
export function safeFileName(suggested: unknown): string {
  if (typeof suggested !== 'string') return FALLBACK_NAME;
  const cleaned = suggested
    .split(/[/\\]+/)
    .filter((part) => part !== '.' && part !== '..')
    .join('-')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*-]+/g, '-')
    .slice(0, 200)
    .replace(/^[\s.-]+|[\s.-]+$/g, '');
  return cleaned === '' ? FALLBACK_NAME : cleaned;
}

/**
 * Run `produce` with a sink that writes into `target`, and return what it returns.
 * The content goes into a new private file (mode 0600) beside the target, is flushed to
 * disk, and only then renamed over the target. If anything fails, the partial file is
 * removed and a file already at `target` (the save dialog asked before replacing it) is
 * left as it was.
 */
export async function writeFileFromSink<T>(target: string, produce: (sink: (chunk: string) => void) => Promise<T>): Promise<T> {
  const dir = path.dirname(target);
  const partial = path.join(dir, `.${path.basename(target)}.${crypto.randomBytes(6).toString('hex')}.partial`);
  let fd: number | undefined = fs.openSync(partial, 'wx', 0o600);
  let saved = false;
  try {
    const openFd = fd;
    const result = await produce((chunk) => writeAll(openFd, Buffer.from(chunk, 'utf8')));
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(partial, target);
    saved = true;
    syncFolder(dir);
    return result;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
    if (!saved) fs.rmSync(partial, { force: true });
  }
}

function writeAll(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
}

/** Make the rename itself durable. Windows cannot open a folder for this; there it is skipped. */
function syncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some file systems (network shares, FAT media) refuse; the file itself is already flushed.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
