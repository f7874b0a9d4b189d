import type { HoldReason } from '../../../src-main/contract/schemas';

export const REASON_LABELS: Record<HoldReason, string> = {
  investigation: 'Ongoing investigation',
  evidence: 'Evidence in a criminal or civil action',
  'discovery-litigation': 'Discovery request or litigation',
  'public-records': 'Public-records request',
  other: 'Other (say what)',
};

export const REASON_OPTIONS = (Object.keys(REASON_LABELS) as HoldReason[]).map((value) => ({ value, label: REASON_LABELS[value] }));
