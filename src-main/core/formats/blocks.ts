import type { Block, InlineMark, ReadingModel, TextLandmark } from '../model';
import { BLOCK_SEPARATOR } from '../text-joins';
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
    // Object.assign, then `start` last, as a spread would lay the keys out: the spread is several times slower here.
    const block = Object.assign({}, draft) as Block;
    block.start = offset;
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

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Scripts written without spaces between words: only text holding one of them needs a word segmenter. */
const SPACELESS_SCRIPT = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
let segmenter: Intl.Segmenter | undefined;

/** What each ASCII character is to `countWords`: a space (what \s matches), a letter or digit, or another mark. */
const SPACE = 1;
const LETTER = 2;
const ASCII_KINDS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
  ASCII_KINDS[c] = c === 0x20 || (c >= 0x09 && c <= 0x0d) ? SPACE : letter ? LETTER : 0;
}

/**
 * Words as a reader counts them: runs of non-space holding a letter or digit, so a lone "|" or "—" is
 * none; in scripts written without spaces (Chinese, Japanese, Thai…) the words Intl.Segmenter finds.
 * Segmenting is slow, so only the space-separated pieces that hold such a script are segmented; for
 * every other piece counting it as one word gives the same answer. One pass over the characters (ASCII
 * ones looked up in a table), or, where spaces and line feeds are all the whitespace, a search for them.
 */
export function countWords(text: string): number {
  const spaceless = SPACELESS_SCRIPT.test(text);
  if (!spaceless && !hasOtherSpace(text)) return countSpacedWords(text);
  let n = 0;
  /** where the current run of non-space started, -1 between runs */
  let start = -1;
  /** the run holds a letter or digit */
  let counted = false;
  /** the run holds a script written without spaces: its words are segmented */
  let segment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const kind = c < 0x80 ? ASCII_KINDS[c] : isSpaceCode(c) ? SPACE : 0;
    if (kind === SPACE) {
      if (segment) n += segmentWords(text.slice(start, i));
      else if (counted) n++;
      start = -1;
      counted = false;
      segment = false;
      continue;
    }
    if (start === -1) start = i;
    if (kind === LETTER) counted = true;
    else if (c >= 0x80) {
      if (spaceless && !segment && isSpacelessCode(c)) segment = true;
      if (!counted) counted = LETTER_OR_DIGIT.test(text.slice(i, i + 2));
    }
  }
  if (segment) n += segmentWords(text.slice(start));
  else if (counted) n++;
  return n;
}

/** Whitespace but the space and the line feed (a negated class, which scans fastest): \t \v \f \r, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF. */
// eslint-disable-next-line no-control-regex -- control characters are among what this must tell apart
const OTHER_SPACE = /[^\0-\x08\n\x0e-\x9f\xa1-\u167f\u1681-\u1fff\u200b-\u2027\u202a-\u202e\u2030-\u205e\u2060-\u2fff\u3001-\ufefe\uff00-\uffff]/;

/** A character beyond Latin-1: a pattern that looks for one fails at once on a text stored one byte a character. */
const BEYOND_LATIN1 = /[^\0-\xff]/;

/** Whether a text has whitespace but spaces and line feeds (in Latin-1 text, the five it can have, each found by a memchr-like search, ten times faster than the pattern). */
function hasOtherSpace(text: string): boolean {
  if (BEYOND_LATIN1.test(text)) return OTHER_SPACE.test(text);
  return text.includes('\t') || text.includes('\v') || text.includes('\f') || text.includes('\r') || text.includes('\xa0');
}

/**
 * `countWords` for a text whose only whitespace is spaces and line feeds, with nothing to segment (most texts):
 * the runs between them are found with indexOf, far faster than looking at every character, and a run is looked
 * into only until its first letter or digit, which is usually its first character.
 */
function countSpacedWords(text: string): number {
  let n = 0;
  let lineEnd = text.indexOf('\n');
  for (let start = 0; start < text.length;) {
    let end = text.indexOf(' ', start);
    if (end === -1) end = text.length;
    for (; lineEnd !== -1 && lineEnd < end; lineEnd = text.indexOf('\n', start)) {
      if (hasLetterOrDigit(text, start, lineEnd)) n++;
      start = lineEnd + 1;
    }
    if (hasLetterOrDigit(text, start, end)) n++;
    start = end + 1;
  }
  return n;
}

/** Whether text[start, end) holds a letter or digit, judged as `countWords` does. */
function hasLetterOrDigit(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 ? ASCII_KINDS[c] === LETTER : LETTER_OR_DIGIT.test(text.slice(i, i + 2))) return true;
  }
  return false;
}

/** What \s matches. */
function isSpaceCode(c: number): boolean {
  if (c < 0x80) return ASCII_KINDS[c] === SPACE;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Han (with its astral extensions, whose high surrogates are D840-D8BF), kana, Thai, Lao, Khmer, Myanmar. */
function isSpacelessCode(c: number): boolean {
  return (
    (c >= 0x0e00 && c <= 0x0eff) ||
    (c >= 0x1000 && c <= 0x109f) ||
    (c >= 0x1780 && c <= 0x17ff) ||
    (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 0x31f0 && c <= 0x31ff) ||
    (c >= 0x3400 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xff66 && c <= 0xff9f) ||
    (c >= 0xd840 && c <= 0xd8bf)
  );
}

function segmentWords(text: string): number {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  let n = 0;
  for (const segment of segmenter.segment(text)) if (segment.isWordLike) n++;
  return n;
}
