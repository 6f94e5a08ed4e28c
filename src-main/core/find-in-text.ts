// Find in a document's text the way a reader means it: without regard to case or accents ("ete" finds
// "Été"), every occurrence, each as offsets in the original text (folding can change a text's length,
// "ß" to "ss" or "İ" to "i̇", so positions are mapped back, never assumed).

import type { TextSpan } from './first-match';

/** A text folded for matching, with where each folded character came from. */
export interface FoldedText {
  folded: string;
  /**
   * origin[i]: the offset in the original text of folded character i, and origin[folded.length] its
   * length; null when folding kept every offset (a text in ASCII).
   */
  origin: Int32Array | null;
}

const MARKS = /\p{M}/gu;
const BEYOND_ASCII = /[^\0-\x7f]/;

/** Characters folded before: a text repeats its few accented letters many times. */
const folds = new Map<string, string>();

/** One character (or surrogate pair) folded: decomposed, accents dropped, lower case, "ß" as "ss". */
function foldChar(ch: string): string {
  let folded = folds.get(ch);
  if (folded === undefined) {
    if (folds.size >= 20_000) folds.clear();
    folded = ch.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(/ß/g, 'ss');
    folds.set(ch, folded);
  }
  return folded;
}

export function foldText(text: string): FoldedText {
  if (!BEYOND_ASCII.test(text)) return { folded: text.toLowerCase(), origin: null };
  const parts: string[] = [];
  let origin = new Int32Array(text.length + 16);
  let length = 0;
  const note = (from: number, count: number) => {
    if (length + count + 1 > origin.length) {
      const grown = new Int32Array(Math.max(origin.length * 2, length + count + 1));
      grown.set(origin);
      origin = grown;
    }
    for (let k = 0; k < count; k++) origin[length++] = from;
  };
  let run = 0; // start of the current run of ASCII, copied in one piece
  const flushAscii = (end: number) => {
    if (end <= run) return;
    parts.push(text.slice(run, end).toLowerCase());
    for (let k = run; k < end; k++) note(k, 1);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    flushAscii(i);
    const wide = c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const folded = foldChar(wide ? text.slice(i, i + 2) : text[i]!);
    parts.push(folded);
    note(i, folded.length);
    if (wide) i++;
    run = i + 1;
  }
  flushAscii(text.length);
  note(text.length, 1);
  return { folded: parts.join(''), origin: origin.subarray(0, length) };
}

/** The query folded the same way, with its whitespace made single spaces. */
export function foldQuery(query: string): string {
  return foldText(query.trim().replace(/\s+/g, ' ')).folded;
}

/**
 * Every occurrence of `query` in the folded text, as spans of the original text, at most `limit` of
 * them (and how many there are in all). A space in the query matches any run of whitespace, so a
 * phrase is found across a line break too.
 */
export function findAll(text: FoldedText, query: string, limit: number): { matches: TextSpan[]; total: number } {
  const needle = foldQuery(query);
  if (!needle) return { matches: [], total: 0 };
  const matches: TextSpan[] = [];
  let total = 0;
  const add = (at: number, length: number) => {
    total++;
    if (matches.length < limit) matches.push({ start: originOf(text, at), end: endOf(text, at + length - 1) });
  };
  if (!needle.includes(' ')) {
    for (let at = text.folded.indexOf(needle); at >= 0; at = text.folded.indexOf(needle, at + needle.length)) add(at, needle.length);
  } else {
    const pattern = new RegExp(needle.split(' ').map(escapeRegExp).join('\\s+'), 'g');
    for (const m of text.folded.matchAll(pattern)) add(m.index, m[0].length);
  }
  return { matches, total };
}

/** Where folded character `i` comes from in the original text. */
export const originOf = (text: FoldedText, i: number): number => (text.origin ? text.origin[i]! : i);

/** Where the original character behind folded character `i` ends (after a whole surrogate pair). */
export function endOf(text: FoldedText, i: number): number {
  if (!text.origin) return i + 1;
  const from = text.origin[i]!;
  let next = i + 1;
  while (next < text.origin.length - 1 && text.origin[next] === from) next++;
  return Math.max(from + 1, text.origin[next]!);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
