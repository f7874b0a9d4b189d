import { z } from 'zod';
import { timestampSchema } from './schemas';

const countedSchema = z.object({ key: z.string(), reads: z.number() });

/** What a purge would destroy, or did: counted from the same plan. */
export const purgePlanSchema = z.object({
  asOf: z.string(),
  asOfIsDrill: z.boolean(),
  retentionDays: z.number(),
  vendorAuditRetentionDays: z.number(),
  cutOff: z.string(),
  vendorAuditCutOff: z.string(),
  reads: z.number(),
  images: z.number(),
  vendorAuditRows: z.number(),
  byDay: z.array(countedSchema),
  byCamera: z.array(countedSchema),
  byImport: z.array(countedSchema),
  byVendor: z.array(countedSchema),
  kept: z.array(z.object({ caseNumber: z.string(), holdId: z.number(), holdLabel: z.string(), reads: z.number() })),
});
export type PurgePlan = z.infer<typeof purgePlanSchema>;

export const purgeAsOfSchema = z
  .object({
    /** count back from this instant instead of the clock, for a drill or a test; logged as such */
    asOf: timestampSchema.optional(),
  })
  .strict();

export const purgeRunSchema = z.object({
  id: z.number(),
  status: z.enum(['running', 'finished']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  ranBy: z.string().nullable(),
  asOf: z.string(),
  asOfIsDrill: z.boolean(),
  retentionDays: z.number(),
  plannedReads: z.number(),
  destroyed: z
    .object({ reads: z.number(), images: z.number(), searchIndexRows: z.number(), alerts: z.number(), vendorAuditRows: z.number() })
    .nullable(),
  destroyedIdsSha256: z.string().nullable(),
  certificateSha256: z.string().nullable(),
  /** the signing certificate that signed its certificate; null for a certificate made unsigned (before one was set up) */
  signedBy: z.object({ commonName: z.string(), fingerprint: z.string() }).nullable(),
});
export type PurgeRun = z.infer<typeof purgeRunSchema>;
