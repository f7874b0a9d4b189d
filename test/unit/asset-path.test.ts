import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveAssetPath } from '../../src-main/electron/asset-path';

const root = path.resolve('/srv/custodian/renderer');

describe('the app:// protocol serves only files inside the renderer folder', () => {
  it('maps ordinary paths into the folder, and / to index.html', () => {
    expect(resolveAssetPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveAssetPath(root, '/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAssetPath(root, '/assets/file%20name.css')).toBe(path.join(root, 'assets', 'file name.css'));
  });

  it.each([
    ['plain traversal', '/../secret.txt'],
    ['deep traversal', '/assets/../../../etc/passwd'],
    ['encoded dots', '/%2e%2e/secret.txt'],
    ['encoded slash', '/..%2fsecret.txt'],
    ['backslash', '/..%5csecret.txt'],
    ['NUL byte', '/index.html%00.png'],
    ['broken encoding', '/%E0%A4%A'],
  ])('refuses %s', (_label, pathname) => {
    expect(resolveAssetPath(root, pathname)).toBeNull();
  });

  it('names content types, and treats the unknown as opaque bytes', () => {
    expect(contentTypeFor('a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('a/font.WOFF2')).toBe('font/woff2');
    expect(contentTypeFor('a/archive.exe')).toBe('application/octet-stream');
  });
});
