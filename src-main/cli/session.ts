import type { Command } from 'commander';
import type { OperationName, OpInput, OpOutput } from '../contract/operations';
import type { JobOperation } from '../contract/transport';
import type { AccessReason } from '../contract/schemas';
import type { Sink } from '../core/gate/context';
import { defaultWorkspaceDir } from '../core/store/paths';
import { Workspace } from '../core/workspace';
import { UsageError } from './errors';
import { readSecret } from './secrets';

/** The options every command takes. */
export interface GlobalOptions {
  workspace?: string;
  user?: string;
  json?: boolean;
  case?: string;
  purpose?: string;
}

export function globals(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

export function workspaceDir(options: GlobalOptions): string {
  return options.workspace ?? defaultWorkspaceDir();
}

export function requireUser(options: GlobalOptions): string {
  if (!options.user) throw new UsageError('Say who you are with --user NAME.');
  return options.user;
}

export function accessReason(options: GlobalOptions): Partial<AccessReason> | undefined {
  return options.case || options.purpose ? { caseNumber: options.case, purpose: options.purpose } : undefined;
}

/**
 * Sign in as --user, run the work, sign out. Each CLI run is one session, so every
 * command leaves its sign-in, its work and its sign-out in the access log.
 */
export async function withSession<T>(
  options: GlobalOptions,
  work: (ws: Workspace, token: string) => T | Promise<T>,
  knownPassword?: string,
): Promise<T> {
  const username = requireUser(options);
  const ws = Workspace.open(workspaceDir(options));
  try {
    const password = knownPassword ?? (await signInPassword(username));
    const { token, warnings } = ws.signIn(username, password);
    for (const warning of warnings) process.stderr.write(`custodian: WARNING: ${warning}\n`);
    try {
      return await work(ws, token);
    } finally {
      if (ws.sessions.peek(token)) ws.call(token, 'session.signOut', {});
    }
  } finally {
    ws.close();
  }
}

export function signInPassword(username: string): Promise<string> {
  return readSecret('CUSTODIAN_PASSWORD', `Password for ${username}: `);
}

/**
 * One operation as --user, in its own session. --case and --purpose, when given, go
 * with the call and into its access-log entry. `sink` takes a streaming result.
 * Not for an operation declared `job`: called here it would run to the end in one
 * transaction, with no progress and no Ctrl-C; `runJobAs` (jobs.ts) runs those.
 */
export function callAs<K extends Exclude<OperationName, JobOperation>>(
  options: GlobalOptions,
  operation: K,
  input: OpInput<K>,
  extra: { password?: string; sink?: Sink } = {},
): Promise<OpOutput<K>> {
  return withSession(options, (ws, token) => ws.call(token, operation, input, accessReason(options), extra.sink), extra.password);
}
