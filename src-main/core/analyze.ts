// Words as search sees them, the same for a text being indexed and for a query (issue 8 §2):
// - folded: case and accents dropped, "ß" as "ss", ligatures and full-width forms taken apart
//   (find-in-text.ts's folding, so "ete" finds "Été" in search as in find);
// - English-stemmed where a word is written in plain Latin letters (Porter2: "recruited" and
//   "recruitment" are both "recruit");
// - Chinese and Japanese, written without spaces, cut into overlapping pairs of characters, so a word
//   is found in the middle of a run however a dictionary would have split that run (a query's pairs
//   must then follow one another, as in a phrase); Thai, Lao, Khmer and Myanmar cut into words by
//   Intl.Segmenter, whose dictionaries know them.
// Each word keeps where it is in the original text (for snippets and marks) and its position among
// the words (for phrases).
import { stem } from 'porter2';
import { endOf, foldText, originOf } from './find-in-text';

export interface Token {
  /** the word as the index keeps it */
  term: string;
  /** where the word is in the original text */
  start: number;
  end: number;
  /** its place among the text's words, counting from 0: a phrase's words have consecutive positions */
  position: number;
}

/** A run of letters and digits (folded text), apostrophes and hyphens between words splitting them. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
/** Han and kana: pairs of characters. */
const PAIRED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]/u;
/** Scripts without spaces whose words Intl.Segmenter finds. */
const SEGMENTED = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const LATIN_WORD = /^[a-z]+$/;

/** Stems of words seen before: a library's vocabulary repeats, the stemmer need not. */
const stems = new Map<string, string>();
const MAX_STEMS = 200_000;

/** A folded word as the index keeps it: stemmed if it is a plain Latin word of three letters or more. */
export function termOf(word: string): string {
  if (word.length < 3 || !LATIN_WORD.test(word)) return word;
  let s = stems.get(word);
  if (s === undefined) {
    if (stems.size >= MAX_STEMS) stems.clear();
    s = stem(word);
    stems.set(word, s);
  }
  return s;
}

let segmenter: Intl.Segmenter | null = null;

/** The words of `text`, in order. */
export function tokenize(text: string): Token[] {
  const folded = foldText(text);
  const out: Token[] = [];
  const add = (term: string, from: number, to: number) =>
    out.push({ term, start: originOf(folded, from), end: endOf(folded, to - 1), position: out.length });
  for (const match of folded.folded.matchAll(WORD)) {
    const word = match[0];
    const at = match.index;
    if (PAIRED.test(word) || SEGMENTED.test(word)) splitRun(word, at, add);
    else add(termOf(word), at, at + word.length);
  }
  return out;
}

/**
 * A run holding a script written without spaces: its Han and kana in pairs of characters (a lone
 * character on its own), its Thai and kin by Intl.Segmenter, and any Latin or digits in it as words.
 */
function splitRun(run: string, at: number, add: (term: string, from: number, to: number) => void): void {
  let i = 0;
  while (i < run.length) {
    const ch = String.fromCodePoint(run.codePointAt(i)!);
    if (PAIRED.test(ch)) {
      let j = i;
      const chars: number[] = [];
      while (j < run.length) {
        const c = String.fromCodePoint(run.codePointAt(j)!);
        if (!PAIRED.test(c)) break;
        chars.push(j);
        j += c.length;
      }
      chars.push(j);
      if (chars.length === 2) add(run.slice(i, j), at + i, at + j);
      for (let k = 0; k + 2 < chars.length; k++) add(run.slice(chars[k], chars[k + 2]), at + chars[k]!, at + chars[k + 2]!);
      i = j;
    } else if (SEGMENTED.test(ch)) {
      let j = i;
      while (j < run.length && SEGMENTED.test(String.fromCodePoint(run.codePointAt(j)!))) j += run.codePointAt(j)! > 0xffff ? 2 : 1;
      segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
      for (const part of segmenter.segment(run.slice(i, j)))
        if (part.isWordLike) add(part.segment, at + i + part.index, at + i + part.index + part.segment.length);
      i = j;
    } else {
      let j = i;
      while (j < run.length) {
        const c = String.fromCodePoint(run.codePointAt(j)!);
        if (PAIRED.test(c) || SEGMENTED.test(c)) break;
        j += c.length;
      }
      const word = run.slice(i, j);
      if (/[\p{L}\p{N}]/u.test(word)) add(termOf(word), at + i, at + j);
      i = j;
    }
  }
}
