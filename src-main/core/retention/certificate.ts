import { RecordDocument } from '../documents/document';
import { failed } from '../errors';
import type { FinishedDocument } from '../documents/finish';
import type { DocumentSigner } from '../signers';

/** What a purge certificate states: everything about one purge run (retention fills it, at the end of the run). */
export interface PurgeCertificateData {
  /** the department's name (the `departmentName` setting); null when unset: the certificate then says it is not named */
  department: string | null;
  runId: number;
  ranBy: { name: string; username: string } | 'scheduled';
  /** ISO UTC */
  startedAt: string;
  finishedAt: string;
  /** the instant the purge counted back from; `asOfIsDrill` when it was given for a drill or test */
  asOf: string;
  asOfIsDrill: boolean;
  retentionDays: number;
  vendorAuditRetentionDays: number;
  /** ISO UTC instants: `asOf` less each period */
  cutOff: string;
  vendorAuditCutOff: string;
  destroyed: { reads: number; images: number; searchIndexRows: number; alerts: number; vendorAuditRows: number };
  /** KeptGroup: reads past the cut-off each hold kept */
  kept: { caseNumber: string; holdId: number; holdLabel: string; reads: number }[];
  /** SHA-256 (hex) of the destroyed read ids, sorted ascending, one per line, "\n"-terminated */
  destroyedReadIdsSha256: string;
  /** the access-log entries of this run */
  accessLogSequences: { first: number; last: number };
  /** the log's head when the certificate was made (the last entry of the run): each holder of the certificate holds a witness of the log */
  accessLogHeadHash: string;
  /** the department's signing certificate that signs it; absent when none was set up (and for runs made before signing) */
  signedBy?: { name: string; fingerprint: string };
}

const SECONDS_PER_DAY = 86_400;
const count = new Intl.NumberFormat('en-US');

/**
 * The purge certificate (Policy 427.5): a record, for the commander to review and sign,
 * of what one purge destroyed, under which period and cut-off, what holds kept, and how
 * to check it against the store and the access log. The same data gives the same bytes.
 */
export async function purgeCertificatePdf(data: PurgeCertificateData, signer?: DocumentSigner): Promise<FinishedDocument> {
  if ((signer?.fingerprint ?? null) !== (data.signedBy?.fingerprint ?? null))
    throw failed('certificate-signer', `Purge run ${data.runId}'s certificate names another signer than the one given to sign it.`);
  const finished = instant(data.finishedAt, 'finishedAt');
  const document = new RecordDocument({
    department: data.department,
    title: 'Purge certificate',
    subtitle: `Stored ALPR data destroyed under Policy 427.5  ·  purge run ${data.runId}`,
    identity: `Custodian purge certificate  ·  run ${data.runId}  ·  finished ${utc(finished)}`,
    madeAt: finished,
  });

  const asOf = utc(instant(data.asOf, 'asOf'));
  if (data.asOfIsDrill) {
    document.notice(
      `DRILL: this purge ran as of ${asOf}, a time set for a drill or a test`,
      'The as-of time was given by hand rather than taken from the clock, and the cut-offs below count back from it. ' +
        'The data listed as destroyed was destroyed all the same.',
    );
  }
  document.paragraph(
    'Custodian destroyed the stored ALPR data counted below because it was older than the retention period, as ' +
      'Policy 427.5 requires. Reads held for a case were kept; the holds that kept reads are listed with how many each kept.',
  );

  document.section('The run').fields([
    { label: 'Purge run', value: String(data.runId) },
    { label: 'Run by', value: ranBy(data.ranBy), strong: true },
    { label: 'Started', value: utc(instant(data.startedAt, 'startedAt')) },
    { label: 'Finished', value: utc(finished) },
    {
      label: 'As of',
      value: data.asOfIsDrill ? `${asOf} (drill or test: set by hand, not the time of the run)` : asOf,
      strong: data.asOfIsDrill,
    },
    { label: 'Retention period', value: `${period(data.retentionDays)}, counted from each read's capture time` },
    {
      label: 'Cut-off',
      value: `${utc(instant(data.cutOff, 'cutOff'))}: reads captured before this instant and not held were destroyed`,
      strong: true,
    },
    { label: 'Vendor audit period', value: period(data.vendorAuditRetentionDays) },
    {
      label: 'Vendor audit cut-off',
      value: `${utc(instant(data.vendorAuditCutOff, 'vendorAuditCutOff'))}: vendor search audits and event logs from before it were destroyed`,
    },
  ]);

  const { destroyed } = data;
  document.section('Destroyed').table({
    name: 'Destroyed',
    columns: [
      { heading: 'What', share: 5 },
      { heading: 'Destroyed', share: 1.3, numbers: true },
    ],
    rows: [
      ['Plate reads', count.format(destroyed.reads)],
      ["Images of those reads (each image's key destroyed first, then its file)", count.format(destroyed.images)],
      ['Search-index rows of those reads', count.format(destroyed.searchIndexRows)],
      ['Hot-list alert links to those reads', count.format(destroyed.alerts)],
      ['Vendor audit rows (search audits and event logs)', count.format(destroyed.vendorAuditRows)],
    ],
  });

  const keptReads = data.kept.reduce((sum, group) => sum + group.reads, 0);
  const holds = `${count.format(data.kept.length)} ${data.kept.length === 1 ? 'hold' : 'holds'}`;
  document.section('Kept').fields([
    {
      label: 'Kept by holds',
      value:
        data.kept.length === 0
          ? 'No hold kept any read captured before the cut-off.'
          : `${count.format(keptReads)} ${keptReads === 1 ? 'read' : 'reads'} captured before the cut-off, kept by ${holds} ` +
            'for their cases; each hold is listed under “Kept by holds”, at the end.',
      strong: true,
    },
  ]);

  const { first, last } = data.accessLogSequences;
  document
    .section('How to check it')
    .fields([{ label: 'SHA-256 of the destroyed read ids', value: data.destroyedReadIdsSha256, strong: true, wide: true }])
    .paragraph(
      'To check it: write the ids of the destroyed reads as decimal numbers in ascending order, one per line, each line ' +
        'ending in a line feed, and take the SHA-256 of that text; it equals the value above. With the ids in a file ' +
        'ids.txt, for example: sort -n ids.txt | sha256sum.',
    )
    .fields([
      {
        label: 'Access-log entries of this run',
        value:
          last < first
            ? `None written while it worked: the run's own entry, after sequence number ${last}, follows`
            : first === last
              ? `Sequence number ${first} (1 entry)`
              : `Sequence numbers ${first} to ${last} (${count.format(last - first + 1)} entries)`,
        strong: true,
      },
      { label: `Access-log head hash at entry ${last}`, value: data.accessLogHeadHash, wide: true },
    ])
    .paragraph(
      "The access log records who ran this purge and what it destroyed; 'custodian audit verify' checks that the log, " +
        "these entries with it, is whole and unaltered, and the head hash above lets anyone holding this certificate check that the log was not cut short or rewritten before that entry. This certificate's own SHA-256 is kept with the run in the " +
        "workspace and in the run's access-log entry.",
      { muted: true },
    );

  if (data.signedBy) {
    document
      .section('Digital signature')
      .fields([
        { label: 'Signed by', value: data.signedBy.name, strong: true },
        { label: "SHA-256 of the signer's certificate", value: data.signedBy.fingerprint, wide: true },
      ])
      .paragraph(
        'This PDF carries the digital signature of the certificate above over every byte of it: a PDF reader that checks ' +
          "signatures (Adobe Acrobat Reader, or poppler's pdfsig) says whether it is intact. Compare the fingerprint with the " +
          "one the department gives out with its public certificate ('custodian cert export').",
        { muted: true },
      );
  }

  document.signOff(
    'Review',
    data.kept.length === 0
      ? 'Reviewed by the Administration Division Commander (Policy 427.5).'
      : 'Reviewed, with the holds listed below, by the Administration Division Commander (Policy 427.5).',
    ['Name and rank', 'Signature', 'Date'],
  );

  if (data.kept.length > 0) {
    document
      .section('Kept by holds')
      .paragraph(
        'Reads captured before the cut-off that were kept because a case holds them, per case and hold. A read under ' +
          'two holds is counted in each.',
        { muted: true },
      )
      .table({
        name: 'Kept by holds',
        columns: [
          { heading: 'Case', share: 1.4 },
          { heading: 'Hold', share: 0.8 },
          { heading: 'What the hold keeps', share: 4.4 },
          { heading: 'Reads kept', share: 1.2, numbers: true },
        ],
        rows: [...data.kept]
          .sort((a, b) => a.caseNumber.localeCompare(b.caseNumber, 'en', { numeric: true }) || a.holdId - b.holdId)
          .map((group) => [group.caseNumber, `#${group.holdId}`, group.holdLabel, count.format(group.reads)]),
        total: [holds, '', '', count.format(keptReads)],
      });
  }

  return document.finish(
    signer && { signer, reason: `Purge certificate of purge run ${data.runId} (Policy 427.5)`, location: data.department ?? '' },
  );
}

function ranBy(who: PurgeCertificateData['ranBy']): string {
  return who === 'scheduled' ? 'Scheduled: started by Custodian itself (at start-up or on its daily run)' : `${who.name} (${who.username})`;
}

function period(days: number): string {
  return `${count.format(days)} ${days === 1 ? 'day' : 'days'} (${count.format(days * SECONDS_PER_DAY)} seconds)`;
}

function instant(iso: string, field: keyof PurgeCertificateData): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw failed('certificate-time', `The purge certificate's ${field} is not a time: "${iso}".`);
  return date;
}

/** "2026-12-07 02:00:00 UTC": to the second, in UTC */
function utc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
