import { BLOCK_SEPARATOR, type Block, type InlineMark, type ReadingModel, type TextLandmark } from '../model';
import type { DraftLandmark, ParsedDocument } from './types';

/** A block before it has a place in the canonical text. */
export type BlockDraft = Omit<Block, 'start'>;

/**
 * Lays drafts end to end into the canonical text. Both formats go through here so that the
 * invariant the anchoring relies on (text.slice(start, start + block.text.length) === block.text)
 * holds by construction, and marks that would point outside their block are dropped, not trusted.
 */
export function assembleBlocks(drafts: readonly BlockDraft[]): { text: string; blocks: Block[] } {
  const blocks: Block[] = [];
  const parts: string[] = [];
  let offset = 0;
  for (const draft of drafts) {
    if (parts.length > 0) offset += BLOCK_SEPARATOR.length;
    const block: Block = { ...draft, start: offset };
    if (draft.marks) {
      const marks = draft.marks.filter((m) => validMark(m, draft.text.length));
      if (marks.length > 0) block.marks = marks;
      else delete block.marks;
    }
    blocks.push(block);
    parts.push(draft.text);
    offset += draft.text.length;
  }
  return { text: parts.join(BLOCK_SEPARATOR), blocks };
}

/** A parser's blocks and landmarks laid out as the stored reading model (landmarks become text offsets). */
export function assembleDocument(parsed: Pick<ParsedDocument, 'blocks' | 'toc' | 'sections' | 'pages'>): ReadingModel {
  const { text, blocks } = assembleBlocks(parsed.blocks);
  const model: ReadingModel = { text, blocks };
  const place = (marks: DraftLandmark[] | undefined): TextLandmark[] | undefined => {
    if (!marks?.length) return undefined;
    const out: TextLandmark[] = [];
    for (const m of marks) {
      const block = blocks[Math.min(Math.max(0, m.block), blocks.length - 1)];
      if (!block) continue;
      const landmark: TextLandmark = { label: m.label, start: block.start + Math.min(Math.max(0, m.offset ?? 0), block.text.length) };
      if (m.level !== undefined) landmark.level = Math.min(9, Math.max(1, m.level));
      out.push(landmark);
    }
    return out.length ? out : undefined;
  };
  const toc = place(parsed.toc);
  const sections = place(parsed.sections);
  const pages = place(parsed.pages);
  if (toc) model.toc = toc;
  if (sections) model.sections = sections;
  if (pages) model.pages = pages;
  return model;
}

function validMark(mark: InlineMark, length: number): boolean {
  return Number.isInteger(mark.start) && Number.isInteger(mark.end) && mark.start >= 0 && mark.start < mark.end && mark.end <= length;
}

const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Words as a reader counts them: runs of non-space holding a letter or digit, so a lone "|" or "—" is none. */
export function countWords(text: string): number {
  let n = 0;
  for (const token of text.split(/\s+/)) if (HAS_LETTER_OR_DIGIT.test(token)) n++;
  return n;
}
