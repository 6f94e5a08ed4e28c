/// <reference lib="dom" />
// What HTML's elements mean to Gloss's reading model: which never hold readable text, which start a
// block, which are inline formatting; read from names and attributes only, so any DOM will do.
import type { InlineMark } from '../../model';

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const CDATA_SECTION_NODE = 4;

/** Deeper than this, a hostile page's nesting is read as plain text rather than walked (no stack overflow). */
export const MAX_DEPTH = 300;

/** Never text a reader should see: code, styling, controls, embedded documents. */
export const SKIP = new Set([
  'head', 'title', 'meta', 'link', 'base', 'script', 'style', 'template', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed',
  'applet', 'svg', 'math', 'canvas', 'video', 'audio', 'source', 'track', 'map', 'area', 'button', 'select', 'option', 'optgroup',
  'textarea', 'datalist', 'output', 'progress', 'meter', 'dialog', 'param', 'rp',
]); // prettier-ignore

/** Elements that start a new block; everything else (known or not) flows inline, as in a browser. */
export const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dir', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li',
  'listing', 'main', 'menu', 'nav', 'ol', 'p', 'plaintext', 'pre', 'search', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot',
  'th', 'thead', 'tr', 'ul', 'xmp',
]); // prettier-ignore

export const MARK_OF: Record<string, InlineMark['kind']> = {
  em: 'em', i: 'em', cite: 'em', dfn: 'em', var: 'em',
  strong: 'strong', b: 'strong',
  code: 'code', kbd: 'code', samp: 'code', tt: 'code',
  s: 'strike', del: 'strike', strike: 'strike',
}; // prettier-ignore

export const HEADING_LEVEL: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

export const nameOf = (el: Element) => el.localName.toLowerCase();

/** The document-wide direction and language of an element: its own or its nearest ancestor's. */
export function inherited(el: Element): { dir?: 'ltr' | 'rtl'; lang?: string } {
  const out: { dir?: 'ltr' | 'rtl'; lang?: string } = {};
  for (let node: Element | null = el; node && (out.dir === undefined || out.lang === undefined); node = node.parentElement) {
    out.dir ??= dirOf(node);
    out.lang ??= langOf(node);
  }
  return out;
}

export function dirOf(el: Element): 'ltr' | 'rtl' | undefined {
  const dir = el.getAttribute('dir')?.trim().toLowerCase();
  return dir === 'rtl' || dir === 'ltr' ? dir : undefined;
}

export function langOf(el: Element): string | undefined {
  const lang = (el.getAttribute('lang') ?? el.getAttribute('xml:lang'))?.trim();
  return lang && /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/.test(lang) ? lang : undefined;
}

export function hidden(el: Element, name: string): boolean {
  return SKIP.has(name) || el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true';
}

export function integer(value: string | null): number | undefined {
  if (value === null || !/^\s*[+-]?\d{1,9}\s*$/.test(value)) return undefined;
  return Number.parseInt(value, 10);
}

/** A tracking pixel or spacer: nothing to show, even as a placeholder. */
export function isPixel(img: Element): boolean {
  const small = (attr: string) => {
    const n = integer(img.getAttribute(attr));
    return n !== undefined && n <= 2;
  };
  return small('width') || small('height');
}
