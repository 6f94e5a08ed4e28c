// Where the reader opens, and the page a document of any height is given (issue 7 §1): the blocks it renders in its first frame are chosen from the
// outline and the reading settings alone, before anything is laid out, and always among the blocks it
// fetched before opening (OPEN_AROUND on either side of its place). Real outlines from the real core.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../../src-main/core/library';
import { DEFAULT_READING_SETTINGS, type DocumentOutline } from '../../src-main/ipc/contract';
import {
  estimateHeights,
  MAX_PAGE_HEIGHT,
  OPEN_AROUND,
  openingRange,
  rendersWhole,
  scaleFor,
  ScrollSpace,
} from '../../src-renderer/reader/estimates';
import { tempDir } from './helpers/temp';

let lib: Library;
beforeEach(async () => {
  lib = await Library.open(await tempDir(), { holder: 'command line' });
});
afterEach(() => lib.close());

async function outlineOf(text: string): Promise<DocumentOutline> {
  const report = await lib.documents.importBytes([{ name: 'book.txt', source: '/tmp/book.txt', bytes: new TextEncoder().encode(text) }]);
  return lib.reading.outline(report.imported[0]!.id);
}

const prose = (paragraphs: number) =>
  `The Lantern Keeper\n\n${Array.from({ length: paragraphs }, (_, p) => `Paragraph ${p}: the keeper climbed the stairs at dusk and wrote the hour in the ledger by the door, as he had every night of that long and quiet winter by the sea.`).join('\n\n')}\n`;
const viewport = { width: 1280, height: 800 };
const settings = DEFAULT_READING_SETTINGS;

/** The estimated height of blocks [from, to), as openingRange guesses it. */
function height(outline: DocumentOutline, from: number, to: number): number {
  const charsPerLine = Math.min(settings.columnWidth, viewport.width / (settings.textSize * 0.5));
  const heights = estimateHeights(outline, charsPerLine, settings.textSize * settings.lineHeight);
  return heights.slice(from, to).reduce((a, b) => a + b, 0);
}

describe('openingRange', () => {
  it('renders an article whole', async () => {
    const outline = await outlineOf(prose(40));
    expect(rendersWhole(outline)).toBe(true);
    expect(openingRange(outline, 20, viewport, settings)).toEqual([0, outline.starts.length]);
  });

  it('opens a long book at its top with two screens of text below, and no more than was fetched', async () => {
    const outline = await outlineOf(prose(3000));
    expect(rendersWhole(outline)).toBe(false);
    const [first, last] = openingRange(outline, 0, viewport, settings);
    expect(first).toBe(0);
    expect(last).toBeLessThanOrEqual(OPEN_AROUND);
    expect(height(outline, first, last)).toBeGreaterThanOrEqual(2 * viewport.height);
    expect(height(outline, first, last - 1)).toBeLessThan(2 * viewport.height);
  });

  it('opens in the middle with a screen above the place and two below', async () => {
    const outline = await outlineOf(prose(3000));
    const start = 1500;
    const [first, last] = openingRange(outline, start, viewport, settings);
    expect(first).toBeLessThan(start);
    expect(last).toBeGreaterThan(start);
    expect(height(outline, first, start)).toBeGreaterThanOrEqual(viewport.height);
    expect(height(outline, start, last)).toBeGreaterThanOrEqual(2 * viewport.height);
    // Larger type fills the screens with fewer blocks.
    const [bigFirst, bigLast] = openingRange(outline, start, viewport, { ...settings, textSize: 30 });
    expect(bigLast - bigFirst).toBeLessThan(last - first);
  });

  it('stays within the blocks fetched around the place, however many short ones a tall window holds', async () => {
    const verse = `A Book of Hours\n\n${Array.from({ length: 4000 }, (_, i) => `Line ${i}`).join('\n\n')}\n`;
    const outline = await outlineOf(verse);
    const start = 2000;
    const [first, last] = openingRange(outline, start, { width: 1280, height: 20_000 }, settings);
    expect(first).toBe(start - OPEN_AROUND);
    expect(last).toBe(start + OPEN_AROUND);
    // At the very end, the range ends with the book.
    const end = outline.starts.length - 1;
    expect(openingRange(outline, end, viewport, settings)[1]).toBe(outline.starts.length);
  });
});

describe('ScrollSpace', () => {
  it('is the document itself while it fits in a page', () => {
    const space = new ScrollSpace(scaleFor(2_000_000), 2_000_000, 500_000, 505_000);
    expect(space.k).toBe(1);
    expect([space.paddingTop, space.paddingBottom]).toEqual([500_000, 1_495_000]);
    for (const y of [0, 250_000, 502_000, 1_000_000, 2_000_000]) expect(space.pageY(y)).toBe(y);
  });

  it('scales what is not rendered of a taller document, so the page stays within what browsers lay out, end included', () => {
    const total = 60_000_000; // a 120 MB book: past the 33.5 million pixels a browser lays out
    const space = new ScrollSpace(scaleFor(total), total, 40_000_000, 40_004_000);
    expect(space.k).toBeLessThan(1);
    const page = space.paddingTop + 4_000 + space.paddingBottom;
    expect(page).toBeLessThanOrEqual(MAX_PAGE_HEIGHT + 4_000);
    // The rendered blocks keep their size; the page maps back to the document everywhere, to its end.
    expect(space.pageY(40_004_000) - space.pageY(40_000_000)).toBe(4_000);
    for (const y of [0, 1, 12_345_678, 39_999_999, 40_000_000, 40_002_000, 40_004_000, 50_000_000, total])
      expect(space.docY(space.pageY(y))).toBeCloseTo(y, 3);
    expect(space.docY(page)).toBeCloseTo(total, 3);
    // Further down the document is further down the page.
    let last = -1;
    for (let y = 0; y <= total; y += 1_234_567) {
      expect(space.pageY(y)).toBeGreaterThan(last);
      last = space.pageY(y);
    }
  });
});
