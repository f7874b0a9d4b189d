import { contextBridge } from 'electron';

// The renderer's only window into the main process. Keep it narrow: plain
// data and purpose-built functions, never ipcRenderer or other Electron objects.
// The matching type for the renderer is in src-renderer/custodian.d.ts.

const VERSION_FLAG = '--custodian-version=';

const version = process.argv.find((arg) => arg.startsWith(VERSION_FLAG))?.slice(VERSION_FLAG.length) ?? 'unknown';

contextBridge.exposeInMainWorld('custodian', Object.freeze({ version }));
