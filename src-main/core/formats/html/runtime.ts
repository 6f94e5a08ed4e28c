/// <reference lib="dom" />
// The DOM libraries, loaded on first use (other formats never pay for jsdom's second of start-up) and
// required from node_modules at run time, like markdown-it, so a bundled CLI or worker keeps working.
import { createRequire } from 'node:module';
import type { Readability as ReadabilityType } from '@mozilla/readability';
import type { DOMPurify, WindowLike } from 'dompurify';
import type { JSDOM as JSDOMType, VirtualConsole as VirtualConsoleType } from 'jsdom';
import { mathToText } from './math';
import { prepareMarkup, withoutInternalSubset } from './prepare';

interface Runtime {
  window: Window & typeof globalThis;
  purify: DOMPurify;
  Readability: typeof ReadabilityType;
}

let runtime: Runtime | undefined;

/**
 * One jsdom window for every page, made once: creating a window costs more than parsing an article,
 * and pages are parsed into documents of their own with its DOMParser, which makes inert documents
 * (nothing runs in them, nothing loads). jsdom's defaults (no runScripts, no resources) are relied on
 * and never changed; the URL stays about:blank, so no relative address resolves to a real place; a
 * console of its own keeps pages' broken CSS off Gloss's.
 */
export function domRuntime(): Runtime {
  if (!runtime) {
    const require = createRequire(import.meta.url);
    const { JSDOM, VirtualConsole } = require('jsdom') as { JSDOM: typeof JSDOMType; VirtualConsole: typeof VirtualConsoleType };
    const createPurify = require('dompurify') as (window: WindowLike) => DOMPurify;
    const { Readability } = require('@mozilla/readability') as { Readability: typeof ReadabilityType };
    const window = new JSDOM('<!doctype html><html><head></head><body></body></html>', { virtualConsole: new VirtualConsole() })
      .window as unknown as Window & typeof globalThis;
    runtime = { window, purify: createPurify(window as unknown as WindowLike), Readability };
  }
  return runtime;
}

/**
 * Markup parsed into an inert document, its DOCTYPE's internal subset taken out and nesting beyond
 * what a page needs flattened first (see prepare.ts), its formulas made text (math.ts). XHTML that is not well-formed gives undefined (the XML parser's answer is an error
 * document, not the page).
 */
export function parseDocument(markup: string, contentType: 'text/html' | 'application/xhtml+xml'): Document | undefined {
  const { window } = domRuntime();
  const xml = contentType !== 'text/html';
  const document = new window.DOMParser().parseFromString(prepareMarkup(withoutInternalSubset(markup), { xml }), contentType);
  if (xml && document.getElementsByTagNameNS('*', 'parsererror').length > 0) return undefined;
  if (xml) cdataToText(document);
  mathToText(document);
  return document;
}

/**
 * XHTML's CDATA sections made the text nodes they stand for. An HTML document cannot hold one, so
 * moving a page read as XML into one (as Gloss and DOMPurify both do) would fail on the first of them;
 * their content is text to a reader anyway, line breaks and all.
 */
function cdataToText(document: Document): void {
  const walker = document.createTreeWalker(document, 0x8 /* NodeFilter.SHOW_CDATA_SECTION */);
  const sections: CharacterData[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) sections.push(node as CharacterData);
  for (const section of sections) section.replaceWith(document.createTextNode(section.data));
}

/** An empty HTML document of the shared window. */
export function emptyDocument(): Document {
  return domRuntime().window.document.implementation.createHTMLDocument('');
}
