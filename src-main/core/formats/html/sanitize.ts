/// <reference lib="dom" />
// Untrusted HTML made inert with DOMPurify before Gloss reads it: nothing that can run (scripts, event
// handlers, javascript: URLs, SVG, embedded documents, forms) and nothing that can load (remote image
// addresses, srcset, styles with url(), <link>, <base>, <meta refresh>) survives. What is left is only
// ever walked for its text; it is never put into a page.
import type { Config, DOMPurify } from 'dompurify';
import type { InlineMark } from '../../model';
import type { BlockDraft } from '../blocks';
import { isLocalImageSource } from './assets';
import { domToBlocks, domToInline, type DomToBlocksOptions } from './dom-blocks';
import { prepareMarkup } from './prepare';
import { domRuntime, emptyDocument, parseDocument } from './runtime';

const FORBID_TAGS = [
  'script', 'style', 'link', 'meta', 'base', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'form', 'button',
  'select', 'option', 'optgroup', 'textarea', 'noscript', 'template', 'audio', 'video', 'source', 'track', 'canvas', 'map', 'area',
  'dialog', 'portal', 'fencedframe', 'svg', 'math',
]; // prettier-ignore

const FORBID_ATTR = [
  'style', 'srcset', 'sizes', 'action', 'formaction', 'poster', 'background', 'ping', 'usemap', 'longdesc', 'lowsrc', 'dynsrc', 'cite',
  'target', 'form', 'manifest', 'xmlns', 'loading', 'decoding', 'fetchpriority', 'crossorigin', 'referrerpolicy', 'integrity',
]; // prettier-ignore

const BASE_CONFIG: Config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS,
  FORBID_ATTR,
  // A control's or a script's words are not the page's text.
  ADD_FORBID_CONTENTS: ['form', 'button', 'select', 'textarea', 'object', 'applet', 'canvas', 'map', 'dialog'],
  ALLOW_DATA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  KEEP_CONTENT: true,
  RETURN_DOM: true,
};

let hooked = false;

/** The shared DOMPurify, with Gloss's rules for addresses added once. */
function purifier(): DOMPurify {
  const { purify } = domRuntime();
  if (hooked) return purify;
  hooked = true;
  purify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    if (typeof el.getAttribute !== 'function') return;
    const name = el.localName?.toLowerCase();
    const src = el.getAttribute('src');
    // Only an image that is a file beside the page or a data: raster image keeps its address.
    if (src !== null && !(name === 'img' && isLocalImageSource(src))) el.removeAttribute('src');
    if (el.hasAttribute('href') && name !== 'a') el.removeAttribute('href');
    if (name === 'input') {
      // A task list's checkbox is the one control worth reading (ticked or not); it keeps only that.
      for (const attr of Array.from(el.attributes)) if (!['type', 'checked'].includes(attr.name)) el.removeAttribute(attr.name);
    }
  });
  return purify;
}

/** Sanitizes a node (of a document parsed here) or markup into a body element of a fresh document. */
export function sanitize(dirty: Node | string): HTMLElement {
  const input = typeof dirty === 'string' ? prepareMarkup(dirty) : dirty;
  const body = purifier().sanitize(input as Node, { ...BASE_CONFIG, RETURN_DOM: true }) as unknown as HTMLElement | null;
  if (body) return body;
  // DOMPurify answers null only when there was nothing to keep.
  return emptyDocument().body;
}

/** Untrusted HTML (a fragment) → sanitized → blocks. For raw HTML inside Markdown. */
export async function htmlToBlocks(html: string, opts?: DomToBlocksOptions): Promise<BlockDraft[]> {
  return domToBlocks(sanitize(html), opts);
}

/** Untrusted inline HTML (<b>, <i>, <a>, <code>, <br>, <sup> …) → text and marks, for inline HTML inside Markdown. */
export async function htmlToInline(html: string): Promise<{ text: string; marks: InlineMark[] }> {
  return domToInline(sanitize(html));
}

/**
 * Parse + sanitize a whole (X)HTML document (EPUB chapters use this): a sanitized DOM root to walk.
 * The root is the document's body, carrying the document's own dir and lang so blocks that differ
 * from them are told apart. XHTML that is not well-formed (real books have such chapters) is read as
 * HTML instead of being refused.
 */
export async function sanitizedDocument(markup: string, contentType: 'text/html' | 'application/xhtml+xml'): Promise<Element> {
  const document = parseTolerantly(markup, contentType);
  const body = document.body ?? document.querySelector('body');
  if (!body) return sanitize('');
  inheritDocumentLanguage(body, document.documentElement);
  return sanitize(body);
}

/** XHTML is read as XML (so <a id="x"/> is the empty element it says); when it is not well-formed, as HTML. */
export function parseTolerantly(markup: string, contentType: 'text/html' | 'application/xhtml+xml'): Document {
  return (contentType === 'application/xhtml+xml' ? parseDocument(markup, contentType) : undefined) ?? parseDocument(markup, 'text/html')!;
}

/** Puts the <html> element's dir and lang on the body (where a sanitized copy keeps them), unless it has its own. */
export function inheritDocumentLanguage(body: Element, html: Element | null): void {
  if (!html) return;
  const lang = html.getAttribute('lang') ?? html.getAttribute('xml:lang');
  if (lang && !body.hasAttribute('lang') && !body.hasAttribute('xml:lang')) body.setAttribute('lang', lang);
  const dir = html.getAttribute('dir');
  if (dir && !body.hasAttribute('dir')) body.setAttribute('dir', dir);
}
