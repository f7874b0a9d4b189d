/**
 * Content-Security-Policy for the renderer. Sent as a response header by the
 * app:// protocol handler (desktop) and by the bridge (`custodian serve`), and
 * repeated in the <meta> tag of src-renderer/index.html; electron.vite.config.ts
 * fails the build if the two ever differ. Plain data, so the build config, the
 * Electron shell and the bridge can all load it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The same policy for the <meta> tag in src-renderer/index.html. `frame-ancestors` works
 * only as a header: browsers ignore it in a <meta> tag and log a console error saying so.
 */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors '))
  .join('; ');
