import { CONFIDENTIAL_SOURCES, type HotlistSource } from '../../../src-main/contract/hotlists';
import { Badge } from './badge';

// How a hot-list entry's plate and a list's source are shown, on the Hot lists and Alerts pages alike.

/** Where a list comes from, in words. */
const SOURCE_LABELS: Record<HotlistSource, string> = {
  NCIC: 'NCIC',
  state: 'State extract',
  local: 'Local',
};

function isConfidential(source: HotlistSource): boolean {
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

/** The list's source as one badge, for a table row: confidential sources marked by their tone and title. */
export function SourceBadge({ source }: { source: HotlistSource }) {
  return isConfidential(source) ? (
    <Badge tone="warn" title="Confidential state or federal data: only people authorised for it see it (policy 427.4(e))">
      {SOURCE_LABELS[source]}
    </Badge>
  ) : (
    <Badge tone="neutral">{SOURCE_LABELS[source]}</Badge>
  );
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
