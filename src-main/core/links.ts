// Which links may leave Gloss: the web and mail only, never file:, javascript: or a custom scheme.
// Pure, so the renderer, the handlers and the desktop host all use this one rule.

const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

export function isAllowedExternalUrl(url: string): boolean {
  try {
    return EXTERNAL_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return false;
  }
}
