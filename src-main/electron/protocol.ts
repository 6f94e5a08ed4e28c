// The app:// scheme's decisions, kept free of any runtime import from 'electron' so unit tests can
// run them: which file under the built renderer a request names (if any), and the headers it gets.
// app-protocol.ts wires these into protocol.handle.
import { lstatSync, realpathSync } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseAssetPath } from '../asset-path';
import { SECURITY_HEADERS } from '../content-security-policy';
import { contentTypeForExtension } from '../content-types';

export const APP_SCHEME = 'app';
export const APP_HOST = 'gloss';
/** What the page's own origin serializes as in Chromium (a standard scheme has a real origin). */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The window's start page; '/' is served as index.html. */
export const APP_START_URL = `${APP_ORIGIN}/`;

/** The Content-Type for a served file; unknown extensions are bytes (and nosniff keeps them so). */
export function contentTypeFor(path: string): string {
  return contentTypeForExtension(extname(path));
}

export type AppRequestDecision = { path: string; contentType: string } | { status: number };

/** True when `url` is on the app's own origin: app://gloss, no port, no credentials. */
export function isAppOriginUrl(url: URL): boolean {
  return (
    url.protocol === `${APP_SCHEME}:` && url.hostname.toLowerCase() === APP_HOST && url.port === '' && url.username === '' && url.password === ''
  );
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * Which file under `rendererDir` an app:// request names. Only app://gloss; '/' is index.html; the
 * query and fragment are ignored; each path segment is percent-decoded once and must not decode to
 * '.', '..', a separator ('%2f', '%5c'), NUL or a drive/stream colon; the file (after following
 * symlinks) must be a regular file inside rendererDir (after following its symlinks too).
 * 400 = not a request Gloss makes, 403 = outside the app, 404 = no such file.
 */
/** An app://gloss/assets/<documentId>/<name> request: the document and image it names, else undefined. */
export function assetRequest(url: string): { documentId: string; name: string } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || !isAppOriginUrl(parsed) || !parsed.pathname.startsWith('/assets/')) return undefined;
  return parseAssetPath(parsed.pathname.slice('/assets/'.length));
}

export function resolveAppRequest(url: string, rendererDir: string): AppRequestDecision {
  if (typeof url !== 'string' || url.includes('\0')) return { status: 400 };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { status: 400 };
  }
  if (parsed.protocol !== `${APP_SCHEME}:`) return { status: 400 };
  if (!isAppOriginUrl(parsed)) return { status: 403 };

  const pathname = parsed.pathname === '' ? '/' : parsed.pathname;
  if (!pathname.startsWith('/') || pathname.includes('\\')) return { status: 400 };
  const raw = pathname === '/' ? ['index.html'] : pathname.slice(1).split('/');

  const segments: string[] = [];
  for (const encoded of raw) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return { status: 400 };
    }
    // An empty segment is '//' (or a trailing '/'): Gloss never asks for a folder or an absolute path.
    if (segment === '' || segment === '.' || segment === '..') return { status: 403 };
    if (/[/\\:\0]/.test(segment)) return { status: 403 };
    segments.push(segment);
  }

  const root = resolve(rendererDir);
  const candidate = resolve(join(root, ...segments));
  if (!isInside(root, candidate)) return { status: 403 };

  let realRoot: string;
  let realFile: string;
  try {
    realRoot = realpathSync(root);
    realFile = realpathSync(candidate);
  } catch {
    return { status: 404 };
  }
  // A symlink in the built folder that leads out of it is not part of the app.
  if (!isInside(realRoot, realFile)) return { status: 403 };
  try {
    if (!lstatSync(realFile).isFile()) return { status: 404 };
  } catch {
    return { status: 404 };
  }
  return { path: realFile, contentType: contentTypeFor(realFile) };
}

/** Headers on every app:// response: the one CSP, no sniffing, no referrer, no embedding. */
export function appResponseHeaders(contentType?: string): Record<string, string> {
  return {
    ...(contentType ? { 'Content-Type': contentType } : {}),
    ...SECURITY_HEADERS,
    'Cache-Control': 'no-cache',
  };
}
