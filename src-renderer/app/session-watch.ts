import type { AppEvent, Transport } from '../../src-main/contract/transport';
import { GateError } from '../client/gate-error';

/** Gate codes that mean the session is no longer usable as it was: the app asks for its status again. */
const SESSION_CHANGED_CODES: ReadonlySet<string> = new Set(['session-locked', 'not-signed-in']);

function isSessionChange(error: unknown): boolean {
  return error instanceof GateError && SESSION_CHANGED_CODES.has(error.code);
}

/**
 * Wraps the transport so that any request, download or job that the gate refuses because
 * the session locked or ended calls `onSessionChange` (the app then refreshes its status and
 * shows the lock or sign-in screen). Done here, once, so no page has to remember it.
 */
export function watchSession(transport: Transport, onSessionChange: () => void): Transport {
  const notice = (error: unknown): never => {
    if (isSessionChange(error)) onSessionChange();
    throw error;
  };
  return {
    request: ((method, params) => transport.request(method, params).catch(notice)) as Transport['request'],
    saveDownload: (ticket, suggestedName) => transport.saveDownload(ticket, suggestedName).catch(notice),
    upload: (ticket, file, onProgress) => transport.upload(ticket, file, onProgress).catch(notice),
    onEvent(listener) {
      return transport.onEvent((event: AppEvent) => {
        if (event.type === 'job' && event.state === 'failed' && SESSION_CHANGED_CODES.has(event.error.code)) onSessionChange();
        listener(event);
      });
    },
  };
}
