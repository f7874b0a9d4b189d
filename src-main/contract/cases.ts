import { z } from 'zod';
import { platePatternSchema } from './search';
import { accessReasonSchema, auditEntrySchema, daySchema, holdReasonSchema, timestampSchema } from './schemas';

/** A case's number is the one people type for ALPR access: the same rules, so the two always match. */
export const caseNumberSchema = accessReasonSchema.shape.caseNumber;

const line = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Give the ${what}.`)
    .max(max, `The ${what} is at most ${max.toLocaleString('en-US')} characters.`);

export const caseCreateSchema = z
  .object({
    number: caseNumberSchema,
    title: line('title', 200),
    type: line('case type', 80),
    lead: line('lead investigator', 120),
    openedOn: daySchema.optional(),
  })
  .strict();

export const CASE_STATUSES = ['open', 'closed'] as const;

export const holdKindSchema = z.enum(['reads', 'query', 'import']);

export const holdSchema = z.object({
  id: z.number(),
  caseNumber: z.string(),
  kind: holdKindSchema,
  /** what it keeps, in words ("reads matching AB*12 captured 1 May 2026 00:00 UTC to 3 May 2026 00:00 UTC") */
  keeps: z.string(),
  platePattern: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  cameras: z.array(z.string()).nullable(),
  importId: z.number().nullable(),
  reason: holdReasonSchema,
  reasonText: z.string().nullable(),
  placedBy: z.string(),
  placedAt: z.string(),
  reviewOn: z.string(),
  releasedAt: z.string().nullable(),
  releasedBy: z.string().nullable(),
  releaseReason: z.string().nullable(),
  /** stored reads it keeps now */
  reads: z.number(),
});
export type Hold = z.infer<typeof holdSchema>;

export const holdEventSchema = z.object({
  id: z.number(),
  holdId: z.number(),
  event: z.string(),
  at: z.string(),
  by: z.string(),
  detail: z.string(),
});

export const caseSchema = z.object({
  id: z.number(),
  number: z.string(),
  title: z.string(),
  type: z.string(),
  lead: z.string(),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  status: z.enum(CASE_STATUSES),
  createdBy: z.string(),
  createdAt: z.string(),
  activeHolds: z.number(),
});
export type Case = z.infer<typeof caseSchema>;

export const caseShowSchema = z.object({
  case: caseSchema,
  holds: z.array(holdSchema),
  events: z.array(holdEventSchema),
});

/** The access-log entries that named a case number, newest first: the investigation's own audit trail. */
export const caseHistorySchema = z.object({ total: z.number(), entries: z.array(auditEntrySchema) });

const reasonTextSchema = z
  .string()
  .trim()
  .min(3, 'Say in a few words why the reads are held.')
  .max(500, 'Say why in at most 500 characters.');

export const holdPlaceSchema = z
  .object({
    caseNumber: caseNumberSchema,
    reason: holdReasonSchema,
    reasonText: reasonTextSchema.optional(),
    reviewOn: daySchema.optional(),
    /** chosen reads (from search results) */
    readIds: z
      .array(z.number().int().positive())
      .min(1, 'Choose at least one read.')
      .max(10_000, 'Hold at most 10,000 chosen reads at once.')
      .optional(),
    /** every read matching: a plate pattern in a capture window, at some cameras — including reads imported later */
    query: z
      .object({
        plate: platePatternSchema,
        from: timestampSchema,
        to: timestampSchema,
        cameras: z.array(z.string().trim().min(1).max(120)).max(50).optional(),
      })
      .strict()
      .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'The time window ends before it starts.', path: ['to'] })
      .optional(),
    /** everything one import brought in */
    importId: z.number().int().positive().optional(),
  })
  .strict()
  .refine((h) => [h.readIds, h.query, h.importId].filter((x) => x !== undefined).length === 1, {
    message: 'Say what the hold keeps: chosen reads, reads matching a query, or one import (one of the three).',
    path: ['readIds'],
  })
  .refine((h) => h.reason !== 'other' || h.reasonText !== undefined, { message: 'Say what the other reason is.', path: ['reasonText'] });

export const holdReleaseSchema = z
  .object({
    holdId: z.number().int().positive(),
    reason: z
      .string()
      .trim()
      .min(10, 'Write why the hold is released, in at least 10 characters.')
      .max(1000, 'Say why in at most 1,000 characters.'),
  })
  .strict();

export const holdExtendSchema = z
  .object({
    holdId: z.number().int().positive(),
    /** the new review date; when not given, the retention schedule for the hold's reason, from today */
    reviewOn: daySchema.optional(),
  })
  .strict();

export const reviewQueueSchema = z.object({
  /** active holds whose review date has come */
  holdsDue: z.array(holdSchema),
  /** closed cases with holds still active */
  closedWithHolds: z.array(caseSchema),
});
