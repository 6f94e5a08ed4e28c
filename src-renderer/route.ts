// The open document lives in the URL hash, so a reload (or the browser's Back) keeps your place.
import { useEffect, useState } from 'react';

/** `find`: the search that led to the document; the reader shows its first match. */
export type Route = { view: 'library' } | { view: 'trash' } | { view: 'reader'; documentId: string; find?: string };

export function parseRoute(hash: string): Route {
  if (/^#\/?trash$/.test(hash)) return { view: 'trash' };
  const match = /^#\/?doc\/([A-Za-z0-9_-]+)(?:\?find=(.*))?$/.exec(hash);
  if (!match?.[1]) return { view: 'library' };
  let find: string | undefined;
  try {
    find = match[2] ? decodeURIComponent(match[2]) : undefined;
  } catch {
    find = undefined; // a mangled link still opens the document
  }
  return { view: 'reader', documentId: match[1], find };
}

export function openDocument(documentId: string, find?: string): void {
  window.location.hash = `#/doc/${documentId}${find?.trim() ? `?find=${encodeURIComponent(find.trim())}` : ''}`;
}

export function openTrash(): void {
  window.location.hash = '#/trash';
}

export function openLibrary(): void {
  // '#/', not '': an empty fragment scrolls the page to its top at once, before the reader has kept
  // the place it is leaving.
  if (parseRoute(window.location.hash).view !== 'library') window.location.hash = '#/';
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
