// What src-main/electron/preload.ts exposes on window in the desktop app. Absent in
// browser mode (`custodian serve`), where the bridge transport is used instead.
interface CustodianDesktopBridge {
  readonly version: string;
  /** one request to the services, answered by the main process */
  request(
    message: import('../src-main/contract/transport').RequestMessage,
  ): Promise<import('../src-main/contract/transport').ResponseMessage>;
  /** run a prepared download into a file the person picks; null when they cancel the dialog */
  save(ticket: string, suggestedName: string): Promise<import('../src-main/contract/transport').ResponseMessage>;
  /** job events; returns the unsubscribe function */
  onEvent(listener: (event: import('../src-main/contract/transport').AppEvent) => void): () => void;
}

interface Window {
  readonly custodian?: CustodianDesktopBridge;
}
