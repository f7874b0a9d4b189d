import { z } from 'zod';
import { roleSchema } from './roles';
import { CONTROL_CHARACTER } from './sentences';

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9._-]{1,31}$/, 'A username is 2 to 32 letters, digits, dots, dashes or underscores, starting with a letter.')
  .transform((s) => s.toLowerCase());

export const fullNameSchema = z.string().trim().min(2, 'Give the full name.').max(120, 'A full name is at most 120 characters.');

/** Length and banned-list rules are checked by the password policy, with a message that says which. */
export const passwordSchema = z.string().max(1024, 'A password is at most 1,024 characters.');

export const daySchema = z
  .string()
  // a date not written so is not also said to be no calendar date
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'A date is written YYYY-MM-DD.', abort: true })
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'That is not a calendar date.',
  );

export const timestampSchema = z.string().datetime({ offset: true });

/** The message refusing a case number or purpose that is not one line (see `accessReasonSchema`). */
/** For `.refine(...)`: a time window whose `from` and `to`, when both are given, are in order; refused on `to`. */
export const TIME_WINDOW_IN_ORDER: [(q: { from?: string; to?: string }) => boolean, { message: string; path: string[] }] = [
  (q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to),
  { message: 'The time window ends before it starts.', path: ['to'] },
];

export const NOT_ONE_LINE = {
  caseNumber: 'The case number is one line: it may not hold a line break, a tab or another control character.',
  purpose: 'The purpose is one line: it may not hold a line break, a tab or another control character.',
} as const;

/**
 * What every call touching ALPR data carries (policy 427.6(b)). Both are kept in the access
 * log for ever and shown on one line wherever it is read, so each is one line of text: the
 * ends are trimmed, and a line break, tab or other control character inside is refused
 * (from the screens, the command line and the wire alike) rather than quietly changed.
 */
export const accessReasonSchema = z.object({
  caseNumber: z
    .string()
    .trim()
    .min(1, 'Give the case number.')
    .max(64, 'A case number is at most 64 characters.')
    .refine((text) => !CONTROL_CHARACTER.test(text), NOT_ONE_LINE.caseNumber),
  purpose: z
    .string()
    .trim()
    .min(1, 'Give the purpose.')
    .max(2000, 'A purpose is at most 2,000 characters.')
    .refine((text) => !CONTROL_CHARACTER.test(text), NOT_ONE_LINE.purpose),
});
export type AccessReason = z.infer<typeof accessReasonSchema>;

const trainingStatusSchema = z.object({
  current: z.boolean(),
  missing: z.array(z.string()),
  detail: z.string(),
  /** the last day current training still counts (its earliest course to lapse); null when not current or without expiry */
  expiresOn: z.string().nullable(),
  /** current, but lapsing within 30 days */
  expiringSoon: z.boolean(),
});

export const meSchema = z.object({
  username: z.string(),
  fullName: z.string(),
  roles: z.array(roleSchema),
  confidentialAuthorized: z.boolean(),
  training: trainingStatusSchema,
  idleMinutes: z.number(),
});
export type Me = z.infer<typeof meSchema>;

export const accountSchema = z.object({
  username: z.string(),
  fullName: z.string(),
  roles: z.array(roleSchema),
  status: z.enum(['active', 'disabled']),
  confidentialAuthorized: z.boolean(),
  createdAt: z.string(),
  training: trainingStatusSchema,
  /** until when sign-in is locked after failed attempts (logon-state.json), or null */
  lockedUntil: z.string().nullable(),
});
export type Account = z.infer<typeof accountSchema>;

export const trainingRecordSchema = z.object({
  id: z.number(),
  username: z.string(),
  course: z.string(),
  completedOn: z.string(),
  expiresOn: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

/** Why a hold keeps reads past the retention period (Policy 427.5). */
export const HOLD_REASONS = ['investigation', 'evidence', 'discovery-litigation', 'public-records', 'other'] as const;
export const holdReasonSchema = z.enum(
  HOLD_REASONS,
  'Give the reason: investigation, evidence, discovery-litigation, public-records or other.',
);
export type HoldReason = z.infer<typeof holdReasonSchema>;

export const settingsSchema = z.object({
  requiredCourses: z
    .array(z.string().trim().min(2, 'A course name has at least 2 characters.').max(120, 'A course name is at most 120 characters.'))
    .min(1, 'Keep at least one required course.'),
  idleMinutes: z
    .number('Give the idle minutes as a number.')
    .int('Give whole minutes.')
    .min(1, 'The screen locks after at least 1 idle minute.')
    .max(30, 'The screen locks after at most 30 idle minutes.'),
  /**
   * Purposes that state nothing, refused on every access to ALPR data (427.6(b)); the
   * commander keeps the list. Compared whole, ignoring case, spaces and punctuation.
   */
  vaguePurposes: z
    .array(z.string().trim().min(1, 'An entry has at least 1 character.').max(80, 'An entry is at most 80 characters.'))
    .max(500, 'Keep at most 500 entries.'),
  /**
   * Where signed checkpoints of the access log are written, outside the database (a
   * removable medium or a share; core/audit/outside-checkpoints.ts); null until chosen.
   */
  checkpointFolder: z
    .string()
    .trim()
    .max(4096, 'A folder path is at most 4,096 characters.')
    .refine(
      (folder) => folder.startsWith('/') || /^[A-Za-z]:[\\/]/.test(folder) || folder.startsWith('\\\\'),
      'Give the full path of the folder.',
    )
    .nullable(),
  /** the department's name, printed at the head of every record Custodian issues; null until given */
  departmentName: z
    .string()
    .trim()
    .min(2, 'A department name has at least 2 characters.')
    .max(200, 'A department name is at most 200 characters.')
    .nullable(),
  /** Policy 427.5: stored ALPR data is kept this many days from capture, then destroyed unless held */
  retentionDays: z
    .number('Give the retention period as a number of days.')
    .int('Give whole days.')
    .min(1, 'Keep reads at least 1 day.')
    .max(3650, 'Keep reads at most 3,650 days.'),
  /** vendor audit rows (search audits, event logs) are kept this many days from their time */
  vendorAuditRetentionDays: z
    .number('Give the vendor audit period as a number of days.')
    .int('Give whole days.')
    .min(30, 'Keep vendor audit rows at least 30 days.')
    .max(36500, 'Keep vendor audit rows at most 36,500 days.'),
  /** days from placing a hold to its review, per reason (the records retention schedule) */
  holdReviewDays: z.record(
    holdReasonSchema,
    z
      .number('Give the review period as a number of days.')
      .int('Give whole days.')
      .min(1, 'Review a hold after at least 1 day.')
      .max(3650, 'Review a hold within 3,650 days.'),
  ),
  /**
   * Once its last hold is released, a read's retention clock counts from its capture
   * ('capture': an old read goes at the next purge) or starts again at the release ('release').
   */
  releasedHoldClock: z.enum(['capture', 'release'], 'Say whether the clock counts from capture or from release.'),
  /** for a drill: purges run from the app count back from this instant instead of the clock, and each is logged as a drill */
  purgeAsOf: timestampSchema.nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const auditEntrySchema = z.object({
  seq: z.number(),
  at: z.string(),
  username: z.string().nullable(),
  fullName: z.string().nullable(),
  role: z.string().nullable(),
  operation: z.string(),
  objects: z.unknown(),
  caseNumber: z.string().nullable(),
  purpose: z.string().nullable(),
  outcome: z.enum(['ok', 'denied', 'error']),
  reason: z.string().nullable(),
  workstation: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditFilterSchema = z.object({
  from: timestampSchema.or(daySchema).optional(),
  to: timestampSchema.or(daySchema).optional(),
  username: z.string().trim().min(1).optional(),
  operation: z.string().trim().min(1).optional(),
  caseNumber: z.string().trim().min(1).optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/**
 * The order entries are read in: "oldest-first" is the chain's own order (the default for
 * the API and exports); the screens show the newest first.
 */
export const auditOrderSchema = z.enum(['oldest-first', 'newest-first']);
export type AuditOrder = z.infer<typeof auditOrderSchema>;

export const checkpointFileSchema = z.object({
  format: z.literal('custodian-audit-checkpoint'),
  version: z.literal(1),
  workspaceId: z.string(),
  seq: z.number().int().min(0),
  headHash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string(),
  publicKey: z.string(),
  signature: z.string(),
});
export type CheckpointFile = z.infer<typeof checkpointFileSchema>;

/** A table, index, view or trigger of the store that is not as the migrations make it. */
export const schemaProblemSchema = z.object({
  change: z.enum(['missing', 'altered', 'unexpected']),
  type: z.enum(['table', 'index', 'view', 'trigger']),
  name: z.string(),
  /** the table it belongs to (its own name for a table or view) */
  table: z.string(),
  /** a trigger on a table kept append-only (the access log, its checkpoints, alert verifications) */
  appendOnly: z.boolean(),
  /** in a sentence */
  message: z.string(),
});

export const verifyResultSchema = z.object({
  /** the chain, every checkpoint and the schema are as they should be */
  ok: z.boolean(),
  entries: z.number(),
  headSeq: z.number(),
  checkpointsChecked: z.number(),
  /** the first problem found in the chain or the checkpoints, in a sentence, with the entry it concerns */
  problem: z.object({ seq: z.number().nullable(), kind: z.string(), message: z.string() }).nullable(),
  /** every schema problem, those that take away a table's append-only protection first */
  schemaProblems: z.array(schemaProblemSchema),
});
export type VerifyResult = z.infer<typeof verifyResultSchema>;
