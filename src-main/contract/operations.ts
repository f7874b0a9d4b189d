import { z } from 'zod';
import {
  columnMappingSchema,
  importPreviewSchema,
  importProfileSchema,
  importRecordSchema,
  importRequestSchema,
  importSummarySchema,
  plateReadSchema,
  profileNameSchema,
} from './imports';
import {
  alertListResultSchema,
  alertListSchema,
  alertSchema,
  alertVerifySchema,
  hotlistAddSchema,
  hotlistEntrySchema,
  hotlistImportResultSchema,
  hotlistImportSchema,
  hotlistMappingSchema,
  hotlistProfileSchema,
  hotlistSchema,
  verificationSchema,
} from './hotlists';
import {
  caseCreateSchema,
  caseHistorySchema,
  caseNumberSchema,
  caseSchema,
  caseShowSchema,
  holdExtendSchema,
  holdPlaceSchema,
  holdReleaseSchema,
  holdSchema,
  reviewQueueSchema,
} from './cases';
import { homeSchema } from './home';
import { purgeAsOfSchema, purgePlanSchema, purgeRunSchema } from './retention';
import { signingGenerateSchema, signingImportSchema, signingCertificateSchema, signingStateSchema } from './signing';
import { readDetailSchema, searchQuerySchema, searchResultSchema, THUMBNAILS_PER_CALL } from './search';
import type { Permission } from './permissions';
import { roleSchema } from './roles';
import {
  accountSchema,
  auditEntrySchema,
  auditFilterSchema,
  auditOrderSchema,
  checkpointFileSchema,
  daySchema,
  fullNameSchema,
  meSchema,
  passwordSchema,
  settingsSchema,
  trainingRecordSchema,
  usernameSchema,
  verifyResultSchema,
} from './schemas';

/**
 * What an operation touches, for the gate:
 * - "none": accounts, the log, settings;
 * - "alpr-intake": brings ALPR data in without opening it for a person (running an
 *   import): the person's current training (427.4(d)), no case;
 * - "alpr": opens plate data (search, a preview of an export's rows, a read): current
 *   training, and a case number and a purpose that states one (427.6(b)).
 * Confidential state/federal data (427.4(e): NCIC and state hot lists, their entries and
 * alerts) is decided per object, since one operation (verify an alert) may touch either:
 * the gate asks the checks of the feature holding it (hotlists/confidential.ts) whether
 * this call names confidential data and then requires the person's authorisation too.
 */
type DataClass = 'none' | 'alpr-intake' | 'alpr';

export interface OperationSpec<I extends z.ZodType, O extends z.ZodType> {
  summary: string;
  /** "self": any signed-in person, acting on their own account */
  permission: Permission | 'self';
  data: DataClass;
  input: I;
  output: O;
  /** may run on an idle-locked session (signing out must always be possible) */
  allowedWhenLocked?: true;
  /**
   * writes its main result, as text, to a sink the caller gives (a file, standard
   * output, a download), a piece at a time; `output` is then a summary of what was written
   */
  streams?: true;
  /**
   * long work that reports progress and can be cancelled: the app runs it as a job
   * (`job.start`); its handler works in steps (core/gate/context.ts `Steps`)
   */
  job?: true;
  /**
   * a decision the access log must be witnessed after: once it went through, a signed
   * checkpoint is written to the commander's checkpoint folder (core/audit/outside-checkpoints.ts)
   */
  checkpointAfter?: true;
  /**
   * Custodian runs it on its own, with no one's session (the daily purge the policy requires):
   * logged as the program's work, with no person named (core/gate/dispatcher.ts `dispatchProgramJob`)
   */
  runsOnSchedule?: true;
}

// `const` keeps each spec's literal flags (`job: true`, `streams: true`) in its type.
const op = <const S extends OperationSpec<z.ZodType, z.ZodType>>(spec: S) => spec;
const none = z.object({}).strict();

/** Every operation, declared once. Transports, the CLI and the renderer client derive from this. */
export const operations = {
  'session.whoami': op({ summary: 'Who is signed in', permission: 'self', data: 'none', input: none, output: meSchema }),
  'home.tiles': op({
    summary: 'Show what needs me now (the home screen)',
    permission: 'self',
    data: 'none',
    input: none,
    output: homeSchema,
  }),
  'session.signOut': op({
    summary: 'Sign out',
    permission: 'self',
    data: 'none',
    allowedWhenLocked: true,
    input: none,
    output: z.object({ signedOut: z.literal(true) }),
  }),

  'user.add': op({
    summary: 'Add a person',
    permission: 'users.manage',
    data: 'none',
    input: z.object({
      username: usernameSchema,
      fullName: fullNameSchema,
      roles: z.array(roleSchema).min(1, 'Give at least one role.'),
      password: passwordSchema,
      confidentialAuthorized: z.boolean().default(false),
    }),
    output: accountSchema,
  }),
  'user.list': op({ summary: 'List people', permission: 'users.read', data: 'none', input: none, output: z.array(accountSchema) }),
  'user.disable': op({
    summary: 'Disable a person (removes their key slot; history stays)',
    permission: 'users.manage',
    data: 'none',
    input: z.object({ username: usernameSchema }),
    output: accountSchema,
  }),
  'user.setConfidential': op({
    summary: 'Grant or revoke authorisation to confidential state/federal data',
    permission: 'users.authorize-confidential',
    data: 'none',
    input: z.object({ username: usernameSchema, authorized: z.boolean() }),
    output: accountSchema,
  }),
  'user.changePassword': op({
    summary: 'Change my password',
    permission: 'self',
    data: 'none',
    input: z.object({ currentPassword: passwordSchema, newPassword: passwordSchema }),
    output: z.object({ changed: z.literal(true) }),
  }),

  'training.record': op({
    summary: 'Record completed training',
    permission: 'training.manage',
    data: 'none',
    input: z.object({
      username: usernameSchema,
      course: z.string().trim().min(2, 'Give the course name.').max(120, 'A course name is at most 120 characters.'),
      completedOn: daySchema,
      expiresOn: daySchema.optional(),
    }),
    output: trainingRecordSchema,
  }),
  'training.list': op({
    summary: 'List training records',
    permission: 'training.read',
    data: 'none',
    input: z.object({ username: usernameSchema.optional() }).strict(),
    output: z.array(trainingRecordSchema),
  }),

  'settings.get': op({ summary: 'Read workspace settings', permission: 'self', data: 'none', input: none, output: settingsSchema }),
  'settings.update': op({
    summary: 'Change workspace settings',
    permission: 'settings.manage',
    data: 'none',
    checkpointAfter: true,
    input: settingsSchema.partial().strict(),
    output: settingsSchema,
  }),

  'audit.query': op({
    summary: 'Read the access log, a page at a time',
    permission: 'audit.read',
    data: 'none',
    input: auditFilterSchema.extend({
      order: auditOrderSchema.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
      /**
       * read the log as it stood when it ended at this entry (the `headSeq` of an earlier
       * page), so the pages of one list stay put while the log grows, in either order
       */
      throughSeq: z.number().int().min(0).optional(),
    }),
    output: z.object({
      /** entries matching the filter, up to `headSeq` */
      total: z.number(),
      /** the newest entry this read could see: pass it as `throughSeq` for the next pages */
      headSeq: z.number(),
      entries: z.array(auditEntrySchema),
    }),
  }),
  'audit.export': op({
    summary: 'Export the access log',
    permission: 'audit.read',
    data: 'none',
    streams: true,
    job: true,
    input: auditFilterSchema.extend({ format: z.enum(['csv', 'json']), order: auditOrderSchema.optional() }),
    output: z.object({ entries: z.number(), bytes: z.number(), sha256: z.string() }),
  }),
  'audit.verify': op({
    summary: 'Verify the access log chain and checkpoints',
    permission: 'audit.read',
    data: 'none',
    job: true,
    input: z.object({ checkpoint: checkpointFileSchema.optional() }),
    output: verifyResultSchema,
  }),
  'audit.checkpoint': op({
    summary: 'Sign a checkpoint of the access log head',
    permission: 'audit.checkpoint',
    data: 'none',
    input: none,
    output: checkpointFileSchema,
  }),

  'workspace.rekey': op({
    summary: 'Rotate the master key',
    permission: 'workspace.keys',
    data: 'none',
    checkpointAfter: true,
    input: none,
    output: z.object({ slotsResealed: z.number() }),
  }),

  'alpr.holdings': op({
    summary: 'How much ALPR data this workstation holds',
    permission: 'alpr.read',
    data: 'alpr',
    input: none,
    output: z.object({ reads: z.number(), oldestCapture: z.string().nullable(), newestCapture: z.string().nullable() }),
  }),

  'import.preview': op({
    summary: 'Look at a vendor file before importing it',
    permission: 'imports.run',
    data: 'alpr',
    // reading a file takes its time (a workbook is opened whole): it runs as a job
    job: true,
    input: importRequestSchema.extend({ rows: z.number().int().min(1).max(200).default(20) }),
    output: importPreviewSchema,
  }),
  'import.run': op({
    summary: 'Import a vendor file',
    permission: 'imports.run',
    data: 'alpr-intake',
    job: true,
    input: importRequestSchema,
    output: importSummarySchema,
  }),
  'import.list': op({
    summary: 'List imports, newest first',
    permission: 'imports.read',
    data: 'none',
    input: z
      .object({
        limit: z.number().int().min(1).max(1000).default(200),
        /** only the imports of the file with this SHA-256 (has it been imported before?) */
        sha256: z
          .string()
          .regex(/^[0-9a-fA-F]{64}$/, 'A SHA-256 is 64 hexadecimal digits.')
          .transform((hash) => hash.toLowerCase())
          .optional(),
        /** only the committed imports that rejected rows */
        withRejects: z.boolean().optional(),
      })
      .strict(),
    output: z.array(importRecordSchema),
  }),
  'import.get': op({
    summary: 'Read an import record',
    permission: 'imports.read',
    data: 'none',
    input: z.object({ importId: z.number().int().positive() }).strict(),
    output: importSummarySchema,
  }),
  'import.rejects': op({
    summary: "Export an import's rejected rows",
    permission: 'imports.read',
    data: 'none',
    streams: true,
    job: true,
    input: z.object({ importId: z.number().int().positive() }).strict(),
    output: z.object({ rows: z.number(), bytes: z.number(), sha256: z.string() }),
  }),
  'import.reads': op({
    summary: 'List the plate reads an import brought in',
    permission: 'alpr.read',
    data: 'alpr',
    input: z
      .object({
        importId: z.number().int().positive(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
    output: z.object({ total: z.number(), reads: z.array(plateReadSchema) }),
  }),
  'importProfile.save': op({
    summary: 'Save a column mapping for imports',
    permission: 'imports.run',
    data: 'none',
    input: z.object({ name: profileNameSchema, mapping: columnMappingSchema }).strict(),
    output: importProfileSchema,
  }),
  'importProfile.list': op({
    summary: 'List saved column mappings',
    permission: 'imports.run',
    data: 'none',
    input: none,
    output: z.array(importProfileSchema),
  }),
  'importProfile.delete': op({
    summary: 'Delete a saved column mapping',
    permission: 'imports.run',
    data: 'none',
    input: z.object({ name: profileNameSchema }).strict(),
    output: z.object({ deleted: z.literal(true) }),
  }),

  'search.plates': op({
    summary: 'Search plate reads',
    permission: 'alpr.read',
    data: 'alpr',
    input: searchQuerySchema,
    output: searchResultSchema,
  }),
  'search.read': op({
    summary: 'Open a plate read with its images and where it came from',
    permission: 'alpr.read',
    data: 'alpr',
    input: z.object({ readId: z.number().int().positive() }).strict(),
    output: readDetailSchema,
  }),
  'search.thumbnails': op({
    summary: 'Show thumbnails of plate reads',
    permission: 'alpr.read',
    data: 'alpr',
    input: z.object({ readIds: z.array(z.number().int().positive()).min(1).max(THUMBNAILS_PER_CALL) }).strict(),
    output: z.array(z.object({ readId: z.number(), dataUrl: z.string() })),
  }),
  'search.export': op({
    summary: 'Export plate reads to CSV',
    permission: 'alpr.read',
    data: 'alpr',
    streams: true,
    job: true,
    input: z.object({ readIds: z.array(z.number().int().positive()).min(1).max(10_000) }).strict(),
    output: z.object({ rows: z.number(), bytes: z.number(), sha256: z.string() }),
  }),

  'hotlist.import': op({
    summary: 'Import a hot list',
    permission: 'hotlists.manage',
    data: 'alpr',
    job: true,
    input: hotlistImportSchema,
    output: hotlistImportResultSchema,
  }),
  'hotlist.add': op({
    summary: 'Add a plate or partial plate to a hot list',
    permission: 'hotlists.add',
    data: 'alpr',
    input: hotlistAddSchema,
    output: z.object({ entry: hotlistEntrySchema, alerts: z.number() }),
  }),
  'hotlist.retireEntry': op({
    summary: 'Take an entry off a hot list',
    permission: 'hotlists.add',
    data: 'alpr',
    input: z
      .object({
        entryId: z.number().int().positive(),
        reason: z.string().trim().min(3, 'Say why the entry is retired.').max(500, 'Say why in at most 500 characters.'),
      })
      .strict(),
    output: hotlistEntrySchema,
  }),
  'hotlist.list': op({
    summary: 'List hot lists',
    permission: 'alpr.read',
    data: 'alpr',
    input: none,
    output: z.array(hotlistSchema),
  }),
  'hotlist.entries': op({
    summary: "Read a hot list's entries",
    permission: 'alpr.read',
    data: 'alpr',
    input: z
      .object({
        listId: z.number().int().positive(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
    output: z.object({ total: z.number(), entries: z.array(hotlistEntrySchema) }),
  }),
  'hotlistProfile.save': op({
    summary: 'Save a column mapping for hot lists',
    permission: 'hotlists.manage',
    data: 'none',
    input: z.object({ name: profileNameSchema, mapping: hotlistMappingSchema }).strict(),
    output: hotlistProfileSchema,
  }),
  'hotlistProfile.list': op({
    summary: 'List saved hot-list mappings',
    permission: 'hotlists.manage',
    data: 'none',
    input: none,
    output: z.array(hotlistProfileSchema),
  }),

  'alert.list': op({
    summary: 'List hot-list alerts: filtered, sorted and paged',
    permission: 'alpr.read',
    data: 'alpr',
    input: alertListSchema,
    output: alertListResultSchema,
  }),
  'alert.get': op({
    summary: 'Open a hot-list alert with its verifications',
    permission: 'alpr.read',
    data: 'alpr',
    input: z.object({ alertId: z.number().int().positive() }).strict(),
    output: z.object({ alert: alertSchema, verifications: z.array(verificationSchema) }),
  }),
  'alert.verify': op({
    summary: 'Record the verification of a hot-list alert',
    permission: 'alerts.verify',
    data: 'alpr',
    input: alertVerifySchema,
    output: z.object({ alert: alertSchema, verification: verificationSchema }),
  }),

  'case.create': op({ summary: 'Open a case', permission: 'cases.manage', data: 'none', input: caseCreateSchema, output: caseSchema }),
  'case.list': op({
    summary: 'List cases',
    permission: 'cases.read',
    data: 'none',
    input: z.object({ status: z.enum(['open', 'closed']).optional() }).strict(),
    output: z.array(caseSchema),
  }),
  'case.show': op({
    summary: 'Open a case with its holds and their history',
    permission: 'cases.read',
    data: 'none',
    input: z.object({ number: caseNumberSchema }).strict(),
    output: caseShowSchema,
  }),
  'case.history': op({
    summary: 'Read the access-log entries that named a case',
    permission: 'audit.read',
    data: 'none',
    input: z
      .object({
        number: caseNumberSchema,
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    output: caseHistorySchema,
  }),
  'case.close': op({
    summary: 'Close a case',
    permission: 'cases.manage',
    data: 'none',
    input: z.object({ number: caseNumberSchema, closedOn: daySchema.optional() }).strict(),
    output: caseSchema,
  }),
  'hold.place': op({
    summary: 'Place a hold that keeps reads past the retention period',
    permission: 'cases.manage',
    data: 'none',
    input: holdPlaceSchema,
    output: holdSchema,
  }),
  'hold.extend': op({
    summary: "Move a hold's review date",
    permission: 'cases.manage',
    data: 'none',
    input: holdExtendSchema,
    output: holdSchema,
  }),
  'hold.release': op({
    summary: 'Release a hold',
    permission: 'cases.manage',
    data: 'none',
    checkpointAfter: true,
    input: holdReleaseSchema,
    output: holdSchema,
  }),
  'hold.list': op({
    summary: 'List holds',
    permission: 'cases.read',
    data: 'none',
    input: z.object({ active: z.boolean().optional() }).strict(),
    output: z.array(holdSchema),
  }),
  'hold.review': op({
    summary: 'List the holds and cases awaiting review',
    permission: 'cases.read',
    data: 'none',
    input: none,
    output: reviewQueueSchema,
  }),

  'purge.preview': op({
    summary: 'Show what the next purge will destroy and what holds keep',
    permission: 'retention.read',
    data: 'none',
    input: purgeAsOfSchema,
    output: purgePlanSchema,
  }),
  'purge.run': op({
    summary: 'Destroy stored ALPR data past its retention period',
    permission: 'retention.run',
    data: 'none',
    job: true,
    checkpointAfter: true,
    runsOnSchedule: true,
    input: purgeAsOfSchema,
    output: purgeRunSchema,
  }),
  'purge.list': op({
    summary: 'List purge runs, newest first',
    permission: 'retention.read',
    data: 'none',
    input: none,
    output: z.array(purgeRunSchema),
  }),
  'purge.certificate': op({
    summary: "Read a purge run's certificate",
    permission: 'retention.read',
    data: 'none',
    job: true,
    input: z.object({ runId: z.number().int().positive() }).strict(),
    output: z.object({ runId: z.number(), fileName: z.string(), sha256: z.string(), pdfBase64: z.string() }),
  }),

  'signing.show': op({
    summary: "Read the department's signing certificates",
    permission: 'signing.read',
    data: 'none',
    input: none,
    output: signingStateSchema,
  }),
  'signing.generate': op({
    summary: 'Make a new signing certificate for the department',
    permission: 'signing.manage',
    data: 'none',
    checkpointAfter: true,
    input: signingGenerateSchema,
    output: signingCertificateSchema,
  }),
  'signing.import': op({
    summary: "Import the agency's signing certificate (PKCS#12)",
    permission: 'signing.manage',
    data: 'none',
    job: true,
    checkpointAfter: true,
    input: signingImportSchema,
    output: signingCertificateSchema,
  }),
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OpInput<K extends OperationName> = z.input<Operations[K]['input']>;
export type OpParsedInput<K extends OperationName> = z.output<Operations[K]['input']>;
export type OpOutput<K extends OperationName> = z.output<Operations[K]['output']>;

export function isOperationName(name: string): name is OperationName {
  return Object.prototype.hasOwnProperty.call(operations, name);
}

/**
 * Access-log entries the workspace writes itself, outside the gate: they happen before a
 * session exists (set-up, sign-in, unlock, recovery), about the sign-in counters, or when
 * the store opens and finds an import whose process died.
 */
export const WORKSPACE_EVENTS = [
  'workspace.init',
  'session.signIn',
  'session.unlock',
  'workspace.recover',
  'session.logonStateReset',
  'import.interrupted',
  'audit.checkpointWritten',
  'audit.checkpointProblem',
] as const;
export type WorkspaceEvent = (typeof WORKSPACE_EVENTS)[number];
