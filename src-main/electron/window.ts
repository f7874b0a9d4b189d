import path from 'node:path';
import { app, BrowserWindow, type WebContents } from 'electron';

/**
 * Creates the single application window. The renderer is sandboxed, isolated
 * and has no Node access; its only view of the main process is the
 * `custodian` object exposed by preload.ts.
 */
export function createMainWindow(entryUrl: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 640,
    minHeight: 480,
    title: 'Custodian',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.js'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !app.isPackaged,
      // Read by preload.ts (a sandboxed preload cannot call app.getVersion()).
      additionalArguments: [`--custodian-version=${app.getVersion()}`],
    },
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(entryUrl).catch((error: unknown) => {
    console.error(`Custodian could not load ${entryUrl}:`, error);
  });
  return window;
}

/**
 * Applied to every WebContents the app creates: no navigation away from the
 * app's own origin, no new windows, no <webview>.
 */
export function hardenWebContents(contents: WebContents, entryUrl: string): void {
  const allowed = new URL(entryUrl);
  // Compare scheme + host rather than URL.origin: Node reports 'null' as the
  // origin of custom schemes such as app://.
  const isSameOrigin = (target: string): boolean => {
    try {
      const url = new URL(target);
      return url.protocol === allowed.protocol && url.host === allowed.host;
    } catch {
      return false;
    }
  };

  contents.on('will-navigate', (event) => {
    if (!isSameOrigin(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isSameOrigin(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
