// How tall the blocks of a document will be before they are laid out, and which of them to render:
// guesses from each block's kind, length and lines (the outline), corrected by VirtualDocument once
// blocks are laid out. No DOM here.
import type { DocumentOutline, ReadingSettings } from '../../src-main/ipc/contract';
import { blockIndexAt } from './blockIndex';

/** The reader opens with this many blocks on either side of its place at hand (and the masthead's). */
export const OPEN_AROUND = 100;
/** The masthead (title, byline) is looked for in the first blocks. */
export const MASTHEAD_BLOCKS = 12;
/** A document up to this many blocks and characters is rendered whole. */
const WHOLE_BLOCKS = 300;
const WHOLE_CHARS = 150_000;

/** An article is rendered whole, as any page would be: only a long document is rendered in parts. */
export function rendersWhole(outline: DocumentOutline): boolean {
  return outline.starts.length <= WHOLE_BLOCKS && outline.length <= WHOLE_CHARS;
}

/** A first guess at block `i`'s height in pixels, from its kind, length and lines, before it is laid out. */
function estimateHeight(outline: DocumentOutline, i: number, charsPerLine: number, lineHeight: number): number {
  const n = outline.starts.length;
  const length = (i + 1 < n ? outline.starts[i + 1]! - 2 : outline.length) - outline.starts[i]!;
  const lines = outline.lines[i] ?? 1;
  const wrapped = Math.max(lines, Math.ceil(length / charsPerLine));
  switch (outline.kinds[i]) {
    case 'h':
      return wrapped * lineHeight * 1.3 + lineHeight * 1.6;
    case 'c':
    case 'r':
    case 't':
      return lines * lineHeight * 0.95 + lineHeight * 1.6;
    case 'i':
      return 320;
    case 'b':
      return lineHeight * 2;
    case 'l':
      return wrapped * lineHeight + lineHeight * 0.4;
    default:
      return wrapped * lineHeight + lineHeight;
  }
}

export function estimateHeights(outline: DocumentOutline, charsPerLine: number, lineHeight: number): Float64Array {
  const heights = new Float64Array(outline.starts.length);
  for (let i = 0; i < heights.length; i++) heights[i] = estimateHeight(outline, i, charsPerLine, lineHeight);
  return heights;
}

/**
 * The blocks the reader first renders to open at block `start`: from a screen above it to two below,
 * guessed from the reading settings (nothing is laid out yet, and nothing need be to choose them), and
 * within what the reader fetched before opening (blockStore.ts). Following the viewport fills in the rest.
 */
export function openingRange(
  outline: DocumentOutline,
  start: number,
  viewport: { width: number; height: number },
  { textSize, lineHeight, columnWidth }: Pick<ReadingSettings, 'textSize' | 'lineHeight' | 'columnWidth'>,
): [number, number] {
  const count = outline.starts.length;
  if (rendersWhole(outline)) return [0, count];
  const charsPerLine = Math.max(20, Math.min(columnWidth, viewport.width / (textSize * 0.5)));
  const line = textSize * lineHeight;
  let first = start;
  for (let above = 0; first > Math.max(0, start - OPEN_AROUND) && above < viewport.height;)
    above += estimateHeight(outline, --first, charsPerLine, line);
  let last = start;
  for (let below = 0; last < Math.min(count, start + OPEN_AROUND) && below < 2 * viewport.height;)
    below += estimateHeight(outline, last++, charsPerLine, line);
  return [first, Math.max(start + 1, last)];
}

export function prefixSums(heights: Float64Array): Float64Array {
  const prefix = new Float64Array(heights.length + 1);
  for (let i = 0; i < heights.length; i++) prefix[i + 1] = prefix[i]! + heights[i]!;
  return prefix;
}

/** The block at `y` pixels from the top of the document body (`prefix`: prefixSums of the heights). */
export function blockAtY(prefix: Float64Array, y: number): number {
  return Math.min(blockIndexAt(prefix, y), Math.max(0, prefix.length - 2));
}

/**
 * The tallest page a document is given. Browsers lay out no more than about 33.5 million pixels (a
 * 70 MB book): past that the end of the text could not be scrolled to. A taller document gets this much,
 * with the space for the blocks not rendered scaled down (ScrollSpace).
 */
export const MAX_PAGE_HEIGHT = 8_000_000;

/** The scale for the space not rendered of a document `total` pixels tall: 1 unless it is taller than MAX_PAGE_HEIGHT. */
export function scaleFor(total: number): number {
  return total > MAX_PAGE_HEIGHT ? MAX_PAGE_HEIGHT / total : 1;
}

/**
 * The page's vertical space for a document `total` pixels tall (by the estimates, corrected where laid
 * out) whose blocks from `r0` to `r1` (document pixels) are rendered, at full size: the space above and
 * below them is scaled by `k` (scaleFor), so the scroll bar still spans the whole text.
 */
export class ScrollSpace {
  constructor(
    readonly k: number,
    readonly total: number,
    readonly r0: number,
    readonly r1: number,
  ) {}

  get paddingTop(): number {
    return this.r0 * this.k;
  }

  get paddingBottom(): number {
    return (this.total - this.r1) * this.k;
  }

  /** Where document pixel `y` is on the page (from the top of the document's frame). */
  pageY(y: number): number {
    if (y <= this.r0) return y * this.k;
    if (y <= this.r1) return this.paddingTop + (y - this.r0);
    return this.paddingTop + (this.r1 - this.r0) + (y - this.r1) * this.k;
  }

  /** The document pixel at page position `y` (from the top of the document's frame). */
  docY(y: number): number {
    const top = this.paddingTop;
    const bottom = top + (this.r1 - this.r0);
    if (y <= top) return y / this.k;
    if (y <= bottom) return this.r0 + (y - top);
    return this.r1 + (y - bottom) / this.k;
  }
}
