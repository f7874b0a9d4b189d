import path from 'node:path';
import { app, BrowserWindow, dialog, powerMonitor, session } from 'electron';
import { AppService } from '../service/app-service.js';
import { registerIpc, WindowConnections } from './ipc.js';
import { installAppMenu } from './menu.js';
import { useElectronNativeBinding } from './native-module.js';
import { APP_ENTRY_URL, registerAppScheme, serveRendererFrom } from './protocol.js';
import { createMainWindow, hardenWebContents } from './window.js';
import { desktopWorkspaceDir } from './workspace-dir.js';

// Both must happen before 'ready'.
registerAppScheme();
app.enableSandbox();

// electron-vite sets ELECTRON_RENDERER_URL for `electron-vite dev`; a packaged
// build never honours it, so the environment cannot point the app elsewhere.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const entryUrl = devServerUrl ?? APP_ENTRY_URL;
/** The only origin whose top-level page may use the IPC channels (scheme, host and port). */
const allowedOrigin = ((url) => `${url.protocol}//${url.host}`)(new URL(entryUrl));

let mainWindow: BrowserWindow | null = null;
let service: AppService | undefined;
let connections: WindowConnections | undefined;

function openMainWindow(): void {
  if (connections === undefined) return;
  const window = createMainWindow(entryUrl);
  connections.attach(window.webContents);
  // Windows is shutting down or the person is signing off: no 'before-quit' follows.
  window.on('session-end', () => void closeService());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  mainWindow = window;
}

/**
 * Quit: every window's running job logs how it ended, its session is signed out through
 * the gate (logged), then the store closes. Runs once; later callers wait for the same end.
 */
let closing: Promise<void> | undefined;
let closed = false;
function closeService(): Promise<void> {
  closing ??= (service?.close() ?? Promise.resolve())
    .catch((error: unknown) => console.error('Custodian: closing the workspace failed:', error))
    .finally(() => {
      closed = true;
    });
  return closing;
}

function startServices(): void {
  useElectronNativeBinding();
  const workspaceSwitch = app.commandLine.hasSwitch('workspace') ? app.commandLine.getSwitchValue('workspace') : undefined;
  const dir = desktopWorkspaceDir(workspaceSwitch);
  // paths.ts promises the CLI and the window the same default folder; say so if Electron disagrees.
  const electronDefault = path.join(app.getPath('userData'), 'workspace');
  if (workspaceSwitch === undefined && path.resolve(electronDefault) !== path.resolve(dir)) {
    console.warn(`Custodian: the workspace is ${dir}, the CLI's default, but Electron's data folder suggests ${electronDefault}.`);
  }
  service = new AppService({ dir, mode: 'desktop', version: app.getVersion() });
  connections = new WindowConnections(service);
  registerIpc(connections, allowedOrigin);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, entryUrl));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });

  // Quitting waits for the workspace to close (a job logs its end at its next step), then quits again.
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void closeService().then(() => app.quit());
  });

  // Ctrl-C / kill from a terminal: quit through Electron so quit handlers run.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => app.quit());
  }

  app
    .whenReady()
    .then(() => {
      session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
      session.defaultSession.setPermissionCheckHandler(() => false);
      startServices();
      // Linux and macOS shutting down: close the store cleanly before the system does.
      powerMonitor.on('shutdown', () => app.quit());
      serveRendererFrom(path.join(__dirname, '../renderer'));
      installAppMenu();
      openMainWindow();
    })
    .catch((error: unknown) => {
      console.error('Custodian failed to start:', error);
      dialog.showErrorBox('Custodian could not start', error instanceof Error ? error.message : String(error));
      void closeService().then(() => app.exit(1));
    });
}
