import {
  CONFIDENTIAL_SOURCES,
  HOTLIST_FORMATS,
  type HotlistEntry,
  type HotlistFormat,
  type HotlistSource,
} from '../../../src-main/contract/hotlists';
import { Badge, type BadgeTone } from '../common/badge';

const SOURCE_CHOICES: { value: HotlistSource; label: string }[] = [
  { value: 'local', label: 'Local: the department’s own list' },
  { value: 'NCIC', label: 'NCIC (confidential federal data)' },
  { value: 'state', label: 'State extract (confidential state data)' },
];

/** The sources a person may give a new list: NCIC and state only to someone authorised for confidential data (427.4(e)). */
export function sourceChoices(confidentialAuthorized: boolean): { value: HotlistSource; label: string }[] {
  return confidentialAuthorized ? SOURCE_CHOICES : SOURCE_CHOICES.filter((c) => !CONFIDENTIAL_SOURCES.includes(c.value));
}

/** Who can give the authorisation that NCIC and state lists need, said where they are not offered. */
export const WHO_GRANTS_CONFIDENTIAL =
  'NCIC and state lists are confidential state or federal data (policy 427.4(e)), and you are not authorised for it. The commander can grant the authorisation, on People & training.';

export type FormatChoice = 'detect' | HotlistFormat;

export const FORMAT_CHOICES: { value: FormatChoice; label: string }[] = [
  { value: 'detect', label: 'Detect from the file' },
  { value: 'genetec', label: 'Genetec hot list (“;”, “:”, “,” or tab)' },
  { value: 'vigilant', label: 'Vigilant-style CSV (Hot Plate, State, Alert)' },
  { value: 'mapped', label: 'NCIC or state extract, by mapping' },
];

export function formatTitle(format: HotlistFormat): string {
  return HOTLIST_FORMATS[format].split(' (')[0]!;
}

const STATUS: Record<HotlistEntry['status'], { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'ok' },
  'not-yet-effective': { label: 'Not yet in force', tone: 'info' },
  expired: { label: 'Expired', tone: 'neutral' },
  retired: { label: 'Retired', tone: 'neutral' },
};

export function EntryStatusBadge({ status }: { status: HotlistEntry['status'] }) {
  return <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>;
}
