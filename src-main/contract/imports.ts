import { z } from 'zod';

/**
 * Vendor exports Custodian reads (../shared/formats/VENDOR-FORMATS.md). Each lands in one
 * kind of table: plate reads (ALPR data), or one of the vendor's own logs of searches
 * done in its cloud (kept for the compliance work; they are records about searches).
 */
export const IMPORT_FORMATS = {
  'flock-reads': { title: 'Flock Safety plate reads (API v3 JSON, or CSV by mapping)', target: 'plate-reads' },
  'flock-audit': { title: 'Flock Safety organization / network audit', target: 'vendor-audit' },
  'flock-events': { title: 'Flock Safety event log', target: 'vendor-events' },
  'flock-search-audit': { title: 'Flock Safety transparency-portal search audit', target: 'vendor-search-audit' },
  genetec: { title: 'Genetec AutoVu SharpV XML', target: 'plate-reads' },
  rekor: { title: 'Rekor / OpenALPR JSON', target: 'plate-reads' },
  csv: { title: 'Plate reads in CSV, by a saved column mapping', target: 'plate-reads' },
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

/**
 * A saved column mapping for plate reads in CSV: which column holds what. Vendors without a
 * public layout (Vigilant, ELSAG, Flock's own UI export) are read through one of these.
 */
export const columnMappingSchema = z.object({
  /** the vendor named on every read */
  vendor: z.string().trim().min(1, 'Name the vendor.').max(60),
  delimiter: z.enum([',', ';', '\t', '|', ':']).default(','),
  /** false when the file has no header row: columns are then named by number, "1", "2", ... */
  hasHeader: z.boolean().default(true),
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
export type ColumnMapping = z.infer<typeof columnMappingSchema>;
export type ColumnMappingInput = z.input<typeof columnMappingSchema>;

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

export const importSummarySchema = importRecordSchema.extend({
  /** the first SUMMARY_REJECTS_SHOWN rejects, in line order; all are in the store */
  rejects: z.array(rejectSchema),
  /** hot-list alerts this import's reads raised (visible once it committed), to verify on the Alerts page */
  alerts: z.number(),
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
  /** the first rows as they would be stored, each a column → text record */
  rows: z.array(z.object({ line: z.number(), values: z.record(z.string(), z.string().nullable()) })),
  rejects: z.array(rejectSchema),
  /** a mapping to start the editor from, when the format is read by mapping */
  suggestedMapping: columnMappingSchema.nullable(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

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
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  confidence: z.number().nullable(),
  direction: z.string().nullable(),
  make: z.string().nullable(),
  model: z.string().nullable(),
  color: z.string().nullable(),
  images: z.number(),
  importId: z.number(),
  line: z.number(),
});
export type PlateRead = z.infer<typeof plateReadSchema>;
