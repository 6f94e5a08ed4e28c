// The one Content-Security-Policy both hosts send with the UI as a response header: the desktop
// window's app://gloss responses (electron/app-protocol.ts) and browser mode's pages over
// http://127.0.0.1 (web/server.ts). 'self' is the app's own origin in each (app://gloss, or the
// loopback origin), so the policy reads the same for both: the app's own scripts and styles only,
// no network beyond the app itself, no plugins, frames, workers or form posts. Imported documents
// are untrusted; this is the wall behind the reader's own care. index.html carries no <meta> copy:
// every host sends the header, and a meta policy would also bind `electron-vite dev`, whose inline
// React-refresh preamble the desktop dev policy (electron/security.ts) has to allow.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-src 'none'",
  "worker-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Headers both hosts send with every page and file of the UI: the policy, no sniffing, no referrer, no embedding. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
