// The open document lives in the URL hash, so a reload (or the browser's Back) keeps your place.
import { useMemo, useSyncExternalStore } from 'react';

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

// A view opened from the app is shown in the same task as the click (the hashchange event comes a task
// later, after the page has painted once more); the browser's Back and Forward arrive as hashchange.
const listeners = new Set<() => void>();

function go(hash: string): void {
  window.location.hash = hash;
  for (const listener of [...listeners]) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('hashchange', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('hashchange', listener);
  };
}

export function openDocument(documentId: string, find?: string): void {
  go(`#/doc/${documentId}${find?.trim() ? `?find=${encodeURIComponent(find.trim())}` : ''}`);
}

export function openTrash(): void {
  go('#/trash');
}

export function openLibrary(): void {
  // '#/', not '': an empty fragment scrolls the page to its top at once, before the reader has kept
  // the place it is leaving.
  if (parseRoute(window.location.hash).view !== 'library') go('#/');
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return useMemo(() => parseRoute(hash), [hash]);
}
