// Runs of non-blank lines to blocks. A run is what a blank line closes: a paragraph, a stanza, a list,
// a code sample, a heading. Each run is read by what it shows first (a heading, a list, a drawing,
// an indented passage, verse) and otherwise as prose: joined into paragraphs where the text was
// hard-wrapped, one paragraph per line where it was not.
import type { BlockDraft } from '../blocks';
import { isFurniture } from '../title';
import { isCapitalsLine, labelLevel, standaloneHeadingLevel, underlineLevel } from './headings';
import {
  bulletOf,
  endsClosed,
  endsOpen,
  isCodeLine,
  isLineMarker,
  isRule,
  looksLikeCode,
  looksLikeDrawing,
  preformatted,
  type Bullet,
} from './kinds';
import type { Layout } from './layout';
import { collapseSpaces, joinWrapped, type Line } from './lines';

interface Reader {
  layout: Layout;
  out: BlockDraft[];
  /** how many blank lines came before the run being read (0 at the start of the text) */
  blanksBefore: number;
}

/** Blocks for a text's lines; `null` stands for a blank line. */
export function readRuns(lines: readonly (Line | null)[], layout: Layout): BlockDraft[] {
  const reader: Reader = { layout, out: [], blanksBefore: 0 };
  let i = 0;
  while (i < lines.length) {
    if (!lines[i]) {
      reader.blanksBefore++;
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && lines[j]) j++;
    readRun(reader, lines.slice(i, j) as Line[]);
    reader.blanksBefore = 0;
    i = j;
  }
  return reader.out;
}

function readRun(reader: Reader, run: Line[]): void {
  const { layout, out } = reader;
  if (run.length === 1) return readLine(reader, run[0]);
  const [first, second] = run;
  const underlined = bulletOf(first.text) ? undefined : underlineLevel(first.text, first.width - first.indent, second.text);
  if (underlined !== undefined) {
    out.push(heading(first.text, underlined));
    return readRest(reader, run.slice(2));
  }
  // (A line that reaches the wrap width is never taken for a label, so it is not tidied and matched to find out.)
  const label = reachesWidth(layout, first) ? undefined : labelLevel(collapseSpaces(first.text));
  if (label !== undefined) {
    out.push(heading(first.text, label));
    return readRest(reader, run.slice(1));
  }
  if (run.every((line) => bulletOf(line.text) && !isRule(line.text))) {
    for (const line of run) out.push(listItem(bulletOf(line.text)!, [], listLevel(run, line)));
    return;
  }
  if (looksLikeDrawing(run)) return pushPassage(reader, run, false);
  if (run.every((line) => line.indent > layout.base)) return pushPassage(reader, run, looksLikeCode(run));
  if (isVerse(layout, run)) return pushPassage(reader, run, false);
  if (layout.wrapped) return readProse(reader, run);
  readLines(reader, run);
}

/** What follows a heading inside the same run is read as a run of its own (a list may start there). */
function readRest(reader: Reader, rest: Line[]): void {
  if (rest.length === 0) return;
  reader.blanksBefore = 1;
  readRun(reader, rest);
}

/** A line standing alone: a rule, a heading, a list item, a line of code, or a paragraph. */
function readLine(reader: Reader, line: Line): void {
  const { out, layout } = reader;
  const text = collapseSpaces(line.text);
  if (isRule(text)) return void out.push({ kind: 'break', text: '' });
  const level = headingLevel(reader, text);
  if (level !== undefined) return void out.push(heading(text, level));
  const bullet = bulletOf(line.text);
  if (bullet) return void out.push(listItem(bullet, [], 1));
  if (line.indent > layout.base && isCodeLine(line.text)) return pushPassage(reader, [line], true);
  out.push({ kind: 'paragraph', text });
}

function headingLevel(reader: Reader, text: string): number | undefined {
  const level = standaloneHeadingLevel(text);
  if (level === undefined) return undefined;
  if (!isCapitalsLine(text) || labelLevel(text) !== undefined) return level;
  // A line in capitals: the book's own title when it opens the text, a chapter's title under its label,
  // the author's name after "by", and never page furniture ("DOWNLOAD THE APP").
  if (isFurniture(text)) return undefined;
  const previous = reader.out[reader.out.length - 1];
  if (!previous) return 1;
  if (previous.kind === 'paragraph' && /^by$/i.test(previous.text)) return undefined;
  if (previous.kind === 'heading' && labelLevel(previous.text) !== undefined) return Math.min(3, (previous.level ?? 2) + 1);
  return level;
}

/** One block per line, as a text with one paragraph per line means it. */
function readLines(reader: Reader, run: Line[]): void {
  const { out } = reader;
  for (let k = 0; k < run.length; k++) {
    const line = run[k];
    const previous = out[out.length - 1];
    // "X =" then "- 1": the line goes on, it does not start a list.
    if (k > 0 && previous?.kind === 'paragraph' && endsOpen(run[k - 1].text)) {
      previous.text = collapseSpaces(`${previous.text} ${line.text}`);
      continue;
    }
    const text = collapseSpaces(line.text);
    const label = labelLevel(text);
    if (isRule(text)) out.push({ kind: 'break', text: '' });
    else if (label !== undefined) out.push(heading(text, label));
    else {
      const bullet = bulletOf(line.text);
      out.push(bullet ? listItem(bullet, [], 1) : { kind: 'paragraph', text });
    }
  }
}

interface Piece {
  kind: 'paragraph' | 'item' | 'passage' | 'heading' | 'break';
  lines: Line[];
  bullet?: Bullet;
  /** items: where the bullet stands, so lines indented past it continue the item */
  indent?: number;
  level?: number;
}

/**
 * Hard-wrapped lines to paragraphs and list items. A line starts a new paragraph when the line before
 * stopped well short of the wrap width (and did not stop inside an expression), when it is indented as
 * a paragraph's first line or by U+3000, when it is a verse or clause marker after a closed sentence, or
 * when it opens a dialogue in CJK text after a closed one. A bullet starts an item only where a list can
 * start: at the top of the run, after another item, after a finished paragraph, or after a colon.
 */
function readProse(reader: Reader, run: Line[]): void {
  const { layout } = reader;
  const pieces: Piece[] = [];
  const items: number[] = [];
  for (let k = 0; k < run.length; k++) {
    const line = run[k];
    const previous = run[k - 1];
    const current = pieces[pieces.length - 1];
    if (isRule(line.text) && !reachesWidth(layout, line)) {
      pieces.push({ kind: 'break', lines: [line] });
      continue;
    }
    const bullet = bulletOf(line.text);
    if (current?.kind === 'item' && !bullet && line.indent > current.indent!) {
      current.lines.push(line);
      continue;
    }
    if (!bullet && line.indent > layout.base && line.indent !== layout.paragraphIndent && (run[k + 1]?.indent ?? 0) > layout.base) {
      // Two or more lines indented together inside the run: a passage of their own.
      let end = k;
      while (end < run.length && run[end].indent > layout.base && !bulletOf(run[end].text)) end++;
      pieces.push({ kind: 'passage', lines: run.slice(k, end) });
      k = end - 1;
      continue;
    }
    const finished =
      !previous || current.kind === 'passage' || current.kind === 'break' || (!reachesWidth(layout, previous) && !endsOpen(previous.text));
    // "第二章 手紙" (with an ideographic space) or "CHAPTER II" between paragraphs, with no blank lines around it.
    const label = finished && !bullet && !reachesWidth(layout, line) ? labelLevel(collapseSpaces(line.text)) : undefined;
    if (label !== undefined) {
      pieces.push({ kind: 'heading', lines: [line], level: label });
      continue;
    }
    if (bullet && (finished || current.kind === 'item' || previous.text.endsWith(':'))) {
      while (items.length > 0 && items[items.length - 1] > line.indent) items.pop();
      if (items.length === 0 || items[items.length - 1] < line.indent) items.push(line.indent);
      pieces.push({ kind: 'item', lines: [line], bullet, indent: line.indent, level: Math.min(9, items.length) });
      continue;
    }
    const starts =
      finished ||
      line.ideographicIndent ||
      line.indent > layout.base ||
      (isLineMarker(line.text) && endsClosed(previous.text)) ||
      ('「『'.includes(line.text.charAt(0)) && '。！？」』'.includes(previous.text.charAt(previous.text.length - 1)));
    if (starts) {
      if (!bullet) items.length = 0;
      pieces.push({ kind: 'paragraph', lines: [line] });
    } else current.lines.push(line);
  }
  for (const piece of pieces) {
    if (piece.kind === 'passage') pushPassage(reader, piece.lines, looksLikeCode(piece.lines));
    else if (piece.kind === 'break') reader.out.push({ kind: 'break', text: '' });
    else if (piece.kind === 'heading') reader.out.push(heading(piece.lines[0].text, piece.level ?? 2));
    else if (piece.kind === 'item') reader.out.push(listItem(piece.bullet!, piece.lines.slice(1), piece.level ?? 1));
    else reader.out.push({ kind: 'paragraph', text: collapseSpaces(joinWrapped(piece.lines.map((l) => l.text))) });
  }
}

/** Whether a line runs to about the wrap width, so the line after it continues its paragraph. */
function reachesWidth(layout: Layout, line: Line): boolean {
  return layout.wrapped && line.width >= layout.width - layout.slack;
}

/**
 * Verse, and other lines whose breaks are the author's: lines that stop short of the wrap width yet
 * carry a sentence on (a comma or semicolon at the end, a small letter at the start of the next), or
 * that are indented against each other; or, at any width, lines that each start with a capital and
 * often end on a comma, as classic verse does and wrapped prose does not.
 */
function isVerse(layout: Layout, run: Line[]): boolean {
  // A list is read as a list, wherever its lines stop.
  if (run.length < 2 || run.some((line) => bulletOf(line.text))) return false;
  let carried = 0;
  let softEnds = 0;
  let near = 0;
  let capitals = 0;
  let cased = 0;
  for (let k = 0; k + 1 < run.length; k++) {
    const text = run[k].text;
    const last = text.charCodeAt(text.length - 1);
    const next = run[k + 1].text.charAt(0);
    const soft = last === 0x2c || last === 0x3b || last === 0x3a || last === 0x2013 || last === 0x2014;
    const upper = isUpperChar(next);
    const lower = isLowerChar(next);
    if (soft) softEnds++;
    if (soft || (lower && isLetterEnd(text))) carried++;
    if (reachesWidth(layout, run[k])) near++;
    if (upper) capitals++;
    if (upper || lower) cased++;
  }
  const pairs = run.length - 1;
  let widest = 0;
  let indented = false;
  for (const line of run) {
    widest = Math.max(widest, line.width);
    if (line !== run[0] && line.indent !== run[0].indent) indented = true;
  }
  const short = layout.wrapped ? near <= pairs / 3 : widest <= 120;
  if (short && (carried >= pairs / 2 || indented)) return true;
  return cased >= 2 && capitals >= cased * 0.75 && softEnds >= pairs * 0.3;
}

function isLetterEnd(text: string): boolean {
  const last = text.charAt(text.length - 1);
  return isUpperChar(last) || isLowerChar(last);
}

/** A character that has a lower case (so is a capital); ASCII ones told without changing case. */
function isUpperChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c < 0x80 ? c >= 0x41 && c <= 0x5a : ch !== ch.toLowerCase();
}

/** A character that has a capital (so is in lower case); ASCII ones told without changing case. */
function isLowerChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c < 0x80 ? c >= 0x61 && c <= 0x7a : ch !== ch.toUpperCase();
}

function pushPassage(reader: Reader, lines: Line[], code: boolean): void {
  const text = preformatted(lines);
  const previous = reader.out[reader.out.length - 1];
  // A code sample with blank lines in it stays one block.
  if (code && previous?.kind === 'code' && reader.blanksBefore > 0) previous.text += '\n'.repeat(reader.blanksBefore + 1) + text;
  else reader.out.push({ kind: code ? 'code' : 'pre', text });
}

function heading(text: string, level: number): BlockDraft {
  return { kind: 'heading', text: collapseSpaces(text), level };
}

function listItem(bullet: Bullet, more: Line[], level: number): BlockDraft {
  const text = collapseSpaces(joinWrapped([bullet.text, ...more.map((l) => l.text)]));
  return bullet.ordered ? { kind: 'listItem', text, ordered: true, number: bullet.number, level } : { kind: 'listItem', text, ordered: false, level };
}

function listLevel(run: Line[], line: Line): number {
  const shallower = new Set<number>();
  for (const other of run) if (other.indent < line.indent) shallower.add(other.indent);
  return Math.min(9, shallower.size + 1);
}
