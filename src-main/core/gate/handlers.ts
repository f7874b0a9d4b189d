import type { OperationName, Operations, OpOutput, OpParsedInput } from '../../contract/operations';
import { auditHandlers } from '../audit/handlers';
import { authHomeCounts } from '../auth/home';
import { authHandlers } from '../auth/handlers';
import { caseHandlers } from '../cases/handlers';
import { caseHomeCounts } from '../cases/home';
import { holdsKeeper } from '../cases/keeper';
import { hotlistConfidentialChecks } from '../hotlists/confidential';
import { hotlistHandlers } from '../hotlists/handlers';
import { hotlistHomeCounts } from '../hotlists/home';
import { homeHandlers } from '../home/handlers';
import { removeAlertsOfPurgedReads } from '../hotlists/alerts';
import { alertsRaisedByImport, matchImportedReads } from '../hotlists/matching';
import { importHandlers } from '../imports/handlers';
import { importHomeCounts } from '../imports/home';
import { interruptedImportsOnOpen } from '../imports/records';
import { readsHandlers } from '../reads/handlers';
import { retentionHomeCounts } from '../retention/home';
import { retentionHandlers } from '../retention/handlers';
import { searchHandlers } from '../search/handlers';
import { settingsHandlers } from '../settings/handlers';
import { signingHandlers } from '../signing/handlers';
import { signingHomeCounts } from '../signing/home';
import { storedSigners } from '../signing/keys';
import { settingsHomeCounts } from '../settings/home';
import type { AsyncSteps, JobResult, Steps } from '../steps';
import type { ConfidentialChecks, OperationContext, StoreOpenedHook } from './context';

/**
 * The handler table: where the features meet. Each feature folder exports its handlers;
 * this is the one place that puts them together, and the only place one feature's work is
 * wired into another's (hot-list matching into imports, every feature's counts into the home screen). The type system makes the table
 * complete: an operation in the contract without a handler does not compile.
 */

/** A job's handler works in steps (see `Steps`); every other handler returns its result. */
type Handler<K extends OperationName> = (
  ctx: OperationContext,
  input: OpParsedInput<K>,
) => Operations[K] extends { job: true } ? Steps<JobResult<OpOutput<K>>> | AsyncSteps<JobResult<OpOutput<K>>> : OpOutput<K>;
type HandlerTable = { [K in OperationName]: Handler<K> };

/** Operations that cannot run inside a transaction (rotating the master key replaces the database file). */
export const RUNS_OUTSIDE_TRANSACTION: ReadonlySet<OperationName> = new Set<OperationName>(['workspace.rekey']);

export const handlers: HandlerTable = {
  ...authHandlers,
  ...auditHandlers,
  ...settingsHandlers,
  ...readsHandlers,
  ...importHandlers({ beforeCommit: [matchImportedReads], alertsRaised: alertsRaisedByImport }),
  ...searchHandlers,
  ...hotlistHandlers,
  ...caseHandlers,
  ...signingHandlers,
  // the purge asks the holds what they keep, removes the alerts of the reads it destroys, and signs its certificate
  ...retentionHandlers({ keepers: [holdsKeeper], linkRemovers: [removeAlertsOfPurgedReads], signers: storedSigners }),
  // the home screen's counts, each from the feature holding what it counts
  ...homeHandlers({
    ...authHomeCounts,
    ...settingsHomeCounts,
    ...signingHomeCounts,
    ...importHomeCounts,
    ...hotlistHomeCounts,
    ...caseHomeCounts,
    ...retentionHomeCounts,
  }),
};

/** Every feature's checks for confidential state or federal data (427.4(e)). */
export const confidentialChecks: ConfidentialChecks = { ...hotlistConfidentialChecks };

/** What each feature does when the store opens, in this order. */
export const storeOpenedHooks: readonly StoreOpenedHook[] = [interruptedImportsOnOpen];
