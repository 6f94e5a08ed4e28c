/// <reference lib="dom" />
// Small pieces of page furniture that Readability lets through because they sit inside the article:
// share bars, newsletter boxes, cookie banners, ad slots, a wiki's [edit] links. Named by the words of
// their class or id (split at - and _, so "share-bar" is one and "shareholder" is not), and only
// when small: a big element with such a word (a WordPress article classed "tag-social") is content.

const CLUTTER_WORDS = new Set([
  'ad', 'ads', 'adslot', 'advert', 'adverts', 'advertisement', 'advertising', 'sponsored', 'sponsor', 'promo', 'outbrain', 'taboola',
  'share', 'sharing', 'sharebar', 'social', 'newsletter', 'signup', 'subscribe', 'subscription', 'paywall', 'cookie', 'cookies',
  'consent', 'gdpr', 'popup', 'modal', 'editsection', 'noprint', 'breadcrumb', 'breadcrumbs', 'ticker', 'skiplink',
]); // prettier-ignore

/** Larger than this (visible characters), an element is content whatever it is called. */
const MAX_CLUTTER_TEXT = 600;

export function isClutter(el: Element): boolean {
  const name = el.localName.toLowerCase();
  if (name === 'html' || name === 'body' || name === 'main' || name === 'article') return false;
  const role = el.getAttribute('role');
  const named = role === 'dialog' || role === 'alertdialog' || words(el).some((w) => CLUTTER_WORDS.has(w));
  if (!named) return false;
  return (el.textContent ?? '').replace(/\s+/g, '').length <= MAX_CLUTTER_TEXT && !el.querySelector('h1');
}

function words(el: Element): string[] {
  return `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`
    .toLowerCase()
    .split(/[\s_-]+/)
    .filter(Boolean);
}

/** Takes the page's clutter out of a document (a copy: the original keeps it for the metadata). */
export function removeClutter(document: Document): void {
  const body = document.body;
  if (!body) return;
  // A static list: jsdom's live collections are re-walked as elements are removed.
  for (const el of Array.from(body.querySelectorAll('[class], [id], [role]'))) {
    // An ancestor already removed takes its descendants with it.
    if (el.isConnected && isClutter(el)) el.remove();
  }
}

/**
 * Readability drops every <input>, so a task list's checkboxes are noted on their items before it
 * runs and put back after (as the one input the sanitizer lets through).
 */
export function noteTaskItems(document: Document): void {
  for (const box of Array.from(document.getElementsByTagName('input'))) {
    if (box.getAttribute('type')?.toLowerCase() !== 'checkbox') continue;
    const item = box.closest('li');
    if (!item) continue;
    item.classList.add(box.hasAttribute('checked') ? 'gloss-task-done' : 'gloss-task-open');
  }
}

export function restoreTaskItems(root: Element): void {
  for (const item of Array.from(root.querySelectorAll('li.gloss-task-done, li.gloss-task-open'))) {
    const done = item.classList.contains('gloss-task-done');
    item.classList.remove('gloss-task-done', 'gloss-task-open');
    if (item.querySelector('input[type="checkbox" i]')) continue;
    const box = item.ownerDocument.createElement('input');
    box.setAttribute('type', 'checkbox');
    if (done) box.setAttribute('checked', '');
    item.insertBefore(box, item.firstChild);
  }
}
