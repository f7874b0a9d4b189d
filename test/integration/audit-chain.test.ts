import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, CheckpointFile, VerifyResult } from '../../src-main/contract/schemas';
import { entryHash, genesisHash, HASHED_COLUMNS, type StoredAuditRow } from '../../src-main/core/audit/chain';
import type { Db } from '../../src-main/core/store/database';
import { Workspace } from '../../src-main/core/workspace';
import {
  exportLog,
  addPerson,
  allEntries,
  COMMANDER,
  createWorkspace,
  expectRefusal,
  lastEntry,
  MEMBER,
  objectsOf,
  openStore,
  recordedInput,
  removeTempFolders,
  signIn,
  tempFolder,
  TestClock,
  type TestWorkspace,
} from '../support/workspace-fixtures';

// Policy 427.6(a): every access documented by name, date and time, in a log that
// shows any later change, deletion, reordering or cut.

afterAll(removeTempFolders);

const UTC_WITH_MILLISECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('what every access-log entry records', () => {
  let w: TestWorkspace;
  let commanderToken: string;
  let memberToken: string;
  const times: Record<string, string> = {};
  let refusalMessage = '';

  beforeAll(() => {
    // Set up at the records desk, then used from a patrol car's workstation.
    w = createWorkspace('entry-fields', {
      start: '2026-03-02T09:15:00.123Z',
      initWorkstation: 'RECORDS-DESK-1',
      workstation: 'PATROL-CAR-7',
    });
    const { ws, clock } = w;
    clock.advance(61_007);
    commanderToken = signIn(ws, COMMANDER);
    clock.advance(1_111);
    times.userAdd = clock.now().toISOString();
    addPerson(ws, commanderToken, MEMBER);
    ws.call(commanderToken, 'training.record', { username: MEMBER.username, course: 'ALPR Operator Training', completedOn: clock.today() });
    memberToken = signIn(ws, MEMBER);
    clock.advance(2_222);
    times.alpr = clock.now().toISOString();
    ws.call(memberToken, 'alpr.holdings', {}, { caseNumber: '  26-004512 ', purpose: ' Stolen vehicle reported on Elm Street ' });
    clock.advance(3_333);
    times.refused = clock.now().toISOString();
    refusalMessage = expectRefusal(() => exportLog(ws, memberToken), { kind: 'denied', code: 'not-permitted' }).message;
  });

  afterAll(() => w.ws.close());

  const entry = (operation: string, outcome?: AuditEntry['outcome']): AuditEntry => {
    const found = allEntries(w.ws).find((e) => e.operation === operation && (outcome === undefined || e.outcome === outcome));
    if (!found) throw new Error(`no ${operation} entry in the log`);
    return found;
  };

  it('numbers the entries 1, 2, 3 … with no gaps, in time order, each in UTC with milliseconds', () => {
    const entries = allEntries(w.ws);
    expect(entries.length).toBeGreaterThanOrEqual(7);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    for (const e of entries) expect(e.at).toMatch(UTC_WITH_MILLISECONDS);
    const times = entries.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('records the setting-up of the workspace as entry 1, at the records desk, by the first commander', () => {
    const first = allEntries(w.ws)[0]!;
    expect(first).toMatchObject({
      seq: 1,
      at: '2026-03-02T09:15:00.123Z',
      username: 'lthompson',
      fullName: 'Laura Thompson',
      role: 'commander',
      operation: 'workspace.init',
      outcome: 'ok',
      caseNumber: null,
      purpose: null,
      reason: null,
      workstation: 'RECORDS-DESK-1',
    });
    expect(first.objects).toEqual({ workspaceId: w.workspaceId, commander: 'lthompson' });
  });

  it('records the workstation each later entry was made on', () => {
    const later = allEntries(w.ws).slice(1);
    expect(later.map((e) => e.workstation)).toEqual(later.map(() => 'PATROL-CAR-7'));
  });

  it('records who added a person, when, with which role, and what was added (without the password)', () => {
    const added = entry('user.add');
    expect(added).toMatchObject({
      at: times.userAdd,
      username: 'lthompson',
      fullName: 'Laura Thompson',
      role: 'commander',
      outcome: 'ok',
      reason: null,
    });
    expect(recordedInput(added)).toEqual({
      username: 'jmorales',
      fullName: 'Jordan Morales',
      roles: ['member'],
      password: '[not recorded]',
      confidentialAuthorized: false,
    });
    expect(objectsOf(added).touched).toEqual([{ account: 'jmorales', accountId: 2 }]);
  });

  it('records a look at ALPR data with the name, role, time, case number and purpose', () => {
    const look = entry('alpr.holdings');
    expect(look).toMatchObject({
      at: times.alpr,
      username: 'jmorales',
      fullName: 'Jordan Morales',
      role: 'member',
      caseNumber: '26-004512',
      purpose: 'Stolen vehicle reported on Elm Street',
      outcome: 'ok',
      reason: null,
      workstation: 'PATROL-CAR-7',
    });
  });

  it('records a refusal with outcome "denied" and the reason the person was given', () => {
    const refused = entry('audit.export', 'denied');
    expect(refused).toMatchObject({ at: times.refused, username: 'jmorales', fullName: 'Jordan Morales', role: null, outcome: 'denied' });
    expect(refused.reason).toBe(refusalMessage);
    expect(refused.reason).toMatch(/Jordan Morales may not/);
  });

  it('records sign-ins with the role the person holds', () => {
    const signIns = allEntries(w.ws).filter((e) => e.operation === 'session.signIn');
    expect(signIns.map((e) => [e.username, e.fullName, e.role, e.outcome])).toEqual([
      ['lthompson', 'Laura Thompson', 'commander', 'ok'],
      ['jmorales', 'Jordan Morales', 'member', 'ok'],
    ]);
  });
});

// ---------------------------------------------------------------------------
// Tampering. A template log is built once; each test works on its own copy of the
// workspace folder, opened and signed into afresh, then changed directly in the
// database the way someone holding the key could.
// ---------------------------------------------------------------------------

/** Entries in the template log before anyone signs into a copy. */
const TEMPLATE_ENTRIES = 10;
/** The entry recording a look at ALPR data, with a purpose. */
const ALPR_ENTRY = 6;

let templateDir = '';
let templateWorkspaceId = '';
const templateClock = new TestClock('2026-03-02T09:15:00.123Z');

function buildTemplate(): void {
  const w = createWorkspace('audit-template', { start: templateClock.now().toISOString(), workstation: 'RECORDS-DESK-1' });
  const { ws, clock } = w;
  const commander = signIn(ws, COMMANDER); // 2
  addPerson(ws, commander, MEMBER); // 3
  ws.call(commander, 'training.record', { username: MEMBER.username, course: 'ALPR Operator Training', completedOn: clock.today() }); // 4
  const member = signIn(ws, MEMBER); // 5
  clock.advanceMinutes(1);
  ws.call(member, 'alpr.holdings', {}, { caseNumber: '26-004512', purpose: 'Stolen vehicle reported on Elm Street' }); // 6
  ws.call(commander, 'user.list', {}); // 7
  ws.call(commander, 'user.list', {}); // 8
  ws.call(commander, 'settings.get', {}); // 9
  ws.call(commander, 'training.list', {}); // 10
  expect(allEntries(ws)).toHaveLength(TEMPLATE_ENTRIES);
  expect(allEntries(ws)[ALPR_ENTRY - 1]!.operation).toBe('alpr.holdings');
  ws.close();
  templateDir = w.dir;
  templateWorkspaceId = w.workspaceId;
}

interface Copy {
  ws: Workspace;
  token: string;
  db: Db;
}

const openCopies: Workspace[] = [];

/** A fresh copy of the template workspace with the commander signed in (entry 11). */
function openCopy(): Copy {
  const dir = path.join(tempFolder('audit-copy'), 'workspace');
  fs.cpSync(templateDir, dir, { recursive: true });
  const ws = Workspace.open(dir, { clock: templateClock, workstation: 'RECORDS-DESK-1' });
  openCopies.push(ws);
  const token = signIn(ws, COMMANDER);
  return { ws, token, db: openStore(ws) };
}

const verify = (c: Copy, checkpoint?: CheckpointFile): VerifyResult => c.ws.call(c.token, 'audit.verify', checkpoint ? { checkpoint } : {});
const headSeq = (db: Db) => db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;

/** The CREATE statement of a trigger, as the store keeps it. */
const triggerSql = (db: Db, name: string) =>
  db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?").pluck().get(name) as string;

/** Drop these triggers; returns what puts them back word for word, as an attacker covering their tracks would. */
function dropTriggers(db: Db, names: string[]): () => void {
  const statements = names.map((name) => triggerSql(db, name));
  for (const name of names) db.exec(`DROP TRIGGER ${name}`);
  return () => db.exec(statements.join(';\n'));
}

/** What an attacker holding the key does first: remove the append-only triggers. */
const removeLogProtection = (db: Db) => dropTriggers(db, ['audit_log_no_update', 'audit_log_no_delete']);
const removeCheckpointProtection = (db: Db) => dropTriggers(db, ['audit_checkpoints_no_update', 'audit_checkpoints_no_delete']);

/** Recompute prev_hash and hash of every entry from `fromSeq` on, as an attacker covering an edit would. */
function rehashFrom(db: Db, workspaceId: string, fromSeq: number): void {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as StoredAuditRow[];
  const update = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
  let prev = genesisHash(workspaceId);
  for (const row of rows) {
    if (row.seq < fromSeq) {
      prev = row.hash;
      continue;
    }
    const hash = entryHash(prev, row);
    update.run(prev, hash, row.seq);
    prev = hash;
  }
}

function expectProblem(result: VerifyResult, kind: string, seq: number | null, message?: RegExp): void {
  expect(result.ok).toBe(false);
  expect(result.problem).not.toBeNull();
  expect({ kind: result.problem!.kind, seq: result.problem!.seq }).toEqual({ kind, seq });
  if (message) expect(result.problem!.message).toMatch(message);
}

describe('verifying the access log (audit.verify)', () => {
  beforeAll(buildTemplate);
  afterAll(() => {
    for (const ws of openCopies.splice(0)) ws.close();
  });

  it('reports an untouched log as whole, with its entry count and head', () => {
    const c = openCopy();
    const result = verify(c);
    expect(result).toEqual({
      ok: true,
      entries: TEMPLATE_ENTRIES + 1,
      headSeq: TEMPLATE_ENTRIES + 1,
      checkpointsChecked: 0,
      problem: null,
      schemaProblems: [],
    });
  });

  it('checks both the stored checkpoint and the exported checkpoint file on an untouched log', () => {
    const c = openCopy();
    const checkpoint = c.ws.call(c.token, 'audit.checkpoint', {});
    expect(checkpoint).toMatchObject({
      format: 'custodian-audit-checkpoint',
      version: 1,
      workspaceId: templateWorkspaceId,
      seq: TEMPLATE_ENTRIES + 1,
    });
    expect(checkpoint.headHash).toBe(
      (c.db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(checkpoint.seq) as Buffer).toString('hex'),
    );
    const result = verify(c, checkpoint);
    expect(result.ok).toBe(true);
    expect(result.checkpointsChecked).toBe(2);
    expect(result.problem).toBeNull();
  });

  describe('the append-only protection', () => {
    it('refuses to change or delete an entry, saying the log is append-only', () => {
      const c = openCopy();
      expect(() => c.db.prepare("UPDATE audit_log SET purpose = 'routine check' WHERE seq = ?").run(ALPR_ENTRY)).toThrow(/append-only/);
      expect(() => c.db.prepare("UPDATE audit_log SET username = 'someone-else' WHERE seq = 3").run()).toThrow(/append-only/);
      expect(() => c.db.prepare('DELETE FROM audit_log WHERE seq = 3').run()).toThrow(/append-only/);
      expect(() => c.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
      expect(allEntries(c.ws)[ALPR_ENTRY - 1]!.purpose).toBe('Stolen vehicle reported on Elm Street');
      expect(verify(c).ok).toBe(true);
    });

    it('refuses to change or delete a stored checkpoint, saying checkpoints are append-only', () => {
      const c = openCopy();
      const checkpoint = c.ws.call(c.token, 'audit.checkpoint', {});
      expect(() => c.db.prepare("UPDATE audit_checkpoints SET at = '2020-01-01T00:00:00.000Z'").run()).toThrow(/append-only/);
      expect(() => c.db.prepare('DELETE FROM audit_checkpoints').run()).toThrow(/append-only/);
      expect(c.db.prepare('SELECT count(*) FROM audit_checkpoints WHERE seq = ?').pluck().get(checkpoint.seq)).toBe(1);
    });
  });

  describe('an edited entry', () => {
    it('is reported as "altered" at that entry when the purpose was changed', () => {
      const c = openCopy();
      removeLogProtection(c.db);
      c.db.prepare("UPDATE audit_log SET purpose = 'Routine patrol check' WHERE seq = ?").run(ALPR_ENTRY);
      const result = verify(c);
      expectProblem(result, 'altered', ALPR_ENTRY, new RegExp(`entry ${ALPR_ENTRY}: its content was changed`));
      expect(result.entries).toBe(ALPR_ENTRY - 1);
    });

    it('is reported as "altered" at that entry when the username was changed', () => {
      const c = openCopy();
      removeLogProtection(c.db);
      c.db.prepare("UPDATE audit_log SET username = 'kreyes' WHERE seq = 3").run();
      expectProblem(verify(c), 'altered', 3);
    });

    it('is reported as "altered" when only the stored objects (what was touched) were changed', () => {
      const c = openCopy();
      removeLogProtection(c.db);
      c.db.prepare(`UPDATE audit_log SET objects = '{}' WHERE seq = 3`).run();
      expectProblem(verify(c), 'altered', 3);
    });

    it('reports the first of several edited entries', () => {
      const c = openCopy();
      removeLogProtection(c.db);
      c.db.prepare("UPDATE audit_log SET outcome = 'ok' WHERE seq = 8").run();
      c.db.prepare("UPDATE audit_log SET workstation = 'HOME-LAPTOP' WHERE seq = 4").run();
      expectProblem(verify(c), 'altered', 4);
    });
  });

  describe('a deleted entry', () => {
    it('is reported as "missing" at the deleted entry', () => {
      const c = openCopy();
      removeLogProtection(c.db);
      c.db.prepare('DELETE FROM audit_log WHERE seq = ?').run(ALPR_ENTRY);
      const result = verify(c);
      expectProblem(result, 'missing', ALPR_ENTRY, new RegExp(`entry ${ALPR_ENTRY} is missing`));
      expect(result.entries).toBe(ALPR_ENTRY - 1);
    });

    it('names the whole run when several entries in a row were deleted', () => {
      const c = openCopy();
      removeLogProtection(c.db);
      c.db.prepare('DELETE FROM audit_log WHERE seq BETWEEN 5 AND 7').run();
      expectProblem(verify(c), 'missing', 5, /entries 5 to 7 are missing/);
    });

    it('is reported as "missing" at entry 1 when the first entry was deleted', () => {
      const c = openCopy();
      removeLogProtection(c.db);
      c.db.prepare('DELETE FROM audit_log WHERE seq = 1').run();
      expectProblem(verify(c), 'missing', 1);
    });
  });

  describe('reordered entries', () => {
    it('are reported as "out-of-chain" at the first moved entry when two whole entries swap places', () => {
      const c = openCopy();
      removeLogProtection(c.db);
      c.db.exec(
        'UPDATE audit_log SET seq = -1 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = -1;',
      );
      expect(
        allEntries(c.ws)
          .slice(2, 4)
          .map((e) => e.operation),
      ).toEqual(['training.record', 'user.add']);
      expectProblem(verify(c), 'out-of-chain', 3, /entry 3: it does not follow entry 2/);
    });

    it('are reported as "altered" at the first swapped entry when only their contents swap and the hashes stay put', () => {
      const c = openCopy();
      removeLogProtection(c.db);
      const columns = HASHED_COLUMNS.filter((c) => c !== 'seq');
      const read = c.db.prepare(`SELECT ${columns.join(', ')} FROM audit_log WHERE seq = ?`);
      const write = c.db.prepare(`UPDATE audit_log SET ${columns.map((k) => `${k} = @${k}`).join(', ')} WHERE seq = @seq`);
      const entry5 = read.get(5) as Record<string, unknown>;
      const entry6 = read.get(6) as Record<string, unknown>;
      write.run({ ...entry6, seq: 5 });
      write.run({ ...entry5, seq: 6 });
      expect(
        allEntries(c.ws)
          .slice(4, 6)
          .map((e) => e.operation),
      ).toEqual(['alpr.holdings', 'session.signIn']);
      expectProblem(verify(c), 'altered', 5);
    });
  });

  describe('a forged entry added at the end', () => {
    const forge = (db: Db, prevHash: Buffer) => {
      const seq = headSeq(db) + 1;
      db.prepare(
        `INSERT INTO audit_log(seq, at, account_id, username, full_name, role, operation, objects, case_number, purpose, outcome, reason, workstation, prev_hash, hash)
         VALUES (?, '2026-03-02T09:30:00.000Z', 2, 'jmorales', 'Jordan Morales', 'member', 'alpr.holdings', '{}', '26-009999', 'Made-up reason', 'ok', NULL, 'RECORDS-DESK-1', ?, ?)`,
      ).run(seq, prevHash, crypto.randomBytes(32));
      return seq;
    };

    it('is reported as "out-of-chain" when its hashes are made up', () => {
      const c = openCopy();
      const forged = forge(c.db, crypto.randomBytes(32));
      const result = verify(c);
      expectProblem(result, 'out-of-chain', forged);
      expect(result.entries).toBe(forged - 1);
    });

    it('is reported as "altered" when it links to the real head but its own hash is made up', () => {
      const c = openCopy();
      const head = c.db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get() as Buffer;
      const forged = forge(c.db, head);
      expectProblem(verify(c), 'altered', forged);
    });
  });

  describe('a log cut short below a checkpoint', () => {
    it('is caught by the exported checkpoint file even after the stored checkpoints were deleted', () => {
      const c = openCopy();
      const checkpoint = c.ws.call(c.token, 'audit.checkpoint', {});
      for (let i = 0; i < 3; i++) c.ws.call(c.token, 'user.list', {});
      expect(verify(c, checkpoint).ok).toBe(true);

      // The attacker removes everything from two entries below the checkpoint, then the stored
      // checkpoints, and puts the triggers back.
      const restoreLog = removeLogProtection(c.db);
      const restoreCheckpoints = removeCheckpointProtection(c.db);
      c.db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(checkpoint.seq - 2);
      c.db.prepare('DELETE FROM audit_checkpoints').run();
      restoreLog();
      restoreCheckpoints();

      // Without the exported file the shortened log looks whole: that is what the file is for.
      const unaided = verify(c);
      expect(unaided).toMatchObject({ ok: true, headSeq: checkpoint.seq - 3, checkpointsChecked: 0 });

      const result = verify(c, checkpoint);
      expectProblem(
        result,
        'truncated',
        checkpoint.seq,
        new RegExp(`covers ${checkpoint.seq} entries, but the log now ends at entry ${result.headSeq}`),
      );
      expect(result.headSeq).toBeLessThan(checkpoint.seq);
    });

    it('is caught by the stored checkpoint when the attacker leaves it in place', () => {
      const c = openCopy();
      const checkpoint = c.ws.call(c.token, 'audit.checkpoint', {});
      removeLogProtection(c.db);
      c.db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(checkpoint.seq - 1);
      expectProblem(verify(c), 'truncated', checkpoint.seq, /checkpoint stored in the workspace/);
    });
  });

  describe('a checkpoint file that does not match its signature', () => {
    let c: Copy;
    let checkpoint: CheckpointFile;
    beforeAll(() => {
      c = openCopy();
      checkpoint = c.ws.call(c.token, 'audit.checkpoint', {});
      c.ws.call(c.token, 'user.list', {});
    });

    it('is accepted untouched (the control case)', () => {
      expect(verify(c, checkpoint)).toMatchObject({ ok: true, checkpointsChecked: 2 });
    });

    it('is reported as "checkpoint-signature" when its head hash was changed', () => {
      const flipped = (checkpoint.headHash[0] === '0' ? '1' : '0') + checkpoint.headHash.slice(1);
      expectProblem(
        verify(c, { ...checkpoint, headHash: flipped }),
        'checkpoint-signature',
        checkpoint.seq,
        /signature that does not verify/,
      );
    });

    it('is reported as "checkpoint-signature" when its entry number was changed', () => {
      expectProblem(verify(c, { ...checkpoint, seq: checkpoint.seq - 1 }), 'checkpoint-signature', checkpoint.seq - 1);
    });

    it('is reported as "checkpoint-signature" when its date was changed', () => {
      expectProblem(verify(c, { ...checkpoint, at: '2026-01-01T00:00:00.000Z' }), 'checkpoint-signature', checkpoint.seq);
    });

    it('is reported as "checkpoint-key" when it carries a different signing key', () => {
      const other = crypto.generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
      expectProblem(verify(c, { ...checkpoint, publicKey: other }), 'checkpoint-key', null);
    });

    it('is reported as "checkpoint-foreign" when it comes from another workspace', () => {
      const other = createWorkspace('foreign');
      try {
        const otherToken = signIn(other.ws, COMMANDER);
        const foreign = other.ws.call(otherToken, 'audit.checkpoint', {});
        expect(foreign.workspaceId).not.toBe(templateWorkspaceId);
        expectProblem(verify(c, foreign), 'checkpoint-foreign', null, new RegExp(foreign.workspaceId));
      } finally {
        other.ws.close();
      }
    });
  });

  describe('a chain rewritten to cover an edit', () => {
    it('passes the hash walk but is caught by the stored checkpoint, then by the exported file once the stored ones are gone', () => {
      const c = openCopy();
      const checkpoint = c.ws.call(c.token, 'audit.checkpoint', {});
      c.ws.call(c.token, 'user.list', {});
      c.ws.call(c.token, 'user.list', {});

      // Edit the ALPR entry (below the checkpoint) and recompute every hash after it.
      const restoreLog = removeLogProtection(c.db);
      c.db.prepare("UPDATE audit_log SET purpose = 'Routine patrol check' WHERE seq = ?").run(ALPR_ENTRY);
      rehashFrom(c.db, templateWorkspaceId, ALPR_ENTRY);

      expectProblem(verify(c), 'rewritten', checkpoint.seq, /checkpoint stored in the workspace/);

      const restoreCheckpoints = removeCheckpointProtection(c.db);
      c.db.prepare('DELETE FROM audit_checkpoints').run();
      restoreLog();
      restoreCheckpoints();
      // The rewrite itself is consistent: with nothing to hold it against, and the triggers put back, it passes.
      expect(verify(c)).toMatchObject({ ok: true, problem: null });

      expectProblem(
        verify(c, checkpoint),
        'rewritten',
        checkpoint.seq,
        new RegExp(`entry ${checkpoint.seq} no longer matches the checkpoint file`),
      );
      expect(allEntries(c.ws)[ALPR_ENTRY - 1]!.purpose).toBe('Routine patrol check');
    });
  });

  describe("the store's schema, held against the one the migrations make", () => {
    const problemsOf = (result: VerifyResult) =>
      result.schemaProblems.map(({ change, type, name, table, appendOnly }) => ({ change, type, name, table, appendOnly }));

    it('finds nothing on an untouched workspace, nor on a trigger put back with other spacing', () => {
      const c = openCopy();
      expect(verify(c)).toMatchObject({ ok: true, problem: null, schemaProblems: [] });
      const restore = dropTriggers(c.db, ['audit_log_no_delete']);
      expect(verify(c).ok).toBe(false);
      restore();
      const spaced = triggerSql(c.db, 'audit_log_no_update').replace('BEFORE UPDATE ON', 'BEFORE\n\tUPDATE   ON');
      c.db.exec(`DROP TRIGGER audit_log_no_update; ${spaced}`);
      expect(verify(c)).toMatchObject({ ok: true, problem: null, schemaProblems: [] });
    });

    it('reports a dropped append-only trigger by name, saying what it refused, while the chain itself is whole', () => {
      const c = openCopy();
      dropTriggers(c.db, ['audit_log_no_delete']);
      const result = verify(c);
      expect(result).toMatchObject({ ok: false, problem: null, entries: TEMPLATE_ENTRIES + 1 });
      expect(problemsOf(result)).toEqual([
        { change: 'missing', type: 'trigger', name: 'audit_log_no_delete', table: 'audit_log', appendOnly: true },
      ]);
      expect(result.schemaProblems[0]!.message).toBe(
        'The table audit_log is no longer append-only: the trigger audit_log_no_delete, which refuses deleting its rows, is missing.',
      );
    });

    it('reports an altered trigger: the one that keeps verifications unedited, made to refuse nothing', () => {
      const c = openCopy();
      const original = triggerSql(c.db, 'alert_verifications_never_edited');
      c.db.exec(`DROP TRIGGER alert_verifications_never_edited; ${original.replace('BEGIN', 'WHEN 0 BEGIN')}`);
      const result = verify(c);
      expect(problemsOf(result)).toEqual([
        { change: 'altered', type: 'trigger', name: 'alert_verifications_never_edited', table: 'alert_verifications', appendOnly: true },
      ]);
      expect(result.schemaProblems[0]!.message).toBe(
        'The table alert_verifications may no longer be append-only: the trigger alert_verifications_never_edited, which refuses changing its rows, is not as Custodian made it.',
      );
    });

    it('reports an unexpected trigger on the access log first, then an unexpected index elsewhere', () => {
      const c = openCopy();
      c.db.exec('CREATE INDEX accounts_by_name ON accounts(full_name)');
      c.db.exec('CREATE TRIGGER audit_log_watch AFTER INSERT ON audit_log BEGIN SELECT 1; END');
      const result = verify(c);
      expect(problemsOf(result)).toEqual([
        { change: 'unexpected', type: 'trigger', name: 'audit_log_watch', table: 'audit_log', appendOnly: true },
        { change: 'unexpected', type: 'index', name: 'accounts_by_name', table: 'accounts', appendOnly: false },
      ]);
      expect(result.schemaProblems.map((p) => p.message)).toEqual([
        'An unexpected trigger, audit_log_watch, was added to the append-only table audit_log outside Custodian.',
        'An unexpected index, accounts_by_name on accounts, was added outside Custodian.',
      ]);
    });

    it('lists every difference, append-only triggers first, then tables, views and indexes', () => {
      const c = openCopy();
      c.db.exec('DROP INDEX audit_by_time');
      c.db.exec('DROP VIEW committed_alerts; CREATE VIEW committed_alerts AS SELECT * FROM alerts');
      dropTriggers(c.db, ['audit_checkpoints_no_update']);
      c.db.exec('CREATE TABLE notes(x TEXT)');
      expect(problemsOf(verify(c))).toEqual([
        { change: 'missing', type: 'trigger', name: 'audit_checkpoints_no_update', table: 'audit_checkpoints', appendOnly: true },
        { change: 'unexpected', type: 'table', name: 'notes', table: 'notes', appendOnly: false },
        { change: 'altered', type: 'view', name: 'committed_alerts', table: 'committed_alerts', appendOnly: false },
        { change: 'missing', type: 'index', name: 'audit_by_time', table: 'audit_log', appendOnly: false },
      ]);
    });

    it('reports both the edited entry and the dropped triggers that let the edit through', () => {
      const c = openCopy();
      removeLogProtection(c.db);
      c.db.prepare("UPDATE audit_log SET purpose = 'Routine patrol check' WHERE seq = ?").run(ALPR_ENTRY);
      const result = verify(c);
      expectProblem(result, 'altered', ALPR_ENTRY);
      expect(problemsOf(result).map((p) => [p.change, p.name])).toEqual([
        ['missing', 'audit_log_no_delete'],
        ['missing', 'audit_log_no_update'],
      ]);
    });

    it('compares the tables an FTS5 index keeps its data in by name only, and still misses none', () => {
      const c = openCopy();
      c.db.exec('DROP TABLE plate_search');
      expect(problemsOf(verify(c)).map((p) => [p.change, p.type, p.name])).toEqual([
        ['missing', 'table', 'plate_search'],
        ['missing', 'table', 'plate_search_config'],
        ['missing', 'table', 'plate_search_data'],
        ['missing', 'table', 'plate_search_docsize'],
        ['missing', 'table', 'plate_search_idx'],
      ]);
    });
  });
});

describe('reading and verifying the log are themselves logged', () => {
  let w: TestWorkspace;
  let token: string;
  beforeAll(() => {
    w = createWorkspace('audit-reads');
    token = signIn(w.ws, COMMANDER);
  });
  afterAll(() => w.ws.close());

  it('logs audit.query with the filter that was used', () => {
    const before = lastEntry(w.ws).seq;
    w.ws.call(token, 'audit.query', { operation: 'session.signIn', limit: 5 });
    const read = lastEntry(w.ws);
    expect(read).toMatchObject({ seq: before + 1, operation: 'audit.query', username: 'lthompson', role: 'commander', outcome: 'ok' });
    expect(recordedInput(read)).toEqual({ operation: 'session.signIn', offset: 0, limit: 5 });
  });

  it('logs audit.export with the filter that was used', () => {
    const before = lastEntry(w.ws).seq;
    const exported = exportLog(w.ws, token, { username: 'lthompson' });
    expect(exported.length).toBeGreaterThan(0);
    const read = lastEntry(w.ws);
    expect(read).toMatchObject({ seq: before + 1, operation: 'audit.export', username: 'lthompson', outcome: 'ok' });
    expect(recordedInput(read)).toEqual({ username: 'lthompson', format: 'json' });
    // The export is taken before its own entry is written.
    expect(exported.some((e) => e.seq === read.seq)).toBe(false);
  });

  it('logs audit.verify', () => {
    const before = lastEntry(w.ws).seq;
    expect(w.ws.call(token, 'audit.verify', {}).ok).toBe(true);
    expect(lastEntry(w.ws)).toMatchObject({ seq: before + 1, operation: 'audit.verify', username: 'lthompson', outcome: 'ok' });
  });

  it('logs audit.checkpoint with the entry number it covers', () => {
    const checkpoint = w.ws.call(token, 'audit.checkpoint', {});
    const entry = lastEntry(w.ws);
    expect(entry).toMatchObject({ seq: checkpoint.seq + 1, operation: 'audit.checkpoint', outcome: 'ok' });
    expect(objectsOf(entry).touched).toEqual([{ checkpointSeq: checkpoint.seq }]);
  });
});

describe('searching the log (audit.query)', () => {
  let w: TestWorkspace;
  let token: string;

  // Entries, by day:
  //  2026-03-02  1 workspace.init, 2 signIn (lthompson), 3 user.add, 4 training.record, 5 signOut
  //  2026-03-03  6 signIn (jmorales), 7 alpr.holdings A-100, 8 alpr.holdings B-200, 9 signOut
  //  2026-03-04  10 signIn (lthompson), 11 user.list, 12 alpr.holdings A-100 (refused: no training), then the searches
  beforeAll(() => {
    w = createWorkspace('audit-query', { start: '2026-03-02T09:15:00.123Z' });
    const { ws, clock } = w;
    clock.set('2026-03-02T09:20:00.000Z');
    let commander = signIn(ws, COMMANDER);
    clock.set('2026-03-02T09:21:00.000Z');
    addPerson(ws, commander, MEMBER);
    clock.set('2026-03-02T09:22:00.000Z');
    ws.call(commander, 'training.record', { username: MEMBER.username, course: 'ALPR Operator Training', completedOn: '2026-03-02' });
    clock.set('2026-03-02T09:23:00.000Z');
    ws.call(commander, 'session.signOut', {});

    clock.set('2026-03-03T10:00:00.000Z');
    const member = signIn(ws, MEMBER);
    clock.set('2026-03-03T10:00:00.500Z');
    ws.call(member, 'alpr.holdings', {}, { caseNumber: 'A-100', purpose: 'Burglary follow-up' });
    clock.set('2026-03-03T10:05:00.000Z');
    ws.call(member, 'alpr.holdings', {}, { caseNumber: 'B-200', purpose: 'Missing person' });
    clock.set('2026-03-03T10:06:00.000Z');
    ws.call(member, 'session.signOut', {});

    clock.set('2026-03-04T08:00:00.000Z');
    commander = signIn(ws, COMMANDER);
    clock.set('2026-03-04T08:01:00.000Z');
    ws.call(commander, 'user.list', {});
    clock.set('2026-03-04T08:02:00.000Z');
    expectRefusal(() => ws.call(commander, 'alpr.holdings', {}, { caseNumber: 'A-100', purpose: 'Supervisor review' }), {
      kind: 'denied',
      code: 'training-required',
    });
    clock.set('2026-03-04T08:03:00.000Z');
    token = commander;
    expect(allEntries(ws).map((e) => e.operation)).toEqual([
      'workspace.init',
      'session.signIn',
      'user.add',
      'training.record',
      'session.signOut',
      'session.signIn',
      'alpr.holdings',
      'alpr.holdings',
      'session.signOut',
      'session.signIn',
      'user.list',
      'alpr.holdings',
    ]);
  });
  afterAll(() => w.ws.close());

  const seqs = (filter: Parameters<typeof query>[0]) => query(filter).entries.map((e) => e.seq);
  function query(filter: {
    username?: string;
    operation?: string;
    caseNumber?: string;
    from?: string;
    to?: string;
    offset?: number;
    limit?: number;
  }) {
    return w.ws.call(token, 'audit.query', filter);
  }

  it('finds one person’s entries, whatever the capitals', () => {
    expect(seqs({ username: 'jmorales' })).toEqual([6, 7, 8, 9]);
    expect(seqs({ username: 'JMorales' })).toEqual([6, 7, 8, 9]);
    expect(query({ username: 'jmorales' }).total).toBe(4);
  });

  it('finds one kind of operation', () => {
    expect(seqs({ operation: 'alpr.holdings' })).toEqual([7, 8, 12]);
    expect(seqs({ operation: 'user.add' })).toEqual([3]);
  });

  it('finds every entry for a case number, refused ones included', () => {
    const found = query({ caseNumber: 'A-100' });
    expect(found.entries.map((e) => [e.seq, e.username, e.outcome])).toEqual([
      [7, 'jmorales', 'ok'],
      [12, 'lthompson', 'denied'],
    ]);
    expect(found.total).toBe(2);
    expect(seqs({ caseNumber: 'NO-SUCH-CASE' })).toEqual([]);
  });

  it('combines filters', () => {
    expect(seqs({ username: 'lthompson', operation: 'alpr.holdings' })).toEqual([12]);
    expect(seqs({ operation: 'alpr.holdings', from: '2026-03-03', to: '2026-03-03' })).toEqual([7, 8]);
  });

  it('takes whole days (YYYY-MM-DD): "from" starts at midnight, "to" includes the whole day', () => {
    expect(seqs({ from: '2026-03-02', to: '2026-03-02' })).toEqual([1, 2, 3, 4, 5]);
    expect(seqs({ from: '2026-03-03', to: '2026-03-03' })).toEqual([6, 7, 8, 9]);
    expect(seqs({ to: '2026-03-03' })).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(seqs({ from: '2026-03-04', to: '2026-03-04' }).slice(0, 3)).toEqual([10, 11, 12]);
  });

  it('takes exact times (ISO), both ends included, with a time-zone offset converted to UTC', () => {
    expect(seqs({ from: '2026-03-03T10:00:00.500Z', to: '2026-03-03T10:05:00.000Z' })).toEqual([7, 8]);
    expect(seqs({ from: '2026-03-03T10:00:00.501Z', to: '2026-03-03T10:04:59.999Z' })).toEqual([]);
    // 05:00:00.500 at UTC-5 is 10:00:00.500 UTC
    expect(seqs({ from: '2026-03-03T05:00:00.500-05:00', to: '2026-03-03T05:05:00-05:00' })).toEqual([7, 8]);
  });

  it('pages through the results, reporting the total each time', () => {
    const page1 = query({ to: '2026-03-03', offset: 0, limit: 4 });
    const page2 = query({ to: '2026-03-03', offset: 4, limit: 4 });
    const page3 = query({ to: '2026-03-03', offset: 8, limit: 4 });
    const beyond = query({ to: '2026-03-03', offset: 20, limit: 4 });
    expect(page1.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(page2.entries.map((e) => e.seq)).toEqual([5, 6, 7, 8]);
    expect(page3.entries.map((e) => e.seq)).toEqual([9]);
    expect(beyond.entries).toEqual([]);
    expect([page1.total, page2.total, page3.total, beyond.total]).toEqual([9, 9, 9, 9]);
  });

  it('exports every matching entry without paging', () => {
    const exported = exportLog(w.ws, token, { to: '2026-03-03' });
    expect(exported.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(exported[6]).toMatchObject({ caseNumber: 'A-100', purpose: 'Burglary follow-up', username: 'jmorales' });
  });

  it('refuses a date that is not a date, naming the field', () => {
    expectRefusal(() => query({ from: 'yesterday' }), { kind: 'invalid', code: 'invalid-input', message: /from/ });
    expectRefusal(() => query({ to: '2026-02-30' }), { kind: 'invalid', code: 'invalid-input', message: /to/ });
    expectRefusal(() => query({ limit: 0 }), { kind: 'invalid', code: 'invalid-input', message: /limit/ });
  });
});
