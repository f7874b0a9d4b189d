import { z } from 'zod';
import { plateReadSchema } from './imports';
import { TIME_WINDOW_IN_ORDER, timestampSchema } from './schemas';

/**
 * A plate pattern as typed: letters and digits, `*` for any run of characters and `?` for
 * exactly one. Spaces and dashes are dropped as they are from stored plates.
 */
export const platePatternSchema = z
  .string()
  .trim()
  .min(1, 'Give a plate or a pattern.')
  .max(24, 'A plate pattern is at most 24 characters.')
  .regex(/^[A-Za-z0-9*? -]+$/, 'A plate pattern uses letters, digits, * (any run of characters) and ? (one character).')
  .refine((s) => /[A-Za-z0-9]/.test(s), 'A plate pattern needs at least one letter or digit.');

const text = z.string().trim().min(1).max(120);

/** A state or province as its code ("ca" → "CA"). */
export const stateCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}$/, 'A state is its 2-letter code.')
  .transform((s) => s.toUpperCase());

/** One search of the stored plate reads: a plate pattern and filters. */
export const searchQuerySchema = z
  .object({
    plate: platePatternSchema,
    /** OCR-aware: also the usual misreads (0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B, 6/G) and one missing or extra character, ranked by closeness */
    fuzzy: z.boolean().default(false),
    from: timestampSchema.optional(),
    to: timestampSchema.optional(),
    state: stateCodeSchema.optional(),
    /** part of the camera's name or location */
    camera: text.optional(),
    make: text.optional(),
    model: text.optional(),
    color: text.optional(),
    /** reads whose plate confidence is at least this (0–1) */
    minConfidence: z.number().min(0).max(1).optional(),
    importId: z.number().int().positive().optional(),
    vendor: text.optional(),
    limit: z.number().int().min(1).max(10_000).default(1000),
  })
  .strict()
  .refine(...TIME_WINDOW_IN_ORDER);
export type SearchQuery = z.infer<typeof searchQuerySchema>;
export type SearchQueryInput = z.input<typeof searchQuerySchema>;

/** How a search found its candidates, said plainly (and recorded): which index, or a scan. */
const searchPlanSchema = z.enum(['exact', 'trigram', 'prefix', 'time-window', 'scan']);
export type SearchPlan = z.infer<typeof searchPlanSchema>;

const searchHitSchema = plateReadSchema.extend({
  /** 0 for a plate that matches as typed; OCR-aware searches rank by this, smallest first */
  distance: z.number().int().min(0),
  /** what the OCR-aware match differs by, in words ("0 read as O; one extra character") or null */
  difference: z.string().nullable(),
  importFile: z.string(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchResultSchema = z.object({
  hits: z.array(searchHitSchema),
  /** more reads matched than the limit: narrow the search */
  truncated: z.boolean(),
  plan: searchPlanSchema,
  /** what the search looked for, in a sentence (shown above the results and kept in the log) */
  described: z.string(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

const readImageSchema = z.object({
  id: z.number(),
  kind: z.enum(['plate', 'context', 'vehicle']),
  mediaType: z.string().nullable(),
  /** the image itself, decrypted in memory for this answer; null for a vendor link never fetched */
  dataUrl: z.string().nullable(),
  link: z.string().nullable(),
  size: z.number().nullable(),
  sha256: z.string().nullable(),
});
export type ReadImage = z.infer<typeof readImageSchema>;

/** One read opened: the read, every image, and where it came from. */
export const readDetailSchema = z.object({
  read: plateReadSchema,
  images: z.array(readImageSchema),
  provenance: z.object({
    importId: z.number(),
    fileName: z.string(),
    entry: z.string().nullable(),
    line: z.number(),
    fileSha256: z.string(),
    format: z.string(),
    importedBy: z.string(),
    importedAt: z.string(),
  }),
});
export type ReadDetail = z.infer<typeof readDetailSchema>;

export const THUMBNAILS_PER_CALL = 100;
