// The package files of a book (container.xml, the OPF, the NCX, the navigation document) read as XML, with a
// fallback for the sloppy ones real books ship: an undeclared 'dc:' prefix or an HTML entity makes strict
// XML fail, so the same text is then read by the HTML parser, which accepts anything. Lookups go by local
// name and ignore prefixes and namespaces, so both parses answer the same questions the same way.
// jsdom runs no scripts and loads no resources by default; DTD entities are never expanded.
/// <reference lib="dom" />
import type { DOMWindow } from 'jsdom';
import { domRuntime } from '../html/runtime';

let parserWindow: DOMWindow | undefined;

/** One jsdom window for every parse: making a window costs ~50 ms, parsing into its DOMParser ~1 ms. */
function window(): DOMWindow {
  parserWindow ??= new (domRuntime().JSDOM)('').window;
  return parserWindow;
}

/** Decodes a package or chapter file: BOM, then the XML declaration's or a meta charset, else UTF-8. */
export function decodeMarkup(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  const declared = /^<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1] ?? /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
  if (declared && !/^utf-?8$/i.test(declared)) {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // an unknown label: UTF-8 below is the format's default
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/** The document element of `markup`, parsed as XML, or as HTML when it is not well-formed. */
export function parseXml(markup: string): Element {
  return parseMarkup(markup).root;
}

/** `markup` parsed as XML when it is well-formed (xml: true), else as HTML. */
export function parseMarkup(markup: string): { root: Element; xml: boolean } {
  const { DOMParser } = window();
  const parser = new DOMParser();
  const xml = parser.parseFromString(markup, 'application/xml');
  if (xml.documentElement && localName(xml.documentElement) !== 'parsererror' && !xml.getElementsByTagName('parsererror').length) {
    return { root: xml.documentElement, xml: true };
  }
  return { root: parser.parseFromString(markup, 'text/html').documentElement, xml: false };
}

/** A document parsed by parseMarkup written back out, in the syntax it was read in. */
export function serialize(root: Element, xml: boolean): string {
  return xml ? new (window().XMLSerializer)().serializeToString(root) : `<!DOCTYPE html>${root.outerHTML}`;
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
