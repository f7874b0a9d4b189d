/**
 * Who may talk to the services over IPC. No Electron import, so it can be unit-tested
 * under plain Node; ipc.ts gathers the facts from the IPC event and asks this.
 */
export interface SenderFacts {
  /** the URL of the frame that sent the message; null when Electron no longer knows the frame */
  frameUrl: string | null;
  /** the frame is its page's top-level frame, not an <iframe> inside it */
  isMainFrame: boolean;
  /** the message came from a window the app made and registered (not some other WebContents) */
  isKnownContents: boolean;
}

/**
 * True only for our own window's top-level page on the app's own origin. `allowedOrigin`
 * is `app://custodian` (the packaged renderer) or, in development, the dev server's origin
 * (ELECTRON_RENDERER_URL). Compares scheme, host and port rather than URL.origin, which
 * Node reports as "null" for custom schemes such as app://.
 */
export function isTrustedSender(facts: SenderFacts, allowedOrigin: string): boolean {
  if (!facts.isKnownContents || !facts.isMainFrame || facts.frameUrl === null) return false;
  const allowed = parseUrl(allowedOrigin);
  const sender = parseUrl(facts.frameUrl);
  if (allowed === null || sender === null) return false;
  if (sender.username !== '' || sender.password !== '') return false;
  return sender.protocol === allowed.protocol && sender.host !== '' && sender.host === allowed.host;
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
