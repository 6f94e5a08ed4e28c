// Boilerplate around a text: Project Gutenberg's header and footer ("*** START OF THE PROJECT
// GUTENBERG EBOOK … ***", "*** END OF …", the licence), and, in other files, a leading block of
// "Title: …/Author: …" fields or a licence or derivation notice. It is set apart from the author's
// text (never dropped), and what it says about the book becomes the document's title and author.
import type { DraftMeta } from '../types';

export interface Separated {
  /** the author's text, in order */
  body: string[];
  /** boilerplate, in file order, each chunk a group of lines */
  apart: string[][];
  meta: DraftMeta;
}

const START = /^\s*\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG E-?(?:BOOK|TEXT)\b/i;
const END = /^\s*\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG E-?(?:BOOK|TEXT)\b/i;
const END_LINE = /^\s*End of (?:the |this )?Project Gutenberg/i;
const SMALL_PRINT_END = /^\s*\*END\*\s*THE SMALL PRINT/i;
const GUTENBERG_TITLE = /^\s*(?:\*{0,3}\s*)?The Project Gutenberg E-?(?:Book|Text),? of (.+?)(?:,\s+by\s+(.+?))?\s*$/i;

/** "Title: …" and the other fields a preamble gives. */
const FIELD = /^([A-Z][A-Za-z .'-]{0,30}):\s*(.*)$/;
const KNOWN_FIELDS = new Set([
  'title',
  'subtitle',
  'author',
  'authors',
  'translator',
  'editor',
  'illustrator',
  'language',
  'release date',
  'original publication',
  'date',
  'published',
  'credits',
  'produced by',
  'transcriber',
  'source',
  'license',
  'licence',
  'copyright',
  'rights',
  'encoding',
  'character set encoding',
  'posting date',
  'most recently updated',
]);
/** Fields that only a preamble has: a leading group of fields is one when it holds at least one of these. */
const PREAMBLE_FIELDS = new Set(['title', 'author', 'authors', 'translator', 'license', 'licence', 'copyright', 'source', 'release date']);

/**
 * Notices that say where a text comes from or under what terms: strong phrases only, so prose that merely mentions
 * a licence stays. The phrases: "licensed under", "license:", "released under", "copyright ©|(c)|1999", "© 1999",
 * "all rights reserved", "public domain", "creative commons", "cc-by(-sa)", "project gutenberg", "permission is
 * (hereby) granted", "derived|adapted|transcribed|digitized|scanned|typed in from|by", "this ebook|etext|edition|
 * file|text|transcription|translation|document is|was derived|based|released|licensed|transcribed|made available|
 * provided|prepared|produced". They are grouped by their first letters, which the regular-expression engine tries
 * faster than a flat list (this runs over the whole of an article that has no blank lines).
 */
const NOTICE =
  /\b(?:licen[cs](?:ed under|e:)|released under|c(?:opyright (?:©|\(c\)|\d{4})|reative commons|c[- ]by(?:-[a-z]{2})*\b)|©\s*\d{4}|a(?:ll rights reserved|dapted (?:from|by))|p(?:ublic domain|roject gutenberg|ermission is (?:hereby )?granted)|d(?:erived|igiti[sz]ed) (?:from|by)|t(?:(?:ranscribed|yped in) (?:from|by)|his (?:e-?book|e-?text|edition|file|text|transcription|translation|document) (?:is|was) (?:derived|based|released|licen[cs]ed|transcribed|made available|provided|prepared|produced))|scanned (?:from|by))/i;
const PRODUCED_BY = /^\s*(?:produced|transcribed|prepared|e-?text prepared|digiti[sz]ed|proofread|scanned)\b.*\bby\b/i;

const LANGUAGES: Record<string, string> = {
  english: 'en',
  french: 'fr',
  german: 'de',
  spanish: 'es',
  italian: 'it',
  portuguese: 'pt',
  dutch: 'nl',
  latin: 'la',
  finnish: 'fi',
  swedish: 'sv',
  danish: 'da',
  norwegian: 'no',
  russian: 'ru',
  chinese: 'zh',
  japanese: 'ja',
  korean: 'ko',
  greek: 'el',
  polish: 'pl',
  hungarian: 'hu',
  czech: 'cs',
  esperanto: 'eo',
  catalan: 'ca',
  welsh: 'cy',
  irish: 'ga',
  tagalog: 'tl',
  arabic: 'ar',
  hebrew: 'he',
};

/** The longest paragraph taken for a notice. */
const NOTICE_CHARS = 2000;
/** How far down a leading preamble is looked for outside Gutenberg files. */
const PREAMBLE_LINES = 150;
const PREAMBLE_CHUNKS = 12;

export function separateBoilerplate(lines: string[]): Separated {
  const meta: DraftMeta = {};
  const gutenberg = gutenbergBounds(lines);
  let body: string[];
  const apart: string[][] = [];
  if (gutenberg) {
    const header = lines.slice(0, gutenberg.start + 1);
    readFields(header, meta);
    apart.push(...chunks(header));
    body = lines.slice(gutenberg.start + 1, gutenberg.end);
    const footer = lines.slice(gutenberg.end);
    // "Produced by …" right after the start marker is the transcribers' credit, not the book.
    const first = firstChunk(body);
    if (first && PRODUCED_BY.test(body[first.start])) {
      apart.push(body.slice(first.start, first.end));
      body = body.slice(first.end);
    }
    apart.push(...chunks(footer));
  } else {
    body = setApartPreamble(lines, apart, meta);
  }
  return { body, apart: apart.filter((chunk) => chunk.length > 0), meta };
}

/** Where the Gutenberg text starts (its START line) and ends (the first line of the footer). */
function gutenbergBounds(lines: string[]): { start: number; end: number } | undefined {
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.length > 300 || !line.includes('*')) continue;
    if (START.test(line) || SMALL_PRINT_END.test(line)) {
      start = i;
      break;
    }
  }
  if (start === -1) return undefined;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.length > 300) continue;
    if (END.test(line)) {
      end = i;
      break;
    }
  }
  // The older footer opens with "End of the Project Gutenberg EBook of …" a few lines above its marker.
  for (let i = end - 1; i > start && i >= end - 20; i--) if (lines[i].length <= 300 && END_LINE.test(lines[i])) end = i;
  return { start, end };
}

/** Leading field groups and licence or derivation notices moved aside; short title and author lines among them stay. */
function setApartPreamble(lines: string[], apart: string[][], meta: DraftMeta): string[] {
  const moved: { start: number; end: number }[] = [];
  let from = 0;
  for (let n = 0; n < PREAMBLE_CHUNKS; n++) {
    const chunk = nextChunk(lines, from);
    if (!chunk || chunk.start >= PREAMBLE_LINES) break;
    from = chunk.end;
    const group = lines.slice(chunk.start, chunk.end);
    if (isFieldGroup(group)) {
      readFields(group, meta);
      moved.push(chunk);
      continue;
    }
    // A notice is a paragraph or two, not the whole text run together (where a phrase such as
    // "released under" would sooner or later turn up in the prose).
    if (group.length > 40) break;
    const text = group.join(' ');
    if (text.length > NOTICE_CHARS) break;
    if (NOTICE.test(text)) {
      moved.push(chunk);
      continue;
    }
    // A title, an author's name, a date: the preamble may still follow them.
    if (group.length <= 2 && text.length <= 200 && text.split(/\s+/).length <= 15) continue;
    break;
  }
  if (moved.length === 0) return lines;
  const body: string[] = [];
  let at = 0;
  for (const chunk of moved) {
    body.push(...lines.slice(at, chunk.start));
    apart.push(lines.slice(chunk.start, chunk.end));
    at = chunk.end;
  }
  body.push(...lines.slice(at));
  return body;
}

function isFieldGroup(group: string[]): boolean {
  let known = 0;
  let preamble = false;
  for (const line of group) {
    if (/^\s/.test(line)) continue; // a field's value continued on an indented line
    const field = line.length <= 300 ? FIELD.exec(line) : null;
    if (!field) return false;
    const name = field[1].trim().toLowerCase();
    if (KNOWN_FIELDS.has(name)) known++;
    if (PREAMBLE_FIELDS.has(name)) preamble = true;
  }
  return preamble && known > 0;
}

/** Title, author and language from "Field: value" lines (a value may go on over indented lines). */
function readFields(lines: string[], meta: DraftMeta): void {
  const fields = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of lines) {
    if (line.length > 300 || line.trim() === '') {
      current = undefined;
      continue;
    }
    const field = /^\s/.test(line) ? null : FIELD.exec(line);
    if (field) {
      const name = field[1].trim().toLowerCase();
      current = fields.get(name) ?? [];
      if (!fields.has(name)) fields.set(name, current);
      if (field[2].trim()) current.push(field[2].trim());
    } else if (current && /^\s/.test(line)) current.push(line.trim());
    else {
      current = undefined;
      const named = GUTENBERG_TITLE.exec(line);
      if (named && !fields.has('gutenberg title')) fields.set('gutenberg title', [named[1], named[2] ?? '']);
    }
  }
  const title = fields.get('title');
  if (title?.length) {
    meta.title = title.reduce((all, part) => (/^[\p{Ll}(,;:]/u.test(part) || /[:;,]$/.test(all) ? `${all} ${part}` : `${all}: ${part}`));
  }
  const author = fields.get('author') ?? fields.get('authors');
  if (author?.length) meta.author = author.join(', ');
  const named = fields.get('gutenberg title');
  if (named) {
    meta.title ??= named[0];
    if (named[1]) meta.author ??= named[1];
  }
  const language = fields
    .get('language')?.[0]
    ?.toLowerCase()
    .split(/[\s,;]/)[0];
  if (language && LANGUAGES[language]) meta.language = LANGUAGES[language];
  const subtitle = fields.get('subtitle');
  if (meta.title && subtitle?.length) meta.title = `${meta.title}: ${subtitle.join(' ')}`;
}

function chunks(lines: string[]): string[][] {
  const out: string[][] = [];
  let from = 0;
  for (let chunk = nextChunk(lines, from); chunk; chunk = nextChunk(lines, from)) {
    out.push(lines.slice(chunk.start, chunk.end));
    from = chunk.end;
  }
  return out;
}

function firstChunk(lines: string[]): { start: number; end: number } | undefined {
  return nextChunk(lines, 0);
}

/** The next group of non-blank lines at or after `from`. */
function nextChunk(lines: string[], from: number): { start: number; end: number } | undefined {
  let start = from;
  while (start < lines.length && lines[start].trim() === '') start++;
  if (start >= lines.length) return undefined;
  let end = start;
  while (end < lines.length && lines[end].trim() !== '') end++;
  return { start, end };
}
