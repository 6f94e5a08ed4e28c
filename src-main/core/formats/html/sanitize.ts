/// <reference lib="dom" />
// Untrusted HTML made inert with DOMPurify before Gloss reads it: nothing that can run (scripts, event
// handlers, javascript: URLs, SVG, embedded documents, forms) and nothing that can load (remote image
// addresses, srcset, styles with url(), <link>, <base>, <meta refresh>) survives. What is left is only
// ever walked for its text; it is never put into a page.
import type { Config, DOMPurify, WindowLike } from 'dompurify';
import type { InlineMark } from '../../model';
import type { BlockDraft } from '../blocks';
import { isLocalImageSource } from './assets';
import { domToBlocks, domToInline, type DomToBlocksOptions } from './dom-blocks';
import { flattenDeepNesting } from './nesting';
import { domRuntime, parseDom, type JSDOM } from './runtime';

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

const purifiers = new WeakMap<object, DOMPurify>();

/** A DOMPurify bound to a window, with Gloss's rules for addresses added once. */
function purifierFor(window: WindowLike): DOMPurify {
  let purify = purifiers.get(window);
  if (purify) return purify;
  purify = domRuntime().createPurify(window);
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
  purifiers.set(window, purify);
  return purify;
}

/** Sanitizes a node of `window`'s document, or markup, into a body element of a fresh document. */
export function sanitizeInto(window: WindowLike, dirty: Node | string): HTMLElement {
  const input = typeof dirty === 'string' ? flattenDeepNesting(dirty) : dirty;
  const body = purifierFor(window).sanitize(input as Node, { ...BASE_CONFIG, RETURN_DOM: true }) as unknown as HTMLElement | null;
  if (body) return body;
  // DOMPurify answers null only when there was nothing to keep.
  return parseDom('<!doctype html><body></body>', 'text/html').window.document.body;
}

let fragmentDom: JSDOM | undefined;
/** One window for fragments (raw HTML inside Markdown): made once, never given anything that can run. */
function fragmentWindow(): WindowLike {
  fragmentDom ??= parseDom('<!doctype html><html><head></head><body></body></html>', 'text/html');
  return fragmentDom.window as unknown as WindowLike;
}

/** Untrusted HTML (a fragment) → sanitized → blocks. For raw HTML inside Markdown. */
export async function htmlToBlocks(html: string, opts?: DomToBlocksOptions): Promise<BlockDraft[]> {
  return domToBlocks(sanitizeInto(fragmentWindow(), html), opts);
}

/** Untrusted inline HTML (<b>, <i>, <a>, <code>, <br>, <sup> …) → text and marks, for inline HTML inside Markdown. */
export async function htmlToInline(html: string): Promise<{ text: string; marks: InlineMark[] }> {
  return domToInline(sanitizeInto(fragmentWindow(), html));
}

/**
 * Parse + sanitize a whole (X)HTML document (EPUB chapters use this): a sanitized DOM root to walk.
 * The root is the document's body, carrying the document's own dir and lang so blocks that differ
 * from them are told apart. XHTML that is not well-formed (real books have such chapters) is read as
 * HTML instead of being refused.
 */
export async function sanitizedDocument(markup: string, contentType: 'text/html' | 'application/xhtml+xml'): Promise<Element> {
  const dom = parseTolerantly(markup, contentType);
  const document = dom.window.document;
  const body = document.body ?? document.querySelector('body');
  if (!body) return sanitizeInto(dom.window as unknown as WindowLike, '');
  inheritDocumentLanguage(body, document.documentElement);
  return sanitizeInto(dom.window as unknown as WindowLike, body);
}

/** jsdom's XML parser throws on a document that is not well-formed; HTML's never does. */
export function parseTolerantly(markup: string, contentType: 'text/html' | 'application/xhtml+xml'): JSDOM {
  if (contentType === 'application/xhtml+xml') {
    try {
      return parseDom(markup, contentType);
    } catch {
      // Read as HTML below.
    }
  }
  return parseDom(markup, 'text/html');
}

/** Puts the <html> element's dir and lang on the body (where a sanitized copy keeps them), unless it has its own. */
export function inheritDocumentLanguage(body: Element, html: Element | null): void {
  if (!html) return;
  const lang = html.getAttribute('lang') ?? html.getAttribute('xml:lang');
  if (lang && !body.hasAttribute('lang') && !body.hasAttribute('xml:lang')) body.setAttribute('lang', lang);
  const dir = html.getAttribute('dir');
  if (dir && !body.hasAttribute('dir')) body.setAttribute('dir', dir);
}
