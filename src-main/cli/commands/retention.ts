import path from 'node:path';
import type { Command } from 'commander';
import type { Case, Hold } from '../../contract/cases';
import type { PurgePlan, PurgeRun } from '../../contract/retention';
import { HOLD_REASONS, type HoldReason } from '../../contract/schemas';
import { UsageError } from '../errors';
import { runJobAs } from '../jobs';
import { emit, intoNewFile, table } from '../output';
import { callAs, globals } from '../session';
import { cliZone, showTime, whenOption } from '../times';

/** Retention counts in whole seconds of UTC, as the certificate does: times here are shown in UTC. */
const cliTime = (iso: string) => showTime(iso, 'UTC');

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function positiveId(what: string, text: string, example: string): number {
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id < 1) throw new UsageError(`Give the ${what} number, e.g. ${example}.`);
  return id;
}

function caseTable(cases: Case[]): string {
  if (cases.length === 0) return 'No cases.';
  return table(
    ['case', 'title', 'type', 'lead', 'opened', 'closed', 'active holds'],
    cases.map((c) => [c.number, c.title, c.type, c.lead, c.openedOn, c.closedOn ?? '', c.activeHolds]),
  );
}

function holdTable(holds: Hold[]): string {
  if (holds.length === 0) return 'No holds.';
  return table(
    ['hold', 'case', 'keeps', 'reason', 'reads', 'placed', 'review on', 'released'],
    holds.map((h) => [
      h.id,
      h.caseNumber,
      h.keeps,
      h.reasonText ? `${h.reason}: ${h.reasonText}` : h.reason,
      h.reads,
      `${cliTime(h.placedAt)} by ${h.placedBy}`,
      h.reviewOn,
      h.releasedAt ? `${cliTime(h.releasedAt)} by ${h.releasedBy}: ${h.releaseReason}` : '',
    ]),
  );
}

function describePlan(plan: PurgePlan): string {
  const lines = [
    `As of ${cliTime(plan.asOf)}${plan.asOfIsDrill ? ' (a drill or test: set by hand)' : ''}, retention ${plan.retentionDays} days: reads captured before ${cliTime(plan.cutOff)} and not held are destroyed.`,
    `The next purge destroys ${count(plan.reads, 'read')} with ${count(plan.images, 'image')}, and ${count(plan.vendorAuditRows, 'vendor audit row')} older than ${cliTime(plan.vendorAuditCutOff)}.`,
  ];
  const part = (title: string, rows: { key: string; reads: number }[]) => {
    if (rows.length)
      lines.push(
        `${title}:`,
        table(
          [title.toLowerCase(), 'reads'],
          rows.map((r) => [r.key, r.reads]),
        ),
      );
  };
  part('By capture day (UTC)', plan.byDay);
  part('By camera', plan.byCamera);
  part('By import', plan.byImport);
  part('By vendor', plan.byVendor);
  lines.push(
    plan.kept.length
      ? `Kept by holds:\n${table(
          ['case', 'hold', 'what it keeps', 'reads kept'],
          plan.kept.map((k) => [k.caseNumber, k.holdId, k.holdLabel, k.reads]),
        )}`
      : 'No hold keeps any read past the period.',
  );
  return lines.join('\n');
}

function describeRun(run: PurgeRun): string {
  const d = run.destroyed;
  return [
    `Purge run ${run.id} ${run.status} as of ${cliTime(run.asOf)}${run.asOfIsDrill ? ' (drill)' : ''}.`,
    d
      ? `Destroyed ${count(d.reads, 'read')}, ${count(d.images, 'image')}, ${count(d.searchIndexRows, 'search-index row')}, ${count(d.alerts, 'hot-list alert')} and ${count(d.vendorAuditRows, 'vendor audit row')}.`
      : `Planned ${count(run.plannedReads, 'read')}; not finished: run custodian purge again to finish it.`,
    ...(run.destroyedIdsSha256 ? [`SHA-256 of the destroyed read ids: ${run.destroyedIdsSha256}`] : []),
    ...(run.certificateSha256
      ? [`Certificate SHA-256: ${run.certificateSha256}  (custodian purge certificate ${run.id} --out FILE.pdf)`]
      : []),
    ...(run.signedBy ? [`Signed by "${run.signedBy.commonName}" (certificate SHA-256 ${run.signedBy.fingerprint}).`] : []),
  ].join('\n');
}

function reasonOf(text: string): HoldReason {
  if (!(HOLD_REASONS as readonly string[]).includes(text)) throw new UsageError(`--reason is one of ${HOLD_REASONS.join(', ')}.`);
  return text as HoldReason;
}

export function registerRetentionCommands(program: Command): void {
  const kase = program
    .command('case')
    .description('Cases (policy 427.5): the investigations whose holds keep reads past the retention period');
  kase
    .command('create')
    .description('Open a case')
    .argument('<number>', 'the case number, as people type it when they open ALPR data')
    .requiredOption('--title <text>', 'what the case is')
    .requiredOption('--type <text>', 'the kind of case, e.g. "Robbery"')
    .requiredOption('--lead <name>', 'the lead investigator')
    .option('--opened <YYYY-MM-DD>', 'the day it opened (default today)')
    .action(async (number: string, opts: { title: string; type: string; lead: string; opened?: string }, cmd: Command) => {
      const g = globals(cmd);
      const created = await callAs(g, 'case.create', {
        number,
        title: opts.title,
        type: opts.type,
        lead: opts.lead,
        openedOn: opts.opened,
      });
      emit(!!g.json, created, () => `Case ${created.number} opened on ${created.openedOn}: ${created.title}.`);
    });
  kase
    .command('list')
    .description('List cases, newest first')
    .option('--open', 'only open cases')
    .option('--closed', 'only closed cases')
    .action(async (opts: { open?: boolean; closed?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const cases = await callAs(g, 'case.list', { status: opts.open ? 'open' : opts.closed ? 'closed' : undefined });
      emit(!!g.json, cases, () => caseTable(cases));
    });
  kase
    .command('show')
    .description('A case, its holds and their history; with --history, every access-log entry that named it')
    .argument('<number>', 'the case number')
    .option('--history', "also the case's access history (commander and auditor)")
    .action(async (number: string, opts: { history?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const shown = await callAs(g, 'case.show', { number });
      const history = opts.history ? await callAs(g, 'case.history', { number }) : null;
      emit(!!g.json, { ...shown, ...(history ? { history } : {}) }, () => {
        const c = shown.case;
        const lines = [
          `Case ${c.number}: ${c.title} (${c.type}), lead ${c.lead}, opened ${c.openedOn}${c.closedOn ? `, closed ${c.closedOn}` : ''}.`,
          holdTable(shown.holds),
          ...shown.events.map((e) => `  hold ${e.holdId} ${e.event} ${cliTime(e.at)} by ${e.by}: ${e.detail}`),
        ];
        if (history) {
          lines.push(`Access history: ${count(history.total, 'entry', 'entries')} named case ${c.number}.`);
          lines.push(
            table(
              ['#', 'time', 'who', 'operation', 'purpose', 'outcome'],
              history.entries.map((e) => [e.seq, cliTime(e.at), e.username, e.operation, e.purpose, e.outcome]),
            ),
          );
        }
        return lines.join('\n');
      });
    });
  kase
    .command('close')
    .description('Close a case (its active holds stay, and the case waits on the review queue)')
    .argument('<number>', 'the case number')
    .option('--on <YYYY-MM-DD>', 'the day it closed (default today)')
    .action(async (number: string, opts: { on?: string }, cmd: Command) => {
      const g = globals(cmd);
      const closed = await callAs(g, 'case.close', { number, closedOn: opts.on });
      emit(
        !!g.json,
        closed,
        () =>
          `Case ${closed.number} closed on ${closed.closedOn}.${closed.activeHolds ? ` ${count(closed.activeHolds, 'hold')} still active: see custodian hold review.` : ''}`,
      );
    });

  const hold = program.command('hold').description('Holds (policy 427.5): reads kept past the retention period for a case');
  hold
    .command('add')
    .description(
      'Place a hold on the case given with --case: chosen reads, every read matching a query (reads imported later too), or one import',
    )
    .requiredOption('--reason <reason>', HOLD_REASONS.join(', '))
    .option('--reason-text <text>', 'what the reason is (needed for "other")')
    .option('--reads <ids>', 'chosen read ids, comma-separated')
    .option('--plate <pattern>', 'a plate or pattern (* any run, ? one character)')
    .option('--from <time>', 'the capture window start (ISO time)')
    .option('--to <time>', 'the capture window end (ISO time)')
    .option('--camera <name>', 'only reads at this camera (repeat)', (value: string, all: string[] = []) => [...all, value])
    .option('--import <id>', 'everything from this import')
    .option('--review-date <YYYY-MM-DD>', 'when to review the hold (default: the retention schedule for the reason)')
    .action(async (opts: Record<string, string | string[] | undefined>, cmd: Command) => {
      const g = globals(cmd);
      const { reads, plate, from, to, camera, import: importId } = opts as Record<string, string | undefined> & { camera?: string[] };
      if ([reads, plate, importId].filter(Boolean).length !== 1)
        throw new UsageError(
          'Say what the hold keeps: --reads ID,…, or --plate PATTERN --from TIME --to TIME, or --import ID (one of the three).',
        );
      if (!g.case) throw new UsageError('Give the case the hold belongs to with --case.');
      if (plate && (!from || !to)) throw new UsageError('A hold by --plate needs --from and --to: the capture window it keeps.');
      const zone = cliZone(undefined);
      const placed = await callAs(g, 'hold.place', {
        caseNumber: g.case,
        reason: reasonOf(opts.reason as string),
        reasonText: opts.reasonText as string | undefined,
        reviewOn: opts.reviewDate as string | undefined,
        ...(reads ? { readIds: reads.split(',').map((id) => positiveId('read', id.trim(), '--reads 12,15')) } : {}),
        ...(plate
          ? {
              query: {
                plate,
                from: whenOption('--from', from!, zone),
                to: whenOption('--to', to!, zone, true),
                ...(camera ? { cameras: camera } : {}),
              },
            }
          : {}),
        ...(importId ? { importId: positiveId('import', importId, '--import 3') } : {}),
      });
      emit(
        !!g.json,
        placed,
        () =>
          `Hold ${placed.id} placed on case ${placed.caseNumber}: ${placed.keeps}, ${count(placed.reads, 'stored read')} kept now; review on ${placed.reviewOn}.`,
      );
    });
  hold
    .command('list')
    .description('List holds')
    .option('--active', 'only holds not released')
    .option('--released', 'only released holds')
    .action(async (opts: { active?: boolean; released?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const holds = await callAs(g, 'hold.list', { active: opts.active ? true : opts.released ? false : undefined });
      emit(!!g.json, holds, () => holdTable(holds));
    });
  hold
    .command('release')
    .description('Release a hold, with a written reason; its reads become eligible for the purge again')
    .argument('<id>', 'the hold')
    .requiredOption('--reason <text>', 'why it is released (kept with the hold for ever)')
    .action(async (id: string, opts: { reason: string }, cmd: Command) => {
      const g = globals(cmd);
      const released = await callAs(g, 'hold.release', { holdId: positiveId('hold', id, '7'), reason: opts.reason });
      emit(
        !!g.json,
        released,
        () => `Hold ${released.id} on case ${released.caseNumber} released: ${count(released.reads, 'stored read')} no longer held by it.`,
      );
    });
  hold
    .command('extend')
    .description("Move a hold's review date")
    .argument('<id>', 'the hold')
    .option('--to <YYYY-MM-DD>', "the new review date (default: the retention schedule for the hold's reason, from today)")
    .action(async (id: string, opts: { to?: string }, cmd: Command) => {
      const g = globals(cmd);
      const moved = await callAs(g, 'hold.extend', { holdId: positiveId('hold', id, '7'), ...(opts.to ? { reviewOn: opts.to } : {}) });
      emit(!!g.json, moved, () => `Hold ${moved.id} on case ${moved.caseNumber}: review on ${moved.reviewOn}.`);
    });
  hold
    .command('review')
    .description('The review queue: holds past their review date, and closed cases with holds still active')
    .action(async (_opts: unknown, cmd: Command) => {
      const g = globals(cmd);
      const queue = await callAs(g, 'hold.review', {});
      emit(!!g.json, queue, () =>
        [
          queue.holdsDue.length ? `Holds past their review date:\n${holdTable(queue.holdsDue)}` : 'No hold is past its review date.',
          queue.closedWithHolds.length
            ? `Closed cases with holds still active:\n${caseTable(queue.closedWithHolds)}`
            : 'No closed case has a hold still active.',
        ].join('\n'),
      );
    });

  const purge = program
    .command('purge')
    .description('Destroy stored ALPR data past its retention period, except what holds keep (policy 427.5); --preview shows what would go')
    .option('--preview', 'show what the purge would destroy and what holds keep, destroying nothing')
    .option('--as-of <time>', 'count back from this instant instead of now (a drill or a test; logged as such)')
    .action(async (opts: { preview?: boolean; asOf?: string }, cmd: Command) => {
      const g = globals(cmd);
      if (opts.preview) {
        const plan = await callAs(g, 'purge.preview', { asOf: opts.asOf });
        emit(!!g.json, plan, () => describePlan(plan));
        return;
      }
      const run = await runJobAs(
        g,
        'purge.run',
        { asOf: opts.asOf },
        { label: 'purge', cancelMessage: 'Cancelling: the batch under way finishes, the rest waits for the next run.' },
      );
      emit(!!g.json, run, () => describeRun(run));
    });
  purge
    .command('list')
    .description('List purge runs, newest first')
    .action(async (_opts: unknown, cmd: Command) => {
      const g = globals(cmd);
      const runs = await callAs(g, 'purge.list', {});
      emit(!!g.json, runs, () =>
        runs.length === 0
          ? 'No purge has run yet.'
          : table(
              ['run', 'status', 'as of', 'by', 'reads destroyed', 'certificate SHA-256'],
              runs.map((r) => [
                r.id,
                r.status,
                `${cliTime(r.asOf)}${r.asOfIsDrill ? ' (drill)' : ''}`,
                r.ranBy ?? 'scheduled',
                r.destroyed?.reads ?? '',
                r.certificateSha256,
              ]),
            ),
      );
    });
  purge
    .command('certificate')
    .description("Write a purge run's certificate (PDF) to a new file")
    .argument('<run>', 'the purge run')
    .requiredOption('--out <file>', 'the new PDF file')
    .action(async (run: string, opts: { out: string }, cmd: Command) => {
      const g = globals(cmd);
      const file = path.resolve(opts.out);
      const got = await intoNewFile(file, async (write) => {
        const certificate = await runJobAs(g, 'purge.certificate', { runId: positiveId('purge run', run, '3') }, { label: 'certificate' });
        write(Buffer.from(certificate.pdfBase64, 'base64'));
        return certificate;
      });
      emit(
        !!g.json,
        { runId: got.runId, file, sha256: got.sha256 },
        () => `Certificate of purge run ${got.runId} written to ${file} (SHA-256 ${got.sha256}).`,
      );
    });
}
