// The open document lives in the URL hash, so a reload (or the browser's Back) keeps your place.
import { useEffect, useState } from 'react';

export type Route = { view: 'library' } | { view: 'reader'; documentId: string };

export function parseRoute(hash: string): Route {
  const match = /^#\/?doc\/([A-Za-z0-9_-]+)$/.exec(hash);
  return match?.[1] ? { view: 'reader', documentId: match[1] } : { view: 'library' };
}

export function openDocument(documentId: string): void {
  window.location.hash = `#/doc/${documentId}`;
}

export function openLibrary(): void {
  if (window.location.hash) window.location.hash = '';
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
