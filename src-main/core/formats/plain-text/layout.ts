// Whether a text was hard-wrapped, and at what width. A wrapping editor breaks every line of a
// paragraph but the last just before a common width; a text with one paragraph per line has lines
// whose lengths vary widely. The decision is made once per document, from the lines that are
// followed by another line of the same paragraph-like run.
import { labelLevel } from './headings';
import { bulletOf } from './kinds';
import { countSpaces, isWideLine, type Line } from './lines';

export interface Layout {
  /** lines were broken at about `width` columns, so a run of them is one paragraph */
  wrapped: boolean;
  /** the wrap width in columns (0 when not wrapped) */
  width: number;
  /** how far short of `width` a line may stop and still have been broken by the wrapping */
  slack: number;
  /** the text's usual indentation: lines indented beyond it are first lines or indented passages */
  base: number;
  /** the indentation that marks a paragraph's first line, in texts that mark paragraphs that way */
  paragraphIndent?: number;
}

/** Narrowest wrap widths believed: CJK text is wrapped at 20 or more characters, Latin text rarely under 50 columns (narrower even lines are verse). */
const MIN_WIDTH = 16;
const MIN_LATIN_WIDTH = 45;
const MAX_WIDTH = 160;
/** Share of the candidate lines that must end near the width for the text to count as wrapped. */
const MIN_NEAR_SHARE = 0.55;

/** How far below the width a wrapped line may end: about a long word for Latin text, a few characters for CJK. */
export function slackFor(width: number, wide: boolean): number {
  return wide ? Math.max(4, Math.round(width * 0.08)) : Math.max(8, Math.round(width * 0.18));
}

/** `detectLayout`'s width histogram and its running sums, allocated once (they are small, but every text needs them). */
const COUNTS = new Int32Array(MAX_WIDTH + 2);
const PREFIX = new Int32Array(MAX_WIDTH + 3);

/** Which lines are candidates (1), for `detectLayout` and `nearShare`: one buffer, grown as texts need. */
let candidateBuffer = new Uint8Array(1024);

function candidateMarks(lines: number): Uint8Array {
  if (candidateBuffer.length < lines) candidateBuffer = new Uint8Array(Math.max(lines, candidateBuffer.length * 2));
  return candidateBuffer.fill(0, 0, lines);
}

/** `slackFor` of every width, Latin ([0]) and wide ([1]), worked out once: every text tries every width. */
const SLACKS = [false, true].map((wide) => Int32Array.from({ length: MAX_WIDTH + 1 }, (_, width) => slackFor(width, wide)));

export function detectLayout(lines: readonly (Line | null)[]): Layout {
  const base = usualIndent(lines);
  const paragraphIndent = firstLineIndent(lines, base);
  // Width histogram of lines followed by a line of the same run at the usual indentation.
  const counts = COUNTS.fill(0);
  const candidate = candidateMarks(lines.length);
  let candidates = 0;
  let wideLines = 0;
  let sampled = 0;
  let longProse = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    if (line.width > MAX_WIDTH && countSpaces(line.text, 8) >= 8) longProse++;
    const next = lines[i + 1];
    if (!next || next.indent !== base) continue;
    // Lines above an underline, a list item, a chapter label or a U+3000 paragraph indent end where their text ends, not at the width.
    if (next.ideographicIndent || !hasWordNearStart(next.text) || bulletOf(next.text) || labelLevel(next.text) !== undefined) continue;
    candidates++;
    candidate[i] = 1;
    counts[Math.min(line.width, MAX_WIDTH + 1)]++;
    if (sampled < 400) {
      sampled++;
      if (isWideLine(line)) wideLines++;
    }
  }
  const wide = sampled > 0 && wideLines / sampled > 0.5;
  const notWrapped: Layout = { wrapped: false, width: 0, slack: 0, base };
  if (paragraphIndent !== undefined) notWrapped.paragraphIndent = paragraphIndent;
  if (candidates < 2) return notWrapped;
  // prefix[w] = lines of width < w
  const prefix = PREFIX;
  for (let w = 0; w <= MAX_WIDTH + 1; w++) prefix[w + 1] = prefix[w] + counts[w];
  const slacks = SLACKS[wide ? 1 : 0];
  let bestWidth = 0;
  let bestNear = -1;
  for (let w = wide ? MIN_WIDTH : MIN_LATIN_WIDTH; w <= MAX_WIDTH; w++) {
    // Lines within the slack below w, plus a column above for hanging punctuation.
    const low = Math.max(0, w - slacks[w]);
    const near = prefix[Math.min(w + 2, MAX_WIDTH + 1)] - prefix[low];
    if (near > bestNear) {
      bestWidth = w;
      bestNear = near;
    }
  }
  const slack = slacks[bestWidth];
  const share = nearShare(lines, candidate, bestWidth - slack);
  // Paragraphs on single long lines are what a one-paragraph-per-line text has and a wrapped one does not.
  if (bestNear < 2 || share < MIN_NEAR_SHARE || longProse > Math.max(1, bestNear * 0.1)) return notWrapped;
  return { ...notWrapped, wrapped: true, width: bestWidth, slack };
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** A letter or digit among a line's first 200 characters (most lines start with one: no pattern needed for them). */
function hasWordNearStart(text: string): boolean {
  const c = text.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a)) return true;
  return LETTER_OR_DIGIT.test(text.slice(0, 200));
}

/**
 * The share of candidate lines that reach `reach`, counted only in runs where some line does: a stanza,
 * an address or a list whose lines all stop short is a block of another kind, not evidence against wrapping.
 */
function nearShare(lines: readonly (Line | null)[], candidate: Uint8Array, reach: number): number {
  let near = 0;
  let counted = 0;
  for (let start = 0; start < lines.length;) {
    if (!lines[start]) {
      start++;
      continue;
    }
    let end = start;
    let reaches = false;
    for (; end < lines.length && lines[end]; end++) if (lines[end]!.width >= reach) reaches = true;
    if (reaches) {
      for (let i = start; i < end; i++) {
        if (!candidate[i]) continue;
        counted++;
        if (lines[i]!.width >= reach) near++;
      }
    }
    start = end;
  }
  return counted === 0 ? 0 : near / counted;
}

/**
 * The indentation of paragraphs' first lines, when the text marks paragraphs that way: most indented
 * lines are followed by a line at the usual indentation (an indented passage is followed by more of itself).
 */
function firstLineIndent(lines: readonly (Line | null)[], base: number): number | undefined {
  const firsts = new Map<number, number>();
  let indented = 0;
  let total = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i];
    const next = lines[i + 1];
    if (!line || !next || line.indent <= base || line.indent > base + 12) continue;
    indented++;
    if (next.indent === base) {
      firsts.set(line.indent, (firsts.get(line.indent) ?? 0) + 1);
      total++;
    }
  }
  if (total < 3 || total < indented * 0.5) return undefined;
  return [...firsts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}

/** How many lines have each indentation up to 63 columns, for `usualIndent` (allocated once). */
const INDENT_COUNTS = new Int32Array(64);

/** The most common indentation of non-blank lines (ties go to the smaller). */
function usualIndent(lines: readonly (Line | null)[]): number {
  // Indentations are counted in an array (most are small); a Map holds any deeper ones.
  const counts = INDENT_COUNTS.fill(0);
  let deeper: Map<number, number> | undefined;
  for (const line of lines) {
    if (!line) continue;
    if (line.indent < counts.length) counts[line.indent]++;
    else (deeper ??= new Map()).set(line.indent, (deeper.get(line.indent) ?? 0) + 1);
  }
  // Ascending, so the first of equal counts is the smaller indentation; deeper ones are all larger.
  let best = 0;
  for (let indent = 1; indent < counts.length; indent++) if (counts[indent] > counts[best]) best = indent;
  let bestCount = counts[best];
  if (deeper) {
    for (const [indent, count] of deeper) {
      if (count > bestCount || (count === bestCount && indent < best)) {
        best = indent;
        bestCount = count;
      }
    }
  }
  return best;
}
