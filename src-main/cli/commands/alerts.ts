import { ALERT_STATUS_PHRASES } from '../../contract/phrases';
import type { Command } from 'commander';
import {
  ALERT_SORTS,
  ALERT_STATUSES,
  VERIFICATION_RESULTS,
  type Alert,
  type AlertListInput,
  type Verification,
} from '../../contract/hotlists';
import { UsageError } from '../errors';
import { emit, table } from '../output';
import { callAs, globals } from '../session';
import { cliZone, showTime, whenOption, zoneNote } from '../times';

/**
 * Said first, on standard output, by every command that shows alerts (policy 427.4(f)),
 * and carried as `notice` in their JSON, so no reader of the output can miss it.
 */
export const UNVERIFIED_NOTICE =
  'An unverified alert is not grounds for enforcement action: verify it through NCIC or the appropriate official database first (policy 427.4(f)).';

function withheldLine(withheld: number): string {
  if (withheld === 0) return 'No confidential alerts withheld.';
  return `${withheld} confidential alert${withheld === 1 ? '' : 's'} (NCIC or state lists) withheld: you are not authorised for confidential state or federal data (policy 427.4(e)); the commander can grant it.`;
}

const verdict = (v: Verification | null) => (v ? `${v.result} (${v.source}, ${v.verifiedBy})` : 'not verified');
const readPlate = (a: Alert) => `${a.read.plate}${a.read.state ? ` ${a.read.state}` : ''}`;
const entryPlate = (a: Alert) => `${a.entry.plate}${a.entry.state ? ` ${a.entry.state}` : ''}`;

function listTable(alerts: Alert[], zone: string): string {
  return table(
    ['alert', 'status', 'read', 'seen', 'raised', 'camera', 'hot list entry', 'list', 'reason', 'case', 'verification'],
    alerts.map((a) => [
      a.id,
      ALERT_STATUS_PHRASES[a.status],
      readPlate(a),
      showTime(a.read.capturedAt, zone),
      showTime(a.raisedAt, zone),
      a.read.camera,
      entryPlate(a),
      `${a.entry.list} (${a.listSource})`,
      a.entry.reason,
      a.entry.caseNumber,
      verdict(a.verification),
    ]),
  );
}

function describeAlert(a: Alert, verifications: Verification[], zone: string): string {
  const lines = [
    `Alert ${a.id}: ${ALERT_STATUS_PHRASES[a.status].toUpperCase()}`,
    `  Read ${a.read.id}: ${readPlate(a)} at ${showTime(a.read.capturedAt, zone)}, camera ${a.read.camera ?? 'not recorded'}${a.read.confidence === null ? '' : `, confidence ${Math.round(a.read.confidence * 100)}%`} (import ${a.read.importId})`,
    `  Matches entry ${a.entry.id} of "${a.entry.list}" (${a.listSource}): ${entryPlate(a)}${a.entry.partial ? ' (partial plate)' : ''}, ${a.entry.reason ?? 'no reason given'}${a.entry.caseNumber ? `, case ${a.entry.caseNumber}` : ''}${a.entry.alertLevel ? `, level ${a.entry.alertLevel}` : ''}`,
    `  Raised ${showTime(a.raisedAt, zone)} by ${a.raisedBy === 'import' ? 'an import of reads' : 'a new hot-list entry'}`,
  ];
  if (a.entry.note) lines.push(`  Note: ${a.entry.note}`);
  if (verifications.length === 0)
    lines.push('No verification recorded: custodian alert verify ' + a.id + ' --source NCIC --result … --note "…"');
  else {
    lines.push('Verifications, newest first (never edited; a new one supersedes the old):');
    lines.push(
      table(
        ['#', 'checked at', 'source', 'result', 'by', 'note', 'recorded', 'supersedes'],
        verifications.map((v) => [
          v.id,
          showTime(v.checkedAt, zone),
          v.source,
          v.result,
          v.verifiedBy,
          v.note,
          showTime(v.recordedAt, zone),
          v.supersedes,
        ]),
      ),
    );
  }
  lines.push(zoneNote(zone));
  return lines.join('\n');
}

interface ListOptions {
  status?: string;
  list?: string;
  plate?: string;
  camera?: string;
  from?: string;
  to?: string;
  sort: string;
  order: string;
  offset: string;
  limit: string;
  timezone?: string;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}.`);
  return value as T;
}

/** The options as `alert.list`'s input; the gate checks the rest (a plate pattern, the list's name, the numbers). */
function listInput(opts: ListOptions, zone: string): AlertListInput {
  return {
    ...(opts.status !== undefined ? { status: oneOf('--status', opts.status, ALERT_STATUSES) } : {}),
    ...(opts.list !== undefined ? { list: opts.list } : {}),
    ...(opts.plate !== undefined ? { plate: opts.plate } : {}),
    ...(opts.camera !== undefined ? { camera: opts.camera } : {}),
    ...(opts.from !== undefined ? { from: whenOption('--from', opts.from, zone) } : {}),
    ...(opts.to !== undefined ? { to: whenOption('--to', opts.to, zone, true) } : {}),
    sort: oneOf('--sort', opts.sort, ALERT_SORTS),
    order: oneOf('--order', opts.order, ['asc', 'desc'] as const),
    offset: Number(opts.offset),
    limit: Number(opts.limit),
  };
}

function alertId(text: string): number {
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id < 1) throw new UsageError('Give the alert number, e.g. custodian alert show 12.');
  return id;
}

export function registerAlertCommands(program: Command): void {
  const alerts = program
    .command('alerts')
    .alias('alert')
    .description('Hot-list alerts and their verification (policy 427.4(f)): an unverified alert is not grounds for action');

  alerts
    .command('list')
    .description('Alerts, filtered and sorted (newest raised first unless --sort says otherwise)')
    .option('--status <status>', `only alerts in this state: ${ALERT_STATUSES.join(', ')}`)
    .option('--list <name>', 'only alerts from this hot list')
    .option('--plate <pattern>', 'only reads of this plate (* any run of characters, ? one)')
    .option('--camera <text>', 'only reads from a camera whose name contains this')
    .option('--from <when>', 'reads from this day (YYYY-MM-DD) or time (ISO 8601)')
    .option('--to <when>', 'reads up to this time, or to the end of this day')
    .option(
      '--sort <key>',
      `sort by ${ALERT_SORTS.join(', ')} (raised: when the alert was raised; read: when the plate was read)`,
      'raised',
    )
    .option('--order <order>', 'asc or desc', 'desc')
    .option('--offset <n>', 'skip this many', '0')
    .option('--limit <n>', 'how many (at most 1,000)', '200')
    .option('--timezone <zone>', "show times in this zone (default: this computer's)")
    .action(async (opts: ListOptions, cmd: Command) => {
      const g = globals(cmd);
      const zone = cliZone(opts.timezone);
      const input = listInput(opts, zone);
      const result = await callAs(g, 'alert.list', input);
      emit(!!g.json, { notice: UNVERIFIED_NOTICE, ...result }, () => {
        const n = result.alerts.length;
        const which = opts.status ? ` ${opts.status}` : '';
        const offset = input.offset ?? 0;
        return [
          UNVERIFIED_NOTICE,
          ...(n ? [listTable(result.alerts, zone)] : []),
          n ? `Alerts ${offset + 1} to ${offset + n} of ${result.total}${which}.` : `No${which} alerts (${result.total} in all).`,
          withheldLine(result.withheldConfidential),
          ...(n ? [zoneNote(zone)] : []),
        ].join('\n');
      });
    });

  alerts
    .command('show')
    .description('One alert: the read, the entry it matched, and every verification')
    .argument('<alertId>', 'the alert number')
    .option('--timezone <zone>', "show times in this zone (default: this computer's)")
    .action(async (id: string, opts: { timezone?: string }, cmd: Command) => {
      const g = globals(cmd);
      const zone = cliZone(opts.timezone);
      const result = await callAs(g, 'alert.get', { alertId: alertId(id) });
      emit(!!g.json, { notice: UNVERIFIED_NOTICE, ...result }, () =>
        [UNVERIFIED_NOTICE, describeAlert(result.alert, result.verifications, zone)].join('\n'),
      );
    });

  alerts
    .command('verify')
    .description('Record the check of an alert against an official database (trained members; audited, never edited)')
    .argument('<alertId>', 'the alert number')
    .requiredOption('--source <database>', 'the database checked, e.g. NCIC')
    .requiredOption('--result <result>', VERIFICATION_RESULTS.join(', '))
    .requiredOption('--note <text>', 'what the check found')
    .option('--checked-at <when>', 'when the check was made (ISO 8601; a time without offset is local; default now)')
    .option('--timezone <zone>', "read and show times in this zone (default: this computer's)")
    .action(
      async (id: string, opts: { source: string; result: string; note: string; checkedAt?: string; timezone?: string }, cmd: Command) => {
        const g = globals(cmd);
        const zone = cliZone(opts.timezone);
        if (!(VERIFICATION_RESULTS as readonly string[]).includes(opts.result)) {
          throw new UsageError(`--result must be one of ${VERIFICATION_RESULTS.join(', ')}.`);
        }
        const result = await callAs(g, 'alert.verify', {
          alertId: alertId(id),
          source: opts.source,
          result: opts.result as (typeof VERIFICATION_RESULTS)[number],
          note: opts.note,
          checkedAt: opts.checkedAt === undefined ? undefined : whenOption('--checked-at', opts.checkedAt, zone),
        });
        const v = result.verification;
        emit(!!g.json, result, () =>
          [
            `Recorded verification ${v.id} of alert ${v.alertId}: ${v.result} through ${v.source}, checked ${showTime(v.checkedAt, zone)} by ${v.verifiedBy}.`,
            `  Note: ${v.note}`,
            ...(v.supersedes ? [`  It supersedes verification ${v.supersedes}, which stays on record.`] : []),
            `Alert ${result.alert.id} is now ${ALERT_STATUS_PHRASES[result.alert.status].toLowerCase()}.`,
          ].join('\n'),
        );
      },
    );
}
