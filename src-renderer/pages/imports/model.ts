import { IMPORT_FORMATS, type ColumnMappingInput, type ImportFormat, type ImportPreview } from '../../../src-main/contract/imports';
import { withoutUnusedColumns } from '../common/column-mapping';

export type VendorChoice = 'auto' | ImportFormat;
export type MappingColumn = keyof ColumnMappingInput['columns'];

/** The fields a column mapping fills, in the editor's order, with what each means to a clerk. */
export const MAPPING_FIELDS: readonly { key: MappingColumn; label: string; required?: true }[] = [
  { key: 'plate', label: 'Plate', required: true },
  { key: 'captureTime', label: 'Capture time (or date)', required: true },
  { key: 'captureTimeOfDay', label: 'Time of day, if in its own column' },
  { key: 'state', label: 'State' },
  { key: 'vendorReadId', label: "Vendor's read id" },
  { key: 'camera', label: 'Camera or device' },
  { key: 'latitude', label: 'Latitude' },
  { key: 'longitude', label: 'Longitude' },
  { key: 'confidence', label: 'Confidence' },
  { key: 'direction', label: 'Direction' },
  { key: 'make', label: 'Vehicle make' },
  { key: 'model', label: 'Vehicle model' },
  { key: 'color', label: 'Vehicle colour' },
  { key: 'image', label: 'Image file' },
];

export const VENDOR_CHOICES: { value: VendorChoice; label: string }[] = [
  { value: 'auto', label: 'Detect from the file' },
  ...(Object.keys(IMPORT_FORMATS) as ImportFormat[]).map((id) => ({ value: id, label: IMPORT_FORMATS[id].title })),
];

/** An empty mapping for a file nobody has described yet. */
export function blankMapping(): ColumnMappingInput {
  return { vendor: '', delimiter: ',', hasHeader: true, columns: { plate: '', captureTime: '' }, confidenceScale: 1 };
}

/** Whether the file is read through a column mapping (plate reads in CSV), so the editor applies. */
export function readByMapping(preview: ImportPreview): boolean {
  if (preview.suggestedMapping !== null) return true;
  if (preview.format === null) return preview.columns.length > 0;
  return preview.format === 'csv' || (preview.format === 'flock-reads' && preview.columns.length > 0);
}

/** The workstation's own zone, the default for times written without one. */
export function workstationZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

let zones: string[] | undefined;
/** Every IANA zone this runtime knows, UTC first. */
export function timeZones(): string[] {
  if (!zones) {
    const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    zones = ['UTC', ...known.filter((zone) => zone !== 'UTC')];
    const own = workstationZone();
    if (!zones.includes(own)) zones.push(own);
  }
  return zones;
}

/** A mapping with the unused optional columns left out, ready for the gate. */
export function cleanMapping(mapping: ColumnMappingInput): ColumnMappingInput {
  const timeFormat = mapping.timeFormat?.trim();
  return { ...mapping, columns: withoutUnusedColumns(mapping.columns), timeFormat: timeFormat ? timeFormat : undefined };
}
