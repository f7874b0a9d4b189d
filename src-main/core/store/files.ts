import fs from 'node:fs';
import path from 'node:path';

/**
 * Replace a small file atomically: write a sibling temp file, fsync it, rename it over
 * the target, fsync the folder. A crash leaves either the old or the new file whole.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    if (typeof data === 'string') fs.writeSync(fd, data);
    else fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  renameDurably(tmp, file);
}

/** Rename within one folder and make the rename itself survive a power cut. */
export function renameDurably(from: string, to: string): void {
  fs.renameSync(from, to);
  fsyncDir(path.dirname(to));
}

function fsyncDir(dir: string): void {
  // Windows cannot open a folder for fsync; rename is already durable enough there.
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function readJsonFile(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
