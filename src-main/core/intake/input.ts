import fs from 'node:fs';
import path from 'node:path';
import type { ImportSource } from '../../contract/imports';
import { invalid, notFound } from '../errors';
import type { OperationContext } from '../gate/context';
import type { ByteSource } from './source';

/** What a person chose to bring in: a file (or a folder bundle, from the command line) or an upload. Plain data, so it crosses to a worker thread. */
export type IntakeInput = ByteSource | { kind: 'folder'; name: string; path: string };

/** The bytes a call names: a file or folder on this computer (command line), or an upload this session sent. */
export function resolveInput(ctx: OperationContext, source: ImportSource): IntakeInput {
  if ('uploadId' in source) return ctx.uploads.get(ctx.token, source.uploadId).source;
  const file = path.resolve(source.path);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw notFound('no-such-file', `There is no file or folder at ${file}.`);
  }
  if (stat.isDirectory()) return { kind: 'folder', name: path.basename(file), path: file };
  if (!stat.isFile()) throw invalid('not-a-file', `${file} is not a file.`);
  return { kind: 'file', name: path.basename(file), path: file, size: stat.size };
}
