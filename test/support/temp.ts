import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made: string[] = [];

/** A new empty folder under the system temp folder, removed by removeTempFolders(). */
export function tempFolder(label = 'test'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `custodian-${label}-`));
  made.push(dir);
  return dir;
}

export function removeTempFolders(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
