import { z } from 'zod';
import { PERMISSIONS, roleGranting, type Permission } from './permissions';
import type { Account } from './schemas';

/**
 * The home screen (`home.tiles`): what needs the signed-in person now, each item a count
 * that opens the list it counts, filtered; and, until a workspace is set up, the first steps.
 * Each item is counted by the feature that holds what it counts (core/gate/handlers.ts puts
 * the counts together), and shown only to people whose roles may open its list. The words
 * are here, once, for the screen and the CLI alike.
 *
 * A new tile: its entry in HOME_TILES, its count in the feature (handed to `homeHandlers`
 * in the handler table), and its icon in the screen's registry (pages/home/tiles.tsx).
 */

/** Current training that lapses within this many days counts as expiring. */
export const TRAINING_NOTICE_DAYS = 30;

/** The lists a home item opens: a module of the app and the filter it applies, as the route's query (`#/alerts?status=unverified`). */
export type HomeTarget =
  | { module: 'alerts'; query: { status: 'unverified' } }
  | { module: 'imports'; query: { rejects: 'only' } | Record<string, never> }
  | { module: 'people'; query: { show: PeopleView } | Record<string, never> }
  | { module: 'settings'; query: Record<string, never> }
  | { module: 'cases'; query: Record<string, never> }
  | { module: 'retention'; query: Record<string, never> };

/** The People & training list narrowed to the people a tile counts (`#/people?show=…`). */
export const PEOPLE_VIEWS = ['training-expiring', 'training-missing', 'locked-out'] as const;
export type PeopleView = (typeof PEOPLE_VIEWS)[number];

export const PEOPLE_VIEW_LABELS: Record<PeopleView, string> = {
  'training-expiring': `Training expiring within ${TRAINING_NOTICE_DAYS} days`,
  'training-missing': 'Training missing or expired',
  'locked-out': 'Locked out of sign-in',
};

/**
 * Whether a person belongs in a view: one rule for the tile's count and the list it opens.
 * Training is counted for active people who may open ALPR data (an auditor needs none).
 */
export function inPeopleView(view: PeopleView, person: Pick<Account, 'status' | 'roles' | 'training' | 'lockedUntil'>): boolean {
  if (person.status !== 'active') return false;
  const needsTraining = roleGranting('alpr.read', person.roles) !== undefined;
  switch (view) {
    case 'training-expiring':
      return needsTraining && person.training.expiringSoon;
    case 'training-missing':
      return needsTraining && !person.training.current;
    case 'locked-out':
      return person.lockedUntil !== null;
  }
}

export interface HomeTileSpec {
  title: string;
  /** one sentence: what the count is and why it matters */
  about: string;
  /** shown to people one of whose roles grants this: the permission that opens the list */
  permission: Permission;
  opens: HomeTarget;
  /** a warning rather than a queue: shown only while its count is above zero */
  onlyWhenAny?: true;
}

export const HOME_TILES = {
  'alerts-unverified': {
    title: 'Unverified alerts',
    about:
      'Hot-list matches to verify through NCIC or the appropriate database; until then they are not grounds for enforcement action (policy 427.4(f)).',
    permission: 'alpr.read',
    opens: { module: 'alerts', query: { status: 'unverified' } },
  },
  'imports-with-rejects': {
    title: 'Imports with rejected rows',
    about: 'Imports that left out rows they could not read; each rejected row is kept with its line and why.',
    permission: 'imports.read',
    opens: { module: 'imports', query: { rejects: 'only' } },
  },
  'training-expiring': {
    title: PEOPLE_VIEW_LABELS['training-expiring'],
    about: 'People whose ALPR training lapses soon: ALPR data then closes to them until new training is recorded (policy 427.4(d)).',
    permission: 'training.read',
    opens: { module: 'people', query: { show: 'training-expiring' } },
  },
  'training-missing': {
    title: PEOPLE_VIEW_LABELS['training-missing'],
    about: 'People to whom ALPR data stays closed until current training is recorded (policy 427.4(d)).',
    permission: 'training.read',
    opens: { module: 'people', query: { show: 'training-missing' } },
  },
  'people-locked-out': {
    title: 'People locked out',
    about: 'Accounts whose sign-in is locked for 10 minutes after 5 failed attempts.',
    permission: 'users.read',
    opens: { module: 'people', query: { show: 'locked-out' } },
  },
  'holds-awaiting-review': {
    title: 'Holds awaiting review',
    about:
      'Holds past their review date, and closed cases whose holds still keep reads: extend or release each, so nothing is kept longer than the case needs (policy 427.5).',
    permission: 'cases.manage',
    opens: { module: 'cases', query: {} },
  },
  'reads-past-retention': {
    title: 'Reads past the retention period',
    about:
      'Reads captured longer ago than the retention period, held ones included: the purge destroys those no hold keeps (policy 427.5). It runs each day while the app is open, and from the Retention page.',
    permission: 'retention.run',
    opens: { module: 'retention', query: {} },
  },
  'checkpoint-folder-unset': {
    title: 'Set a checkpoint folder',
    about: 'No checkpoint folder is set: a cut-short or rewritten access log would go unnoticed.',
    permission: 'settings.manage',
    opens: { module: 'settings', query: {} },
    onlyWhenAny: true,
  },
} as const satisfies Record<string, HomeTileSpec>;
export type HomeTileId = keyof typeof HOME_TILES;

export interface FirstStepSpec {
  title: string;
  /** what makes it done */
  done: string;
  permission: Permission;
  opens: HomeTarget;
}

/** The first steps of a new workspace, in order; each counts as done once its count is above zero. */
export const FIRST_STEPS = {
  'add-people': {
    title: 'Add the people who will use Custodian',
    done: 'Someone besides the first commander has an account.',
    permission: 'users.manage',
    opens: { module: 'people', query: {} },
  },
  'record-training': {
    title: 'Record their ALPR training',
    done: 'A training record is kept.',
    permission: 'training.manage',
    opens: { module: 'people', query: {} },
  },
  'choose-checkpoint-folder': {
    title: 'Choose a checkpoint folder for the access log',
    done: 'A checkpoint folder is set.',
    permission: 'settings.manage',
    opens: { module: 'settings', query: {} },
  },
  'set-up-signing': {
    title: "Make or import the department's signing certificate",
    done: "A signing certificate signs the department's records.",
    permission: 'signing.manage',
    opens: { module: 'settings', query: {} },
  },
  'import-first-export': {
    title: 'Import the first vendor export',
    done: 'An import has been committed.',
    permission: 'imports.run',
    opens: { module: 'imports', query: {} },
  },
} as const satisfies Record<string, FirstStepSpec>;
export type FirstStepId = keyof typeof FIRST_STEPS;

/** Everything the home screen counts, tiles and first steps alike. */
export type HomeItemId = HomeTileId | FirstStepId;

const tileIds = Object.keys(HOME_TILES) as [HomeTileId, ...HomeTileId[]];
const stepIds = Object.keys(FIRST_STEPS) as [FirstStepId, ...FirstStepId[]];
const permissionSchema = z.enum(Object.keys(PERMISSIONS) as [Permission, ...Permission[]]);
const targetSchema = z.object({ module: z.string(), query: z.record(z.string(), z.string()) });

export const homeSchema = z.object({
  /** the tiles this person's roles may open, in HOME_TILES order */
  tiles: z.array(
    z.object({
      id: z.enum(tileIds),
      permission: permissionSchema,
      count: z.number().int().min(0),
      /** a sentence more than the count, where the feature has one (what the store holds, when the purge runs) */
      detail: z.string().nullable(),
      opens: targetSchema,
    }),
  ),
  /** the first steps this person may take, in order; empty once every one of them is done */
  firstSteps: z.array(z.object({ id: z.enum(stepIds), permission: permissionSchema, done: z.boolean(), opens: targetSchema })),
});
export type Home = z.infer<typeof homeSchema>;
