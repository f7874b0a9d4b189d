import {
  IMPORT_FORMATS,
  LOG_MAPPING_FIELDS,
  MAPPING_KINDS,
  mappingKind,
  type ColumnMappingInput,
  type ImportFormat,
  type ImportPreview,
  type MappingKind,
  type PlateReadMappingInput,
} from '../../../src-main/contract/imports';
import { withoutUnusedColumns } from '../common/column-mapping';

export type VendorChoice = 'auto' | ImportFormat;
export type MappingColumn = keyof PlateReadMappingInput['columns'];

/** A field of a mapping's columns, in the editor's order, with what it means to a clerk. */
export interface MappingField {
  key: string;
  label: string;
  required?: true;
}

/** The fields a plate-read mapping fills, in the editor's order, with what each means to a clerk. */
export const MAPPING_FIELDS: readonly (MappingField & { key: MappingColumn })[] = [
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

/** The time a log mapping must name (a search audit's searchDate, an audit's Search Time). */
const LOG_TIME_FIELD: Record<Exclude<MappingKind, 'plate-reads'>, string> = {
  'flock-audit': 'searchTime',
  'flock-search-audit': 'searchDate',
};

/** The fields a mapping of `kind` fills: a plate read's, or a Flock log's columns by their Flock names. */
export function mappingFields(kind: MappingKind): readonly MappingField[] {
  if (kind === 'plate-reads') return MAPPING_FIELDS;
  return Object.entries(LOG_MAPPING_FIELDS[kind]).map(([key, label]) =>
    key === LOG_TIME_FIELD[kind] ? { key, label, required: true as const } : { key, label },
  );
}

/** What a mapping can describe, for the editor's first choice. */
export const MAPPING_KIND_CHOICES = (Object.keys(MAPPING_KINDS) as MappingKind[]).map((kind) => ({
  value: kind,
  label: MAPPING_KINDS[kind].title,
}));

/** An empty mapping of `kind` for a file nobody has described yet. */
export function blankMapping(kind: MappingKind = 'plate-reads'): ColumnMappingInput {
  switch (kind) {
    case 'plate-reads':
      return { vendor: '', delimiter: ',', hasHeader: true, columns: { plate: '', captureTime: '' }, confidenceScale: 1 };
    case 'flock-audit':
      return { maps: kind, delimiter: ',', hasHeader: true, columns: { searchTime: '' } };
    case 'flock-search-audit':
      return { maps: kind, delimiter: ',', hasHeader: true, columns: { searchDate: '' } };
  }
}

/** The format a file described by `mapping` is imported as (plate reads: CSV by mapping, unless Flock reads was chosen). */
export function formatForMapping(mapping: ColumnMappingInput, chosen: VendorChoice): VendorChoice {
  const kind = mappingKind(mapping);
  if (kind === 'plate-reads' && chosen !== 'auto' && IMPORT_FORMATS[chosen].target === 'plate-reads') return chosen;
  return MAPPING_KINDS[kind].format;
}

/** Whether the file is read through a column mapping (plate reads in CSV, an audit under other names), so the editor applies. */
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
  if (mapping.maps === 'flock-audit') return { ...mapping, columns: withoutUnusedColumns(mapping.columns) };
  if (mapping.maps === 'flock-search-audit') return { ...mapping, columns: withoutUnusedColumns(mapping.columns) };
  const timeFormat = mapping.timeFormat?.trim();
  return { ...mapping, columns: withoutUnusedColumns(mapping.columns), timeFormat: timeFormat ? timeFormat : undefined };
}
