import fs from 'node:fs';
import { z } from 'zod';
import { failed } from '../errors';
import { readJsonFile, writeFileAtomic } from './files';
import type { WorkspaceFiles } from './paths';

const manifestSchema = z.object({
  format: z.literal('custodian-workspace'),
  version: z.literal(1),
  workspaceId: z.string().uuid(),
  createdAt: z.string(),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** workspace.json names the folder as a workspace; it is written last at init. */
export function readManifest(files: WorkspaceFiles): Manifest {
  if (!fs.existsSync(files.manifest)) {
    throw failed(
      'not-a-workspace',
      `${files.dir} is not a Custodian workspace (it has no workspace.json). Check --workspace, or create one with "custodian init".`,
    );
  }
  let raw: unknown;
  try {
    raw = readJsonFile(files.manifest);
  } catch {
    raw = undefined;
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success)
    throw failed('not-a-workspace', `${files.manifest} is damaged or not a Custodian workspace file. Restore it from backup.`);
  return parsed.data;
}

export function writeManifest(files: WorkspaceFiles, manifest: Manifest): void {
  writeFileAtomic(files.manifest, JSON.stringify(manifest, null, 2) + '\n');
}
