import path from 'node:path';
import { app, BrowserWindow, session } from 'electron';
import { installAppMenu } from './menu.js';
import { APP_ENTRY_URL, registerAppScheme, serveRendererFrom } from './protocol.js';
import { createMainWindow, hardenWebContents } from './window.js';

// Both must happen before 'ready'.
registerAppScheme();
app.enableSandbox();

// electron-vite sets ELECTRON_RENDERER_URL for `electron-vite dev`; a packaged
// build never honours it, so the environment cannot point the app elsewhere.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const entryUrl = devServerUrl ?? APP_ENTRY_URL;

let mainWindow: BrowserWindow | null = null;

function openMainWindow(): void {
  mainWindow = createMainWindow(entryUrl);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
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

  // Ctrl-C / kill from a terminal: quit through Electron so quit handlers run.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => app.quit());
  }

  app
    .whenReady()
    .then(() => {
      session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
      session.defaultSession.setPermissionCheckHandler(() => false);
      serveRendererFrom(path.join(__dirname, '../renderer'));
      installAppMenu();
      openMainWindow();
    })
    .catch((error: unknown) => {
      console.error('Custodian failed to start:', error);
      app.exit(1);
    });
}
