// Hrefs inside a book are URLs relative to the file that holds them (percent-encoded, maybe with a
// fragment); the archive knows plain paths. Resolution happens on a made-up origin so '../' can never
// climb out of the book, and anything with a scheme of its own is "outside the book".

const BOOK = 'http://book.invalid/';

export type Target = { inBook: true; path: string; fragment?: string } | { inBook: false; href: string };

/** Where `href`, found in the file at `from`, points: a path (and fragment) in the book, or somewhere else. */
export function resolveHref(from: string, href: string): Target | undefined {
  const trimmed = href.trim();
  if (trimmed === '') return undefined;
  let url: URL;
  try {
    url = new URL(trimmed, BOOK + encodePath(from));
  } catch {
    return undefined;
  }
  if (url.origin !== new URL(BOOK).origin) return { inBook: false, href: trimmed };
  const path = safeDecode(url.pathname.slice(1));
  const fragment = url.hash.length > 1 ? safeDecode(url.hash.slice(1)) : undefined;
  return fragment === undefined ? { inBook: true, path } : { inBook: true, path, fragment };
}

function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
