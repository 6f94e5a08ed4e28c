// In-document links ('#id'). Block anchors come from the imported file, so they are prefixed before
// they become element ids: a hostile document cannot take an id the app itself uses (or "root").
import { flashRange } from './paint';

const PREFIX = 'g-';

export function anchorId(anchor: string): string {
  return PREFIX + anchor;
}

/** Whether an href points inside the document itself. */
export function isInDocumentHref(href: string): boolean {
  return href.length > 1 && href.startsWith('#');
}

/** The block an '#id' href names, inside this document's body only; null when it has no such place. */
export function findAnchorTarget(body: Element, href: string): HTMLElement | null {
  const fragment = href.slice(1);
  const names = [fragment];
  try {
    const decoded = decodeURIComponent(fragment);
    if (decoded !== fragment) names.push(decoded);
  } catch {
    // a malformed escape: only the raw form can match
  }
  for (const name of names) {
    const el = body.ownerDocument.getElementById(anchorId(name));
    if (el && body.contains(el)) return el;
  }
  return null;
}

/**
 * Scroll to an in-document target and move focus there, so keyboard and screen-reader users continue
 * reading from it (Tab goes on from the target, not from the link). The route lives in the URL hash,
 * so the hash itself is never touched. A target that is not shown (the title's repeat, hidden under the
 * title) gives way to the title.
 */
export function jumpTo(target: HTMLElement): void {
  let el = target;
  if (el.hidden || el.getClientRects().length === 0) {
    const title = el.closest('article')?.querySelector<HTMLElement>('h1');
    if (!title) return;
    el = title;
  }
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.focus({ preventScroll: true });
  const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  el.scrollIntoView({ block: 'start', behavior: reduced ? 'auto' : 'smooth' });
  const range = el.ownerDocument.createRange();
  range.selectNodeContents(el);
  flashRange(range);
}
