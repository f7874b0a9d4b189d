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
  /**
   * one slice of a prepared upload (`upload.prepare`), in order from offset 0; the last
   * answers the staged upload. `{ ticket, abort: true }` drops one part-way.
   */
  uploadSlice(slice: UploadSliceMessage): Promise<import('../src-main/contract/transport').ResponseMessage>;
  /** job events; returns the unsubscribe function */
  onEvent(listener: (event: import('../src-main/contract/transport').AppEvent) => void): () => void;
}

type UploadSliceMessage = { ticket: string; offset: number; bytes: Uint8Array; last: boolean } | { ticket: string; abort: true };

interface Window {
  readonly custodian?: CustodianDesktopBridge;
}
