import type { PlateRead } from '../../../src-main/contract/imports';

/** 0.963 → "96%"; none → "—" */
export const confidenceText = (confidence: number | null) => (confidence === null ? '—' : `${Math.round(confidence * 100)}%`);

/** "silver Toyota Camry", or "—" when the vendor gave none of them */
export const vehicleText = (read: Pick<PlateRead, 'color' | 'make' | 'model'>) =>
  [read.color, read.make, read.model].filter(Boolean).join(' ') || '—';

/** "1302 (mailbox-east)": the camera's id and the name the vendor gave it; "—" when neither */
export const cameraText = (read: Pick<PlateRead, 'camera' | 'cameraLabel'>) =>
  read.camera && read.cameraLabel && read.cameraLabel !== read.camera
    ? `${read.camera} (${read.cameraLabel})`
    : (read.cameraLabel ?? read.camera ?? '—');

/** Latitude, longitude as the file wrote them; "—" without a place */
export const placeText = (read: Pick<PlateRead, 'latitudeText' | 'longitudeText'>) =>
  read.latitudeText !== null && read.longitudeText !== null ? `${read.latitudeText}, ${read.longitudeText}` : '—';
