import { ALERT_STATUS_PHRASES } from '../../../src-main/contract/phrases';
import type { AlertStatus, Verification } from '../../../src-main/contract/hotlists';
import { Badge, type BadgeTone } from '../common/badge';

const STATUS_TONES: Record<AlertStatus, BadgeTone> = { unverified: 'warn', confirmed: 'bad', 'not-confirmed': 'neutral', cleared: 'ok' };

/** What each result means, for the dialog and the history (policy 427.4(f)). */
export const RESULT_MEANINGS: Record<Verification['result'], string> = {
  confirmed: 'The official database still lists the plate: the hit stands.',
  'not-confirmed': 'The database does not list it, or the read does not match the entry (e.g. a misread).',
  cleared: 'The entry was cleared (vehicle recovered, warrant served): nothing to act on.',
};

export function AlertStatusBadge({ status }: { status: AlertStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{ALERT_STATUS_PHRASES[status]}</Badge>;
}
