// The desktop host's walls. Imported documents are untrusted, and Gloss is offline: the window may
// load the app itself and nothing else, open nothing, navigate nowhere, and ask for no permission.
import { app, session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../content-security-policy';

/** The dev server's page needs an inline React-refresh preamble and a websocket for hot reload. */
function devPolicy(devOrigin: string): string {
  const ws = devOrigin.replace(/^http/, 'ws');
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    `connect-src 'self' ${ws}`,
  );
}

const LOCAL_PROTOCOLS = new Set(['file:', 'devtools:', 'data:', 'blob:']);

export interface SecurityOptions {
  /** ELECTRON_RENDERER_URL's origin in `npm run dev`; undefined in a built app */
  devOrigin?: string;
  /** a link the user followed in a document: hand it to the host to confirm and open outside */
  onExternalLink?(url: string): void;
}

function isAllowedRequest(url: string, devOrigin: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (LOCAL_PROTOCOLS.has(parsed.protocol)) return true;
  if (!devOrigin) return false;
  const dev = new URL(devOrigin);
  return parsed.host === dev.host && (parsed.protocol === dev.protocol || parsed.protocol === dev.protocol.replace('http', 'ws'));
}

/** Call before the first window is created (after app is ready). */
export function installSessionSecurity(opts: SecurityOptions): void {
  const ses = session.defaultSession;
  const policy = opts.devOrigin ? devPolicy(opts.devOrigin) : CONTENT_SECURITY_POLICY;

  // Offline by design: remote images or scripts in imported pages are never even requested.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, opts.devOrigin);
    if (!allowed) console.warn(`[gloss] blocked request: ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });

  // file:// responses carry no headers to extend, so index.html also has the policy as a <meta>.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [policy],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });

  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

function openOutside(url: string, opts: SecurityOptions): void {
  try {
    const protocol = new URL(url).protocol;
    if (protocol === 'http:' || protocol === 'https:' || protocol === 'mailto:') opts.onExternalLink?.(url);
  } catch {
    // not a URL: nothing to open
  }
}

function lockDown(contents: WebContents, opts: SecurityOptions): void {
  contents.on('will-navigate', (event) => {
    if (event.url === contents.getURL()) return; // a reload of the app itself
    event.preventDefault();
    openOutside(event.url, opts);
  });
  // Gloss has no frames of its own: a frame inside a document never goes anywhere.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (event.url !== contents.getURL()) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url, opts);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Every web contents ever created (windows, devtools, anything) gets the same rules. */
export function installWebContentsSecurity(opts: SecurityOptions): void {
  app.on('web-contents-created', (_event, contents) => lockDown(contents, opts));
}
