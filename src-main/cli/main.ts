import { Command, CommanderError } from 'commander';
import { CustodianError } from '../core/errors';
import { registerAlertCommands } from './commands/alerts';
import { registerAuditCommands } from './commands/audit';
import { registerHomeCommands } from './commands/home';
import { registerHotlistCommands } from './commands/hotlists';
import { registerImportCommands } from './commands/imports';
import { registerRetentionCommands } from './commands/retention';
import { registerSearchCommands } from './commands/search';
import { registerServeCommands } from './commands/serve';
import { registerSettingsCommands } from './commands/settings';
import { registerSigningCommands } from './commands/signing';
import { registerTrainingCommands } from './commands/training';
import { registerUserCommands } from './commands/users';
import { registerWorkspaceCommands } from './commands/workspace';
import { EXIT, exitCodeFor } from './errors';

export function buildProgram(): Command {
  const program = new Command('custodian')
    .description('Custodian: ALPR records and evidence workstation (policy 427)')
    .option('--workspace <dir>', 'the workspace folder (default: your application-data folder)')
    .option('--user <name>', 'who you are (password from CUSTODIAN_PASSWORD or a prompt)')
    .option('--json', 'print machine-readable JSON on standard output')
    .option('--case <number>', 'case number, for anything that opens ALPR data')
    .option('--purpose <text>', 'law-enforcement purpose, for anything that opens ALPR data')
    .showHelpAfterError()
    .exitOverride();
  registerWorkspaceCommands(program);
  registerHomeCommands(program);
  registerUserCommands(program);
  registerTrainingCommands(program);
  registerSettingsCommands(program);
  registerSigningCommands(program);
  registerAuditCommands(program);
  registerImportCommands(program);
  registerSearchCommands(program);
  registerHotlistCommands(program);
  registerAlertCommands(program);
  registerRetentionCommands(program);
  registerServeCommands(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Run the CLI and return its exit code: 0 ok, 1 failed, 2 usage, 3 denied. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const json = argv.includes('--json');
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version are "errors" to commander; the message is already printed
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const code = exitCodeFor(error);
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`custodian: ${message}\n`);
    if (json) {
      const errorCode = error instanceof CustodianError ? error.code : code === EXIT.usage ? 'usage' : 'failed';
      process.stdout.write(JSON.stringify({ error: { code: errorCode, message } }) + '\n');
    }
    if (code === EXIT.failed && !(error instanceof CustodianError) && process.env.CUSTODIAN_DEBUG) console.error(error);
    return code;
  }
}
