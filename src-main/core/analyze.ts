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
const isPaired = (ch: string) => PAIRED.test(ch);
const isSegmented = (ch: string) => SEGMENTED.test(ch);
/** The kind of each character seen: a run of Japanese repeats its characters as a text repeats its words. */
const kinds = new Map<number, 0 | 1 | 2>();

/** 1: Han or kana, 2: Thai and kin, 0: anything else. */
function kindOf(code: number): 0 | 1 | 2 {
  let kind = kinds.get(code);
  if (kind === undefined) {
    if (kinds.size >= 50_000) kinds.clear();
    const ch = String.fromCodePoint(code);
    kind = isPaired(ch) ? 1 : isSegmented(ch) ? 2 : 0;
    kinds.set(code, kind);
  }
  return kind;
}
const LATIN_WORD = /^[a-z]+$/;

/**
 * A folded word as the index keeps it: stemmed if it is a plain Latin word of three letters or more
 * (looked up in the vocabulary, where the words of documents are: the stemmer runs once a word).
 */
export function termOf(word: string): string {
  if (word.length < 3 || !LATIN_WORD.test(word)) return word;
  let hash = FNV_START;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME); // as scanTerms hashes it
  return vocabulary.terms[vocabulary.plainWord(word, 0, word.length, hash, false, false)]!;
}

let segmenter: Intl.Segmenter | null = null;

/** The words of `text`, in order. */
export function tokenize(text: string): Token[] {
  vocabulary.trim(); // (no term numbers are held here: the vocabulary may be let go)
  const n = scanTerms(text);
  const out: Token[] = [];
  for (let k = 0; k < n; k++) out.push({ term: vocabulary.terms[found[3 * k]!]!, start: found[3 * k + 1]!, end: found[3 * k + 2]!, position: k });
  return out;
}

/**
 * Where each word of `text` is, in order, cut as `tokenize` cuts it but without looking up its term
 * (no stemming of words not met before): what a snippet needs to find the words the index placed.
 */
export function wordSpans(text: string): { start: number; end: number }[] {
  const n = scanTerms(text, false);
  const out: { start: number; end: number }[] = [];
  for (let k = 0; k < n; k++) out.push({ start: found[3 * k + 1]!, end: found[3 * k + 2]! });
  return out;
}

/**
 * Where each word of `text` is, and whether its term is one of `wanted`, as `tokenize` would say: what
 * marking a short text (a highlight's quote, a note) needs. A plain word's term is looked up only when
 * it could be wanted: stemming keeps a word's first letter, so a word whose first letter no wanted term
 * has is passed over unstemmed (in a session's first searches, stemming the words of fifty quotes never
 * met before cost more than finding them).
 */
export function markWords(text: string, wanted: ReadonlySet<string>): { start: number; end: number; marked: boolean }[] {
  vocabulary.trim(); // (no term numbers are held here: the vocabulary may be let go)
  const firsts = new Set<number>();
  for (const term of wanted) firsts.add(term.charCodeAt(0));
  const n = scanTerms(text, false);
  const spans = found.slice(0, 3 * n); // (termOf below leaves `found` alone; a copy costs little and makes sure)
  const out: { start: number; end: number; marked: boolean }[] = [];
  for (let k = 0; k < n; k++) {
    const term = spans[3 * k]!;
    const start = spans[3 * k + 1]!;
    const end = spans[3 * k + 2]!;
    // a plain word (ASCII letters and digits): -1, lower-cased by setting bit 5
    const marked =
      term >= 0
        ? wanted.has(vocabulary.terms[term]!)
        : firsts.has(text.charCodeAt(start) | 0x20) && wanted.has(termOf(text.slice(start, end).toLowerCase()));
    out.push({ start, end, marked });
  }
  return out;
}

/**
 * Each word of `text` in order, as its term's number (`termName` gives the term) and where it is, put
 * in `found`; returns how many words there are. The way a whole document is analyzed. Text is cut at
 * separators first (characters that fold to neither letter nor digit), which a word never spans. A
 * piece of ASCII letters and digits, most of most texts, is looked up by its characters, lower-cased as
 * they are read: no string is made for a word met before. Only a piece holding other characters is
 * folded and cut the general way. The two ways give the same words (analyze.test.ts checks it). With
 * `lookUp` false, a plain word's number is -1: only its place is wanted, and it is not looked up (nor
 * stemmed, when new). Words are put in a buffer rather than handed to a callback: a call per word to a
 * function that differs from caller to caller cost a third of a document's analysis.
 */
export function scanTerms(text: string, lookUp = true): number {
  const n = text.length;
  let i = 0;
  let words = 0;
  if (found.length > MAX_KEPT_FOUND) found = new Int32Array(3 * 1024); // a book's words are not kept after it
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c < 0x80 ? !isAsciiWordChar(c) : isSeparator(text, i)) {
      i += widthAt(text, i);
      continue;
    }
    const start = i;
    let plain = true; // ASCII letters and digits only
    let upper = false;
    let digit = false;
    let hash = FNV_START;
    while (i < n) {
      c = text.charCodeAt(i);
      if (c < 0x80) {
        if (c >= 0x41 && c <= 0x5a) upper = true;
        else if (c >= 0x30 && c <= 0x39) digit = true;
        else if (c < 0x61 || c > 0x7a) break;
        hash = Math.imul(hash ^ (c | 0x20), FNV_PRIME);
        i++;
      } else if (isSeparator(text, i)) break;
      else {
        plain = false;
        i += widthAt(text, i);
      }
    }
    if (plain) {
      if (3 * words + 3 > found.length) found = grown(found);
      found[3 * words] = lookUp ? vocabulary.plainWord(text, start, i, hash, upper, digit) : -1;
      found[3 * words + 1] = start;
      found[3 * words + 2] = i;
      words++;
    } else words = foldedWords(text, start, i, words);
  }
  return words;
}

/** The words of text[start, end), which holds characters beyond ASCII, put in `found` from word `words` on; returns the count. */
function foldedWords(text: string, start: number, end: number, words: number): number {
  for (const t of tokenizeFolded(text.slice(start, end))) {
    if (3 * words + 3 > found.length) found = grown(found);
    found[3 * words] = vocabulary.number(t.term);
    found[3 * words + 1] = start + t.start;
    found[3 * words + 2] = start + t.end;
    words++;
  }
  return words;
}

/**
 * What the last `scanTerms` found: word k's term number at 3k, its start at 3k + 1 and its end at
 * 3k + 2 (a buffer the next scan writes over: read it before scanning again).
 */
export let found = new Int32Array(3 * 1024);
const MAX_KEPT_FOUND = 3 * 256 * 1024;

const FNV_START = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** The term a number from `scanTerms` stands for. */
export const termName = (term: number): string => vocabulary.terms[term]!;
/** How many term numbers there are: each is below this. */
export const termCount = (): number => vocabulary.terms.length;
/** Lets a thread's vocabulary go once it is large (between records: numbers given before are void then). */
export const trimVocabulary = (): void => vocabulary.trim();

/**
 * Terms by number, and the plain words met so far by their characters (an open-addressing table of
 * their hashes), each with its term's number: a plain word met again costs a hash and a comparison of
 * its characters, not a string and two map lookups.
 */
class Vocabulary {
  terms: string[] = [];
  private numbers = new Map<string, number>();
  private words: string[] = [];
  private wordTerms = new Int32Array(1024);
  private wordHashes = new Int32Array(1024);
  /** word index + 1 by hash; 0: free */
  private slots = new Int32Array(4096);

  number(term: string): number {
    let n = this.numbers.get(term);
    if (n === undefined) {
      n = this.terms.length;
      this.terms.push(term);
      this.numbers.set(term, n);
    }
    return n;
  }

  /** The term number of text[start, end), ASCII letters and digits hashing to `hash` (lower-cased). */
  plainWord(text: string, start: number, end: number, hash: number, upper: boolean, digit: boolean): number {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (let w = this.slots[slot]! - 1; w >= 0; slot = (slot + 1) & mask, w = this.slots[slot]! - 1)
      if (this.wordHashes[w] === hash && sameWord(this.words[w]!, text, start, end)) return this.wordTerms[w]!;
    return this.addWord(text, start, end, hash, upper, digit, slot);
  }

  /**
   * A plain word not met before, at free `slot`: stemmed and kept. Apart from `plainWord`, whose
   * optimized code is made into the loops that read words: this, called rarely, stays out of it, so its
   * rare turns (a long word, a table grown) never send that code back to the interpreter.
   */
  private addWord(text: string, start: number, end: number, hash: number, upper: boolean, digit: boolean, slot: number): number {
    let word = upper ? text.slice(start, end).toLowerCase() : text.slice(start, end);
    // A long slice would keep the whole text alive for as long as the vocabulary keeps the word.
    if (word.length >= 13) word = word.split('').join('');
    const term = this.number(digit || word.length < 3 ? word : stem(word));
    const w = this.words.length;
    if (w === this.wordTerms.length) {
      this.wordTerms = grown(this.wordTerms);
      this.wordHashes = grown(this.wordHashes);
    }
    this.words.push(word);
    this.wordTerms[w] = term;
    this.wordHashes[w] = hash;
    this.slots[slot] = w + 1;
    if (2 * this.words.length > this.slots.length) this.rehash();
    return term;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    for (let w = 0; w < this.words.length; w++) {
      let slot = this.wordHashes[w]! & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = w + 1;
    }
  }

  trim(): void {
    if (this.terms.length + this.words.length < MAX_VOCABULARY) return;
    this.terms = [];
    this.numbers = new Map();
    this.words = [];
    this.slots = new Int32Array(4096);
  }
}

/** Words and terms a thread keeps before letting them go (about 100 bytes each: some 30 MB). */
const MAX_VOCABULARY = 300_000;
const vocabulary = new Vocabulary();

const grown = (a: Int32Array) => {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
};

/** text[start, end) lower-cased is `word` (ASCII letters and digits: lower-casing sets bit 5). */
function sameWord(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) !== (text.charCodeAt(start + k) | 0x20)) return false;
  return true;
}

/** 2 at a surrogate pair, else 1 */
const widthAt = (text: string, i: number) => (text.codePointAt(i)! > 0xffff ? 2 : 1);

/** A–Z, a–z or 0–9 */
const isAsciiWordChar = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);

/** Whether folding makes the character at `i` (beyond ASCII) something between words, by code point. */
const separators = new Map<number, boolean>();
function isSeparator(text: string, i: number): boolean {
  const code = text.codePointAt(i)!;
  let separates = separators.get(code);
  if (separates === undefined) {
    if (separators.size >= 50_000) separators.clear();
    const folded = foldText(String.fromCodePoint(code)).folded;
    // A character folded to nothing (a combining accent) joins its neighbours: it is not between words.
    separates = folded.length > 0 && !/[\p{L}\p{N}\p{M}]/u.test(folded);
    separators.set(code, separates);
  }
  return separates;
}

/** The words of `text` the general way: folded whole, cut by pattern, scripts without spaces split. */
export function tokenizeFolded(text: string): Token[] {
  const folded = foldText(text);
  const out: Token[] = [];
  const add = (term: string, from: number, to: number) =>
    out.push({ term, start: originOf(folded, from), end: endOf(folded, to - 1), position: out.length });
  for (const match of folded.folded.matchAll(WORD)) {
    const word = match[0];
    const at = match.index;
    if (isPaired(word) || isSegmented(word)) splitRun(word, at, add);
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
  const width = (j: number) => (run.codePointAt(j)! > 0xffff ? 2 : 1);
  while (i < run.length) {
    const kind = kindOf(run.codePointAt(i)!);
    let j = i;
    while (j < run.length && kindOf(run.codePointAt(j)!) === kind) j += width(j);
    if (kind === 1) {
      // Every pair of neighbouring characters; a lone character on its own.
      let a = i;
      let b = a + width(a);
      if (b >= j) add(run.slice(a, j), at + a, at + j);
      while (b < j) {
        const c = b + width(b);
        add(run.slice(a, c), at + a, at + c);
        a = b;
        b = c;
      }
    } else if (kind === 2) {
      segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
      for (const part of segmenter.segment(run.slice(i, j)))
        if (part.isWordLike) add(part.segment, at + i + part.index, at + i + part.index + part.segment.length);
    } else {
      const word = run.slice(i, j);
      if (/[\p{L}\p{N}]/u.test(word)) add(termOf(word), at + i, at + j);
    }
    i = j;
  }
}
