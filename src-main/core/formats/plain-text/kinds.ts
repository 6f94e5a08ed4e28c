// What a single line says it is, by its first characters: a bullet or number starting a list item,
// a verse or clause marker starting a paragraph, a rule; and whether a group of lines is code or a
// drawing (a table, ASCII art) whose spacing must be kept.
import type { Line } from './lines';

const BULLET = /^[•·\-*–▪◦]\s+(\S.*)$/u;
const NUMBERED = /^(\d{1,3})[.)]\s+(\S.*)$/;
const RULE = /^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$/;

/** "* * *", "-----", "___": a section break. Only a line that starts with one of those marks is matched against the pattern. */
export function isRule(text: string): boolean {
  const c = text.charCodeAt(0);
  return (c === 0x2a || c === 0x2d || c === 0x5f) && RULE.test(text);
}

export interface Bullet {
  text: string;
  ordered: boolean;
  number?: number;
}

const BULLET_CHARS = '•·-*–▪◦';

export function bulletOf(text: string): Bullet | undefined {
  const c = text.charCodeAt(0);
  const digit = c >= 0x30 && c <= 0x39;
  // Letters, what lines usually start with, are turned away at once: every bullet is below "." or from "·" (U+00B7) up.
  if (!digit && ((c > 0x2d && c < 0xb7) || !BULLET_CHARS.includes(text.charAt(0)))) return undefined;
  const bullet = BULLET.exec(text);
  if (bullet) return { text: bullet[1], ordered: false };
  const numbered = NUMBERED.exec(text);
  if (numbered) return { text: numbered[2], ordered: true, number: Number(numbered[1]) };
  return undefined;
}

/** "3:16 For …" and "12 And …" (scripture), "(a) …", "(iv) …" and "§ 4 …" (legal texts). */
const VERSE = /^\d{1,3}:\d{1,3}\s+\S/;
const NUMBERED_LINE = /^\d{1,3}\s+[^\s\p{Ll}\d]/u;
const CLAUSE = /^(?:\((?:[a-z]{1,2}|[ivxlc]{1,6}|[A-Z]|\d{1,3})\)|§{1,2}\s*\d{1,4}[a-z]?\.?)\s+\S/;

export function isLineMarker(text: string): boolean {
  const c = text.charCodeAt(0);
  if (!(c >= 0x30 && c <= 0x39) && c !== 0x28 && c !== 0xa7) return false;
  return VERSE.test(text) || NUMBERED_LINE.test(text) || CLAUSE.test(text);
}

/** A line that closes a sentence or clause, so a marker on the next line starts a new one. */
export function endsClosed(text: string): boolean {
  return '.!?;:)]"”’»。！？」』'.includes(text.charAt(text.length - 1)) || text.endsWith(' and') || text.endsWith(' or');
}

/** A line that stops inside an expression ("X =", "a -"): whatever follows continues it, however short the line. */
export function endsOpen(text: string): boolean {
  const last = text.charAt(text.length - 1);
  return '=+×÷<>('.includes(last) || ('-−*/'.includes(last) && text.charAt(text.length - 2) === ' ');
}

/** Lines of code, by the things prose does not have. Only the start of a long line is looked at. */
const CODE_SIGNS = [
  /[{};]\s*$/,
  /^(?:\$ |>>> |#include|#!|import |from \S+ import|def |class |function |const |let |var |return\b|if ?\(|for ?\(|while ?\(|public |private |package |fn |func |npm |npx |pip |git |cd |sudo |make\b|\.\/)/,
  /=>|==|!=|&&|\|\||::|->|\+\+|\/\/ /,
  /[\w\])]\([^)]*\)/,
  /<\/?[a-z][\w-]*[^>]*>/i,
  /^\s*(?:#|--|;;)\s/,
];

export function isCodeLine(text: string): boolean {
  const head = text.slice(0, 200);
  return CODE_SIGNS.some((re) => re.test(head));
}

export function looksLikeCode(lines: readonly Line[]): boolean {
  let signs = 0;
  for (const line of lines) if (isCodeLine(line.text)) signs++;
  return signs > 0 && signs >= lines.length / 3;
}

/** Columns aligned with a run of three spaces or more between two marks, or a box-drawing character. */
const COLUMNS_OR_BOX = /[^ ] {3,}[^ ]|[\u2500-\u257f]/;
/** A rule of three dashes or equals signs or more ("+----+"), spaces allowed between them. */
const RULED = /[-=] {0,2}[-=] {0,2}[-=]/;

/**
 * A line of a drawn table or ASCII art: box drawing, column rules ("+----+", "| a | b |"), columns
 * aligned with runs of spaces, or few letters among its marks. Only the first 400 characters are
 * looked at: this is asked of every line of a book.
 */
function isDrawingLine(line: Line): boolean {
  const text = line.text;
  const n = Math.min(text.length, 400);
  const head = n < text.length ? text.slice(0, n) : text;
  if (COLUMNS_OR_BOX.test(head)) return true;
  const first = text.charCodeAt(0);
  if ((first === 0x2b || first === 0x7c) && (RULED.test(head) || head.indexOf('|', head.indexOf('|') + 1) > 0)) return true;
  return fewLetters(head);
}

const ASCII_LETTERS = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_LETTERS[c] = isLetterOrDigitCode(c) ? 1 : 0;

/** Fewer than 40% letters and digits among at least four marks (spaces aside). */
function fewLetters(text: string): boolean {
  const n = text.length;
  let visible = 0;
  let letters = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) continue;
    visible++;
    if (c < 0x80 ? ASCII_LETTERS[c] === 1 : isLetterOrDigitCode(c)) {
      letters++;
      // So many letters already that the rest, were it all marks, could not bring them under 40%: prose is
      // settled about halfway. (Integers, with a margin far above any rounding in the test below.)
      if (5 * letters > 2 * (visible + n - 1 - i)) return false;
    }
  }
  return visible >= 4 && letters < visible * 0.4;
}

/** Letters and digits, cheaply: ASCII exactly, and above it everything but the punctuation and symbol blocks. */
function isLetterOrDigitCode(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
  if (c < 0xc0 || c === 0xd7 || c === 0xf7) return false;
  return !((c >= 0x2000 && c <= 0x2bff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xff20) || (c >= 0xfe30 && c <= 0xfe4f));
}

/** Whether a run of lines is a drawing whose spacing carries its meaning: at least two of its lines, and half of them, drawn. */
export function looksLikeDrawing(lines: readonly Line[]): boolean {
  if (lines.length < 2) return false;
  const needed = Math.max(2, lines.length / 2);
  let signs = 0;
  for (let k = 0; k < lines.length; k++) {
    if (isDrawingLine(lines[k])) signs++;
    // Stop as soon as the answer is known: a run of prose is settled once too few lines are left to make it a drawing.
    if (signs >= needed) return true;
    if (signs + (lines.length - k - 1) < needed) return false;
  }
  return false;
}

/**
 * Lines kept as they were laid out (verse, code, a drawing, an indented passage): tabs expanded,
 * trailing spaces dropped, and the indentation they all share removed, so relative indentation and
 * every run of spaces stays.
 */
export function preformatted(lines: readonly Line[]): string {
  let shared = Infinity;
  for (const line of lines) shared = Math.min(shared, line.indent);
  return lines.map((line) => line.raw.slice(shared)).join('\n');
}
