// The reader table (issue 7 §1), measured in Chromium against browser mode: a generated 4 MB
// hard-wrapped book opened from the library (against a plain static HTML page of the same text, loaded
// from a server on 127.0.0.1 in the same run), the longest frames while opening, jumping and
// scrolling, scroll frame times, jumps (saved position, library search hit, a highlight in the
// Highlights panel, the table of contents once there is one), creating a highlight, and the renderer's
// memory after opening a 100 MB document. Everything goes through what a person sees and clicks (roles
// and names, text painted in the viewport; reader-page.ts), so it keeps working when the reader
// changes how it renders.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type CDPSession, type Locator, type Page } from '@playwright/test';
import { normalizeFile } from '../../src-main/core/formats';
import { Library } from '../../src-main/core/library';
import { startWebServer, type WebServer } from '../../src-main/web/server';
import { bookChapters, hardWrappedBook, type Chapter } from './corpus';
import { PageProbe, type Longest } from './reader-page';

type Record = (measure: string, value: number, unit: string, target: number, better?: 'lower' | 'higher') => void;

const CHROMIUM = process.env.GLOSS_CHROMIUM ?? '/usr/bin/chromium';
const REPO = resolve(import.meta.dirname, '../..');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
const VIEWPORT = { width: 1280, height: 800 };
/** each open, jump and highlight is measured this many times; the table shows the median */
const RUNS = 3;
const OPEN_TIMEOUT_MS = 120_000;
const HUGE_OPEN_TIMEOUT_MS = 600_000;
const MB = 1_000_000;

const TITLE = 'The Harbour Ledger';
/** a sentence found nowhere else in the book: what the library search finds */
const MARKER = 'Vellum manifests reached Tarragona before the quartermaster slept.';
const SEARCH = 'Tarragona quartermaster';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 240);

/** The book as a file: a title line, then the chapters. */
function bookFile(chapters: Chapter[]): string {
  return `${TITLE}\n\n\n${hardWrappedBook(chapters)}\n`;
}

/** About `length` characters of whole words of `text`, from the first word starting at or after `from`. */
function phrase(text: string, from: number, length: number): string {
  const start = from === 0 ? 0 : text.indexOf(' ', from) + 1;
  let end = text.indexOf(' ', start + length);
  if (end < 0) end = text.length;
  return text.slice(start, end).replace(/[.,]+$/, '');
}

/** Where the book's text lands in the document's canonical text (what positions and highlights count in). */
class Canonical {
  constructor(readonly text: string) {}

  /** The offset of `s`, which must occur exactly once. */
  offset(s: string): number {
    const at = this.text.indexOf(s);
    if (at < 0) throw new Error(`the imported text does not hold ${JSON.stringify(s.slice(0, 60))}`);
    if (this.text.lastIndexOf(s) !== at) throw new Error(`${JSON.stringify(s.slice(0, 60))} occurs more than once in the book`);
    return at;
  }

  /** A phrase of `paragraph` (see phrase()) from `from` on that occurs only once in the whole text. */
  unique(paragraph: string, from: number, length: number): string {
    for (let f = from; f + length <= paragraph.length; f += 5) {
      const s = phrase(paragraph, f, length);
      if (this.text.indexOf(s) >= 0 && this.text.indexOf(s) === this.text.lastIndexOf(s)) return s;
    }
    throw new Error(`no phrase of ${JSON.stringify(paragraph.slice(0, 60))} occurs only once in the book`);
  }
}

/** A page of its own (a fresh browser context), with the instrument and a count of API requests in flight. */
async function newPage(
  browser: Browser,
  instrument = true,
): Promise<{ page: Page; probe: PageProbe; quiet: () => Promise<void>; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  if (instrument) await PageProbe.install(context);
  const page = await context.newPage();
  const inFlight = new Set<unknown>();
  const isApi = (url: string) => {
    const path = new URL(url).pathname;
    return path.startsWith('/api/') && path !== '/api/events' && !path.startsWith('/api/assets/');
  };
  page.on('request', (r) => isApi(r.url()) && inFlight.add(r));
  page.on('requestfinished', (r) => inFlight.delete(r));
  page.on('requestfailed', (r) => inFlight.delete(r));
  /** Until no API request has been in flight for a few polls (a reading position being saved, …). */
  const quiet = async () => {
    const until = Date.now() + 15_000;
    for (let calm = 0; calm < 4; calm = inFlight.size === 0 ? calm + 1 : 0) {
      if (Date.now() > until) throw new Error(`API requests still in flight after 15 s`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  let closed = false;
  const close = async () => {
    if (!closed) await context.close();
    closed = true;
  };
  return { page, probe: PageProbe.on(page), quiet, close };
}

interface Gloss {
  server: WebServer;
  api: (channel: string, input: unknown) => Promise<unknown>;
}

function glossApi(server: WebServer): Gloss['api'] {
  return async (channel, input) => {
    const response = await fetch(`http://127.0.0.1:${server.port}/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Gloss-Token': server.token },
      body: JSON.stringify(input),
    });
    const result = (await response.json()) as { ok: true; value: unknown } | { ok: false; code: string; message: string };
    if (!result.ok) throw new Error(`${channel}: ${result.code}: ${result.message}`);
    return result.value;
  };
}

/** The library at its first screen, the book's row shown and the page idle. */
async function openLibrary(page: Page, probe: PageProbe, gloss: Gloss, title: string): Promise<void> {
  await page.goto(gloss.server.url);
  await page.getByRole('button', { name: title, exact: true }).waitFor({ timeout: 60_000 });
  await probe.settle();
}

/** Back to the library (the reader saves its place on the way out: wait for that), and the page closed. */
async function leave(page: Page, quiet: () => Promise<void>, close: () => Promise<void>, title: string): Promise<void> {
  const back = page.getByRole('button', { name: 'Back to library' });
  if ((await back.count()) > 0) {
    await back.first().click();
    await titleButton(page, title).waitFor({ timeout: 60_000 });
  }
  await quiet();
  await close();
}

interface Opened {
  /** click → the first probe painted in the viewport */
  firstMs: number;
  /** click → the `until` probe painted */
  untilMs: number;
  /** the longest frame from the click until the page went quiet */
  longest: Longest;
}

/** Click `target` and wait for `until`'s text to be painted in the viewport; `probes` are watched too. */
async function clickAndWatch(probe: PageProbe, target: Locator, key: string, probes: string[], until: string, timeoutMs: number): Promise<Opened> {
  await probe.armText(key, probes);
  await target.click({ timeout: 60_000 });
  const { clickAt, seen } = await probe.result(key, [until], timeoutMs);
  const settled = await probe.settle(timeoutMs);
  const painted = Object.values(seen).filter((t): t is number => typeof t === 'number');
  return { firstMs: Math.min(...painted) - clickAt, untilMs: seen[until]! - clickAt, longest: await probe.longest(clickAt, settled) };
}

const frameOf = (l: Longest) => l.loaf ?? l.raf;
/** The document's title in the library list. */
const titleButton = (page: Page, title: string) => page.getByRole('button', { name: title, exact: true }).first();

/** A plain static HTML page of the book's text, served from 127.0.0.1, as the baseline. */
async function staticServer(chapters: Chapter[]): Promise<{ url: string; server: Server }> {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const html = Buffer.from(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${TITLE}</title></head><body><h1>${TITLE}</h1>\n` +
      chapters.map((c) => `<h2>${escape(c.heading)}</h2>\n${c.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n')}`).join('\n') +
      '\n</body></html>\n',
  );
  const server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': html.length, 'Cache-Control': 'no-store' });
    res.end(html);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/book.html`, server };
}

type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string };

async function attempt<T>(what: string, work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    console.log(`Reader bench: ${what} not measured: ${firstLine(error)}`);
    return { ok: false, reason: firstLine(error) };
  }
}

/** A row, or the same row marked "not measured" with why. */
function row<T>(
  record: Record,
  outcome: Outcome<T>,
  measure: string,
  value: (v: T) => number,
  unit: string,
  target: number,
  better?: 'lower' | 'higher',
) {
  if (outcome.ok) record(measure, value(outcome.value), unit, target, better);
  else record(`${measure} (not measured: ${outcome.reason})`, NaN, unit, target, better);
}

export async function measureReader(record: Record): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'gloss-bench-reader-'));
  try {
    const ready: Outcome<void> = existsSync(CHROMIUM) ? { ok: true, value: undefined } : { ok: false, reason: `no Chromium at ${CHROMIUM}` };
    if (ready.ok) execFileSync('npm', ['run', 'build:renderer', '--silent'], { cwd: REPO, stdio: 'ignore' });
    await measureBook(record, root, ready);
    await measureHugeDocument(record, root, ready);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function measureBook(record: Record, root: string, ready: Outcome<void>): Promise<void> {
  const chapters = bookChapters(72);
  // The search finds this sentence about 40% into the book, and nowhere else.
  chapters[29]!.paragraphs[70] = `${MARKER} ${chapters[29]!.paragraphs[70]}`;
  const bytes = Buffer.from(bookFile(chapters));
  const size = `${(bytes.byteLength / MB).toFixed(1)} MB book`;
  const model = await normalizeFile('book.txt', bytes);
  const canonical = new Canonical(model.text);
  const title = model.title;

  /** A long paragraph of chapter c, from its p-th on (a short one cannot hold both a highlight and a probe). */
  const paragraphAt = (c: number, p: number) => chapters[c]!.paragraphs.slice(p).find((x) => x.length > 300)!;
  // The book's first paragraph (the second one repeats it: the word stream's seeds 0 and 1 are the same).
  const top = phrase(chapters[0]!.paragraphs[0]!, 60, 40);
  if (!model.text.includes(top)) throw new Error(`the imported text does not hold ${JSON.stringify(top)}`);
  const saved = paragraphAt(43, 60); // ~60% in
  const savedProbe = canonical.unique(saved, 40, 40);
  const searchProbe = phrase(MARKER, 0, 30);
  const jumps = [paragraphAt(60, 20), paragraphAt(12, 90), paragraphAt(36, 50)].map((p) => ({
    quote: canonical.unique(p, 0, 40),
    probe: canonical.unique(p, 120, 40),
  }));
  const tocTargets = [19, 57, 4].map((c) => ({ heading: chapters[c]!.heading, probe: canonical.unique(chapters[c]!.paragraphs[0]!, 30, 40) }));
  const toHighlight = [2, 3, 4].map((p) => canonical.unique(chapters[0]!.paragraphs[p]!, 20, 30));
  canonical.offset(searchProbe);

  const dir = join(root, 'book');
  const file = join(root, 'harbour-ledger.txt');
  await writeFile(file, bytes);
  // As browser mode opens a library: the search index kept current in the background.
  const lib = await Library.open(dir, { holder: 'browser mode', indexInBackground: true });
  let server: WebServer | undefined;
  let baseline: { url: string; server: Server } | undefined;
  let browser: Browser | undefined;
  try {
    await lib.warmUp();
    const report = await lib.documents.importPaths([file]);
    if (report.imported.length !== 1) throw new Error(`the ${size} was not imported: ${JSON.stringify(report).slice(0, 300)}`);
    const documentId = report.imported[0]!.id;
    server = await startWebServer({ lib, rendererDir: resolve(REPO, 'out/renderer'), port: 0, host: '127.0.0.1' });
    const gloss: Gloss = { server, api: glossApi(server) };
    const setPosition = (offset: number) => gloss.api('document:setPosition', { id: documentId, offset });
    baseline = await staticServer(chapters);
    if (ready.ok) browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const inBrowser = async <T>(what: string, work: (b: Browser) => Promise<T>): Promise<Outcome<T>> =>
      browser ? attempt(what, () => work(browser!)) : { ok: false, reason: (ready as { reason: string }).reason };
    const staticUrl = baseline.url;
    let loafSupported = true;

    // 1. First text: the static page (navigation → first contentful paint), then Gloss (click → painted).
    const staticPage = await inBrowser('the static page', async (b) => {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        // without the instrument: the page as a browser shows it
        const { page, close } = await newPage(b, false);
        await page.goto(staticUrl);
        times.push(await PageProbe.firstContentfulPaint(page));
        await close();
      }
      console.log(`Reader bench: static page, first contentful paint: ${list(times)} ms`);
      return median(times);
    });

    /** Open the book from the library list with the reading position set to `offset` first. */
    const openBook = async (b: Browser, offset: number, probes: string[], until: string) => {
      await setPosition(offset);
      const { page, probe, quiet, close } = await newPage(b);
      await openLibrary(page, probe, gloss, title);
      const opened = await clickAndWatch(probe, titleButton(page, title), 'open', probes, until, OPEN_TIMEOUT_MS);
      loafSupported = await probe.loafSupported();
      await leave(page, quiet, close, title);
      return opened;
    };
    const openTop = await inBrowser('opening the book', async (b) => {
      const runs: Opened[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await openBook(b, 0, [top], top));
      console.log(`Reader bench: click → first text: ${list(runs.map((r) => r.untilMs))} ms`);
      return runs;
    });

    // 4. Jumps that come with opening: the saved position, a library search hit. The jump is how much
    // later the place shows than the document's first text (the top, or the place itself).
    const openSaved = await inBrowser('opening at a saved position', async (b) => {
      const offset = canonical.offset(saved);
      const runs: Opened[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await openBook(b, offset, [top, savedProbe], savedProbe));
      console.log(`Reader bench: click → saved place shown: ${list(runs.map((r) => r.untilMs))} ms`);
      return runs;
    });
    const openSearch = await inBrowser('opening a search hit', async (b) => {
      const runs: Opened[] = [];
      for (let i = 0; i < RUNS; i++) {
        await setPosition(0);
        const { page, probe, quiet, close } = await newPage(b);
        await openLibrary(page, probe, gloss, title);
        await page.getByRole('searchbox', { name: 'Search library' }).fill(SEARCH);
        // the list shows the hit once its snippet (the matched sentence) is there
        await page.getByText('Tarragona', { exact: false }).first().waitFor({ timeout: 60_000 });
        await probe.settle();
        runs.push(await clickAndWatch(probe, titleButton(page, title), 'search', [top, searchProbe], searchProbe, OPEN_TIMEOUT_MS));
        await leave(page, quiet, close, title);
      }
      console.log(`Reader bench: click on a search hit → the match shown: ${list(runs.map((r) => r.untilMs))} ms`);
      return runs;
    });

    // Jumps inside the open book: a highlight in the Highlights panel, the table of contents.
    const highlightJumps = await inBrowser('jumping to highlights', async (b) => {
      for (const j of jumps) {
        const start = canonical.offset(j.quote);
        await gloss.api('highlight:create', { documentId, start, end: start + j.quote.length, color: 'purple' });
      }
      await setPosition(0);
      const { page, probe, quiet, close } = await newPage(b);
      await openLibrary(page, probe, gloss, title);
      await clickAndWatch(probe, titleButton(page, title), 'open', [top], top, OPEN_TIMEOUT_MS);
      const runs: Opened[] = [];
      for (const [i, j] of jumps.entries())
        runs.push(await clickAndWatch(probe, page.getByRole('button', { name: j.quote }).first(), `jump${i}`, [j.probe], j.probe, OPEN_TIMEOUT_MS));
      console.log(`Reader bench: click on a highlight in the panel → its text shown: ${list(runs.map((r) => r.untilMs))} ms`);
      await leave(page, quiet, close, title);
      return runs;
    });
    const tocJumps = await inBrowser('jumping from the table of contents', async (b) => {
      await setPosition(0);
      const { page, probe, quiet, close } = await newPage(b);
      try {
        await openLibrary(page, probe, gloss, title);
        await clickAndWatch(probe, titleButton(page, title), 'open', [top], top, OPEN_TIMEOUT_MS);
        let contents = page.getByRole('navigation', { name: /contents/i });
        if ((await contents.count()) === 0) {
          // perhaps a panel to open first
          const toggle = page.getByRole('button', { name: /contents/i });
          if ((await toggle.count()) > 0) {
            await toggle.first().click();
            await probe.settle();
          }
          contents = page.getByRole('navigation', { name: /contents/i });
        }
        if ((await contents.count()) === 0) throw new Error('the reader has no table of contents yet (no navigation landmark named “Contents”)');
        const runs: Opened[] = [];
        for (const [i, t] of tocTargets.entries()) {
          const name = new RegExp(`^\\s*${t.heading}\\s*$`, 'i');
          const link = contents.getByRole('link', { name }).or(contents.getByRole('button', { name })).first();
          runs.push(await clickAndWatch(probe, link, `toc${i}`, [t.probe], t.probe, OPEN_TIMEOUT_MS));
        }
        console.log(`Reader bench: click in the table of contents → the chapter shown: ${list(runs.map((r) => r.untilMs))} ms`);
        await leave(page, quiet, close, title);
        return runs;
      } finally {
        await close();
      }
    });

    // 5. Creating a highlight: select text, click the colour, until the colour is painted on it.
    const creating = await inBrowser('creating highlights', async (b) => {
      await setPosition(0);
      const { page, probe, quiet, close } = await newPage(b);
      await openLibrary(page, probe, gloss, title);
      await clickAndWatch(probe, titleButton(page, title), 'open', [top], top, OPEN_TIMEOUT_MS);
      const times: number[] = [];
      for (const [i, color] of (['yellow', 'green', 'blue'] as const).entries()) {
        const text = toHighlight[i]!;
        const selected = await probe.select(text);
        if (selected !== text) throw new Error(`selected ${JSON.stringify(selected)} instead of ${JSON.stringify(text)}`);
        const button = page.getByRole('button', { name: `Highlight ${color}`, exact: true });
        await button.waitFor({ timeout: 10_000 }).catch(async () => {
          throw new Error(
            `no “Highlight ${color}” button 10 s after selecting ${JSON.stringify(text)} (selected now: ${JSON.stringify(await probe.selection())})`,
          );
        });
        await probe.armPaint(`paint${i}`, `gloss-${color}`, text);
        await button.click();
        const { clickAt, seen } = await probe.result(`paint${i}`, [`gloss-${color}`], OPEN_TIMEOUT_MS);
        times.push(seen[`gloss-${color}`]! - clickAt);
        await probe.settle();
      }
      console.log(`Reader bench: click on a colour → the highlight painted: ${list(times)} ms`);
      await leave(page, quiet, close, title);
      return median(times);
    });

    // 2 and 3. Scrolling 30 screens from the top, a tenth of a screen each frame.
    const scrolling = await inBrowser('scrolling', async (b) => {
      await setPosition(0);
      const { page, probe, quiet, close } = await newPage(b);
      await openLibrary(page, probe, gloss, title);
      await clickAndWatch(probe, titleButton(page, title), 'open', [top], top, OPEN_TIMEOUT_MS);
      const scrolled = await probe.scroll(top, 30, 10);
      if (scrolled.stuck > scrolled.deltas.length / 10)
        throw new Error(
          `${scrolled.scroller} did not scroll in ${scrolled.stuck} of ${scrolled.deltas.length} frames (moved ${scrolled.moved.toFixed(0)} px)`,
        );
      // a stall just after the last scroll is felt as part of scrolling
      const settled = await probe.settle();
      const longest = await probe.longest(scrolled.t0, settled);
      console.log(
        `Reader bench: scrolled ${scrolled.scroller} ${scrolled.deltas.length} times by ${(scrolled.view / 10).toFixed(0)} px (net ${scrolled.moved.toFixed(0)} px), ` +
          `${(scrolled.t1 - scrolled.t0).toFixed(0)} ms; longest interval ${Math.max(...scrolled.deltas).toFixed(0)} ms`,
      );
      await leave(page, quiet, close, title);
      return { p95: percentile(scrolled.deltas, 0.95), longest };
    });
    const loafNote = loafSupported
      ? 'Long Animation Frames; the longest rAF interval when none is over 50 ms'
      : 'rAF intervals: this Chromium has no Long Animation Frames';

    // The table, in the issue's order.
    const medianOf = (runs: Opened[], pick: (o: Opened) => number) => median(runs.map(pick));
    row(
      record,
      openTop,
      `reader: ${size}, click in the library → first text shown (median of ${RUNS})`,
      (r) => medianOf(r, (o) => o.untilMs),
      'ms',
      300,
    );
    row(
      record,
      staticPage,
      `reader: baseline: static HTML page of the same text, navigation → first contentful paint (median of ${RUNS})`,
      (v) => v,
      'ms',
      Infinity,
    );
    const both: Outcome<[Opened[], number]> = !openTop.ok
      ? openTop
      : !staticPage.ok
        ? staticPage
        : { ok: true, value: [openTop.value, staticPage.value] };
    row(
      record,
      both,
      'reader: first text faster than the static page (static / Gloss)',
      ([o, s]) => s / medianOf(o, (x) => x.untilMs),
      '×',
      10,
      'higher',
    );

    const opens: Outcome<Opened[]> = [openTop, openSaved, openSearch].every((o) => o.ok)
      ? { ok: true, value: [openTop, openSaved, openSearch].flatMap((o) => (o as { value: Opened[] }).value) }
      : [openTop, openSaved, openSearch].find((o) => !o.ok)!;
    row(
      record,
      opens,
      `reader: longest frame while opening (${RUNS * 3} opens; ${loafNote})`,
      (r) => Math.max(...r.map((o) => frameOf(o.longest))),
      'ms',
      50,
    );
    const jumpRuns: Outcome<Opened[]> = highlightJumps.ok
      ? { ok: true, value: [...highlightJumps.value, ...(tocJumps.ok ? tocJumps.value : [])] }
      : highlightJumps;
    row(
      record,
      jumpRuns,
      `reader: longest frame while jumping (highlights${tocJumps.ok ? ', table of contents' : ''}; click until the page is quiet)`,
      (r) => Math.max(...r.map((o) => frameOf(o.longest))),
      'ms',
      50,
    );
    row(record, scrolling, 'reader: longest frame while scrolling 30 screens (and until the page is quiet)', (s) => frameOf(s.longest), 'ms', 50);
    row(record, scrolling, 'reader: scroll frame time, 95th percentile (rAF intervals, 30 screens at 1/10 screen per frame)', (s) => s.p95, 'ms', 17);

    const extra = (runs: Opened[]) => median(runs.map((o) => o.untilMs - o.firstMs));
    row(record, openSaved, 'jump: saved position, shown after the first text (0 when the reader opens at it)', extra, 'ms', 100);
    row(
      record,
      openSaved,
      'jump: saved position, click in the library → the place shown (reference)',
      (r) => medianOf(r, (o) => o.untilMs),
      'ms',
      Infinity,
    );
    row(record, openSearch, 'jump: library search hit, shown after the first text (0 when the reader opens at it)', extra, 'ms', 100);
    row(
      record,
      openSearch,
      'jump: library search hit, click on the result → the match shown (reference)',
      (r) => medianOf(r, (o) => o.untilMs),
      'ms',
      Infinity,
    );
    row(
      record,
      highlightJumps,
      `jump: highlight in the Highlights panel, click → its text shown (median of ${jumps.length})`,
      (r) => medianOf(r, (o) => o.untilMs),
      'ms',
      100,
    );
    row(
      record,
      tocJumps,
      `jump: table of contents, click → the chapter shown (median of ${tocTargets.length})`,
      (r) => medianOf(r, (o) => o.untilMs),
      'ms',
      100,
    );
    row(record, creating, 'creating a highlight: click on the colour → painted on the text (median of 3)', (v) => v, 'ms', 50);
  } finally {
    await browser?.close();
    if (baseline) await new Promise((done) => baseline!.server.close(done));
    await server?.close();
    await lib.close();
  }
}

/** Resident and peak memory (MB) of every renderer process of the browser, from /proc. */
async function renderers(cdp: CDPSession): Promise<{ pid: number; rss: number; hwm: number }[]> {
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  const out: { pid: number; rss: number; hwm: number }[] = [];
  for (const p of processInfo) {
    if (p.type !== 'renderer') continue;
    try {
      const status = readFileSync(`/proc/${p.id}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      out.push({ pid: p.id, rss: (kb('VmRSS') * 1024) / MB, hwm: (kb('VmHWM') * 1024) / MB });
    } catch {
      // gone since the list was made
    }
  }
  return out;
}

/** 6. A ~100 MB document opened from the library, in a browser of its own: the renderer's memory. */
async function measureHugeDocument(record: Record, root: string, ready: Outcome<void>): Promise<void> {
  const file = join(root, 'huge.txt');
  // 72 chapters make 4.3 MB; 1,700 make 100.4 MB.
  const chapters = bookChapters(1700);
  const top = phrase(chapters[0]!.paragraphs[0]!, 60, 40);
  const bytes = Buffer.from(bookFile(chapters));
  const label = `${(bytes.byteLength / MB).toFixed(0)} MB document`;
  await writeFile(file, bytes);
  const title = (await normalizeFile('huge.txt', bytes)).title;

  const lib = await Library.open(join(root, 'huge'), { holder: 'browser mode' });
  let server: WebServer | undefined;
  let browser: Browser | undefined;
  const outcome = await attempt(`the ${label}`, async () => {
    if (!ready.ok) throw new Error(ready.reason);
    const report = await lib.documents.importPaths([file]);
    if (report.imported.length !== 1)
      throw new Error(`Gloss did not import it: ${report.failed[0]?.message ?? JSON.stringify(report).slice(0, 200)}`);
    server = await startWebServer({ lib, rendererDir: resolve(REPO, 'out/renderer'), port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const { page, probe } = await newPage(browser);
    const cdp = await browser.newBrowserCDPSession();
    const pageCdp = await page.context().newCDPSession(page);
    await pageCdp.send('Performance.enable');
    await openLibrary(page, probe, { server, api: glossApi(server) }, title);
    const crashed = new Promise<never>((_, reject) => page.on('crash', () => reject(new Error('the renderer crashed while opening it'))));
    const t = performance.now();
    let opened: Opened;
    try {
      opened = await Promise.race([clickAndWatch(probe, titleButton(page, title), 'open', [top], top, HUGE_OPEN_TIMEOUT_MS), crashed]);
    } catch (error) {
      const seen = await renderers(cdp).catch(() => []);
      const peak = Math.max(0, ...seen.map((r) => r.hwm));
      throw new Error(
        `${firstLine(error)} after ${((performance.now() - t) / 1000).toFixed(0)} s${peak ? `; renderer peak so far ${peak.toFixed(0)} MB` : ''}`,
      );
    }
    const { metrics } = await pageCdp.send('Performance.getMetrics');
    const heap = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / MB;
    // The page's renderer is the largest: it is the only page open (the rest is a spare renderer at most).
    const ours = (await renderers(cdp)).sort((a, b) => b.rss - a.rss)[0];
    if (!ours) throw new Error('no renderer process found through SystemInfo.getProcessInfo');
    console.log(`Reader bench: ${label}: first text after ${opened.untilMs.toFixed(0)} ms; renderer pid ${ours.pid}`);
    return { opened, heap, rss: ours.rss, hwm: ours.hwm };
  });
  try {
    row(record, outcome, `${label}: click in the library → first text shown (reference)`, (v) => v.opened.untilMs, 'ms', Infinity);
    row(record, outcome, `${label}: renderer process memory after open (/proc VmRSS; pid from CDP SystemInfo)`, (v) => v.rss, 'MB', 300);
    row(record, outcome, `${label}: renderer process peak memory, library and opening (/proc VmHWM)`, (v) => v.hwm, 'MB', 300);
    row(record, outcome, `${label}: renderer JS heap used after open (CDP Performance.getMetrics JSHeapUsedSize)`, (v) => v.heap, 'MB', 300);
  } finally {
    await (browser as Browser | undefined)?.close();
    await (server as WebServer | undefined)?.close();
    await lib.close();
  }
}
