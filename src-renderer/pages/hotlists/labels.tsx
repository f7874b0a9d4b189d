import type { HotlistEntry, HotlistFormat, HotlistSource } from '../../../src-main/contract/hotlists';
import { CONFIDENTIAL_SOURCES, HOTLIST_FORMATS } from '../../../src-main/contract/hotlists';
import { Badge, type BadgeTone } from '../common/badge';

/** Where a list comes from, in words. Shared with the Alerts page. */
export const SOURCE_LABELS: Record<HotlistSource, string> = {
  NCIC: 'NCIC',
  state: 'State extract',
  local: 'Local',
};

export const SOURCE_CHOICES: { value: HotlistSource; label: string }[] = [
  { value: 'local', label: 'Local: the department’s own list' },
  { value: 'NCIC', label: 'NCIC (confidential federal data)' },
  { value: 'state', label: 'State extract (confidential state data)' },
];

export function isConfidential(source: HotlistSource): boolean {
  return CONFIDENTIAL_SOURCES.includes(source);
}

/** The list's source, and "Confidential" beside it for NCIC and state lists (policy 427.4(e)). */
export function SourceBadges({ source }: { source: HotlistSource }) {
  return (
    <span className="cu-badges">
      <Badge tone={source === 'local' ? 'neutral' : 'info'}>{SOURCE_LABELS[source]}</Badge>
      {isConfidential(source) && (
        <Badge tone="warn" title="Confidential state or federal data: only people authorised for it see it (policy 427.4(e))">
          Confidential
        </Badge>
      )}
    </span>
  );
}

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

/** "ABC*", with "Partial" beside it when it has wildcards (policy 427.4(c)). */
export function PlateText({ plate, partial }: { plate: string; partial: boolean }) {
  return (
    <span className="cu-badges">
      <span className="cu-plate">{plate}</span>
      {partial && (
        <Badge tone="info" title="A partial plate: * stands for any run of characters, ? for one">
          Partial
        </Badge>
      )}
    </span>
  );
}
