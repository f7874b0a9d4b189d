import { z } from 'zod';
import { importSourceSchema, profileNameSchema, rejectSchema } from './imports';
import { platePatternSchema, stateCodeSchema } from './search';
import { daySchema, TIME_WINDOW_IN_ORDER, timestampSchema } from './schemas';

/**
 * Where a hot list comes from. NCIC and state extracts are confidential state or federal
 * data (policy 427.4(e)): only people the commander has authorised may import them, see
 * their entries or work their alerts. Local lists (the department's own, manual entries)
 * are ALPR data like any other.
 */
export const HOTLIST_SOURCES = ['NCIC', 'state', 'local'] as const;
const hotlistSourceSchema = z.enum(HOTLIST_SOURCES);
export type HotlistSource = z.infer<typeof hotlistSourceSchema>;
export const CONFIDENTIAL_SOURCES: readonly HotlistSource[] = ['NCIC', 'state'];

export const HOTLIST_FORMATS = {
  genetec:
    'Genetec hot list or permit file (";", ":", "," or tab; Category;PlateState;PlateNumber;EffectiveDate;ExpiryDate;PermitID, or short form)',
  vigilant: 'Vigilant-style CSV (Hot Plate, State, Alert, …)',
  mapped: 'CSV read through a hot-list mapping (NCIC-style or state extracts)',
} as const;
export type HotlistFormat = keyof typeof HOTLIST_FORMATS;
const hotlistFormatSchema = z.enum(Object.keys(HOTLIST_FORMATS) as [HotlistFormat, ...HotlistFormat[]]);

const hotlistNameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._()/-]{0,79}$/, 'A list name is 1 to 80 letters, digits, spaces, dots, dashes, slashes or brackets.');

const columnName = z.string().trim().min(1).max(200);

/** Which column of a hot-list CSV holds what (NCIC-style and state extracts have no public layout). */
export const hotlistMappingSchema = z.object({
  delimiter: z.enum([',', ';', '\t', '|', ':']).default(','),
  hasHeader: z.boolean().default(true),
  columns: z.object({
    plate: columnName,
    state: columnName.optional(),
    /** the category or reason: "Stolen vehicle", "Wanted person", "Missing person" */
    reason: columnName.optional(),
    caseNumber: columnName.optional(),
    effective: columnName.optional(),
    expires: columnName.optional(),
    alertLevel: columnName.optional(),
    note: columnName.optional(),
  }),
});
export type HotlistMapping = z.infer<typeof hotlistMappingSchema>;
export type HotlistMappingInput = z.input<typeof hotlistMappingSchema>;

export const hotlistProfileSchema = z.object({
  name: profileNameSchema,
  mapping: hotlistMappingSchema,
  savedBy: z.string(),
  savedAt: z.string(),
});
export type HotlistProfile = z.infer<typeof hotlistProfileSchema>;

export const hotlistImportSchema = z
  .object({
    source: importSourceSchema,
    /** the list the entries go into; importing into an existing list replaces its entries (the old ones are kept, retired) */
    list: hotlistNameSchema,
    /** needed for a new list; an existing list keeps its own */
    listSource: hotlistSourceSchema.optional(),
    /** detected from the file when not given */
    format: hotlistFormatSchema.optional(),
    profile: profileNameSchema.optional(),
    mapping: hotlistMappingSchema.optional(),
  })
  .strict();
export type HotlistImportInput = z.input<typeof hotlistImportSchema>;

export const hotlistImportResultSchema = z.object({
  listId: z.number(),
  list: z.string(),
  format: hotlistFormatSchema,
  entries: z.number(),
  rejected: z.number(),
  rejects: z.array(rejectSchema),
  /** entries of the earlier version of the list, retired by this one */
  retired: z.number(),
  /** new alerts: stored reads matching the new entries */
  alerts: z.number(),
});
export type HotlistImportResult = z.infer<typeof hotlistImportResultSchema>;

export const ALERT_LEVELS = ['low', 'medium', 'high'] as const;

/** A manual entry, most often a partial plate from a major crime (427.4(c)); it must expire. */
export const hotlistAddSchema = z
  .object({
    list: hotlistNameSchema.default('Manual entries'),
    /** a full plate, or a partial one with * and ? */
    plate: platePatternSchema,
    state: stateCodeSchema.optional(),
    reason: z.string().trim().min(3, 'Say why the plate is of interest.').max(200, 'Say why in at most 200 characters.'),
    caseNumber: z.string().trim().min(1, 'Give the case number.').max(64, 'A case number is at most 64 characters.'),
    effective: daySchema.optional(),
    expires: daySchema,
    alertLevel: z.enum(ALERT_LEVELS).optional(),
    note: z.string().trim().max(1000, 'A note is at most 1,000 characters.').optional(),
  })
  .strict();
export type HotlistAddInput = z.input<typeof hotlistAddSchema>;

export const hotlistSchema = z.object({
  id: z.number(),
  name: z.string(),
  source: hotlistSourceSchema,
  confidential: z.boolean(),
  /** entries in force today */
  active: z.number(),
  /** entries past their expiry, or replaced by a newer import of the list */
  inactive: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Hotlist = z.infer<typeof hotlistSchema>;

export const hotlistEntrySchema = z.object({
  id: z.number(),
  listId: z.number(),
  list: z.string(),
  plate: z.string(),
  plateNormalized: z.string(),
  /** the plate has * or ?: a partial plate */
  partial: z.boolean(),
  state: z.string().nullable(),
  reason: z.string().nullable(),
  caseNumber: z.string().nullable(),
  alertLevel: z.string().nullable(),
  note: z.string().nullable(),
  effective: z.string().nullable(),
  expires: z.string().nullable(),
  status: z.enum(['active', 'not-yet-effective', 'expired', 'retired']),
  addedBy: z.string(),
  addedAt: z.string(),
  line: z.number().nullable(),
});
export type HotlistEntry = z.infer<typeof hotlistEntrySchema>;

export const VERIFICATION_RESULTS = ['confirmed', 'not-confirmed', 'cleared'] as const;
const verificationResultSchema = z.enum(VERIFICATION_RESULTS);
export const ALERT_STATUSES = ['unverified', ...VERIFICATION_RESULTS] as const;
export const alertStatusSchema = z.enum(ALERT_STATUSES);
export type AlertStatus = z.infer<typeof alertStatusSchema>;

export const verificationSchema = z.object({
  id: z.number(),
  alertId: z.number(),
  /** the official database checked (427.4(f)), e.g. NCIC */
  source: z.string(),
  result: verificationResultSchema,
  /** when the check was made */
  checkedAt: z.string(),
  note: z.string(),
  verifiedBy: z.string(),
  recordedAt: z.string(),
  /** the verification this one replaces, if any; verifications are never edited */
  supersedes: z.number().nullable(),
});
export type Verification = z.infer<typeof verificationSchema>;

export const alertSchema = z.object({
  id: z.number(),
  status: alertStatusSchema,
  raisedAt: z.string(),
  /** "import" (new reads against active lists) or "entry" (a new entry against stored reads) */
  raisedBy: z.enum(['import', 'entry']),
  entry: hotlistEntrySchema,
  listSource: hotlistSourceSchema,
  read: z.object({
    id: z.number(),
    plate: z.string(),
    state: z.string().nullable(),
    capturedAt: z.string(),
    camera: z.string().nullable(),
    confidence: z.number().nullable(),
    importId: z.number(),
  }),
  /** the newest verification; the older ones are in `alert.get` */
  verification: verificationSchema.nullable(),
});
export type Alert = z.infer<typeof alertSchema>;

/** What the alert queue can be sorted by: when it was raised, when the plate was read, the read's plate, the list, the status, the camera. */
export const ALERT_SORTS = ['raised', 'read', 'plate', 'list', 'status', 'camera'] as const;
export type AlertSort = (typeof ALERT_SORTS)[number];

/**
 * The alert queue (`alert.list`): filtered, sorted and paged in the store, so it stays
 * quick at tens of thousands of alerts. The time window is the read's (when the plate was
 * seen); a plate is a pattern with * and ?, matched against the read's plate.
 */
export const alertListSchema = z
  .object({
    status: alertStatusSchema.optional(),
    /** the list's name (any case) */
    list: hotlistNameSchema.optional(),
    plate: platePatternSchema.optional(),
    /** part of the camera's name */
    camera: z.string().trim().min(1).max(120).optional(),
    from: timestampSchema.optional(),
    to: timestampSchema.optional(),
    sort: z.enum(ALERT_SORTS).default('raised'),
    order: z.enum(['asc', 'desc']).default('desc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict()
  .refine(...TIME_WINDOW_IN_ORDER);
export type AlertListInput = z.input<typeof alertListSchema>;

export const alertListResultSchema = z.object({
  /** alerts matching the filters that this person may see */
  total: z.number(),
  /** alerts matching the filters from NCIC or state lists, left out because this person is not authorised for confidential data */
  withheldConfidential: z.number(),
  alerts: z.array(alertSchema),
});

export const alertVerifySchema = z
  .object({
    alertId: z.number().int().positive(),
    source: z.string().trim().min(2, 'Name the database checked, e.g. NCIC.').max(80, 'Name the database in at most 80 characters.'),
    result: verificationResultSchema,
    /** when the check was made; now when not given */
    checkedAt: timestampSchema.optional(),
    note: z.string().trim().min(3, 'Say what the check found.').max(2000, 'Say it in at most 2,000 characters.'),
  })
  .strict();
