import { actionPhrase } from '../../../src-main/contract/phrases';
import type { Role } from '../../../src-main/contract/roles';
import { ROLE_NAMES } from '../../app/roles';
import { formatCount } from '../common/format';

/**
 * What an access-log entry recorded about its work (`objects`: what the operation was given,
 * `input`, and what it touched, `touched`; an event's own facts otherwise) as labelled fields
 * a person can read. The raw JSON stays one toggle away in the drawer.
 */

/** One labelled value; `time` holds a timestamp, to be shown in local time (with UTC beside it). */
export interface EntryField {
  key: string;
  label: string;
  value: string;
  time?: string;
}

export interface EntrySection {
  title: string;
  fields: EntryField[];
}

/** Labels of the keys the operations record; any other key is shown with its name humanised. */
const FIELD_LABELS: Record<string, string> = {
  account: 'Account',
  accountId: 'Account number',
  alert: 'Alert',
  alertId: 'Alert',
  alertLevel: 'Alert level',
  alerts: 'Alerts',
  authorized: 'Authorised',
  caseNumber: 'Case number',
  checkedAt: 'Checked at',
  checkpoint: 'Checkpoint',
  checkpointFolder: 'Checkpoint folder',
  checkpointSeq: 'Checkpoint up to entry',
  columns: 'Columns',
  commander: 'Commander',
  completedOn: 'Completed on',
  confidenceScale: 'Confidence scale',
  confidentialAuthorized: 'Authorised for confidential data',
  course: 'Course',
  currentPassword: 'Current password',
  delimiter: 'Delimiter',
  detection: 'How the format was chosen',
  duplicates: 'Duplicates',
  effective: 'In force from',
  entries: 'Entries',
  entry: 'Hot-list entry',
  entryId: 'Hot-list entry',
  expires: 'Expires',
  expiresOn: 'Expires on',
  exported: 'Exported',
  file: 'File',
  folder: 'Folder',
  format: 'Format',
  from: 'From',
  fullName: 'Full name',
  fuzzy: 'OCR-aware',
  hasHeader: 'Has a header row',
  headHash: 'Head hash',
  hits: 'Hits',
  idleMinutes: 'Idle minutes',
  images: 'Images',
  imported: 'Imported',
  importId: 'Import',
  limit: 'At most',
  list: 'Hot list',
  listId: 'Hot list number',
  listSource: 'List source',
  loadId: 'Load',
  mapping: 'Mapping',
  minConfidence: 'Lowest confidence',
  name: 'Name',
  nameFingerprint: 'Name fingerprint',
  newPassword: 'New password',
  note: 'Note',
  offset: 'Skipping',
  operation: 'Action',
  order: 'Order',
  password: 'Password',
  path: 'Path',
  pendingId: 'Waiting entry',
  plan: 'Search plan',
  plate: 'Plate',
  profile: 'Mapping profile',
  read: 'Read',
  readId: 'Read',
  readIds: 'Reads',
  reason: 'Reason',
  recordedBeforeSignIn: 'Recorded before the sign-in',
  rejected: 'Rejected',
  requiredCourses: 'Required courses',
  result: 'Result',
  retired: 'Retired',
  roles: 'Roles',
  rows: 'Rows',
  seq: 'Entry',
  sha256: 'SHA-256',
  source: 'Source',
  state: 'State',
  status: 'Status',
  thumbnails: 'Thumbnails',
  throughSeq: 'Log up to entry',
  timeFormat: 'Time format',
  timezone: 'Time zone',
  to: 'To',
  trainingRecord: 'Training record',
  truncated: 'More matched than shown',
  unknownAccount: 'Unknown account',
  uploadId: 'Upload',
  username: 'Username',
  vaguePurposes: 'Purposes that state nothing',
  vendor: 'Vendor',
  verification: 'Verification',
  withheldConfidential: 'Withheld as confidential',
  workspaceId: 'Workspace',
};

/** "withheldConfidential" → "Withheld confidential", "checkpoint_folder" → "Checkpoint folder" */
export function humanise(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[._-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : key;
}

const labelOf = (key: string) => FIELD_LABELS[key] ?? humanise(key);

/** A role as its short name ("Commander"); a role this version does not know, as recorded. */
export function roleText(role: string): string {
  return Object.prototype.hasOwnProperty.call(ROLE_NAMES, role) ? ROLE_NAMES[role as Role] : role;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function shown(key: string, value: unknown): Pick<EntryField, 'value' | 'time'> {
  if (value === null || value === undefined || value === '' || (isRecord(value) && Object.keys(value).length === 0)) return { value: '—' };
  if (typeof value === 'boolean') return { value: value ? 'Yes' : 'No' };
  if (typeof value === 'number') return { value: formatCount(value) };
  if (typeof value === 'string') {
    if (ISO_TIME.test(value)) return { value, time: value };
    if (key === 'operation') return { value: `${actionPhrase(value)} (${value})` };
    if (key === 'order') return { value: value === 'newest-first' ? 'Newest first' : value === 'oldest-first' ? 'Oldest first' : value };
    if (key === 'roles' || key === 'role') return { value: roleText(value) };
    return { value };
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return { value: '—' };
    return {
      value: value.map((item) => (isRecord(item) || Array.isArray(item) ? JSON.stringify(item) : shown(key, item).value)).join(', '),
    };
  }
  return { value: JSON.stringify(value) };
}

/** Every leaf of `value` as a field; nested keys are joined ("Mapping › Columns › Plate"). */
function fieldsOf(value: unknown, path: string[] = []): EntryField[] {
  if (isRecord(value) && (path.length === 0 || Object.keys(value).length > 0)) {
    return Object.entries(value).flatMap(([key, inner]) => fieldsOf(inner, [...path, key]));
  }
  const key = path.at(-1) ?? '';
  return [{ key: path.join('.'), label: path.map(labelOf).join(' › '), ...shown(key, value) }];
}

/**
 * An entry's objects as sections of labelled fields: what it was given, what it touched
 * (one section per object touched), and anything else recorded (the events the workspace
 * writes itself keep their facts at the top). Empty sections are left out.
 */
export function entrySections(objects: unknown): EntrySection[] {
  if (!isRecord(objects))
    return objects === undefined || objects === null ? [] : [{ title: 'Recorded', fields: fieldsOf({ value: objects }) }];
  const { input, touched, ...rest } = objects;
  const sections: EntrySection[] = [];
  if (input !== undefined) sections.push({ title: 'What it was given', fields: fieldsOf(isRecord(input) ? input : { input }) });
  const touchedList = Array.isArray(touched) ? touched : touched === undefined ? [] : [touched];
  touchedList.forEach((item, i) =>
    sections.push({
      title: touchedList.length > 1 ? `What it touched (${i + 1} of ${touchedList.length})` : 'What it touched',
      fields: fieldsOf(isRecord(item) ? item : { touched: item }),
    }),
  );
  if (Object.keys(rest).length > 0) sections.push({ title: 'Also recorded', fields: fieldsOf(rest) });
  return sections.filter((section) => section.fields.length > 0);
}
