import { z } from 'zod';

/**
 * Vendor exports Custodian reads (../shared/formats/VENDOR-FORMATS.md). Each lands in one
 * kind of table: plate reads (ALPR data), or one of the vendor's own logs of searches
 * done in its cloud (kept for the compliance work; they are records about searches).
 * `name` is the short one tables and lists show; `title` says which file exactly.
 */
export const IMPORT_FORMATS = {
  'flock-reads': { name: 'Flock plate reads', title: 'Flock Safety plate reads (API v3 JSON, or CSV by mapping)', target: 'plate-reads' },
  'flock-audit': { name: 'Flock audit', title: 'Flock Safety organization / network audit', target: 'vendor-audit' },
  'flock-events': { name: 'Flock event log', title: 'Flock Safety event log', target: 'vendor-events' },
  'flock-search-audit': {
    name: 'Flock search audit',
    title: 'Flock Safety transparency-portal search audit',
    target: 'vendor-search-audit',
  },
  genetec: { name: 'Genetec plate reads', title: 'Genetec AutoVu SharpV XML', target: 'plate-reads' },
  rekor: { name: 'Rekor plate reads', title: 'Rekor / OpenALPR JSON', target: 'plate-reads' },
  csv: { name: 'Plate reads in CSV', title: 'Plate reads in CSV, by a saved column mapping', target: 'plate-reads' },
} as const;
export type ImportFormat = keyof typeof IMPORT_FORMATS;
export const IMPORT_FORMAT_IDS = Object.keys(IMPORT_FORMATS) as [ImportFormat, ...ImportFormat[]];
const importFormatSchema = z.enum(IMPORT_FORMAT_IDS);
export type ImportTarget = (typeof IMPORT_FORMATS)[ImportFormat]['target'];

/** An IANA time zone name the runtime knows ("America/Los_Angeles", "UTC"). */
const timeZoneSchema = z
  .string()
  .trim()
  .min(1)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'That is not a time zone this computer knows: use a name such as America/Los_Angeles or UTC.');

const columnName = z.string().trim().min(1).max(200);
const delimiterSchema = z.enum([',', ';', '\t', '|', ':']).default(',');
/** false when the file has no header row: columns are then named by number, "1", "2", ... */
const hasHeaderSchema = z.boolean().default(true);

/**
 * A saved column mapping: which column of a file holds what. It names what it maps (`maps`):
 * plate reads in CSV (vendors without a public layout: Vigilant, ELSAG, Flock's own UI
 * export), or one of Flock's audit logs re-extracted under other column names. A mapping
 * without `maps` is a plate-read mapping, as every mapping saved before audits could be mapped.
 */
const plateReadMappingSchema = z.object({
  maps: z.literal('plate-reads').optional(),
  /** the vendor named on every read */
  vendor: z.string().trim().min(1, 'Name the vendor.').max(60),
  delimiter: delimiterSchema,
  hasHeader: hasHeaderSchema,
  columns: z.object({
    plate: columnName,
    /** the capture time, or the date when `captureTimeOfDay` holds the time */
    captureTime: columnName,
    captureTimeOfDay: columnName.optional(),
    state: columnName.optional(),
    vendorReadId: columnName.optional(),
    camera: columnName.optional(),
    latitude: columnName.optional(),
    longitude: columnName.optional(),
    confidence: columnName.optional(),
    direction: columnName.optional(),
    make: columnName.optional(),
    model: columnName.optional(),
    color: columnName.optional(),
    image: columnName.optional(),
  }),
  /**
   * how the time is written, in Luxon tokens ("MM/dd/yyyy HH:mm:ss"); empty means ISO 8601
   * or a number of seconds / milliseconds since 1970 (told apart by size)
   */
  timeFormat: z.string().trim().max(80).optional(),
  /** the scale confidence is written on: 1 (0–1) or 100 (0–100 per cent) */
  confidenceScale: z.union([z.literal(1), z.literal(100)]).default(1),
});

const optionalColumn = columnName.optional();

/** A Flock organization / network audit under other column names: each field's column in the file. */
const flockAuditMappingSchema = z.object({
  maps: z.literal('flock-audit'),
  delimiter: delimiterSchema,
  hasHeader: hasHeaderSchema,
  columns: z.object({
    id: optionalColumn,
    name: optionalColumn,
    orgName: optionalColumn,
    networksSearched: optionalColumn,
    devicesSearched: optionalColumn,
    timeFrame: optionalColumn,
    plate: optionalColumn,
    reason: optionalColumn,
    caseNumber: optionalColumn,
    filters: optionalColumn,
    /** the date, when Search Time holds only the time of day */
    searchDate: optionalColumn,
    searchTime: columnName,
    searchType: optionalColumn,
    textPrompt: optionalColumn,
    moderation: optionalColumn,
    offenseType: optionalColumn,
  }),
});

/** A Flock transparency-portal search audit under other column names. */
const flockSearchAuditMappingSchema = z.object({
  maps: z.literal('flock-search-audit'),
  delimiter: delimiterSchema,
  hasHeader: hasHeaderSchema,
  columns: z.object({
    id: optionalColumn,
    userId: optionalColumn,
    searchDate: columnName,
    networkCount: optionalColumn,
    reason: optionalColumn,
  }),
});

export const columnMappingSchema = z.discriminatedUnion('maps', [
  plateReadMappingSchema,
  flockAuditMappingSchema,
  flockSearchAuditMappingSchema,
]);
export type ColumnMapping = z.infer<typeof columnMappingSchema>;
export type ColumnMappingInput = z.input<typeof columnMappingSchema>;
export type PlateReadMapping = z.infer<typeof plateReadMappingSchema>;
export type PlateReadMappingInput = z.input<typeof plateReadMappingSchema>;
export type LogMapping = z.infer<typeof flockAuditMappingSchema> | z.infer<typeof flockSearchAuditMappingSchema>;

/** What a mapping can describe, and the format a file read through it is imported as. */
export const MAPPING_KINDS = {
  'plate-reads': { title: 'Plate reads', what: 'plate reads', format: 'csv' },
  'flock-audit': { title: 'Flock organization / network audit', what: 'a Flock organization / network audit', format: 'flock-audit' },
  'flock-search-audit': {
    title: 'Flock transparency-portal search audit',
    what: 'a Flock transparency-portal search audit',
    format: 'flock-search-audit',
  },
} as const;
export type MappingKind = keyof typeof MAPPING_KINDS;

export function mappingKind(mapping: ColumnMappingInput): MappingKind {
  return mapping.maps ?? 'plate-reads';
}

/**
 * The columns of Flock's audit logs a mapping can name, by the mapping's field, with the
 * column's name in Flock's own exports (the reader's canonical name, and the editor's label).
 */
export const LOG_MAPPING_FIELDS: {
  'flock-audit': Record<keyof z.infer<typeof flockAuditMappingSchema>['columns'], string>;
  'flock-search-audit': Record<keyof z.infer<typeof flockSearchAuditMappingSchema>['columns'], string>;
} = {
  'flock-audit': {
    id: 'ID',
    name: 'Name',
    orgName: 'Org Name',
    networksSearched: 'Total Networks Searched',
    devicesSearched: 'Total Devices Searched',
    timeFrame: 'Time Frame',
    plate: 'License Plate',
    reason: 'Reason',
    caseNumber: 'Case #',
    filters: 'Filters',
    searchDate: 'Search Date',
    searchTime: 'Search Time',
    searchType: 'Search Type',
    textPrompt: 'Text Prompt',
    moderation: 'Moderation',
    offenseType: 'Offense Type',
  },
  'flock-search-audit': { id: 'id', userId: 'userId', searchDate: 'searchDate', networkCount: 'networkCount', reason: 'reason' },
};

export const profileNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,59}$/, 'A profile name is 1 to 60 letters, digits, spaces, dots, dashes or underscores.');

export const importProfileSchema = z.object({
  name: profileNameSchema,
  mapping: columnMappingSchema,
  savedBy: z.string(),
  savedAt: z.string(),
});
export type ImportProfile = z.infer<typeof importProfileSchema>;

/**
 * Where the bytes of an import come from. `path` is for the command line only (the service
 * refuses it from a window or browser); screens upload the file first and name the upload.
 */
export const importSourceSchema = z.union([
  z.object({ path: z.string().min(1).max(4096) }).strict(),
  z.object({ uploadId: z.string().regex(/^[a-f0-9]{32}$/, 'That is not an upload id.') }).strict(),
]);
export type ImportSource = z.infer<typeof importSourceSchema>;

export const importRequestSchema = z.object({
  source: importSourceSchema,
  /** "auto" detects the format and says what it found; an unknown layout asks for a mapping */
  vendor: z.union([z.literal('auto'), importFormatSchema]).default('auto'),
  /** a saved mapping by name (for "csv", or Flock reads in CSV) */
  profile: profileNameSchema.optional(),
  /** a mapping given directly (the Imports page's editor), instead of a saved one */
  mapping: columnMappingSchema.optional(),
  /** for times written without a zone; the workstation's zone when not given */
  timezone: timeZoneSchema.optional(),
});
export type ImportRequest = z.input<typeof importRequestSchema>;

export const rejectSchema = z.object({
  /** the line in the file where the row starts (1 is the first line, the header if there is one) */
  line: z.number().int(),
  /** the column at fault, by its header name, or null when the whole row is */
  column: z.string().nullable(),
  reason: z.string(),
});
export type Reject = z.infer<typeof rejectSchema>;

/** Rejects carried in a summary; all of them are kept in the store and download as CSV. */
export const SUMMARY_REJECTS_SHOWN = 200;

const importStatusSchema = z.enum(['running', 'committed', 'cancelled', 'failed', 'interrupted']);
export type ImportStatus = z.infer<typeof importStatusSchema>;

/** An import's status in a word, for tables and the CLI. */
export const IMPORT_STATUS_PHRASES: Record<ImportStatus, string> = {
  running: 'Importing…',
  committed: 'Imported',
  cancelled: 'Cancelled',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

/** A stored import's format by its short name; a name this version does not know, as it was stored. */
export function importFormatName(format: string): string {
  return Object.prototype.hasOwnProperty.call(IMPORT_FORMATS, format) ? IMPORT_FORMATS[format as ImportFormat].name : format;
}

export const importRecordSchema = z.object({
  importId: z.number(),
  file: z.string(),
  /** inside a bundle: the entry the data came from ("export/reads.csv") */
  entry: z.string().nullable(),
  size: z.number(),
  sha256: z.string(),
  format: importFormatSchema,
  formatTitle: z.string(),
  /** how the format was chosen: "detected: …" or "chosen" */
  detection: z.string(),
  target: z.enum(['plate-reads', 'vendor-audit', 'vendor-events', 'vendor-search-audit']),
  profile: z.string().nullable(),
  mapping: columnMappingSchema.nullable(),
  timezone: z.string(),
  status: importStatusSchema,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  importedBy: z.string(),
  read: z.number(),
  imported: z.number(),
  duplicates: z.number(),
  rejected: z.number(),
  images: z.number(),
  /** why a failed or cancelled import stopped */
  error: z.string().nullable(),
});
export type ImportRecord = z.infer<typeof importRecordSchema>;

/** A sheet of a workbook and whether it is imported: each sheet that matches a layout is, read by its own header. */
export const sheetPlanSchema = z.object({
  /** the tab's name */
  name: z.string(),
  /** the layout the sheet is read as; null when it is skipped */
  format: importFormatSchema.nullable(),
  /** why the sheet is not imported ("its first row (Agency, Period) matches no known layout"); null when it is */
  skipped: z.string().nullable(),
});
export type SheetPlan = z.infer<typeof sheetPlanSchema>;

/** What an import did with one sheet; `read = imported + duplicates + rejected` holds per sheet (all 0 when skipped). */
export const importSheetSchema = sheetPlanSchema.extend({
  read: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
});
export type ImportSheet = z.infer<typeof importSheetSchema>;
/**
 * A row of a vendor log whose vendor id (a Flock search or event id) is already held for a
 * row with other content: both are kept, and this names them.
 */
export const idConflictSchema = z.object({
  vendorId: z.string(),
  /** the line of this import's row */
  line: z.number(),
  /** the row already held under that id: earlier in this file (this import's id) or in an earlier import */
  earlier: z.object({ importId: z.number(), file: z.string(), line: z.number(), importedAt: z.string().nullable() }),
  /**
   * false only for two copies of one row that were both stored before vendor ids were
   * compared (the schema 5 upgrade kept both and flagged them)
   */
  differs: z.boolean(),
});
export type IdConflict = z.infer<typeof idConflictSchema>;

/** Conflicts carried in a summary. */
export const SUMMARY_CONFLICTS_SHOWN = 200;

export const importSummarySchema = importRecordSchema.extend({
  /** the first SUMMARY_REJECTS_SHOWN rejects, in line order; all are in the store */
  rejects: z.array(rejectSchema),
  /** hot-list alerts this import's reads raised (visible once it committed), to verify on the Alerts page */
  alerts: z.number(),
  /**
   * a workbook's sheets in tab order, each imported or skipped, with its counts (kept with
   * the record); null for a file that is not a workbook
   */
  sheets: z.array(importSheetSchema).nullable(),
  /** rows kept though their vendor id was already held for other content: the first SUMMARY_CONFLICTS_SHOWN, in line order */
  conflicts: z.array(idConflictSchema),
  conflictCount: z.number(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

/** What the Imports page shows before anything is stored. */
export const importPreviewSchema = z.object({
  file: z.string(),
  size: z.number(),
  format: importFormatSchema.nullable(),
  formatTitle: z.string().nullable(),
  detection: z.string(),
  /** the file's own columns (CSV and spreadsheets), for the mapping editor */
  columns: z.array(z.string()),
  /** a workbook's sheets in tab order: which will be imported and which skipped, and why; null for other files */
  sheets: z.array(sheetPlanSchema).nullable(),
  /** the first rows as they would be stored, each a column → text record (`sheet`: the workbook sheet it is on) */
  rows: z.array(z.object({ line: z.number(), sheet: z.string().optional(), values: z.record(z.string(), z.string().nullable()) })),
  rejects: z.array(rejectSchema),
  /** a mapping to start the editor from, when the format is read by mapping */
  suggestedMapping: columnMappingSchema.nullable(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

/** Another reading of a plate the camera's OCR offered (Rekor / OpenALPR `candidates`), best first. */
export const plateCandidateSchema = z.object({
  plate: z.string(),
  /** 0–1, as every confidence is stored */
  confidence: z.number().nullable(),
  /** the reading fits the region's plate pattern */
  matchesTemplate: z.boolean().nullable(),
});
export type PlateCandidate = z.infer<typeof plateCandidateSchema>;

/** A stored plate read as an authorised person sees it. */
export const plateReadSchema = z.object({
  id: z.number(),
  vendor: z.string(),
  vendorReadId: z.string().nullable(),
  plate: z.string(),
  plateNormalized: z.string(),
  state: z.string().nullable(),
  capturedAt: z.string(),
  capturedText: z.string(),
  camera: z.string().nullable(),
  /** the camera's own name where the vendor gives one beside its id (Rekor camera_label) */
  cameraLabel: z.string().nullable(),
  /** the agent (the site's reader software) that sent the read (Rekor agent_label) */
  agentLabel: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  /** the coordinates as the file wrote them, never with more precision than it had: show these */
  latitudeText: z.string().nullable(),
  longitudeText: z.string().nullable(),
  confidence: z.number().nullable(),
  /** the vehicle was parked (Rekor is_parked); null when the vendor does not say */
  parked: z.boolean().nullable(),
  /** other readings of the plate, best first; empty when the vendor gave none */
  plateCandidates: z.array(plateCandidateSchema),
  direction: z.string().nullable(),
  make: z.string().nullable(),
  model: z.string().nullable(),
  color: z.string().nullable(),
  images: z.number(),
  importId: z.number(),
  line: z.number(),
});
export type PlateRead = z.infer<typeof plateReadSchema>;
