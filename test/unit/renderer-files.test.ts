import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, rendererFilePath } from '../../src-main/service/renderer-files';

// The one set of rules both front doors use to serve the built renderer: the desktop's
// app:// protocol and browser mode's HTTP server (which also tests them over real HTTP).

const root = path.resolve('/srv/custodian/renderer');

describe('only files inside the renderer folder are served', () => {
  it('maps ordinary paths into the folder, and / to index.html', () => {
    expect(rendererFilePath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(rendererFilePath(root, '/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(rendererFilePath(root, '/assets/file%20name.css')).toBe(path.join(root, 'assets', 'file name.css'));
  });

  it.each([
    ['plain traversal', '/../secret.txt'],
    ['deep traversal', '/assets/../../../etc/passwd'],
    ['encoded dots', '/%2e%2e/secret.txt'],
    ['encoded slash', '/..%2fsecret.txt'],
    ['encoded backslash', '/..%5csecret.txt'],
    ['a backslash', '/assets\\..\\secret.txt'],
    ['NUL byte', '/index.html%00.png'],
    ['broken encoding', '/%E0%A4%A'],
    ['an empty segment', '//etc/passwd'],
    ['a dot segment', '/./index.html'],
    ['a drive letter', '/C:/Windows/win.ini'],
    ['no leading slash', 'index.html'],
  ])('refuses %s', (_label, rawPath) => {
    expect(rendererFilePath(root, rawPath)).toBeNull();
  });

  it('names content types, and treats the unknown as opaque bytes', () => {
    expect(contentTypeFor('a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('a/font.WOFF2')).toBe('font/woff2');
    expect(contentTypeFor('a/archive.exe')).toBe('application/octet-stream');
  });
});
