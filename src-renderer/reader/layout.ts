// How blocks are laid out, apart from React: the parts of the rendering that are pure arithmetic over
// the reading model (which cell holds which characters, how deep a quote is, where pages start).
import { TABLE_CELL, TABLE_ROW, type Block, type InlineMark, type TextLandmark } from '../../src-main/ipc/contract';

export interface TableCell {
  /** offset of the cell's text in the block's text */
  start: number;
  end: number;
  /** the separator that follows the cell in the block's text ('' for the very last cell) */
  separator: string;
}

/** The block's text cut into rows of cells, with where each cell lies in it. */
export function tableCells(text: string): TableCell[][] {
  const rows: TableCell[][] = [];
  let offset = 0;
  const lines = text.split(TABLE_ROW);
  lines.forEach((line, r) => {
    const cells: TableCell[] = [];
    const parts = line.split(TABLE_CELL);
    parts.forEach((part, c) => {
      const last = c === parts.length - 1;
      const separator = !last ? TABLE_CELL : r < lines.length - 1 ? TABLE_ROW : '';
      cells.push({ start: offset, end: offset + part.length, separator });
      offset += part.length + separator.length;
    });
    rows.push(cells);
  });
  return rows;
}

/** How many quotes enclose a block; a quote paragraph's own depth is its level. */
export function quoteDepth(block: Block): number {
  const own = block.kind === 'quote' ? (block.level ?? 1) : 0;
  return Math.min(9, Math.max(own, block.quote ?? 0));
}

/**
 * Which block each page starts in. A page that starts inside a block is marked at that block's top: the
 * marker is drawn by CSS, never put into the text. One page alone needs no marker.
 */
export function pageStarts(blocks: Block[], pages: TextLandmark[] | undefined): Map<Block, string> {
  const out = new Map<Block, string>();
  if (!pages || pages.length < 2 || blocks.length === 0) return out;
  const labels = new Map<Block, string[]>();
  for (const page of pages) {
    // the last block starting at or before the page's offset
    let lo = 0;
    let hi = blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (blocks[mid]!.start <= page.start) lo = mid;
      else hi = mid - 1;
    }
    const block = blocks[lo]!;
    const list = labels.get(block) ?? [];
    list.push(page.label);
    labels.set(block, list);
  }
  for (const [block, list] of labels) out.set(block, list.length > 1 ? `${list[0]}–${list[list.length - 1]}` : list[0]!);
  return out;
}

/** The marks of [from, to) of a block's text, relative to `from`: for a part of a block rendered on its own (a table cell). */
export function marksWithin(marks: InlineMark[] | undefined, from: number, to: number): InlineMark[] | undefined {
  if (!marks) return undefined;
  const out: InlineMark[] = [];
  for (const m of marks) {
    const start = Math.max(m.start, from);
    const end = Math.min(m.end, to);
    if (start < end) out.push({ ...m, start: start - from, end: end - from });
  }
  return out.length ? out : undefined;
}
