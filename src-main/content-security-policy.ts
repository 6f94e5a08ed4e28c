// The one Content-Security-Policy both hosts send with the UI (the desktop window's responses and
// browser mode's pages): the app's own scripts and styles only, no network beyond the app itself,
// no plugins, frames or form posts. Imported documents are untrusted; this is the wall behind
// the reader's own care.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
