// Lines in reading order become blocks: paragraphs joined across line, column and page breaks,
// headings where the type is clearly larger than the body's, list items where a bullet starts a line,
// preformatted blocks for lines in a fixed-pitch font (code keeps its line breaks and indentation).
import type { BlockDraft } from '../blocks';
import type { DraftLandmark } from '../types';
import { hyphenJoin, type WordEvidence } from './hyphen';
import { NO_SPACE_SCRIPT, type Line } from './lines';

/** Type this much larger than the body's is a heading. */
export const HEADING_RATIO = 1.18;
/** A "heading" longer than this is a large-type passage (a lede), read as a paragraph. */
const MAX_HEADING = 250;

const BULLET = /^[•◦▪▫●○‣⁃■□►▸➢✓✔]\s*/u;
const SENTENCE_END = /[.!?…。！？:;]["'”’»)\]]*$/u;
/** A table-of-contents entry: leader dots and a page number ("Introduction . . . . 12"). */
const CONTENTS_ENTRY = /(?:\.\s?){4,}\s*(?:\d+|[ivxlcdm]+)$/i;

export interface Layout {
  /** the size most of the text is set in */
  bodySize: number;
  /** baseline-to-baseline distance of body lines, as a multiple of their size */
  leading: number;
  evidence: WordEvidence;
}

export interface BuiltBlocks {
  blocks: BlockDraft[];
  pages: DraftLandmark[];
  /** page 1's largest heading, when its type is clearly larger than the body's */
  firstPageTitle?: string;
}

interface Open {
  index: number;
  kind: 'heading' | 'paragraph' | 'listItem' | 'pre';
  last: Line;
  /** pre: where column 0 of the code is */
  left: number;
}

export function buildBlocks(pages: { label: string; lines: Line[] }[], layout: Layout): BuiltBlocks {
  const blocks: BlockDraft[] = [];
  const sizes: number[] = [];
  const firstPageHeadings: number[] = [];
  const landmarks: DraftLandmark[] = [];
  let pending: string[] = [];
  let open: Open | undefined;

  for (const [pageIndex, page] of pages.entries()) {
    pending.push(page.label);
    for (const line of page.lines) {
      const bullet = line.mono ? null : BULLET.exec(line.text);
      const heading =
        !bullet &&
        !line.mono &&
        line.size >= layout.bodySize * HEADING_RATIO &&
        line.text.length <= MAX_HEADING &&
        /[\p{L}\p{N}]/u.test(line.text) &&
        !CONTENTS_ENTRY.test(line.text);
      const kind: Open['kind'] = line.mono ? 'pre' : heading ? 'heading' : bullet ? 'listItem' : 'paragraph';
      let text = bullet ? line.text.slice(bullet[0].length) : line.text;
      let offset = 0;
      if (open && text.trim() !== '' && continues(open, line, kind, layout)) {
        const block = blocks[open.index];
        if (kind === 'pre') text = ' '.repeat(Math.max(0, Math.round((line.x0 - open.left) / line.charWidth))) + text;
        const { drop, glue } = kind === 'pre' ? { drop: 0, glue: '\n' } : glueBetween(block.text, text, layout.evidence);
        block.text = block.text.slice(0, block.text.length - drop) + glue;
        offset = block.text.length;
        block.text += text;
        if (block.kind === 'heading' && block.text.length > MAX_HEADING) block.kind = 'paragraph';
        open.last = line;
      } else {
        if (text.trim() === '') continue;
        blocks.push(kind === 'listItem' ? { kind, text, level: 1 } : { kind, text });
        sizes.push(line.size);
        open = { index: blocks.length - 1, kind, last: line, left: line.x0 };
        if (kind === 'heading' && pageIndex === 0) firstPageHeadings.push(open.index);
      }
      for (const label of pending) landmarks.push({ label, block: open.index, offset });
      pending = [];
    }
  }
  // Pages with no text of their own (blank, or only a running header) end where the text ends.
  const last = blocks.length - 1;
  if (last >= 0) for (const label of pending) landmarks.push({ label, block: last, offset: blocks[last].text.length });

  setHeadingLevels(blocks, sizes);
  const titleIndex = firstPageHeadings
    .filter((i) => blocks[i].kind === 'heading')
    .reduce<number | undefined>((best, i) => (best === undefined || sizes[i] > sizes[best] ? i : best), undefined);
  return { blocks, pages: landmarks, ...(titleIndex !== undefined ? { firstPageTitle: blocks[titleIndex].text } : {}) };
}

/** Whether line `c` goes on with the open block rather than starting a new one. */
function continues(open: Open, c: Line, kind: Open['kind'], layout: Layout): boolean {
  const p = open.last;
  const em = Math.max(p.size, c.size);
  if (open.kind === 'heading') {
    // a heading set over two or three lines in the same type
    return kind === 'heading' && c.page === p.page && Math.abs(c.size - p.size) <= 0.05 * em && c.y > p.y && c.y - p.y <= 1.8 * em && overlaps(p, c);
  }
  if (open.kind === 'pre' || kind === 'pre') {
    // code goes on line by line, over a page or column break too, but a blank line's gap ends the block
    // (a block's text never holds the blank line that separates blocks)
    if (open.kind !== kind || Math.abs(c.size - p.size) > 0.1 * em) return false;
    const sameFlow = c.page === p.page && c.y > p.y && overlaps(p, c);
    return sameFlow ? c.y - p.y <= layout.leading * p.size * 1.5 : true;
  }
  if (kind !== 'paragraph') return false;
  if (CONTENTS_ENTRY.test(p.text)) return false;
  if (Math.abs(c.size - p.size) > 0.1 * em) return false;
  const sameFlow = c.page === p.page && c.y > p.y && c.y - p.y < 3 * em && overlaps(p, c);
  if (sameFlow) {
    if (c.y - p.y > layout.leading * p.size * 1.25 + 0.5) return false;
    if (open.kind !== 'listItem' && c.x0 > p.x0 + 0.7 * c.size && c.x0 > c.left + 0.7 * c.size) return false;
  } else {
    // A new page or column: the paragraph goes on there only if nothing says a new one starts.
    if (c.x0 > c.left + 0.7 * c.size) return false;
    if (SENTENCE_END.test(p.text) && !/^\p{Ll}/u.test(c.text)) return false;
  }
  // The line ended early although the next word would have fitted: the author broke it.
  const room = p.right - p.x1;
  const firstWord = c.text.split(' ')[0];
  const needed = (firstWord.length + 1) * c.charWidth;
  if (room > needed + 0.5 * em && !/[-\u2010\u00ad]$/.test(p.text)) return false;
  return true;
}

const overlaps = (a: Line, b: Line) => a.x0 < b.x1 && b.x0 < a.x1;

/** What goes between the end of a block's text and the next line: a hyphen undone, no space in CJK, a space. */
function glueBetween(before: string, after: string, evidence: WordEvidence): { drop: number; glue: string } {
  if (/[-\u2010\u00ad]$/.test(before)) {
    const lastWord = /\S+$/.exec(before)?.[0] ?? before;
    const firstWord = /^\S+/.exec(after)?.[0] ?? after;
    return hyphenJoin(lastWord, firstWord, evidence);
  }
  // a dash or a slash at the end of a line binds the words around it ("1990–1995", "and/or")
  if (/\S[—–/]$/.test(before)) return { drop: 0, glue: '' };
  if (NO_SPACE_SCRIPT.test(before.slice(-1)) && NO_SPACE_SCRIPT.test(after[0] ?? '')) return { drop: 0, glue: '' };
  return { drop: 0, glue: ' ' };
}

/** The largest heading type is level 1, the next 2, and so on (type within 5% counts as the same). */
function setHeadingLevels(blocks: BlockDraft[], sizes: number[]): void {
  const headingSizes = [...new Set(blocks.flatMap((b, i) => (b.kind === 'heading' ? [sizes[i]] : [])))].sort((a, b) => b - a);
  const levels: number[] = [];
  for (const size of headingSizes) {
    if (levels.length > 0 && size >= levels[levels.length - 1] * 0.95) continue;
    levels.push(size);
  }
  blocks.forEach((block, i) => {
    if (block.kind !== 'heading') return;
    const level = levels.findIndex((s) => sizes[i] >= s * 0.95) + 1;
    block.level = Math.min(6, Math.max(1, level));
  });
}
