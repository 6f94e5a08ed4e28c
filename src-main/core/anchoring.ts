// Text anchors: W3C TextPosition + TextQuote selectors over a document's canonical text, and
// re-anchoring them after the text changed (see GUIDE.md "Documents and anchors").
import search from 'approx-string-match';
import { GlossError } from './errors';
import type { TextPosition, TextQuote } from './model';

/** How much context a TextQuote keeps on each side, in UTF-16 code units. */
export const CONTEXT_LENGTH = 32;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** The quote selector for text[start, end), with up to CONTEXT_LENGTH units of context either side. */
export function quoteAt(text: string, start: number, end: number): TextQuote {
  let prefix = text.slice(Math.max(0, start - CONTEXT_LENGTH), start);
  let suffix = text.slice(end, end + CONTEXT_LENGTH);
  // A half surrogate pair is not text: it would never match again and is invalid in exported JSON.
  if (prefix.length > 0 && start - prefix.length > 0 && isLowSurrogate(prefix.charCodeAt(0))) prefix = prefix.slice(1);
  if (suffix.length > 0 && end + suffix.length < text.length && isHighSurrogate(suffix.charCodeAt(suffix.length - 1))) {
    suffix = suffix.slice(0, -1);
  }
  return { exact: text.slice(start, end), prefix, suffix };
}

const isSpace = (ch: string): boolean => /\s/u.test(ch);

/**
 * Checks a selection and shrinks it so it neither starts nor ends with whitespace: a selection
 * dragged across a paragraph end should not carry the separator into the highlight.
 */
export function validateRange(text: string, start: number, end: number): TextPosition {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0) {
    throw new GlossError('invalid_input', 'A highlight needs whole-number start and end offsets.');
  }
  if (start >= end) throw new GlossError('invalid_input', 'A highlight must cover at least one character.');
  if (end > text.length) throw new GlossError('invalid_input', 'The highlight reaches past the end of the document.');
  let s = start;
  let e = end;
  while (s < e && isSpace(text[s])) s++;
  while (e > s && isSpace(text[e - 1])) e--;
  if (s === e) throw new GlossError('invalid_input', 'A highlight cannot cover only blank space.');
  return { start: s, end: e };
}

// --- re-anchoring ---

/** Below this (0..1, quote+prefix+suffix) a candidate is not trusted at all. */
const MIN_SCORE = 0.5;
/** Candidates whose scores differ by less than this are "about the same". */
const TIE_EPSILON = 0.02;
/** Among tied candidates, the nearest wins only when the next one is at least this many times farther. */
const CLEARLY_NEARER = 4;
const WEIGHTS = { quote: 50, prefix: 20, suffix: 20 };

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

interface Scored extends Candidate {
  score: number;
  distance: number;
}

/** 1 for identical, towards 0 as the edit distance grows (a window of text against stored context). */
function similarity(actual: string, expected: string): number {
  if (expected.length === 0) return actual.length === 0 ? 1 : 0;
  if (actual.length === 0) return 0;
  if (actual === expected) return 1;
  const matches = search(actual, expected, expected.length);
  if (matches.length === 0) return 0;
  return Math.max(0, 1 - matches[0].errors / expected.length);
}

function contextScore(text: string, c: Candidate, quote: TextQuote): { prefix: number; suffix: number } {
  // An empty stored context means the quote touched the document's edge; it still should.
  const prefix =
    quote.prefix.length === 0 ? (c.start === 0 ? 1 : 0.5) : similarity(text.slice(Math.max(0, c.start - quote.prefix.length), c.start), quote.prefix);
  const suffix =
    quote.suffix.length === 0 ? (c.end === text.length ? 1 : 0.5) : similarity(text.slice(c.end, c.end + quote.suffix.length), quote.suffix);
  return { prefix, suffix };
}

function score(text: string, c: Candidate, quote: TextQuote, old: TextPosition): Scored {
  const { prefix, suffix } = contextScore(text, c, quote);
  const quoteScore = 1 - c.errors / quote.exact.length;
  const total = WEIGHTS.quote * quoteScore + WEIGHTS.prefix * prefix + WEIGHTS.suffix * suffix;
  return {
    ...c,
    score: total / (WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix),
    distance: Math.abs(c.start - old.start),
  };
}

function exactOccurrences(text: string, exact: string): Candidate[] {
  const found: Candidate[] = [];
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    found.push({ start: at, end: at + exact.length, errors: 0 });
  }
  return found;
}

/**
 * approx-string-match only reports the matches with the lowest error count anywhere, so a lookalike
 * elsewhere could hide the real, slightly more edited passage. Also look where the quote's context
 * still is, and near the old position, so those candidates get a fair score.
 */
function fuzzyCandidates(text: string, quote: TextQuote, old: TextPosition): Candidate[] {
  const maxErrors = Math.floor(quote.exact.length / 4);
  const found = search(text, quote.exact, maxErrors);
  const within = (from: number, to: number): void => {
    const region = text.slice(Math.max(0, from), Math.min(text.length, to));
    const offset = Math.max(0, from);
    for (const m of search(region, quote.exact, maxErrors)) {
      found.push({ start: m.start + offset, end: m.end + offset, errors: m.errors });
    }
  };
  const withContext = quote.prefix + quote.exact + quote.suffix;
  if (withContext.length > quote.exact.length) {
    for (const m of search(text, withContext, Math.floor(withContext.length / 4))) within(m.start, m.end);
  }
  const slack = quote.exact.length + 2 * CONTEXT_LENGTH;
  within(old.start - slack, old.end + slack);
  return found;
}

/** Keeps the best-scoring candidate of each group of overlapping ones: they are one place, not two. */
function distinctPlaces(scored: Scored[]): Scored[] {
  const sorted = [...scored].sort((a, b) => b.score - a.score || a.distance - b.distance || a.start - b.start);
  const kept: Scored[] = [];
  for (const c of sorted) {
    if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  }
  return kept;
}

/** The one safe choice among scored places, or null when there is none. */
function choose(places: Scored[]): Scored | null {
  if (places.length === 0) return null;
  const best = places[0].score;
  if (best < MIN_SCORE) return null;
  const tied = places.filter((p) => best - p.score < TIE_EPSILON).sort((a, b) => a.distance - b.distance);
  if (tied.length === 1) return tied[0];
  const [nearest, next] = tied;
  return nearest.distance * CLEARLY_NEARER < next.distance ? nearest : null;
}

/**
 * Finds where a highlight belongs in (possibly changed) text. When no place is safe — nothing
 * similar enough, or two places about equally good — the highlight is orphaned and keeps its old
 * position rather than being moved onto a lookalike.
 */
export function reanchor(text: string, position: TextPosition, quote: TextQuote): { position: TextPosition; orphaned: boolean } {
  const orphan = { position: { start: position.start, end: position.end }, orphaned: true };
  if (quote.exact.length === 0) return orphan;
  if (text.slice(position.start, position.end) === quote.exact) {
    return { position: { start: position.start, end: position.end }, orphaned: false };
  }
  const rate = (cs: Candidate[]): Scored[] => distinctPlaces(cs.map((c) => score(text, c, quote, position)));
  const exact = exactOccurrences(text, quote.exact);
  const chosen = exact.length > 0 ? choose(rate(exact)) : choose(rate(fuzzyCandidates(text, quote, position)));
  if (!chosen) return orphan;
  return { position: { start: chosen.start, end: chosen.end }, orphaned: false };
}
