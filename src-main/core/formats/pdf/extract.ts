// pdf.js in, plain data out: each page's text runs with their positions, the page labels and what the
// document says about itself. Everything after this file is pure layout work on that data.
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { GlossError } from '../../errors';
import type { ParseInput } from '../types';

/** One run of text as pdf.js gives it, in display space (origin top-left, y grows downwards). */
export interface TextRun {
  text: string;
  /** left end of the baseline */
  x: number;
  /** the baseline */
  y: number;
  width: number;
  /** font size in page units */
  size: number;
  rtl: boolean;
  /** set in a fixed-pitch font (code, a terminal session) */
  mono: boolean;
}

export interface PageText {
  /** 1-based */
  number: number;
  /** the PDF's own page label ("iv", "12") or the page number */
  label: string;
  width: number;
  height: number;
  runs: TextRun[];
}

export interface PdfInfo {
  /** XMP dc:title and the info dictionary's Title, in that order of preference */
  titles: string[];
  author?: string;
  language?: string;
}

export interface PdfContent {
  pages: PageText[];
  info: PdfInfo;
  /** 1-based numbers of pages pdf.js could not read (a damaged file read as far as it goes) */
  unreadablePages: number[];
}

/** Past these, a file is refused rather than read: a few megabytes of PDF can describe far more than this. */
export const MAX_PAGES = 5000;
export const MAX_CHARACTERS = 20_000_000;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | undefined;

/**
 * pdf.js in Node runs its "worker" on the calling thread (a fake worker). It looks for the worker's
 * code on globalThis.pdfjsWorker before it tries `import(GlobalWorkerOptions.workerSrc)`, a path a
 * bundler cannot see; importing the worker module first (it sets that global itself) keeps the import
 * static, so a bundled build carries it and nothing is loaded from a path at run time.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= (async () => {
    // The legacy build carries core-js, which swaps V8's Array.prototype.push for a JavaScript one
    // (to fix an edge case of arrays with a read-only length that no code here has) and so makes every
    // push in the thread ~2.5x slower. The native one goes back once pdf.js is loaded.
    const nativePush = Array.prototype.push;
    // Loading, pdf.js warns on the console when the optional @napi-rs/canvas package is missing (it
    // only draws pages, which Gloss does not): those lines are dropped, any other warning is kept.
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && /^Warning: Cannot (?:load "@napi-rs\/canvas"|polyfill|access the `require`)/.test(args[0])) return;
      warn(...args);
    };
    try {
      await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      return await import('pdfjs-dist/legacy/build/pdf.mjs');
    } finally {
      console.warn = warn;
      if (Array.prototype.push !== nativePush)
        Object.defineProperty(Array.prototype, 'push', { value: nativePush, writable: true, configurable: true });
    }
  })();
  return pdfjsPromise;
}

/** A folder of pdf.js's data files (character maps, standard fonts), as the path its Node reader wants. */
function pdfjsData(folder: string): string {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return `${join(root, folder)}${sep}`;
}

const refuse = (message: string, code: 'invalid_input' | 'too_large' = 'invalid_input') => new GlossError(code, message);

/** Acrobat accepts the header anywhere in the first kilobyte; so does Gloss, and nothing else. */
function hasPdfHeader(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  for (let i = 0; i + 5 <= head.length; i++) {
    if (head[i] === 0x25 && head[i + 1] === 0x50 && head[i + 2] === 0x44 && head[i + 3] === 0x46 && head[i + 4] === 0x2d) return true;
  }
  return false;
}

export async function extractPdf(input: ParseInput): Promise<PdfContent> {
  const { name } = input;
  if (!hasPdfHeader(input.bytes)) throw refuse(`${name} is not a PDF: it does not begin the way every PDF file does (%PDF-)`);
  const pdfjs = await loadPdfJs().catch((error: unknown) => {
    pdfjsPromise = undefined;
    throw new GlossError(
      'internal',
      `Gloss could not load its PDF reader to read ${name}: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  let task: ReturnType<PdfJs['getDocument']>;
  try {
    task = pdfjs.getDocument({
      // A copy, and a plain Uint8Array: pdf.js transfers (detaches) the buffer it is given while the caller's
      // bytes are still needed (they are stored as the original), and it refuses a Node Buffer, whose
      // slice() would not copy anyway.
      data: new Uint8Array(input.bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      useWorkerFetch: false,
      stopAtErrors: false,
      verbosity: pdfjs.VerbosityLevel.ERRORS,
      // pdf.js's own character maps, read from its package folder: older Japanese, Chinese and Korean
      // PDFs name a predefined CMap instead of embedding one, and their text is lost without it.
      cMapUrl: pdfjsData('cmaps'),
      cMapPacked: true,
      standardFontDataUrl: pdfjsData('standard_fonts'),
    });
  } catch (error) {
    throw refusalFor(name, error);
  }
  try {
    let doc: Awaited<typeof task.promise>;
    try {
      doc = await task.promise;
    } catch (error) {
      throw refusalFor(name, error);
    }
    if (doc.numPages > MAX_PAGES) {
      throw refuse(
        `${name} has ${doc.numPages.toLocaleString('en')} pages; Gloss imports PDFs of up to ${MAX_PAGES.toLocaleString('en')} pages`,
        'too_large',
      );
    }
    const labels = await doc.getPageLabels().catch(() => null);
    const info = await readInfo(doc);
    const pages: PageText[] = [];
    const unreadablePages: number[] = [];
    let characters = 0;
    for (let number = 1; number <= doc.numPages; number++) {
      const label = labels?.[number - 1]?.trim() || String(number);
      try {
        const page = await doc.getPage(number);
        try {
          const text = await readPage(pdfjs, page, number, label);
          for (const run of text.runs) characters += run.text.length;
          pages.push(text);
        } finally {
          page.cleanup();
        }
      } catch (error) {
        if (error instanceof GlossError) throw error;
        unreadablePages.push(number);
        pages.push({ number, label, width: 0, height: 0, runs: [] });
      }
      if (characters > MAX_CHARACTERS) {
        throw refuse(
          `${name} holds more than ${MAX_CHARACTERS.toLocaleString('en')} characters of text, more than Gloss reads from one file`,
          'too_large',
        );
      }
    }
    if (unreadablePages.length === doc.numPages) throw refuse(`${name} is damaged: none of its ${doc.numPages} pages could be read`);
    return { pages, info, unreadablePages };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

function refusalFor(name: string, error: unknown): GlossError {
  const kind = (error as { name?: string } | null)?.name;
  if (kind === 'PasswordException') {
    return refuse(`${name} is protected by a password; Gloss cannot open password-protected PDFs (save a copy without the password and import that)`);
  }
  return refuse(`${name} is damaged or is not really a PDF; Gloss could not read its structure`);
}

type PdfDoc = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDoc['getPage']>>;

async function readInfo(doc: PdfDoc): Promise<PdfInfo> {
  const out: PdfInfo = { titles: [] };
  const meta = await doc.getMetadata().catch(() => null);
  if (!meta) return out;
  const info = (meta.info ?? {}) as Record<string, unknown>;
  const xmp = meta.metadata;
  const str = (value: unknown) => (typeof value === 'string' ? value.replace(/\p{Cc}+/gu, ' ').trim() : '');
  const xmpTitle = str(xmp?.get('dc:title'));
  if (xmpTitle) out.titles.push(xmpTitle);
  if (str(info.Title)) out.titles.push(str(info.Title));
  const author = str(info.Author) || str(xmp?.get('dc:creator'));
  if (author) out.author = author;
  const language = str(info.Language);
  if (language) out.language = language;
  return out;
}

/** Quarter turns: the direction text runs in, as cos and sin in display space (y down). */
const QUARTERS = [
  [1, 0],
  [0, 1],
  [-1, 0],
  [0, -1],
] as const;

/**
 * The page's text runs, turned so that the way most of its text reads is left to right: a page set
 * sideways (a landscape table on a portrait page, a rotated scan's text layer) reads like any other.
 * Text running another way (a margin stamp, a rotated label) is not part of the page's flow and is left
 * out; it would only be interleaved with the lines it crosses.
 */
async function readPage(pdfjs: PdfJs, page: PdfPage, number: number, label: string): Promise<PageText> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const placed: { m: number[]; quarter: number; str: string; width: number; rtl: boolean; mono: boolean }[] = [];
  const votes = [0, 0, 0, 0];
  for (const item of content.items) {
    if (!('str' in item) || item.str === '') continue;
    const m = pdfjs.Util.transform(viewport.transform, item.transform) as number[];
    if (!m.every(Number.isFinite)) continue;
    const angle = Math.atan2(m[1], m[0]) / (Math.PI / 2);
    const quarter = (((Math.round(angle) % 4) + 4) % 4) as 0 | 1 | 2 | 3;
    if (Math.abs(angle - Math.round(angle)) > 0.03) continue;
    const mono = content.styles[item.fontName]?.fontFamily === 'monospace';
    placed.push({ m, quarter, str: item.str, width: item.width, rtl: item.dir === 'rtl', mono });
    votes[quarter] += item.str.length;
  }
  const quarter = votes.indexOf(Math.max(...votes));
  const [cos, sin] = QUARTERS[quarter];
  const turn = (x: number, y: number) => [x * cos + y * sin, -x * sin + y * cos];
  const corners = [turn(0, 0), turn(viewport.width, 0), turn(0, viewport.height), turn(viewport.width, viewport.height)];
  const minX = Math.min(...corners.map((c) => c[0]));
  const minY = Math.min(...corners.map((c) => c[1]));
  const runs: TextRun[] = [];
  for (const { m, quarter: q, str, width, rtl, mono } of placed) {
    if (q !== quarter) continue;
    const size = Math.hypot(m[2], m[3]);
    if (!(size > 0)) continue;
    const [x, y] = turn(m[4], m[5]);
    runs.push({ text: str.replace(/\p{Cc}/gu, ' '), x: x - minX, y: y - minY, width: Math.max(0, width || 0), size, rtl, mono });
  }
  const sideways = quarter % 2 === 1;
  return { number, label, width: sideways ? viewport.height : viewport.width, height: sideways ? viewport.width : viewport.height, runs };
}
