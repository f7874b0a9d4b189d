/**
 * Benchmark of the home screen's counts (`home.tiles`, src-main/core/home) through the gate,
 * on a real encrypted workspace, beside the first page of the Alerts list it opens
 * (`alert.list` with status unverified, limit 25: what the Alerts page asks for) in the same run.
 *
 *   npm run bench:home                                # 10,000 and 100,000 alerts
 *   npm run bench:home -- --alerts 1000000
 *
 * Seeded straight into the store (generated data only): 100 people with training, 500 imports
 * (one in ten with rejects), one read and one hot-list entry per alert, half the entries on an
 * NCIC list, 30 % of the alerts verified. Each figure is p50 and p95 of 50 calls, every call
 * with its access-log entry, as the app makes them.
 */
import { parseArgs } from 'node:util';
import { Workspace } from '../src-main/core/workspace';
import type { Db } from '../src-main/core/store/database';
import { removeTempFolders, tempFolder } from '../test/support/temp';
import { fmtInt } from './support';

const CALLS = 50;
const COMMANDER = { username: 'lthompson', fullName: 'Laura Thompson', password: 'Parsons-Records-2026!' };
const MEMBER = { username: 'jmorales', fullName: 'Jordan Morales', password: 'Patrol-Unit-Fourteen-14', roles: ['member' as const] };
/** A clock that stands still, so no session idles out however long the seeding takes. */
const clock = { now: () => new Date('2026-11-29T09:00:00.000Z') };
const ACCESS = { caseNumber: '26-0001', purpose: 'Working the alert queue for the morning shift' };

function parseCommandLine(): number[] {
  const { values } = parseArgs({ options: { alerts: { type: 'string', multiple: true } }, strict: true });
  return (values.alerts ?? ['10000', '100000']).map((text) => Number(text.replace(/[_,]/g, '')));
}

/** People, imports, reads, two hot lists (local and NCIC), an entry and an alert per read, 30 % verified. */
function seed(db: Db, alerts: number, now: string): void {
  db.transaction(() => {
    const person = db.prepare(
      "INSERT INTO accounts(username, full_name, status, created_at, created_by, password_changed_at) VALUES (?, ?, 'active', ?, 1, ?)",
    );
    const role = db.prepare("INSERT INTO account_roles(account_id, role) VALUES (?, 'member')");
    const training = db.prepare(
      "INSERT INTO training_records(account_id, course, completed_on, expires_on, recorded_by, recorded_at) VALUES (?, 'ALPR Operator Training', '2026-01-05', ?, 1, ?)",
    );
    for (let i = 0; i < 100; i++) {
      const id = Number(person.run(`member${i}`, `Member ${i}`, now, now).lastInsertRowid);
      role.run(id);
      if (i % 4 !== 0) training.run(id, i % 3 === 0 ? '2026-12-20' : null, now);
    }
    const imports = db.prepare(
      `INSERT INTO imports(file_name, size, sha256, format, detection, target, timezone, status, started_at, account_id, imported_by,
         rows_read, imported, rejected)
       VALUES (?, 1, '', 'csv', 'bench', 'plate-reads', 'UTC', 'committed', ?, 1, 'bench', ?, ?, ?)`,
    );
    for (let i = 0; i < 500; i++) {
      const rejected = i % 10 === 0 ? 3 : 0;
      imports.run(`export-${i}.csv`, now, alerts + rejected, alerts, rejected);
    }
    const list = db.prepare(
      "INSERT INTO hotlists(name, source, created_by, created_by_name, created_at, updated_at) VALUES (?, ?, 1, 'bench', ?, ?)",
    );
    const local = Number(list.run('Local', 'local', now, now).lastInsertRowid);
    const ncic = Number(list.run('NCIC', 'NCIC', now, now).lastInsertRowid);
    const read = db.prepare(
      `INSERT INTO plate_reads(import_id, source_line, dedupe_hash, vendor, plate_raw, plate_norm, captured_at, captured_text)
       VALUES (1, ?, ?, 'bench', ?, ?, ?, 'bench')`,
    );
    const entry = db.prepare(
      `INSERT INTO hotlist_entries(list_id, plate_raw, plate_norm, partial, added_by, added_by_name, added_at)
       VALUES (?, ?, ?, 0, 1, 'bench', ?)`,
    );
    const alert = db.prepare("INSERT INTO alerts(entry_id, read_id, import_id, raised_by, raised_at) VALUES (?, ?, 1, 'import', ?)");
    const verify = db.prepare(
      `INSERT INTO alert_verifications(alert_id, source, result, checked_at, note, account_id, verified_by, recorded_at)
       VALUES (?, 'NCIC', 'confirmed', ?, 'bench', 1, 'bench', ?)`,
    );
    const captured = Date.parse('2026-11-01T00:00:00Z');
    for (let i = 0; i < alerts; i++) {
      const plate = `B${String(i).padStart(7, '0')}`;
      const readId = Number(read.run(i + 2, i + 1, plate, plate, captured + i * 1000).lastInsertRowid);
      const entryId = Number(entry.run(i % 2 ? ncic : local, plate, plate, now).lastInsertRowid);
      const alertId = Number(alert.run(entryId, readId, now).lastInsertRowid);
      if (i % 10 < 3) verify.run(alertId, now, now);
    }
  })();
}

function timed(work: () => unknown): { p50: number; p95: number } {
  const ms: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t0 = process.hrtime.bigint();
    work();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(CALLS / 2)]!, p95: ms[Math.floor(CALLS * 0.95)]! };
}

const show = ({ p50, p95 }: { p50: number; p95: number }) => `${p50.toFixed(1)} ms | ${p95.toFixed(1)} ms`;

function run(alerts: number): void {
  const dir = tempFolder('bench-home');
  Workspace.init(dir, { commander: COMMANDER.username, fullName: COMMANDER.fullName, password: COMMANDER.password }, { clock });
  const ws = Workspace.open(dir, { clock });
  try {
    const commander = ws.signIn(COMMANDER.username, COMMANDER.password).token;
    ws.call(commander, 'user.add', {
      username: MEMBER.username,
      fullName: MEMBER.fullName,
      roles: MEMBER.roles,
      password: MEMBER.password,
    });
    for (const username of [COMMANDER.username, MEMBER.username]) {
      ws.call(commander, 'training.record', { username, course: 'ALPR Operator Training', completedOn: '2026-11-01' });
    }
    const t0 = process.hrtime.bigint();
    seed(ws.database()!, alerts, clock.now().toISOString());
    const seeded = Number(process.hrtime.bigint() - t0) / 1e9;
    const member = ws.signIn(MEMBER.username, MEMBER.password).token;
    ws.call(commander, 'user.setConfidential', { username: COMMANDER.username, authorized: true });

    const unverified = ws.call(commander, 'home.tiles', {}).tiles.find((t) => t.id === 'alerts-unverified')!.count;
    const memberCount = ws.call(member, 'home.tiles', {}).tiles[0]!.count;
    console.log(
      `\n${fmtInt(alerts)} alerts (seeded in ${seeded.toFixed(1)} s): ${fmtInt(unverified)} unverified, ${fmtInt(memberCount)} of them not confidential`,
    );
    console.log('| call | p50 | p95 |\n|---|---:|---:|');
    console.log(`| home.tiles, commander (authorised: every tile) | ${show(timed(() => ws.call(commander, 'home.tiles', {})))} |`);
    console.log(`| home.tiles, member (NCIC alerts left out) | ${show(timed(() => ws.call(member, 'home.tiles', {})))} |`);
    console.log(
      `| baseline: alert.list status unverified, 25 (the Alerts page's first page) | ${show(timed(() => ws.call(commander, 'alert.list', { status: 'unverified', limit: 25 }, ACCESS)))} |`,
    );
  } finally {
    ws.close();
  }
}

for (const alerts of parseCommandLine()) run(alerts);
removeTempFolders();
