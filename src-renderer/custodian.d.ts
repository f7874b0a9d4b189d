// What src-main/electron/preload.ts exposes on window. Absent when the page
// is opened outside Electron (e.g. the Vite dev server in a plain browser).
interface CustodianBridge {
  readonly version: string;
}

interface Window {
  readonly custodian?: CustodianBridge;
}
