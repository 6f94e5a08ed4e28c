// The reader bench's instrument inside the page. It knows nothing of Gloss's components: it watches
// the DOM (is this text painted inside the viewport?), the CSS Custom Highlight registry, clicks,
// animation frames (requestAnimationFrame) and Long Animation Frames, so it keeps measuring when the
// reader changes how it renders (a whole document, or only the slices near the viewport).
//
// The script is a string: this folder is type-checked without the DOM, and tsx would wrap functions
// passed to page.evaluate in helpers the page does not have.
import type { BrowserContext, Page } from '@playwright/test';

const PAGE_SCRIPT = String.raw`(() => {
  if (window.__bench) return;
  const frames = [];
  const loaf = [];
  const watches = new Map();
  let generation = 0;
  // Text in these is chrome around the document (panels, lists of highlights, a table of contents,
  // toolbars, buttons), never the document's own text being shown.
  const EXCLUDED = 'aside, nav, [role="navigation"], [role="complementary"], [role="dialog"], [role="toolbar"], button, [aria-hidden="true"]';
  const loafSupported = typeof PerformanceObserver !== 'undefined' && (PerformanceObserver.supportedEntryTypes || []).includes('long-animation-frame');
  let observer = null;
  const takeLoaf = (entries) => { for (const e of entries) loaf.push({ start: e.startTime, duration: e.duration }); };
  if (loafSupported) {
    observer = new PerformanceObserver((list) => takeLoaf(list.getEntries()));
    observer.observe({ type: 'long-animation-frame', buffered: true });
  }
  new MutationObserver(() => { generation++; }).observe(document, { childList: true, subtree: true, characterData: true });
  // The first click after a watch is armed starts its clock (the event's own time: when the input came in).
  addEventListener('click', (e) => {
    const at = Math.min(e.timeStamp, performance.now());
    for (const w of watches.values()) if (w.clickAt === undefined) w.clickAt = at;
  }, true);

  /** Calls back once this frame's rendering is done: rAF runs just before style, layout and paint; a posted message runs after them. */
  const afterPaint = (cb) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => { ch.port1.close(); cb(performance.now()); };
    ch.port2.postMessage(null);
  };

  // Text nodes holding a probe, outside the excluded chrome. Searched again only when none found
  // earlier is still in the page and the page has changed since (a reader that renders slices replaces them).
  const cache = new Map();
  const candidates = (probe) => {
    const c = cache.get(probe);
    if (c) {
      const live = c.nodes.filter((n) => n.isConnected);
      if (live.length > 0 || c.generation === generation) return live;
    }
    const found = document.evaluate('//body//text()[contains(., "' + probe + '")]', document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
    const nodes = [];
    for (let i = 0; i < found.snapshotLength; i++) {
      const n = found.snapshotItem(i);
      if (n.parentElement && !n.parentElement.closest(EXCLUDED)) nodes.push(n);
    }
    cache.set(probe, { generation, nodes });
    return nodes;
  };
  const rangeOf = (node, probe) => {
    const i = node.data.indexOf(probe);
    if (i < 0) return null;
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + probe.length);
    return range;
  };
  /** The probe's text has a box inside the viewport that is not clipped away (by a scroller, a hidden parent). */
  const visible = (probe) => {
    for (const node of candidates(probe)) {
      const range = rangeOf(node, probe);
      if (!range) continue;
      for (const r of range.getClientRects()) {
        const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, innerHeight);
        const left = Math.max(r.left, 0), right = Math.min(r.right, innerWidth);
        if (bottom - top < 1 || right - left < 1) continue;
        if (document.elementsFromPoint((left + right) / 2, (top + bottom) / 2).includes(node.parentElement)) return true;
      }
    }
    return false;
  };
  /** Why a probe is not seen: where its text is, if anywhere. */
  const where = (probe) => {
    const nodes = candidates(probe);
    if (nodes.length === 0) return 'not in the page';
    const rects = nodes.map((n) => { const r = rangeOf(n, probe); const b = r && r.getBoundingClientRect(); return b ? 'top ' + Math.round(b.top) + ' px, height ' + Math.round(b.height) : '?'; });
    return 'in the page at ' + rects.join('; ') + ' (viewport ' + innerWidth + 'x' + innerHeight + ', scrolled to ' + Math.round(scrollY) + ')';
  };
  const painted = (name, text) => {
    const h = typeof CSS !== 'undefined' && CSS.highlights ? CSS.highlights.get(name) : undefined;
    if (!h) return false;
    for (const r of h) {
      const range = r instanceof Range ? r : (() => { const x = document.createRange(); x.setStart(r.startContainer, r.startOffset); x.setEnd(r.endContainer, r.endOffset); return x; })();
      if (range.toString().includes(text)) return true;
    }
    return false;
  };

  const tick = (t) => {
    frames.push(t);
    if (frames.length > 100000) frames.splice(0, 50000);
    for (const w of watches.values()) {
      if (w.clickAt === undefined || w.error) continue;
      try {
        for (const [label, test] of w.tests) {
          if (label in w.seen || !test()) continue;
          w.seen[label] = null;
          afterPaint((at) => { w.seen[label] = at; w.notify(); });
        }
      } catch (error) {
        w.error = error;
        w.notify();
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);

  const arm = (key, kind, tests) => watches.set(key, { kind, clickAt: undefined, tests, seen: {}, error: null, notify: () => {} });

  window.__bench = {
    loafSupported,
    now: () => performance.now(),
    /** Watch for each probe's text to be painted in the viewport, from the next click on. */
    armText: (key, probes) => arm(key, 'text', probes.map((p) => [p, () => visible(p)])),
    /** Watch for a CSS highlight named 'name' to hold a range covering 'text', from the next click on. */
    armPaint: (key, name, text) => arm(key, 'paint', [[name, () => painted(name, text)]]),
    /** When every label in 'until' has been painted: the click's time and each label's paint time. */
    result: (key, until, timeoutMs) => new Promise((resolve, reject) => {
      const w = watches.get(key);
      if (!w) return reject(new Error('no watch named ' + key));
      const timer = setTimeout(() => {
        watches.delete(key);
        const missing = until.filter((u) => typeof w.seen[u] !== 'number');
        const described = missing.map((m) => JSON.stringify(m) + (w.tests.some(([label]) => label === m && w.kind === 'text') ? ' (' + where(m) + ')' : ''));
        reject(new Error((w.clickAt === undefined ? 'no click arrived; ' : '') + 'not painted within ' + timeoutMs + ' ms: ' + described.join(', ')));
      }, timeoutMs);
      w.notify = () => {
        if (!w.error && !until.every((u) => typeof w.seen[u] === 'number')) return;
        clearTimeout(timer);
        watches.delete(key);
        if (w.error) reject(w.error);
        else resolve({ clickAt: w.clickAt, seen: w.seen });
      };
      w.notify();
    }),
    /** Resolves once 'quiet' frames in a row came less than 50 ms apart: the page has stopped working. */
    settle: (quiet, timeoutMs) => new Promise((resolve, reject) => {
      const start = performance.now();
      let last = null, run = 0;
      const f = (t) => {
        run = last !== null && t - last < 50 ? run + 1 : 0;
        last = t;
        if (run >= quiet) return resolve(performance.now());
        if (performance.now() - start > timeoutMs) return reject(new Error('the page was still busy after ' + timeoutMs + ' ms'));
        requestAnimationFrame(f);
      };
      requestAnimationFrame(f);
    }),
    /** The longest Long Animation Frame overlapping [t0, t1] (null: none over 50 ms) and the longest interval between frames. */
    longest: (t0, t1) => {
      if (observer) takeLoaf(observer.takeRecords());
      let longestLoaf = null;
      for (const e of loaf) if (e.start < t1 && e.start + e.duration > t0) longestLoaf = Math.max(longestLoaf ?? 0, e.duration);
      let raf = 0;
      for (let i = 1; i < frames.length; i++) if (frames[i] > t0 && frames[i] <= t1) raf = Math.max(raf, frames[i] - frames[i - 1]);
      return { loaf: longestLoaf, raf };
    },
    /**
     * Scroll down 'screens' screens, 1/'steps' of a screen each frame, in whatever scrolls the text
     * holding 'probe' (an element of its own, or the window). Answers the intervals between frames.
     */
    scroll: (probe, screens, steps) => new Promise((resolve, reject) => {
      const node = candidates(probe)[0];
      if (!node) return reject(new Error('no text ' + JSON.stringify(probe) + ' to scroll from'));
      let scroller = null;
      for (let el = node.parentElement; el && el !== document.body && el !== document.documentElement; el = el.parentElement) {
        if (/(auto|scroll|overlay)/.test(getComputedStyle(el).overflowY) && el.scrollHeight > el.clientHeight + 1) { scroller = el; break; }
      }
      const target = scroller || document.scrollingElement;
      const view = scroller ? scroller.clientHeight : innerHeight;
      const total = screens * steps;
      const before = target.scrollTop;
      const deltas = [];
      let last = null, n = 0, t0 = 0, stuck = 0;
      const f = (t) => {
        if (last === null) t0 = performance.now();
        else deltas.push(t - last);
        last = t;
        if (n++ === total) return resolve({ t0, t1: performance.now(), deltas, moved: target.scrollTop - before, stuck, view, scroller: scroller ? scroller.tagName.toLowerCase() : 'the window' });
        const at = target.scrollTop;
        target.scrollBy({ top: view / steps, behavior: 'instant' });
        if (target.scrollTop <= at) stuck++;
        requestAnimationFrame(f);
      };
      requestAnimationFrame(f);
    }),
    /** Select the probe's text with the Selection API (scrolled into view first if it is not shown). */
    select: (probe) => {
      const node = candidates(probe)[0];
      if (!node) throw new Error('no text ' + JSON.stringify(probe) + ' to select');
      if (!visible(probe)) node.parentElement.scrollIntoView({ block: 'center', behavior: 'instant' });
      const selection = getSelection();
      selection.removeAllRanges();
      selection.addRange(rangeOf(node, probe));
      return selection.toString();
    },
    selection: () => String(getSelection()),
  };
})();`;

export interface Longest {
  /** the longest Long Animation Frame in the window; null when none was over 50 ms (or the API is missing) */
  loaf: number | null;
  /** the longest interval between two animation frames in the window */
  raf: number;
}

export interface Scrolled {
  t0: number;
  t1: number;
  deltas: number[];
  /** net distance scrolled (a reader correcting its estimated heights may move the text under the window) */
  moved: number;
  /** steps after which the scroller had not moved (the end of the text, or the wrong element) */
  stuck: number;
  view: number;
  scroller: string;
}

/** The page's side of the bench, one per page; every time is the page's performance.now(). */
export class PageProbe {
  private constructor(readonly page: Page) {}

  /** Installs the instrument in every page of the context, before any of the page's own scripts. */
  static async install(context: BrowserContext): Promise<void> {
    await context.addInitScript(PAGE_SCRIPT);
  }

  static on(page: Page): PageProbe {
    return new PageProbe(page);
  }

  private call<T>(expression: string): Promise<T> {
    return this.page.evaluate(expression) as Promise<T>;
  }

  private static args(...values: unknown[]): string {
    return values.map((v) => JSON.stringify(v)).join(', ');
  }

  loafSupported(): Promise<boolean> {
    return this.call('window.__bench.loafSupported');
  }

  now(): Promise<number> {
    return this.call('window.__bench.now()');
  }

  armText(key: string, probes: string[]): Promise<void> {
    for (const p of probes) if (!/^[A-Za-z0-9 .,]+$/.test(p)) throw new Error(`a probe must be plain words: ${JSON.stringify(p)}`);
    return this.call(`void window.__bench.armText(${PageProbe.args(key, probes)})`);
  }

  armPaint(key: string, name: string, text: string): Promise<void> {
    return this.call(`void window.__bench.armPaint(${PageProbe.args(key, name, text)})`);
  }

  result(key: string, until: string[], timeoutMs: number): Promise<{ clickAt: number; seen: Record<string, number | null> }> {
    return this.call(`window.__bench.result(${PageProbe.args(key, until, timeoutMs)})`);
  }

  settle(timeoutMs = 60_000, quietFrames = 20): Promise<number> {
    return this.call(`window.__bench.settle(${PageProbe.args(quietFrames, timeoutMs)})`);
  }

  longest(t0: number, t1: number): Promise<Longest> {
    return this.call(`window.__bench.longest(${PageProbe.args(t0, t1)})`);
  }

  scroll(probe: string, screens: number, steps: number): Promise<Scrolled> {
    return this.call(`window.__bench.scroll(${PageProbe.args(probe, screens, steps)})`);
  }

  select(probe: string): Promise<string> {
    return this.call(`window.__bench.select(${PageProbe.args(probe)})`);
  }

  selection(): Promise<string> {
    return this.call('window.__bench.selection()');
  }

  /** Navigation start to the first contentful paint (a page of text: its first text); needs no instrument. */
  static firstContentfulPaint(page: Page): Promise<number> {
    return page.evaluate(`new Promise((resolve) => {
      const f = () => {
        const e = performance.getEntriesByName('first-contentful-paint')[0];
        if (e) resolve(e.startTime);
        else requestAnimationFrame(f);
      };
      f();
    })`) as Promise<number>;
  }
}
