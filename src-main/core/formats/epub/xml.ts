// The package files of a book (container.xml, the OPF, the NCX, the navigation document) read as XML, with a
// fallback for the sloppy ones real books ship: an undeclared 'dc:' prefix or an HTML entity makes strict
// XML fail, so the same text is then read by the HTML parser, which accepts anything. Lookups go by local
// name and ignore prefixes and namespaces, so both parses answer the same questions the same way.
// jsdom runs no scripts and loads no resources by default; entities a DTD declares are never expanded
// (internal subsets are taken out before parsing, as the HTML importer does: withoutInternalSubset).
/// <reference lib="dom" />
import { createRequire } from 'node:module';
import type { DOMWindow, JSDOM as JSDOMType, VirtualConsole as VirtualConsoleType } from 'jsdom';
import { GlossError } from '../../errors';
import { decodeBytes } from '../encoding';
import { declaredCharset } from '../html/charset';
import { prepareMarkup, withoutInternalSubset } from '../html/prepare';

let jsdom: { JSDOM: typeof JSDOMType; VirtualConsole: typeof VirtualConsoleType } | undefined;

/** A fresh, inert window. jsdom is required at run time (as the HTML importer does), so a bundled CLI or worker finds its files. */
function newWindow(): DOMWindow {
  jsdom ??= createRequire(import.meta.url)('jsdom') as { JSDOM: typeof JSDOMType; VirtualConsole: typeof VirtualConsoleType };
  return new jsdom.JSDOM('', { virtualConsole: new jsdom.VirtualConsole() }).window;
}

/** Markup parsed into one window before it is replaced: bounds what a long book holds at once. */
const MARKUP_PER_WINDOW = 1024 * 1024;

/**
 * The jsdom windows a book is parsed in. jsdom keeps every document parsed in a window until that window
 * is closed, so one window for the whole process would grow with every book, and a window per file costs
 * its making each time; a window serves about a megabyte of markup and is then closed for a fresh one.
 * Whatever one parse returned must be finished with before the next parse. `close` when the book is done.
 */
export class BookDom {
  private current: DOMWindow | undefined;
  private used = 0;

  /** `markup` parsed as XML (or XHTML) when it is well-formed (xml: true), else as HTML; with the window it lives in. */
  parse(
    markup: string,
    type: 'application/xml' | 'application/xhtml+xml' | 'text/html' = 'application/xml',
  ): { root: Element; xml: boolean; window: DOMWindow } {
    let window = this.current;
    if (!window || this.used > MARKUP_PER_WINDOW) {
      window?.close();
      window = this.current = newWindow();
      this.used = 0;
    }
    this.used += markup.length;
    markup = withoutInternalSubset(markup);
    const parser = new window.DOMParser();
    // Nesting a book never needs (a hostile table of contents thousands of lists deep) costs jsdom minutes
    // or its stack, so it is unwrapped before parsing: in XML every element deepens (flattenXml), in HTML
    // the HTML importer's scan knows which end tags are optional.
    if (type !== 'text/html') {
      const xml = parser.parseFromString(flattenXml(markup), type);
      if (xml.documentElement && localName(xml.documentElement) !== 'parsererror' && !xml.getElementsByTagName('parsererror').length) {
        return { root: xml.documentElement, xml: true, window };
      }
    }
    return { root: parser.parseFromString(prepareMarkup(markup), 'text/html').documentElement, xml: false, window };
  }

  close(): void {
    this.current?.close();
    this.current = undefined;
  }
}

/** Deeper elements than this lose their tags (not their text); a book's files nest a few dozen levels. */
const MAX_NESTING = 120;
const XML_TAG =
  /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<\?[\s\S]*?(?:\?>|$)|<!DOCTYPE(?:[^>[]|\[[^\]]*\])*>|<(\/?)([A-Za-z_][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;

/**
 * XML markup with elements nested deeper than MAX_NESTING unwrapped (start and end tags removed, content
 * kept). Only markup whose tags balance is touched: sloppy markup is going to be read as HTML, where end
 * tags are optional and counting them would unwrap the wrong elements, so it is returned as it is.
 */
export function flattenXml(markup: string): string {
  const stack: { name: string; dropped: boolean }[] = [];
  const cuts: [number, number][] = [];
  let kept = 0;
  XML_TAG.lastIndex = 0;
  for (let match = XML_TAG.exec(markup); match; match = XML_TAG.exec(markup)) {
    const [token, slash, name, attrs] = match;
    if (name === undefined || attrs.trimEnd().endsWith('/')) continue;
    if (!slash) {
      const dropped = kept >= MAX_NESTING;
      stack.push({ name, dropped });
      if (dropped) cuts.push([match.index, match.index + token.length]);
      else kept++;
      continue;
    }
    const open = stack.pop();
    if (open?.name !== name) return markup;
    if (open.dropped) cuts.push([match.index, match.index + token.length]);
    else kept--;
  }
  if (stack.length || !cuts.length) return markup;
  const out: string[] = [];
  let last = 0;
  for (const [from, to] of cuts) {
    out.push(markup.slice(last, from));
    last = to;
  }
  out.push(markup.slice(last));
  return out.join('');
}

/**
 * A package or chapter file's text, decoded the way a standalone page is (the HTML importer's path): a BOM,
 * else what it declares (an XML declaration or a meta charset, with WHATWG label semantics: "iso-8859-1"
 * and "us-ascii" read as windows-1252, as browsers do), trusted when it decodes cleanly, else detection.
 * What the reader should know (invalid bytes, a wrong declaration) is added to `notices`, naming `path`.
 */
export function decodeMarkup(bytes: Uint8Array, path: string, notices?: string[]): string {
  const declared = declaredCharset(bytes);
  try {
    const decoded = decodeBytes(path, bytes, declared ? { declared } : {});
    notices?.push(...decoded.notices);
    return decoded.text;
  } catch (error) {
    if (!(error instanceof GlossError)) throw error;
    // Empty, binary-looking or undecodable as text: one file of a book is not a refusal of the book. Read as
    // UTF-8, XML's default, whatever the parser then makes of it (often nothing).
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** 'dc:title' → 'title', case-folded: the HTML fallback keeps prefixes in names and upper-cases them. */
export function localName(el: Element): string {
  const name = el.localName;
  const colon = name.lastIndexOf(':');
  return (colon >= 0 ? name.slice(colon + 1) : name).toLowerCase();
}

/** Every descendant of `root` with this local name (any prefix, any namespace), in document order. */
export function elements(root: Element | Document, name: string): Element[] {
  return Array.from(root.getElementsByTagName('*')).filter((el) => localName(el) === name);
}

export function firstElement(root: Element | Document, name: string): Element | undefined {
  return elements(root, name)[0];
}

/** The direct children of `el` with this local name. */
export function children(el: Element, name: string): Element[] {
  return Array.from(el.children).filter((c) => localName(c) === name);
}

/** An attribute by local name, with or without a prefix ('role' finds 'opf:role'), case-insensitively. */
export function attr(el: Element, name: string): string | undefined {
  const direct = el.getAttribute(name);
  if (direct !== null) return direct;
  for (const a of Array.from(el.attributes)) {
    const local = a.name.slice(a.name.lastIndexOf(':') + 1).toLowerCase();
    if (local === name.toLowerCase()) return a.value;
  }
  return undefined;
}

/** Text with runs of white space made one space. */
export function textOf(el: Element | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
