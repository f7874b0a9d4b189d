import type { AppEvent, DownloadResult, RequestMessage, ResponseMessage, Transport } from '../../src-main/contract/transport';
import { GateError } from './gate-error';

function unwrap(response: ResponseMessage): unknown {
  if (!response.ok) throw new GateError(response.error);
  return response.result;
}

/** The desktop app's transport: Electron IPC through the preload's narrow `window.custodian`. */
export function ipcTransport(bridge: CustodianDesktopBridge): Transport {
  let nextId = 1;
  const request = async (method: RequestMessage['method'], params: unknown) =>
    unwrap(await bridge.request({ id: nextId++, method, params } as RequestMessage));
  return {
    request: request as Transport['request'],
    async saveDownload(ticket, suggestedName) {
      return unwrap(await bridge.save(ticket, suggestedName)) as DownloadResult | null;
    },
    onEvent: (listener: (event: AppEvent) => void) => bridge.onEvent(listener),
  };
}
