/**
 * The retention period is counted in whole seconds of UTC, so a daylight-saving change inside
 * it moves nothing (Policy 427.5). In Los Angeles the clocks went back an hour on 1 November
 * 2026; a purge as of 29 November 01:30 PST counts back exactly 30 × 86,400 s, to 30 October
 * 02:30 PDT (09:30 UTC), not to 01:30 local time, which is an hour earlier. Reads imported with
 * local times in Los Angeles, a second either side of the cut-off and inside that hour, go or
 * stay by the instant alone.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PurgeRun } from '../../src-main/contract/retention';
import { importWorkspace } from '../support/import-support';
import { importReadRows } from '../support/read-rows';
import { openStore, removeTempFolders, tempFolder, type TestWorkspace } from '../support/workspace-fixtures';

afterAll(removeTempFolders);

const AS_OF = '2026-11-29T09:30:00.000Z'; // 01:30 PST

let w: TestWorkspace;
let token: string;

beforeAll(async () => {
  ({ w, token } = importWorkspace('purge-dst'));
  // zone-less local times, read in Los Angeles (PDT, UTC−7, until 1 November)
  await importReadRows(
    w.ws,
    token,
    path.join(tempFolder('purge-dst-reads'), 'reads'),
    'reads',
    [
      { id: 'second-before-cut-off', at: '2026-10-30T02:29:59', plate: 'DST0001' },
      { id: 'second-after-cut-off', at: '2026-10-30T02:30:01', plate: 'DST0002' },
      { id: 'in-the-hour-local-days-would-keep', at: '2026-10-30T01:45:00', plate: 'DST0003' },
    ],
    'America/Los_Angeles',
  );
});
afterAll(() => w?.ws.close());

it('counts the period in UTC seconds across the change of the clocks: a second either side of the cut-off decides', async () => {
  const plan = w.ws.call(token, 'purge.preview', { asOf: AS_OF });
  expect(plan.cutOff).toBe('2026-10-30T09:30:00.000Z');
  expect(plan.reads).toBe(2);
  const run = (await w.ws.startJob(token, 'purge.run', { asOf: AS_OF }, undefined, {
    signal: new AbortController().signal,
    onProgress: () => {},
  })) as PurgeRun;
  expect(run.destroyed).toMatchObject({ reads: 2 });
  expect(openStore(w.ws).prepare('SELECT vendor_read_id FROM plate_reads').pluck().all()).toEqual(['second-after-cut-off']);
});
