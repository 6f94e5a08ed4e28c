// What the plain-text parser knows about one physical line: how far it is indented and how wide it
// is on a fixed-width screen, which is what a hard-wrapping editor counted when it broke the line.

/** One physical line of a plain-text file. */
export interface Line {
  /** the line with tabs expanded and trailing whitespace removed (pre and code keep it like this) */
  raw: string;
  /** the line's text without its indentation */
  text: string;
  /** columns of leading spaces and tabs (a leading U+3000 is content: the CJK paragraph indent) */
  indent: number;
  /** columns the whole line takes, full-width characters counting two */
  width: number;
  /** starts with an ideographic space: a Japanese or Chinese paragraph's first line */
  ideographicIndent: boolean;
}

const TAB_STOP = 8;

/** Tabs to spaces at 8-column stops, the convention plain text was laid out with. */
export function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  let column = 0;
  for (const ch of line) {
    if (ch === '\t') {
      const pad = TAB_STOP - (column % TAB_STOP);
      out += ' '.repeat(pad);
      column += pad;
    } else {
      out += ch;
      column++;
    }
  }
  return out;
}

export function analyzeLine(source: string): Line {
  const raw = expandTabs(source).trimEnd();
  let i = 0;
  // Only ASCII spaces (after tab expansion) and no-break spaces indent; U+3000 is the CJK paragraph indent, kept as text.
  while (i < raw.length && (raw.charCodeAt(i) === 0x20 || raw.charCodeAt(i) === 0xa0)) i++;
  const text = raw.slice(i);
  return { raw, text, indent: i, width: i + displayWidth(text), ideographicIndent: text.charCodeAt(0) === 0x3000 };
}

export function isBlank(line: string): boolean {
  const c = line.charCodeAt(0);
  // Most lines start with a visible character: no need to trim them to know.
  if (c > 0x20 && c < 0x1680 && c !== 0xa0 && c !== 0x85) return false;
  return line.trim() === '';
}

/** Columns on a fixed-width screen: East Asian wide and full-width characters take two. */
const BEYOND_NARROW = /[\u1100-\uffff]/;

export function displayWidth(text: string): number {
  if (!BEYOND_NARROW.test(text)) return text.length;
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x1100) width++;
    else if (c >= 0xdc00 && c <= 0xdfff)
      continue; // the second half of a pair was counted with the first
    else width += isWideCode(c) ? 2 : 1;
  }
  return width;
}

function isWideCode(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    // astral characters (CJK extensions, emoji) are wide; a pair is counted once, at its first half
    (c >= 0xd800 && c <= 0xdbff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6)
  );
}

/**
 * Scripts written without spaces between words, and the CJK punctuation and full-width forms that go
 * with them: a line break between two such characters is not a space.
 */
const SPACELESS = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}\u3000-\u303f\u30fb\u30fc\uff00-\uffef]/u;

export function isSpacelessChar(ch: string): boolean {
  // None of these scripts has a character below U+0E01 (Thai's first), so most characters need no pattern.
  return ch !== '' && ch.charCodeAt(0) >= 0x0e01 && SPACELESS.test(ch);
}

/** Whether most of a line's characters are full-width (a CJK line), judged cheaply on its first 40. */
export function isWideLine(line: Line): boolean {
  const sample = line.text.slice(0, 40);
  return displayWidth(sample) >= sample.length * 1.5;
}

/**
 * Runs of whitespace become one space and the ends are trimmed, so copy-paste debris (tabs, doubled
 * spaces, no-break spaces) does not show in the reader or in quotes taken from it; a leading U+3000
 * paragraph indent is kept, as Japanese and Chinese plain text mean it.
 */
export function collapseSpaces(text: string): string {
  if (isTidy(text)) return text;
  const collapsed = text.replace(/[^\S\u3000]+/g, ' ');
  const trimmed = collapsed.trim();
  const start = collapsed.charCodeAt(0) === 0x20 ? 1 : 0;
  if (collapsed.charCodeAt(start) !== 0x3000) return trimmed;
  let end = start;
  while (collapsed.charCodeAt(end) === 0x3000) end++;
  return trimmed === '' ? '' : collapsed.slice(start, end) + trimmed;
}

/**
 * What `isTidy` rules out besides single spaces: control characters, U+0085, and every space that `collapseSpaces`
 * would collapse or trim (\s but for the plain space), and two spaces in a row.
 */
// eslint-disable-next-line no-control-regex -- control characters are among what this must find
const UNTIDY = /[\0-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}/;

/** No whitespace but single spaces between words: nothing for `collapseSpaces` to do (the usual case, checked in one regular-expression scan, twice as fast as a loop). */
function isTidy(text: string): boolean {
  const n = text.length;
  if (n === 0) return true;
  if (text.charCodeAt(0) === 0x20 || text.charCodeAt(n - 1) === 0x20) return false;
  return !UNTIDY.test(text);
}

/** Spaces in a text, counted up to `enough` (so a long paragraph is not searched to its end). */
export function countSpaces(text: string, enough: number): number {
  let n = 0;
  for (let i = text.indexOf(' '); i !== -1 && n < enough; i = text.indexOf(' ', i + 1)) n++;
  return n;
}

/**
 * Wrapped lines joined back into one paragraph: no space where either side is a script written
 * without spaces, none after a hyphen or dash that ends a word ("well-" + "known"), one space
 * otherwise (so "X = -" and "1" stay "X = - 1", minus sign and all).
 */
const WORD_DASH_END = /[\p{L}\p{N}](?:-|--|[\u2010\u2011\u2013\u2014])$/u;

export function joinWrapped(parts: readonly string[]): string {
  let out = parts[0] ?? '';
  // The part `out` ends with: a join looks only at the last few characters of `out`, and reading them from
  // `out` itself, a string built piece by piece, would copy all of it into one piece at every line.
  let end = out;
  const tail = (n: number): string => (end.length >= n ? end.slice(-n) : out.slice(-n));
  for (let k = 1; k < parts.length; k++) {
    const next = parts[k];
    if (next === '') continue;
    if (out === '') {
      out = next;
      end = next;
      continue;
    }
    const last = end.charCodeAt(end.length - 1);
    const first = String.fromCodePoint(next.codePointAt(0)!);
    const lastChar = out.length > 1 && last >= 0xdc00 && last <= 0xdfff ? tail(2) : end.charAt(end.length - 1);
    if (isSpacelessChar(lastChar) || isSpacelessChar(first) || endsWithWordDash(last, tail)) out += next;
    else out += ' ' + next;
    end = next;
  }
  return out;
}

/** "well-", "re–": a text whose last character is `last` ends in a hyphen or dash that ends a word (its last three characters, from `tail`, are matched against the pattern only when `last` is a dash). */
function endsWithWordDash(last: number, tail: (n: number) => string): boolean {
  return (last === 0x2d || last === 0x2010 || last === 0x2011 || last === 0x2013 || last === 0x2014) && WORD_DASH_END.test(tail(3));
}
