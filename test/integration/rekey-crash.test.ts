/**
 * Rotating the master key rewrites every page of the database and every key slot. A
 * power cut or a killed process at any moment must leave a workspace that still opens,
 * with every entry of the access log intact: under the old key or the new one.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEntry } from '../../src-main/core/audit/chain';
import { Workspace } from '../../src-main/core/workspace';
import { COMMANDER, newWorkspace, PASSWORD, removeTempFolders, tempFolder } from '../support/store-support';

const CHILD = path.join(__dirname, '..', 'support', 'rekey-child.ts');
const FILLER_ENTRIES = 100_000;

afterAll(removeTempFolders);

/** Run the child; kill it `killAfterMs` after it starts rekeying (never, if undefined). */
function rekeyInChild(dir: string, killAfterMs?: number): Promise<{ killed: boolean; finished: boolean; rekeyMs: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, COMMANDER, PASSWORD], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let started = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!started && out.includes('rekeying')) {
        started = Date.now();
        if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) =>
      resolve({ killed: signal === 'SIGKILL', finished: out.includes('done'), rekeyMs: started ? Date.now() - started : 0 }),
    );
  });
}

function copyFolder(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

describe('a master-key rotation killed part-way', () => {
  let template: string;
  let entriesBefore: number;
  let rekeyMs: number;

  beforeAll(async () => {
    template = newWorkspace('rekey-crash').dir;
    const ws = Workspace.open(template);
    const { token } = ws.signIn(COMMANDER, PASSWORD);
    const db = ws.database()!;
    db.transaction(() => {
      for (let i = 0; i < FILLER_ENTRIES; i++) {
        appendAuditEntry(db, ws.workspaceId, {
          at: new Date().toISOString(),
          accountId: 1,
          username: COMMANDER,
          fullName: 'Pat Parsons',
          role: 'commander',
          operation: 'audit.query',
          objects: { input: { offset: i, limit: 100 } },
          caseNumber: null,
          purpose: null,
          outcome: 'ok',
          reason: null,
          workstation: 'RECORDS-DESK-1',
        });
      }
    })();
    ws.call(token, 'session.signOut', {});
    entriesBefore = FILLER_ENTRIES + 3; // + init, sign-in, sign-out

    // Measure how long a rotation takes here, on a copy, so the kills land inside it.
    const calibration = path.join(tempFolder('rekey-calibration'), 'ws');
    copyFolder(template, calibration);
    const run = await rekeyInChild(calibration);
    expect(run.finished).toBe(true);
    rekeyMs = run.rekeyMs;
  });

  it('always leaves a workspace that opens, with the whole access log intact', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const dir = path.join(tempFolder('rekey-kill'), 'ws');
      copyFolder(template, dir);
      const killAfter = Math.round(((i + 0.5) / 8) * rekeyMs);
      const run = await rekeyInChild(dir, killAfter);
      outcomes.push(run.finished ? 'finished' : run.killed ? 'killed' : 'exited');

      const ws = Workspace.open(dir);
      const { token } = ws.signIn(COMMANDER, PASSWORD);
      const verified = ws.call(token, 'audit.verify', {});
      expect(verified.ok, `kill after ${killAfter} ms: ${verified.problem?.message}`).toBe(true);
      // the child's sign-in always landed; its rekey entry only if the rotation finished
      expect(verified.entries).toBeGreaterThanOrEqual(entriesBefore + 1);
      ws.close();
      for (const leftover of ['keyring.next.json', 'custodian.db.rekeyed']) {
        expect(fs.existsSync(path.join(dir, leftover)), `${leftover} is settled at sign-in`).toBe(false);
      }
    }
    // The kills must really have interrupted rotations, or this test proves nothing.
    expect(outcomes.filter((o) => o === 'killed').length).toBeGreaterThanOrEqual(5);
  });
});
