/// <reference lib="dom" />
// The DOM libraries, loaded on first use (other formats never pay for jsdom's second of start-up) and
// required from node_modules at run time, like markdown-it, so a bundled CLI or worker keeps working.
import { createRequire } from 'node:module';
import type { Readability as ReadabilityType } from '@mozilla/readability';
import type { DOMPurify, WindowLike } from 'dompurify';
import { flattenDeepNesting } from './nesting';
import type { JSDOM as JSDOMType, VirtualConsole as VirtualConsoleType } from 'jsdom';

export type JSDOM = JSDOMType;

interface Runtime {
  JSDOM: typeof JSDOMType;
  VirtualConsole: typeof VirtualConsoleType;
  createPurify: (window: WindowLike) => DOMPurify;
  Readability: typeof ReadabilityType;
}

let runtime: Runtime | undefined;

export function domRuntime(): Runtime {
  if (!runtime) {
    const require = createRequire(import.meta.url);
    const { JSDOM, VirtualConsole } = require('jsdom') as { JSDOM: typeof JSDOMType; VirtualConsole: typeof VirtualConsoleType };
    const createPurify = require('dompurify') as (window: WindowLike) => DOMPurify;
    const { Readability } = require('@mozilla/readability') as { Readability: typeof ReadabilityType };
    runtime = { JSDOM, VirtualConsole, createPurify, Readability };
  }
  return runtime;
}

/**
 * A page parsed with nothing able to run or load: jsdom's defaults (no runScripts, no resources) are
 * relied on and never changed, and the URL stays about:blank so no relative address can be resolved
 * to a real place. Nesting beyond what a page needs is flattened first (see nesting.ts). A console of its own keeps a page's broken CSS from being reported on Gloss's.
 */
export function parseDom(markup: string, contentType: 'text/html' | 'application/xhtml+xml'): JSDOMType {
  const { JSDOM, VirtualConsole } = domRuntime();
  return new JSDOM(flattenDeepNesting(markup, { xml: contentType !== 'text/html' }), { contentType, virtualConsole: new VirtualConsole() });
}
