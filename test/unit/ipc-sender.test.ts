import { describe, expect, it } from 'vitest';
import { isTrustedSender, type SenderFacts } from '../../src-main/electron/sender-check';

const APP_ORIGIN = 'app://custodian';
const ours: SenderFacts = { frameUrl: 'app://custodian/index.html#/sign-in', isMainFrame: true, isKnownContents: true };

describe('only our own window may use the IPC channels', () => {
  it('accepts the top-level page of our window on app://custodian', () => {
    expect(isTrustedSender(ours, APP_ORIGIN)).toBe(true);
    expect(isTrustedSender({ ...ours, frameUrl: 'app://custodian/' }, APP_ORIGIN)).toBe(true);
  });

  it('refuses a subframe, even one on our own origin', () => {
    expect(isTrustedSender({ ...ours, isMainFrame: false }, APP_ORIGIN)).toBe(false);
  });

  it('refuses a WebContents the app did not register', () => {
    expect(isTrustedSender({ ...ours, isKnownContents: false }, APP_ORIGIN)).toBe(false);
  });

  it.each([
    ['another website', 'https://evil.example/'],
    ['a local file', 'file:///home/someone/page.html'],
    ['another app:// host', 'app://other/'],
    ['a look-alike host', 'app://custodian.evil.example/'],
    ['credentials in the URL', 'app://someone@custodian/'],
    ['about:blank', 'about:blank'],
    ['a data: URL', 'data:text/html,<script>1</script>'],
    ['an unparsable URL', 'not a url'],
    ['an empty URL', ''],
  ])('refuses %s', (_label, frameUrl) => {
    expect(isTrustedSender({ ...ours, frameUrl }, APP_ORIGIN)).toBe(false);
  });

  it('refuses a frame Electron no longer knows (no URL)', () => {
    expect(isTrustedSender({ ...ours, frameUrl: null }, APP_ORIGIN)).toBe(false);
  });

  it('in development accepts only the dev server origin, port included', () => {
    const dev = 'http://localhost:5173';
    expect(isTrustedSender({ ...ours, frameUrl: 'http://localhost:5173/' }, dev)).toBe(true);
    expect(isTrustedSender({ ...ours, frameUrl: 'http://localhost:5174/' }, dev)).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: 'https://localhost:5173/' }, dev)).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: 'app://custodian/' }, dev)).toBe(false);
  });

  it('refuses everything when the allowed origin itself is not a URL', () => {
    expect(isTrustedSender(ours, '')).toBe(false);
  });
});
