// app://gloss serves the built renderer folder and nothing else: real temp folders, hostile URLs.
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src-main/content-security-policy';
import { APP_ORIGIN, APP_START_URL, appResponseHeaders, contentTypeFor, resolveAppRequest } from '../../src-main/electron/protocol';

let base: string;
let rendererDir: string;

beforeAll(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'gloss-app-protocol-')));
  rendererDir = join(base, 'renderer');
  await mkdir(join(rendererDir, 'assets', 'sub'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html>');
  await writeFile(join(rendererDir, 'assets', 'index-abc.js'), 'export {}');
  await writeFile(join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
  await writeFile(join(rendererDir, 'assets', 'sub', 'font.woff2'), 'x');
  await writeFile(join(rendererDir, 'assets', 'a b.svg'), '<svg/>');
  await writeFile(join(rendererDir, 'assets', 'blob.xyz'), 'x');
  await writeFile(join(rendererDir, '%2e%2e'), 'a file literally named %2e%2e');
  // Secrets next to the renderer folder, and one whose name starts with the folder's name.
  await writeFile(join(base, 'secret.txt'), 'secret');
  await mkdir(join(base, 'renderer-evil'));
  await writeFile(join(base, 'renderer-evil', 'index.html'), 'evil');
  // Symlinks inside the folder: one that stays inside, two that lead out.
  await symlink(join(rendererDir, 'index.html'), join(rendererDir, 'inside-link.html'));
  await symlink(join(base, 'secret.txt'), join(rendererDir, 'assets', 'outside-link.txt'));
  await symlink(base, join(rendererDir, 'up'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

function served(url: string): string {
  const decision = resolveAppRequest(url, rendererDir);
  if (!('path' in decision)) throw new Error(`expected a file for ${url}, got status ${decision.status}`);
  return decision.path;
}

function status(url: string): number | 'served' {
  const decision = resolveAppRequest(url, rendererDir);
  return 'status' in decision ? decision.status : 'served';
}

describe('resolveAppRequest: what is served', () => {
  it('maps / (and the bare origin) to index.html', () => {
    expect(APP_START_URL).toBe('app://gloss/');
    expect(APP_ORIGIN).toBe('app://gloss');
    expect(served('app://gloss/')).toBe(join(rendererDir, 'index.html'));
    expect(served('app://gloss')).toBe(join(rendererDir, 'index.html'));
    expect(served('app://gloss/index.html')).toBe(join(rendererDir, 'index.html'));
  });

  it('serves built assets in subfolders with a content type by extension', () => {
    const js = resolveAppRequest('app://gloss/assets/index-abc.js', rendererDir);
    expect(js).toEqual({ path: join(rendererDir, 'assets', 'index-abc.js'), contentType: 'text/javascript; charset=utf-8' });
    const css = resolveAppRequest('app://gloss/assets/index-abc.css', rendererDir);
    expect(css).toEqual({ path: join(rendererDir, 'assets', 'index-abc.css'), contentType: 'text/css; charset=utf-8' });
    expect(resolveAppRequest('app://gloss/assets/sub/font.woff2', rendererDir)).toMatchObject({ contentType: 'font/woff2' });
    expect(resolveAppRequest('app://gloss/', rendererDir)).toMatchObject({ contentType: 'text/html; charset=utf-8' });
    expect(resolveAppRequest('app://gloss/assets/blob.xyz', rendererDir)).toMatchObject({ contentType: 'application/octet-stream' });
  });

  it('percent-decodes each segment once', () => {
    expect(served('app://gloss/assets/a%20b.svg')).toBe(join(rendererDir, 'assets', 'a b.svg'));
    expect(served('app://gloss/assets/a b.svg')).toBe(join(rendererDir, 'assets', 'a b.svg'));
    expect(served('app://gloss/%61ssets/index-abc.js')).toBe(join(rendererDir, 'assets', 'index-abc.js'));
    // %252e%252e decodes once to the literal name "%2e%2e", a file inside the folder, never '..'
    expect(served('app://gloss/%252e%252e')).toBe(join(rendererDir, '%2e%2e'));
  });

  it('ignores the query string and the fragment', () => {
    expect(served('app://gloss/?token=abc')).toBe(join(rendererDir, 'index.html'));
    expect(served('app://gloss/index.html?x=../../secret.txt#/doc/1')).toBe(join(rendererDir, 'index.html'));
    expect(served('app://gloss/assets/index-abc.js?v=2')).toBe(join(rendererDir, 'assets', 'index-abc.js'));
  });

  it('accepts the host in any case (Chromium lowercases it anyway)', () => {
    expect(served('app://GLOSS/index.html')).toBe(join(rendererDir, 'index.html'));
  });

  it('follows a symlink that stays inside the folder', () => {
    expect(served('app://gloss/inside-link.html')).toBe(join(rendererDir, 'index.html'));
  });
});

describe('resolveAppRequest: what is refused', () => {
  it('never climbs out with ../ in any spelling', () => {
    for (const url of [
      'app://gloss/../secret.txt',
      'app://gloss/../../../../etc/passwd',
      'app://gloss/assets/../../secret.txt',
      'app://gloss/%2e%2e/secret.txt',
      'app://gloss/%2E%2E/%2e%2e/secret.txt',
      'app://gloss/.%2e/secret.txt',
      'app://gloss/../renderer-evil/index.html',
    ]) {
      // The URL parser folds dot segments at the root, so these name files that are not in the folder.
      expect(status(url), url).toBe(404);
    }
  });

  it('refuses encoded separators (%2f, %5c) and backslashes', () => {
    expect(status('app://gloss/..%2fsecret.txt')).toBe(403);
    expect(status('app://gloss/assets%2findex-abc.js')).toBe(403);
    expect(status('app://gloss/assets%2F..%2F..%2Fsecret.txt')).toBe(403);
    expect(status('app://gloss/..%5csecret.txt')).toBe(403);
    expect(status('app://gloss/assets%5Cindex-abc.js')).toBe(403);
    expect(status('app://gloss/..\\secret.txt')).toBe(400);
    expect(status('app://gloss/assets\\index-abc.js')).toBe(400);
  });

  it('refuses absolute paths, drive letters and empty segments', () => {
    expect(status(`app://gloss/${join(base, 'secret.txt')}`)).not.toBe('served');
    expect(status(`app://gloss//${join(base, 'secret.txt').replace(/^\//, '')}`)).toBe(403);
    expect(status('app://gloss//etc/passwd')).toBe(403);
    expect(status('app://gloss/%2fetc%2fpasswd')).toBe(403);
    expect(status('app://gloss/C:/Windows/win.ini')).toBe(403);
    expect(status('app://gloss/C%3A%5CWindows%5Cwin.ini')).toBe(403);
    expect(status('app://gloss/assets//index-abc.js')).toBe(403);
  });

  it('refuses NUL in any form', () => {
    expect(status('app://gloss/index.html%00.js')).toBe(403);
    expect(status('app://gloss/index.html\0')).toBe(400);
  });

  it('refuses malformed percent-encoding', () => {
    expect(status('app://gloss/%E0%A4%A')).toBe(400);
    expect(status('app://gloss/%')).toBe(400);
  });

  it('refuses other hosts, ports, credentials and schemes', () => {
    expect(status('app://evil/index.html')).toBe(403);
    expect(status('app://gloss.evil/index.html')).toBe(403);
    expect(status('app:///index.html')).toBe(403);
    expect(status('app://gloss:8080/index.html')).toBe(403);
    expect(status('app://user:pw@gloss/index.html')).toBe(403);
    expect(status('app:index.html')).toBe(403);
    expect(status('file:///etc/passwd')).toBe(400);
    expect(status(`file://${join(rendererDir, 'index.html')}`)).toBe(400);
    expect(status('https://gloss/index.html')).toBe(400);
    expect(status('not a url')).toBe(400);
    expect(status('')).toBe(400);
  });

  it('refuses symlinks that lead out of the folder', () => {
    expect(status('app://gloss/assets/outside-link.txt')).toBe(403);
    expect(status('app://gloss/up/secret.txt')).toBe(403);
    expect(status('app://gloss/up/renderer/index.html')).toBe('served'); // back inside: the same file
  });

  it('answers 404 for missing files and folders', () => {
    expect(status('app://gloss/missing.js')).toBe(404);
    expect(status('app://gloss/assets/missing/deeper.js')).toBe(404);
    expect(status('app://gloss/assets')).toBe(404);
    expect(status('app://gloss/assets/')).toBe(403);
  });

  it('answers 404 for everything when the folder itself is missing', () => {
    expect(resolveAppRequest('app://gloss/', join(base, 'no-such-folder'))).toEqual({ status: 404 });
  });
});

describe('app:// response headers', () => {
  it('carry the one CSP and the hardening headers', () => {
    const headers = appResponseHeaders('text/html; charset=utf-8');
    expect(headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(appResponseHeaders()['Content-Type']).toBeUndefined();
    expect(appResponseHeaders()['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('the policy keeps the app to itself in both hosts', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('frame-src')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/file:|app:|https?:|\*|unsafe-eval/);
  });

  it('content types by extension', () => {
    expect(contentTypeFor('/x/index.HTML')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/app.mjs')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/icon.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('/x/noext')).toBe('application/octet-stream');
  });
});
