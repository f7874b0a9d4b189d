import type { AlertStatus } from './hotlists';
import type { OperationName, WorkspaceEvent } from './operations';
import type { AuditEntry } from './schemas';

/*
 * What the access log's entries say in plain words, for the screens, the CSV export and the
 * CLI alike. The log itself keeps the operation's name (`search.plates`): that is what is
 * hashed and filtered on; these phrases are only how it is shown.
 */

/** The groups the actions are listed under, in the order a person looks for them. */
export const ACTION_GROUPS = [
  'Sessions',
  'Search',
  'Imports',
  'Hot lists and alerts',
  'Cases and retention',
  'People and training',
  'Access log',
  'Settings',
  'Workspace',
] as const;
export type ActionGroup = (typeof ACTION_GROUPS)[number];

/** Everything the access log records: an operation through the gate, or an event the workspace writes itself. */
export type LoggedAction = OperationName | WorkspaceEvent;

interface ActionPhrase {
  /** what was done, in the past tense: "Searched plates" */
  phrase: string;
  group: ActionGroup;
}

/**
 * One phrase per operation and workspace event. The type makes it complete: an operation
 * added to the contract without its phrase does not compile.
 */
export const ACTION_PHRASES: Record<LoggedAction, ActionPhrase> = {
  'session.signIn': { phrase: 'Signed in', group: 'Sessions' },
  'session.unlock': { phrase: 'Unlocked the screen', group: 'Sessions' },
  'session.signOut': { phrase: 'Signed out', group: 'Sessions' },
  'session.whoami': { phrase: 'Checked who is signed in', group: 'Sessions' },
  'home.tiles': { phrase: 'Opened the home screen', group: 'Sessions' },
  'session.logonStateReset': { phrase: 'Reset the damaged sign-in counters', group: 'Sessions' },

  'alpr.holdings': { phrase: 'Looked at the ALPR data held', group: 'Search' },
  'search.plates': { phrase: 'Searched plates', group: 'Search' },
  'search.read': { phrase: 'Opened a plate read', group: 'Search' },
  'search.thumbnails': { phrase: 'Looked at plate-read thumbnails', group: 'Search' },
  'search.export': { phrase: 'Exported plate reads', group: 'Search' },

  'import.preview': { phrase: 'Previewed a file for import', group: 'Imports' },
  'import.run': { phrase: 'Imported a file', group: 'Imports' },
  'import.list': { phrase: 'Listed the imports', group: 'Imports' },
  'import.get': { phrase: 'Opened an import record', group: 'Imports' },
  'import.rejects': { phrase: "Exported an import's rejected rows", group: 'Imports' },
  'import.reads': { phrase: "Listed an import's plate reads", group: 'Imports' },
  'import.interrupted': { phrase: 'Marked an import as interrupted', group: 'Imports' },
  'importProfile.save': { phrase: 'Saved a column mapping', group: 'Imports' },
  'importProfile.list': { phrase: 'Listed the column mappings', group: 'Imports' },
  'importProfile.delete': { phrase: 'Deleted a column mapping', group: 'Imports' },

  'case.create': { phrase: 'Opened a case', group: 'Cases and retention' },
  'case.list': { phrase: 'Listed the cases', group: 'Cases and retention' },
  'case.show': { phrase: 'Opened a case record', group: 'Cases and retention' },
  'case.history': { phrase: "Read a case's access history", group: 'Cases and retention' },
  'case.close': { phrase: 'Closed a case', group: 'Cases and retention' },
  'hold.place': { phrase: 'Placed a hold', group: 'Cases and retention' },
  'hold.extend': { phrase: "Moved a hold's review date", group: 'Cases and retention' },
  'hold.release': { phrase: 'Released a hold', group: 'Cases and retention' },
  'hold.list': { phrase: 'Listed the holds', group: 'Cases and retention' },
  'hold.review': { phrase: 'Looked at the holds awaiting review', group: 'Cases and retention' },
  'purge.preview': { phrase: 'Previewed the next purge', group: 'Cases and retention' },
  'purge.run': { phrase: 'Purged data past its retention period', group: 'Cases and retention' },
  'purge.list': { phrase: 'Listed the purge runs', group: 'Cases and retention' },
  'purge.certificate': { phrase: 'Read a purge certificate', group: 'Cases and retention' },

  'hotlist.import': { phrase: 'Imported a hot list', group: 'Hot lists and alerts' },
  'hotlist.add': { phrase: 'Added a hot-list entry', group: 'Hot lists and alerts' },
  'hotlist.retireEntry': { phrase: 'Retired a hot-list entry', group: 'Hot lists and alerts' },
  'hotlist.list': { phrase: 'Listed the hot lists', group: 'Hot lists and alerts' },
  'hotlist.entries': { phrase: "Read a hot list's entries", group: 'Hot lists and alerts' },
  'hotlistProfile.save': { phrase: 'Saved a hot-list mapping', group: 'Hot lists and alerts' },
  'hotlistProfile.list': { phrase: 'Listed the hot-list mappings', group: 'Hot lists and alerts' },
  'alert.list': { phrase: 'Listed alerts', group: 'Hot lists and alerts' },
  'alert.get': { phrase: 'Opened an alert', group: 'Hot lists and alerts' },
  'alert.verify': { phrase: 'Recorded an alert verification', group: 'Hot lists and alerts' },

  'user.add': { phrase: 'Added a person', group: 'People and training' },
  'user.list': { phrase: 'Listed people', group: 'People and training' },
  'user.disable': { phrase: 'Disabled a person', group: 'People and training' },
  'user.setConfidential': { phrase: 'Changed a confidential-data authorisation', group: 'People and training' },
  'user.changePassword': { phrase: 'Changed their password', group: 'People and training' },
  'training.record': { phrase: 'Recorded training', group: 'People and training' },
  'training.list': { phrase: 'Listed training records', group: 'People and training' },

  'audit.query': { phrase: 'Read the access log', group: 'Access log' },
  'audit.export': { phrase: 'Exported the access log', group: 'Access log' },
  'audit.verify': { phrase: 'Verified the access log', group: 'Access log' },
  'audit.checkpoint': { phrase: 'Signed a checkpoint of the access log', group: 'Access log' },
  'audit.checkpointWritten': { phrase: 'Wrote a checkpoint to the checkpoint folder', group: 'Access log' },
  'audit.checkpointProblem': { phrase: 'Found a problem with the checkpoints', group: 'Access log' },

  'settings.get': { phrase: 'Read the settings', group: 'Settings' },
  'settings.update': { phrase: 'Changed the settings', group: 'Settings' },
  'signing.show': { phrase: "Looked at the department's signing certificate", group: 'Settings' },
  'signing.generate': { phrase: 'Made a new signing certificate', group: 'Settings' },
  'signing.import': { phrase: "Imported the agency's signing certificate", group: 'Settings' },

  'workspace.init': { phrase: 'Set up the workspace', group: 'Workspace' },
  'workspace.recover': { phrase: 'Reset a password with the recovery code', group: 'Workspace' },
  'workspace.rekey': { phrase: 'Rotated the master key', group: 'Workspace' },
};

function isLoggedAction(name: string): name is LoggedAction {
  return Object.prototype.hasOwnProperty.call(ACTION_PHRASES, name);
}

/**
 * What an access-log entry's operation did, in words. A name this version does not know
 * (written by another version of Custodian) is shown as it was recorded.
 */
export function actionPhrase(operation: string): string {
  return isLoggedAction(operation) ? ACTION_PHRASES[operation].phrase : operation;
}

/** The actions under each group, in the table's order: for a grouped list to choose from. */
export function actionsByGroup(): { group: ActionGroup; actions: { name: LoggedAction; phrase: string }[] }[] {
  const entries = Object.entries(ACTION_PHRASES) as [LoggedAction, ActionPhrase][];
  return ACTION_GROUPS.map((group) => ({
    group,
    actions: entries.filter(([, p]) => p.group === group).map(([name, p]) => ({ name, phrase: p.phrase })),
  }));
}

/** How an entry ended, in one word: done, refused by the gate, or failed on the way. */
export const OUTCOME_PHRASES: Record<AuditEntry['outcome'], string> = {
  ok: 'Done',
  denied: 'Refused',
  error: 'Failed',
};

/** An alert's state: unverified, or the result of its newest verification (427.4(f)). */
export const ALERT_STATUS_PHRASES: Record<AlertStatus, string> = {
  unverified: 'Unverified',
  confirmed: 'Confirmed',
  'not-confirmed': 'Not confirmed',
  cleared: 'Cleared',
};
