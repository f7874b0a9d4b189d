import fs from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { loopbackAddress } from '../../bridge/http-guard';
import { defaultRendererDir, packageVersion } from '../../bridge/package-root';
import { startBridge, type Bridge } from '../../bridge/server';
import { rendererIndex } from '../../bridge/static-files';
import { failed } from '../../core/errors';
import { AppService } from '../../service/app-service';
import { globals, workspaceDir } from '../session';

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(port) || port > 65535) {
    throw new InvalidArgumentError('give a port number from 1 to 65535, or 0 for a free one.');
  }
  return port;
}

/** Resolves with the signal's name at the first SIGINT (Ctrl-C) or SIGTERM. */
function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('Browser mode: serve the app to a browser on this computer only, through a one-time link')
    .option('--port <n>', 'the port to listen on (default: a free one)', parsePort, 0)
    .option('--host <name>', 'a loopback name only: 127.0.0.1, ::1 or localhost', '127.0.0.1')
    .action(async (opts: { port: number; host: string }, cmd: Command) => {
      const g = globals(cmd);
      // Refused before anything opens or binds.
      loopbackAddress(opts.host);
      const rendererDir = defaultRendererDir();
      if (!fs.existsSync(rendererIndex(rendererDir))) throw failed('not-built', 'The app is not built: run npm run build.');

      const dir = workspaceDir(g);
      const service = new AppService({ dir, mode: 'browser', version: packageVersion() });
      let bridge: Bridge;
      try {
        bridge = await startBridge({ service, rendererDir, host: opts.host, port: opts.port });
      } catch (error) {
        await service.close();
        throw error;
      }
      const stopped = stopSignal();
      const workspace = service.describeWorkspace();
      if (g.json) {
        process.stdout.write(JSON.stringify({ url: bridge.url, port: bridge.port, workspace: workspace.dir }) + '\n');
      } else {
        process.stdout.write(
          [
            `Custodian browser mode, workspace ${workspace.dir}${workspace.exists ? '' : ' (none yet: the page offers to set one up)'}.`,
            'Open this link in a browser on this computer. It works once, in one browser, which stays connected while this runs:',
            '',
            `  ${bridge.url}`,
            '',
            'Press Ctrl-C to stop (everyone is signed out).',
            '',
          ].join('\n'),
        );
      }

      const signal = await stopped;
      await bridge.close();
      await service.close();
      process.stderr.write(`custodian: stopped (${signal}); everyone was signed out.\n`);
    });
}
