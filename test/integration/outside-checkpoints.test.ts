/**
 * Tamper evidence that does not depend on the database: signed checkpoints written to a
 * folder the commander chooses, checked at every sign-in. Without them a log cut short, or
 * rewritten by someone holding the master key (who can re-sign the checkpoints stored
 * beside it), still verified.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkpointFileSchema, type CheckpointFile } from '../../src-main/contract/schemas';
import { entryHash, genesisHash, type StoredAuditRow } from '../../src-main/core/audit/chain';
import { logWitness } from '../../src-main/core/audit/outside-checkpoints';
import type { Db } from '../../src-main/core/store/database';
import { Workspace } from '../../src-main/core/workspace';
import { custodian } from '../support/cli';
import {
  allEntries,
  COMMANDER,
  createWorkspace,
  expectRefusal,
  openStore,
  removeTempFolders,
  signIn,
  tempFolder,
  type TestWorkspace,
} from '../support/workspace-fixtures';

afterAll(removeTempFolders);

const DAY = 24 * 60 * 60 * 1000;

function checkpointsIn(folder: string): CheckpointFile[] {
  return fs
    .readdirSync(folder)
    .sort()
    .map((name) => checkpointFileSchema.parse(JSON.parse(fs.readFileSync(path.join(folder, name), 'utf8'))));
}

/** A workspace whose commander has chosen a checkpoint folder; returns it signed out. */
function withCheckpointFolder(label: string): { w: TestWorkspace; folder: string } {
  const w = createWorkspace(label, { start: '2026-03-02T09:15:00.000Z' });
  const folder = tempFolder(`${label}-medium`);
  const token = signIn(w.ws, COMMANDER);
  w.ws.call(token, 'settings.update', { checkpointFolder: folder });
  w.ws.call(token, 'session.signOut', {});
  return { w, folder };
}

/** Sign in, returning the warnings; signs out again. */
function warningsAtSignIn(ws: Workspace): string[] {
  const { token, warnings } = ws.signIn(COMMANDER.username, COMMANDER.password);
  ws.call(token, 'session.signOut', {});
  return warnings;
}

/** As someone holding the master key: the append-only triggers dropped, then `change`. */
function tamper(w: TestWorkspace, change: (db: Db) => void): void {
  const token = signIn(w.ws, COMMANDER);
  const db = openStore(w.ws);
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  change(db);
  w.ws.call(token, 'session.signOut', {});
  w.ws.close();
}

function rehashAll(db: Db, workspaceId: string): void {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as StoredAuditRow[];
  const update = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
  let prev = genesisHash(workspaceId);
  for (const row of rows) {
    const hash = entryHash(prev, row);
    update.run(prev, hash, row.seq);
    prev = hash;
  }
}

describe('choosing a checkpoint folder', () => {
  it('writes the first checkpoint into it at once, and the log says so', () => {
    const { w, folder } = withCheckpointFolder('first');
    const [first, ...rest] = checkpointsIn(folder);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ format: 'custodian-audit-checkpoint', workspaceId: w.workspaceId });
    const token = signIn(w.ws, COMMANDER);
    const written = allEntries(w.ws).find((e) => e.operation === 'audit.checkpointWritten');
    expect(written).toMatchObject({ outcome: 'ok', objects: { folder, seq: first!.seq, headHash: first!.headHash } });
    w.ws.call(token, 'session.signOut', {});
    w.ws.close();
  });

  it('refuses a folder that is not there, naming the field', () => {
    const w = createWorkspace('missing-folder');
    const token = signIn(w.ws, COMMANDER);
    const missing = path.join(tempFolder('nowhere'), 'not-made');
    expectRefusal(() => w.ws.call(token, 'settings.update', { checkpointFolder: missing }), {
      kind: 'invalid',
      code: 'checkpoint-folder',
      message: /does not exist/,
    });
    expectRefusal(() => w.ws.call(token, 'settings.update', { checkpointFolder: 'relative/folder' }), {
      kind: 'invalid',
      code: 'invalid-input',
      message: /full path/,
    });
    w.ws.close();
  });

  it('from the command line, as custodian settings set --checkpoint-folder', () => {
    const dir = path.join(tempFolder('cli-cp'), 'ws');
    const init = custodian(['--workspace', dir, 'init', '--commander', 'cmdr', '--full-name', 'Pat Commander'], {
      CUSTODIAN_PASSWORD: 'Parsons-Records-2026!',
    });
    expect(init.code, init.stderr).toBe(0);
    const folder = tempFolder('cli-medium');
    const set = custodian(['--workspace', dir, '--user', 'cmdr', 'settings', 'set', '--checkpoint-folder', folder], {
      CUSTODIAN_PASSWORD: 'Parsons-Records-2026!',
    });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain(`Checkpoint folder: ${folder}`);
    expect(checkpointsIn(folder)).toHaveLength(1);
  });
});

describe('the daily checkpoint', () => {
  it('is written at the first sign-in a day after the newest, and not before', () => {
    const { w, folder } = withCheckpointFolder('daily');
    w.clock.advance(DAY - 60_000);
    expect(warningsAtSignIn(w.ws)).toEqual([]);
    expect(checkpointsIn(folder)).toHaveLength(1);
    w.clock.advance(2 * 60_000);
    expect(warningsAtSignIn(w.ws)).toEqual([]);
    expect(checkpointsIn(folder)).toHaveLength(2);
    w.ws.close();
  });

  it('is written while the app stays open, at the first call a day later', () => {
    const { w, folder } = withCheckpointFolder('open-app');
    const token = signIn(w.ws, COMMANDER);
    w.ws.call(token, 'settings.update', { idleMinutes: 30 });
    const before = checkpointsIn(folder).length;
    w.clock.advance(DAY + 1);
    w.ws.unlock(token, COMMANDER.password);
    w.ws.call(token, 'user.list', {});
    expect(checkpointsIn(folder).length).toBe(before + 1);
    w.ws.close();
  });

  it('follows a master-key rotation, which asks for one', () => {
    const { w, folder } = withCheckpointFolder('rekey');
    const token = signIn(w.ws, COMMANDER);
    const before = checkpointsIn(folder).length;
    w.ws.call(token, 'workspace.rekey', {});
    expect(checkpointsIn(folder).length).toBe(before + 1);
    w.ws.close();
  });
});

describe('a log that no longer matches the newest checkpoint', () => {
  it('cut short below it: every sign-in warns loudly, and the warning is logged', () => {
    const { w, folder } = withCheckpointFolder('cut');
    const newest = checkpointsIn(folder).at(-1)!;
    tamper(w, (db) => db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(newest.seq - 1));
    const ws = Workspace.open(w.dir, { clock: w.clock, workstation: 'RECORDS-DESK-1' });
    // The sign-in writes its own entry first, so the cut log has grown back past the
    // checkpoint's entry number by then: its entry there is another one.
    const warnings = warningsAtSignIn(ws);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      new RegExp(
        `^Entry ${newest.seq} of the access log is not the entry the checkpoint .* signed: the log has been cut short and written on, or rewritten\\.`,
      ),
    );
    expect(warnings[0]).toMatch(/Tell the commander at once/);
    expect(warningsAtSignIn(ws)).toHaveLength(1);
    const token = signIn(ws, COMMANDER);
    const logged = allEntries(ws).filter((e) => e.operation === 'audit.checkpointProblem');
    expect(logged.length).toBeGreaterThanOrEqual(2);
    expect(logged[0]).toMatchObject({ outcome: 'error', reason: warnings[0] });
    ws.call(token, 'session.signOut', {});
    ws.close();
  });

  it('rewritten whole by someone holding the master key (entries changed, chain rebuilt): warns', () => {
    const { w, folder } = withCheckpointFolder('rewritten');
    const newest = checkpointsIn(folder).at(-1)!;
    const before = signIn(w.ws, COMMANDER);
    const triggers = openStore(w.ws)
      .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name IN ('audit_log', 'audit_checkpoints')")
      .all() as { name: string; sql: string }[];
    w.ws.call(before, 'session.signOut', {});
    tamper(w, (db) => {
      db.prepare("UPDATE audit_log SET workstation = 'ELSEWHERE' WHERE seq = 1").run();
      rehashAll(db, w.workspaceId);
      // and the checkpoints kept in the database, which the key holder could re-sign, go
      db.exec('DROP TRIGGER audit_checkpoints_no_delete; DELETE FROM audit_checkpoints;');
      // then every trigger is put back word for word, so the schema check sees nothing either
      for (const { name, sql } of triggers) db.exec(`DROP TRIGGER IF EXISTS ${name}; ${sql}`);
    });
    const ws = Workspace.open(w.dir, { clock: w.clock, workstation: 'RECORDS-DESK-1' });
    const token = signIn(ws, COMMANDER);
    // The chain itself now verifies: only the checkpoint outside shows the rewrite.
    expect(ws.call(token, 'audit.verify', {}).ok).toBe(true);
    ws.call(token, 'session.signOut', {});
    const [warning] = warningsAtSignIn(ws);
    expect(warning).toMatch(new RegExp(`^Entry ${newest.seq} of the access log is not the entry the checkpoint .* signed`));
    ws.close();
  });

  it('signed with another key (the key in the database replaced): warns', () => {
    const { w } = withCheckpointFolder('new-key');
    tamper(w, (db) => {
      db.exec("UPDATE meta SET value = 'AAAA' || substr(value, 5) WHERE key = 'signing_public_key'");
    });
    const ws = Workspace.open(w.dir, { clock: w.clock, workstation: 'RECORDS-DESK-1' });
    expect(warningsAtSignIn(ws)[0]).toMatch(/signing key is not the one that signed the checkpoint/);
    ws.close();
  });

  it('a checkpoint file altered in the folder: warns', () => {
    const { w, folder } = withCheckpointFolder('altered-file');
    const name = fs.readdirSync(folder).sort().at(-1)!;
    const file = path.join(folder, name);
    const c = JSON.parse(fs.readFileSync(file, 'utf8')) as CheckpointFile;
    fs.writeFileSync(file, JSON.stringify({ ...c, seq: c.seq + 1 }));
    expect(warningsAtSignIn(w.ws)[0]).toMatch(/does not hold: the file has been altered/);
    w.ws.close();
  });

  it('a folder out of reach (the medium taken out): warns, and says nothing was checked', () => {
    const { w, folder } = withCheckpointFolder('unplugged');
    fs.rmSync(folder, { recursive: true });
    const [warning] = warningsAtSignIn(w.ws);
    expect(warning).toMatch(/cannot be reached .* the access log was not checked against it and no checkpoint was written/);
    const token = signIn(w.ws, COMMANDER);
    expect(allEntries(w.ws).some((e) => e.operation === 'audit.checkpointProblem' && e.reason === warning)).toBe(true);
    w.ws.call(token, 'session.signOut', {});
    w.ws.close();
  });

  it('from the command line: the warning goes to standard error on every command', () => {
    const dir = path.join(tempFolder('cli-warn'), 'ws');
    const env = { CUSTODIAN_PASSWORD: 'Parsons-Records-2026!' };
    custodian(['--workspace', dir, 'init', '--commander', 'cmdr', '--full-name', 'Pat Commander'], env);
    const folder = tempFolder('cli-warn-medium');
    custodian(['--workspace', dir, '--user', 'cmdr', 'settings', 'set', '--checkpoint-folder', folder], env);
    fs.rmSync(folder, { recursive: true });
    const r = custodian(['--workspace', dir, '--user', 'cmdr', 'whoami'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^custodian: WARNING: The checkpoint folder .* cannot be reached/m);
  });
});

describe('the witness a document carries', () => {
  it('is the log’s sequence and head hash at that moment', () => {
    const w = createWorkspace('witness');
    const token = signIn(w.ws, COMMANDER);
    const db = openStore(w.ws);
    const head = db.prepare('SELECT seq, lower(hex(hash)) AS hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as {
      seq: number;
      hash: string;
    };
    expect(logWitness(db, w.workspaceId)).toEqual({ seq: head.seq, headHash: head.hash });
    w.ws.call(token, 'session.signOut', {});
    w.ws.close();
  });
});
