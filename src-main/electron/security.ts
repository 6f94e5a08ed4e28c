// The desktop host's walls. Imported documents are untrusted, and Gloss is offline: the window may
// load the app itself (app://gloss, or the dev server under `electron-vite dev`) and nothing else,
// open nothing, navigate nowhere, and is granted no permission but the list of installed fonts
// (Reading settings). The decisions are policy.ts.
import { app, session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../content-security-policy';
import { decideNavigation, decideWindowOpen, isAllowedRequest, isAppPageUrl, isPermissionGranted } from './policy';

/** The dev server's page needs an inline React-refresh preamble and a websocket for hot reload. */
function devServerPolicy(devOrigin: string): string {
  const ws = devOrigin.replace(/^http/, 'ws');
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    `connect-src 'self' ${ws}`,
  );
}

export interface SecurityOptions {
  /** ELECTRON_RENDERER_URL's origin in `npm run dev`; undefined in a built app */
  devOrigin?: string;
  /** a link the user followed in a document: hand it to the host to confirm and open outside */
  onExternalLink?(url: string): void;
}

/** Call before the first window is created (after app is ready). */
export function installSessionSecurity(opts: SecurityOptions): void {
  const ses = session.defaultSession;
  const devPolicy = opts.devOrigin ? devServerPolicy(opts.devOrigin) : null;

  // Offline by design: remote images or scripts in imported pages are never even requested.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, opts.devOrigin);
    if (!allowed) console.warn(`[gloss] blocked request: ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });

  // app:// responses already carry the policy (app-protocol.ts); the dev server's do not. Replace
  // whatever the app's responses say with the one policy so there is never a second, looser one.
  // Anything else (DevTools' own pages) keeps its headers.
  ses.webRequest.onHeadersReceived((details, callback) => {
    const policy = isAppPageUrl(details.url) ? CONTENT_SECURITY_POLICY : devPolicy && isAppPageUrl(details.url, opts.devOrigin) ? devPolicy : null;
    if (!policy) {
      callback({});
      return;
    }
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      const lower = name.toLowerCase();
      if (lower === 'content-security-policy' || lower === 'x-content-type-options') continue;
      headers[name] = value;
    }
    headers['Content-Security-Policy'] = [policy];
    headers['X-Content-Type-Options'] = ['nosniff'];
    callback({ responseHeaders: headers });
  });

  ses.setPermissionRequestHandler((_webContents, permission, callback, details) =>
    callback(isPermissionGranted({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame }, opts.devOrigin)),
  );
  // A check may carry only the asking frame's origin; the app's origin is its page's too.
  ses.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    isPermissionGranted({ permission, requestingUrl: details.requestingUrl ?? requestingOrigin, isMainFrame: details.isMainFrame }, opts.devOrigin),
  );
}

function lockDown(contents: WebContents, opts: SecurityOptions): void {
  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(contents.getURL(), event.url, opts.devOrigin);
    if (decision === 'allow') return; // a reload of the app itself
    event.preventDefault();
    if (decision === 'external') opts.onExternalLink?.(event.url);
  });
  // Gloss has no frames of its own: a frame inside a document never goes anywhere.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  // A redirect is never a link the user followed: only the app's own page may be redirected to.
  contents.on('will-redirect', (event) => {
    if (decideNavigation(contents.getURL(), event.url, opts.devOrigin) !== 'allow') event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url, opts.devOrigin) === 'external') opts.onExternalLink?.(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Every web contents ever created (windows, devtools, anything) gets the same rules. */
export function installWebContentsSecurity(opts: SecurityOptions): void {
  app.on('web-contents-created', (_event, contents) => lockDown(contents, opts));
}
