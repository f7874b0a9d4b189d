/**
 * Plate reads written as a Flock-style CSV (with a small JPEG for each read that asks for
 * one) in a folder of their own, and imported through the gate: the way the retention tests
 * put reads of chosen capture times, plates and cameras into a workspace.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Workspace } from '../../src-main/core/workspace';
import { flockReadsMapping } from '../fixtures/plate-reads';
import { importOk } from './import-support';

export interface ReadRow {
  /** the vendor's read id */
  id: string;
  /** capture time, ISO (without a zone: in the import's time zone) */
  at: string;
  plate: string;
  camera?: string;
  image?: boolean;
}

/** The bytes of a read's image: a minimal JPEG naming its plate. */
export const jpegOf = (label: string) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`image of ${label}`), Buffer.from([0xff, 0xd9])]);

/**
 * Write `rows` as `folder/name.csv` with `folder/images/ID.jpg`, and import the folder (the
 * bundle); capture times without a zone are read in `timezone`.
 */
export async function importReadRows(
  ws: Workspace,
  token: string,
  folder: string,
  name: string,
  rows: readonly ReadRow[],
  timezone = 'UTC',
) {
  fs.mkdirSync(path.join(folder, 'images'), { recursive: true });
  const lines = ['id,capturedAt,plate,state,plateConfidence,deviceId,deviceName,lat,lon,make,model,color,direction,image'];
  for (const r of rows) {
    if (r.image) fs.writeFileSync(path.join(folder, 'images', `${r.id}.jpg`), jpegOf(r.plate));
    lines.push(
      `${r.id},${r.at},${r.plate},CA,0.97,dev-1,${r.camera ?? 'Main St NB'},37.1,-122.1,Toyota,Camry,white,north,${r.image ? `images/${r.id}.jpg` : ''}`,
    );
  }
  fs.writeFileSync(path.join(folder, `${name}.csv`), lines.join('\n') + '\n');
  return importOk(ws, token, folder, { vendor: 'csv', mapping: flockReadsMapping({ image: true }), timezone });
}
