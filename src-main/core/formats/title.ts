import type { Block, DocumentFormat } from '../model';
import { isSectionLabel } from './plain-text/headings';
import { countSpaces } from './plain-text/lines';

/** How many lines from the top a headline may be found at: scraped pages put their junk first. */
const HEADLINE_WINDOW = 15;
/** How far down a repeated line still counts as the page repeating its headline. */
const REPEAT_WINDOW = 40;
const MAX_HEADLINE_CHARS = 150;
const MAX_FALLBACK_CHARS = 80;
const MAX_CJK_HEADLINE_CHARS = 40;
/** Scripts written without spaces between words. */
const SPACELESS = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;

const MONTHS = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'january',
  'february',
  'march',
  'april',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const WEEKDAYS = [
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thur',
  'thurs',
  'fri',
  'sat',
  'sun',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];
const DATE_ANCHORS = new Set([...MONTHS, ...WEEKDAYS, 'today', 'yesterday']);
/** Words that appear in date and "time ago" lines and never make a headline on their own. */
const DATE_WORDS = new Set([
  ...DATE_ANCHORS,
  'ago',
  'updated',
  'published',
  'posted',
  'modified',
  'on',
  'at',
  'am',
  'pm',
  'gmt',
  'utc',
  'edt',
  'est',
  'bst',
  'cet',
  'cest',
  'msk',
  'time',
  'last',
  'a',
  'an',
  'of',
  'st',
  'nd',
  'rd',
  'th',
  't',
  'z',
  'second',
  'seconds',
  'sec',
  'secs',
  'minute',
  'minutes',
  'min',
  'mins',
  'hour',
  'hours',
  'hr',
  'hrs',
  'day',
  'days',
  'week',
  'weeks',
  'month',
  'months',
  'year',
  'years',
]);

/** Page furniture that scrapers keep: calls to action, navigation, newsletter boxes. */
const FURNITURE =
  /^(?:skip to|sign up|sign in|log ?in|subscribe|download|get started|read more|read next|share (?:this|on)|follow us|advertisement|sponsored|cookie|accept|menu|related|access more|more from|more .{1,40} news$)/i;

/**
 * A sensible title for a document. Markdown: its first h1, else its first heading. Otherwise the
 * likeliest headline among the first lines (see `headlineScore`), else the first sentence of the
 * first real paragraph cut to a readable length, else the file name.
 */
export function chooseTitle(blocks: readonly Block[], text: string, format: DocumentFormat, fileName: string): string {
  if (format === 'markdown') {
    const headings = blocks.filter((b) => b.kind === 'heading' && clean(b.text) !== '');
    const heading = headings.find((b) => b.level === 1) ?? headings[0];
    if (heading) {
      const title = clean(heading.text);
      return title.length > MAX_HEADLINE_CHARS ? shorten(title, MAX_FALLBACK_CHARS) : title;
    }
  }
  if (format === 'text') {
    // A plain text that opens with a title of its own (underlined with ===, or in capitals on its own line).
    const first = blocks.find((b) => b.kind !== 'break');
    if (first?.kind === 'heading' && first.level === 1) {
      const title = clean(first.text);
      if (title.length <= MAX_HEADLINE_CHARS && !isSectionLabel(title) && !isFurniture(title) && !isDateLine(title)) return title;
    }
  }
  const candidates = blocks.length > 0 ? blocks : text.split('\n').map((line, i) => ({ kind: 'paragraph' as const, start: i, text: line }));
  return pickHeadline(candidates) ?? firstSentenceTitle(candidates) ?? fileNameTitle(fileName);
}

/** One of the first lines of a text, as `pickHeadline` weighs it; `lower` is its lowercase form once it was needed. */
interface TopLine {
  block: Block;
  line: string;
  lower?: string;
}

function pickHeadline(blocks: readonly Block[]): string | undefined {
  // Only the first REPEAT_WINDOW lines matter, so a book's ten thousand paragraphs are never looked at;
  // a line too long to be a headline is counted as a line but not cleaned.
  const lines: TopLine[] = [];
  for (const block of blocks) {
    if (lines.length >= REPEAT_WINDOW) break;
    if (block.kind === 'break') continue;
    // A text that opens with short lines kept as they are (a list, verse): its first line may be its title.
    const text = block.kind === 'pre' && lines.length === 0 ? block.text.split('\n', 1)[0]! : block.text;
    const line = text.length > 2 * MAX_HEADLINE_CHARS ? text : clean(text);
    if (line !== '') lines.push({ block, line });
  }
  let best: { title: string; score: number } | undefined;
  lines.slice(0, HEADLINE_WINDOW).forEach(({ block, line }, index) => {
    if (block.kind !== 'paragraph' && block.kind !== 'heading' && !(block.kind === 'pre' && index === 0)) return;
    if (!isHeadline(line) && !(index === 0 && isShortHeading(line))) return;
    // A short sentence further down is the text's, not a headline ("Hello world.\nThis is a test.").
    if (index > 0 && /\.["'”’»)\]]*$/u.test(line)) return;
    if (isSectionLabel(line)) return;
    let score = 10 - index * 0.5;
    // Scraped pages print the headline two or three times (page title, og:title, article header).
    if (timesSeen(lines, line) > 1) score += 8;
    if (/^\p{Ll}/u.test(line)) score -= 5;
    if (!best || score > best.score) best = { title: line, score };
  });
  return best?.title;
}

/**
 * How many of the lines read `line`, case aside. Lowercasing never makes a string shorter, so a line longer than
 * `line`'s lowercase form cannot be one of them and is never lowercased: the long paragraphs among a page's first
 * lines cost nothing.
 */
function timesSeen(lines: TopLine[], line: string): number {
  const key = line.toLowerCase();
  let n = 0;
  for (const other of lines) if (other.line.length <= key.length && (other.lower ??= other.line.toLowerCase()) === key) n++;
  return n;
}

/** Whether a single line reads as a headline rather than a date, furniture or running prose. */
export function isHeadline(line: string): boolean {
  if (line.includes('\n') || line.length > MAX_HEADLINE_CHARS) return false;
  // Chinese and Japanese headlines have no spaces to count words by: a short line that is not a sentence.
  if (SPACELESS.test(line)) return line.length >= 2 && line.length <= MAX_CJK_HEADLINE_CHARS && !/[。！？…]$/u.test(line) && !isDateLine(line);
  const words = spacedWords(line);
  if (words < 3 || words > 20) return false;
  if (isDateLine(line) || isJunkLine(line)) return false;
  const ending = line.replace(/["'”’»)\]]+$/u, '');
  if (/(?:[:,;…]|\.\.\.)$/u.test(ending)) return false;
  // A full stop marks prose; only a very short line ending in one can still be a headline.
  if (/\.$/.test(ending) && words > 6) return false;
  return true;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** How many of a line's pieces between spaces hold a letter or digit (a piece with an ASCII one needs no pattern). */
function spacedWords(line: string): number {
  let n = 0;
  for (let start = 0; start <= line.length;) {
    let end = line.indexOf(' ', start);
    if (end === -1) end = line.length;
    for (let i = start; i < end; i++) {
      const c = line.charCodeAt(i);
      if (c < 0x80 ? (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) : LETTER_OR_DIGIT.test(line.slice(start, end))) {
        n++;
        break;
      }
      // a piece with a character beyond ASCII was judged whole by the pattern
      if (c >= 0x80) break;
    }
    start = end + 1;
  }
  return n;
}

/** A two-word first line such as "Harbour notes": a heading when capitalised and not page furniture. */
function isShortHeading(line: string): boolean {
  return /^\p{Lu}\p{Ll}+ [\p{L}\p{N}][\p{L}\p{N}'’-]*$/u.test(line) && !isJunkLine(line) && !isDateLine(line);
}

/** The words of a date line: runs of letters (the first group) or of digits, so "time3" is "time" and "3". */
const DATE_TOKEN = /(\p{L}+)|\p{N}+/gu;

/** "Sat, 21 May 2022", "18 November 2020", "time3 days ago", "time16-05-2025", "Updated 10:30 GMT". */
export function isDateLine(line: string): boolean {
  // Every token a number or a date word, one of them a number or an anchor such as a month. Tokens are read one
  // at a time, so a line of prose is settled by its first word.
  const lower = line.toLowerCase();
  let anchored = false;
  DATE_TOKEN.lastIndex = 0;
  for (let match = DATE_TOKEN.exec(lower); match; match = DATE_TOKEN.exec(lower)) {
    const word = match[1];
    if (word !== undefined && !DATE_WORDS.has(word)) return false;
    if (word === undefined || DATE_ANCHORS.has(word)) anchored = true;
  }
  return anchored;
}

/** Calls to action and navigation a scraper kept ("DOWNLOAD THE APP", "Sign up"): never a title or a heading. */
export function isFurniture(line: string): boolean {
  return FURNITURE.test(line);
}

/** "logo", "#", "Latest news with #X", "DOWNLOAD THE APP", links, lines without a letter. */
export function isJunkLine(line: string): boolean {
  if (!/\p{L}/u.test(line)) return true;
  if (line.includes('#') && /(?:^|\s)#[\p{L}\p{N}_]/u.test(line)) return true;
  if (/^(?:https?:\/\/|www\.)/i.test(line)) return true;
  if (isFurniture(line)) return true;
  return mostlyCapitals(line);
}

const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;

/**
 * At least four letters, more than 70% of them capitals, counted in UTF-16 units (an astral letter counts two),
 * ASCII ones without a regular expression.
 */
function mostlyCapitals(line: string): boolean {
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < line.length; i++) {
    // Settled once even capitals in every unit left could not make 70% (in integers, with no rounding): a line of
    // prose is told after a third of it.
    const rest = line.length - i;
    if (10 * (upper + rest) <= 7 * (letters + rest)) return false;
    const c = line.charCodeAt(i);
    if (c < 0x80) {
      if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) {
        letters++;
        if (c <= 0x5a) upper++;
      }
      continue;
    }
    const ch = String.fromCodePoint(line.codePointAt(i)!);
    if (LETTER.test(ch)) {
      letters += ch.length;
      if (UPPER.test(ch)) upper += ch.length;
    }
    i += ch.length - 1;
  }
  return letters >= 4 && upper / letters > 0.7;
}

function firstSentenceTitle(blocks: readonly Block[]): string | undefined {
  // The first real paragraph, cleaned (once).
  let text: string | undefined;
  for (const [index, b] of blocks.entries()) {
    if (b.kind !== 'paragraph' && b.kind !== 'quote') continue;
    const line = clean(b.text);
    // A paragraph of three words or more; or, first in the text, a short sentence of its own ("Hello world.")
    const long = countSpaces(line, 2) >= 2 || (SPACELESS.test(line) && line.length >= 10);
    const shortSentence = index === 0 && countSpaces(line, 2) === 1 && /[.!?]["'”’)]*$/u.test(line);
    if ((long || shortSentence) && !isDateLine(line) && !isJunkLine(line)) {
      text = line;
      break;
    }
  }
  if (text === undefined) return undefined;
  const cjkEnd = SPACELESS.test(text) ? /[。！？]/u.exec(text) : null;
  const sentence = cjkEnd ? text.slice(0, cjkEnd.index) : firstSentence(text).replace(/\.$/, '');
  return sentence ? shorten(sentence, MAX_FALLBACK_CHARS) : undefined;
}

const ABBREVIATION = /(?:^|\s)(?:\p{L}|mr|mrs|ms|dr|prof|gen|col|lt|capt|sgt|st|jr|sr|vs|no|inc|co|corp|ltd|dept|gov|sen|rep)\.$/iu;

/** Up to the first sentence end that is not an abbreviation ("Gen.", "U.S.") or the whole text. */
export function firstSentence(text: string): string {
  const end = /[.!?]["'”’)]*(?=\s+["'“‘(]?[\p{Lu}\p{N}]|$)/gu;
  for (const match of text.matchAll(end)) {
    const upTo = text.slice(0, match.index + match[0].length);
    if (ABBREVIATION.test(text.slice(0, match.index + 1))) continue;
    return upTo.trim();
  }
  return text.trim();
}

/** Cuts at a word boundary to at most `max` characters, marking the cut with "…". */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  if (space > max / 2) cut = cut.slice(0, space);
  return cut.replace(/[\s,;:.\-–—]+$/u, '') + '…';
}

/** A title made of a file's name: its folders and extension gone, underscores and hyphens as spaces ("my_saved-page.txt" → "my saved page"). */
export function fileNameTitle(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const title = base
    .replace(/\.[^.]+$/, '')
    .replace(/[_-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return title || 'Untitled';
}

function clean(text: string): string {
  // Most lines are already tidy: checking is much cheaper than rewriting every one of them.
  const trimmed = text.trim();
  return isTidy(trimmed) ? trimmed : trimmed.replace(/[^\S\n]+/g, ' ');
}

/** What `clean` collapses: any blank space (control characters included) but single ordinary spaces and line breaks. */
// eslint-disable-next-line no-control-regex -- control characters are among what this must find
const UNTIDY = /[\0-\x09\x0b-\x1f\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| {2}/;

/** No blank space but single ordinary spaces (and line breaks): nothing for `clean` to collapse (one regular-expression scan). */
function isTidy(text: string): boolean {
  return !UNTIDY.test(text);
}

/**
 * Terminal escape sequences (CSI "ESC [ … m", OSC "ESC ] … BEL", their one-byte C1 forms, and two-character
 * escapes): removed whole, so a hostile "ESC[31mRed" title reads "Red", not "[31mRed". A space after the
 * escape ends it (a stray ESC before a word leaves the word whole).
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this must find
const ESCAPE_SEQUENCE = /(?:\x1b\[|\x9b)[0-?]*[!-/]*[@-~]|(?:\x1b[\]PX^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)|\x1b[!-/]*[0-~]/g;
/** Line breaks and tabs (and the other blank C0 controls): they become a space. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this must find
const BLANK_CONTROL = /[\t\n\v\f\r\x1c-\x1f\x85]/g;
/** Every other control character: C0, DEL and C1. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this must find
const CONTROL = /[\0-\x1f\x7f-\x9f]/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this must find
const ANY_CONTROL = /[\0-\x1f\x7f-\x9f]/;

/**
 * A title, an author or a site's name as one line of plain text: escape sequences and control characters
 * (C0, DEL, C1) taken out, tabs and line breaks turned into spaces, runs of blank space made one. Every
 * format's title and author pass here (formats/index.ts), so none can reach a terminal or a window's
 * title bar with a control character in it.
 */
export function plainLine(text: string): string {
  const visible = ANY_CONTROL.test(text) ? text.replace(ESCAPE_SEQUENCE, '').replace(BLANK_CONTROL, ' ').replace(CONTROL, '') : text;
  return visible.replace(/\s+/g, ' ').trim();
}
