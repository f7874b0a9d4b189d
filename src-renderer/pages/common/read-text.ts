import type { PlateRead } from '../../../src-main/contract/imports';

/** 0.963 → "96%"; none → "—" */
export const confidenceText = (confidence: number | null) => (confidence === null ? '—' : `${Math.round(confidence * 100)}%`);

/** "silver Toyota Camry", or "—" when the vendor gave none of them */
export const vehicleText = (read: Pick<PlateRead, 'color' | 'make' | 'model'>) =>
  [read.color, read.make, read.model].filter(Boolean).join(' ') || '—';
