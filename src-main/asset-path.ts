// Where a document's stored images are served, the same for both hosts: "assets/<documentId>/<name>"
// under the app's own origin (app://gloss/assets/… on the desktop, /api/assets/… in browser mode).
// Pure, so both hosts and their tests share the one rule.

const ID = /^[A-Za-z0-9_-]{6,64}$/;
/** Asset names are the importers' own ("img-3.png", "OEBPS-images-cover.jpg"): plain names, never paths. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/** The document and asset a path (after the host's prefix) names, or undefined when it is not one. */
export function parseAssetPath(path: string): { documentId: string; name: string } | undefined {
  const parts = path.split('/');
  if (parts.length !== 2) return undefined;
  let documentId: string;
  let name: string;
  try {
    documentId = decodeURIComponent(parts[0]!);
    name = decodeURIComponent(parts[1]!);
  } catch {
    return undefined;
  }
  if (!ID.test(documentId) || !NAME.test(name) || name.includes('..')) return undefined;
  return { documentId, name };
}

/** Headers of an image response: its checked type, never sniffed, never a document that could run. */
export function assetHeaders(type: string, length: number): Record<string, string> {
  return {
    'Content-Type': type,
    'Content-Length': String(length),
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, max-age=3600',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
