// The open document lives in the URL hash, so a reload (or the browser's Back) keeps your place.
import { useMemo, useSyncExternalStore } from 'react';

/**
 * `find`: the search that led to the document; the reader shows its first match. `highlight`: a
 * highlight the reader opens at and selects (from the notebook or a search result).
 */
export type Route =
  { view: 'library' } | { view: 'trash' } | { view: 'notebook' } | { view: 'reader'; documentId: string; find?: string; highlight?: string };

const ID = /^[A-Za-z0-9_-]+$/;

export function parseRoute(hash: string): Route {
  if (/^#\/?trash$/.test(hash)) return { view: 'trash' };
  if (/^#\/?notebook$/.test(hash)) return { view: 'notebook' };
  const match = /^#\/?doc\/([A-Za-z0-9_-]+)(?:\?(.*))?$/.exec(hash);
  if (!match?.[1]) return { view: 'library' };
  let find: string | undefined;
  let highlight: string | undefined;
  for (const part of (match[2] ?? '').split('&')) {
    const [key, value = ''] = part.split('=', 2) as [string, string?];
    try {
      if (key === 'find' && value) find = decodeURIComponent(value);
    } catch {
      // a mangled link still opens the document
    }
    if (key === 'highlight' && ID.test(value)) highlight = value;
  }
  return { view: 'reader', documentId: match[1], ...(find !== undefined ? { find } : {}), ...(highlight ? { highlight } : {}) };
}

// A view opened from the app is shown in the same task as the click (the hashchange event comes a task
// later, after the page has painted once more); the browser's Back and Forward arrive as hashchange.
const listeners = new Set<() => void>();

/** The list the reader was opened from, which its Back button returns to (per window, like the history). */
const LIST_KEY = 'gloss.list';
export type ListView = 'library' | 'notebook';

export function listView(): ListView {
  return sessionStorage.getItem(LIST_KEY) === 'notebook' ? 'notebook' : 'library';
}

function go(hash: string): void {
  const from = parseRoute(window.location.hash).view;
  if (from === 'library' || from === 'notebook') sessionStorage.setItem(LIST_KEY, from);
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

/** The reader at a highlight, selected (the notebook's rows, search results). */
export function openHighlight(documentId: string, highlightId: string): void {
  go(`#/doc/${documentId}?highlight=${highlightId}`);
}

export function openNotebook(): void {
  go('#/notebook');
}

/** Back to the list the reader was opened from. */
export function openList(): void {
  if (listView() === 'notebook') openNotebook();
  else openLibrary();
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
