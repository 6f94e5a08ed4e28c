// The desktop host's security decisions as plain functions (nothing from 'electron' at runtime, so
// unit tests run them): which requests may leave the page, where the window may navigate, who
// may call the handlers, and which permission the page is granted. security.ts and main.ts apply them.
import type { CoreEvent } from '../core/library';
import { isAllowedExternalUrl } from '../core/links';
import { isAppOriginUrl } from './protocol';

function parse(url: string): URL | null {
  if (typeof url !== 'string') return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The dev server's origin, normalized (undefined when not a usable http(s) origin). */
function devOriginOf(devOrigin: string | undefined): URL | null {
  if (!devOrigin) return null;
  const dev = parse(devOrigin);
  return dev && (dev.protocol === 'http:' || dev.protocol === 'https:') ? dev : null;
}

function isDevOriginUrl(url: URL, devOrigin: string | undefined): boolean {
  const dev = devOriginOf(devOrigin);
  return dev !== null && url.origin === dev.origin && url.username === '' && url.password === '';
}

/** The page the window shows: app://gloss in a built app, the dev server's origin under `electron-vite dev`. */
export function isAppPageUrl(url: string, devOrigin?: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  return devOrigin ? isDevOriginUrl(parsed, devOrigin) : isAppOriginUrl(parsed);
}

const LOCAL_PROTOCOLS = new Set(['devtools:', 'data:', 'blob:']);

/**
 * Whether a request from any page may proceed. Gloss is offline: its own app://gloss files,
 * DevTools, data: and blob: (in-memory, made by the page itself), and in dev the dev server over
 * http(s) and its hot-reload websocket. Everything else (file:, other hosts, other schemes) is refused.
 */
export function isAllowedRequest(url: string, devOrigin: string | undefined): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (parsed.protocol === 'app:') return isAppOriginUrl(parsed);
  if (LOCAL_PROTOCOLS.has(parsed.protocol)) return true;
  const dev = devOriginOf(devOrigin);
  if (!dev || parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.host !== dev.host) return false;
  const ws = dev.protocol === 'https:' ? 'wss:' : 'ws:';
  return parsed.protocol === dev.protocol || parsed.protocol === ws;
}

export type NavigationDecision = 'allow' | 'external' | 'deny';

function withoutFragment(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = '';
  return copy.href;
}

/**
 * Where the window may go. 'allow' only for the app reloading itself (same page, the fragment may
 * differ: Gloss routes by #hash); 'external' for an http(s)/mailto link, which goes to the host's
 * confirm-then-open path and never into the window; anything else (javascript:, file:, data:,
 * another page of the app, unparseable) is denied.
 */
export function decideNavigation(currentUrl: string, targetUrl: string, devOrigin?: string): NavigationDecision {
  const target = parse(targetUrl);
  if (!target) return 'deny';
  const isOwn = devOrigin ? isDevOriginUrl(target, devOrigin) || isAppOriginUrl(target) : isAppOriginUrl(target);
  if (isOwn) {
    const current = parse(currentUrl);
    const samePage = current !== null && isAppPageUrl(current.href, devOrigin) && withoutFragment(current) === withoutFragment(target);
    return samePage ? 'allow' : 'deny';
  }
  return isAllowedExternalUrl(target.href) ? 'external' : 'deny';
}

/** window.open / target=_blank: never a new Gloss window; an http(s)/mailto link goes outside. */
export function decideWindowOpen(targetUrl: string, devOrigin?: string): 'external' | 'deny' {
  return decideNavigation('', targetUrl, devOrigin) === 'external' ? 'external' : 'deny';
}

export interface SenderFacts {
  /** the IPC came from the main window's web contents (not DevTools, not another window) */
  senderIsMainWindow: boolean;
  /** from that window's top frame, not a subframe */
  frameIsTopFrame: boolean;
  /** the sending frame's current URL */
  frameUrl: string;
}

/** Only our own page, in our own window's top frame, may call the handlers. */
export function isTrustedSender(facts: SenderFacts, devOrigin: string | undefined): boolean {
  return facts.senderIsMainWindow === true && facts.frameIsTopFrame === true && isAppPageUrl(facts.frameUrl, devOrigin);
}

/** The permissions Gloss ever grants: the installed fonts' names, for Reading settings' font list. */
export const GRANTED_PERMISSIONS: readonly string[] = ['local-fonts'];

export interface PermissionAsk {
  /** Electron's permission name ('local-fonts', 'media', 'geolocation', …) */
  permission: string;
  /** the URL of the frame asking (a permission check may only know its origin) */
  requestingUrl: string;
  isMainFrame: boolean;
}

/**
 * Whether a permission request or check is granted: only a permission in GRANTED_PERMISSIONS, and
 * only to the app's own page in its top frame (never a frame inside a document, another origin,
 * DevTools). Everything else (camera, notifications, clipboard, …) is refused.
 */
export function isPermissionGranted(ask: PermissionAsk, devOrigin: string | undefined): boolean {
  return GRANTED_PERMISSIONS.includes(ask.permission) && ask.isMainFrame === true && isAppPageUrl(ask.requestingUrl, devOrigin);
}

/**
 * The taskbar/dock progress bar for a job event: the share of files done while a job runs (Electron
 * shows a value above 1 as "busy" while the total is not yet known), and none once it has finished.
 */
export function progressBarValue(event: CoreEvent): number {
  if (event.name === 'job:finished') return -1;
  const { filesDone, filesTotal } = event.payload;
  return filesTotal > 0 ? filesDone / filesTotal : 2;
}
