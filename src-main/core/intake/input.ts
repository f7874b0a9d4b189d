import fs from 'node:fs';
import path from 'node:path';
import type { ImportSource } from '../../contract/imports';
import { CustodianError, invalid, notFound } from '../errors';
import type { OperationContext } from '../gate/context';
import type { ByteSource } from './source';

/** What a person chose to bring in: a file (or a folder bundle, from the command line) or an upload. Plain data, so it crosses to a worker thread. */
export type IntakeInput = ByteSource | { kind: 'folder'; name: string; path: string };

/** The bytes a call names: a file or folder on this computer (command line), or an upload this session sent. */
export function resolveInput(ctx: OperationContext, source: ImportSource): IntakeInput {
  if ('uploadId' in source) return ctx.uploads.get(ctx.token, source.uploadId).source;
  const file = path.resolve(source.path);
  let stat: fs.Stats;
  let target = file;
  try {
    stat = fs.lstatSync(file);
    if (stat.isSymbolicLink()) {
      target = linkTargetInItsFolder(file);
      stat = fs.statSync(target);
    }
  } catch (error) {
    if (error instanceof CustodianError) throw error;
    throw notFound('no-such-file', `There is no file or folder at ${file}.`);
  }
  if (stat.isDirectory()) return { kind: 'folder', name: path.basename(file), path: target };
  if (!stat.isFile()) throw invalid('not-a-file', `${file} is not a file.`);
  return { kind: 'file', name: path.basename(file), path: target, size: stat.size };
}

/**
 * A link is followed only to a file in the folder the link is in (or below it): a link
 * leading elsewhere (`x.csv -> /etc/shadow`) would let whoever made it bring in, and put in
 * front of someone, a file they chose. It is refused, saying where it leads.
 */
function linkTargetInItsFolder(link: string): string {
  const target = fs.realpathSync(link);
  const folder = fs.realpathSync(path.dirname(link));
  const relative = path.relative(folder, target);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw invalid(
      'link-outside-folder',
      `${link} is a link to ${target}, outside the folder it is in; import the file itself, not a link to it.`,
    );
  }
  return target;
}
