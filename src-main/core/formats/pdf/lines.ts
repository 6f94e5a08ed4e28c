// A page's text runs grouped into lines, and the lines put in reading order (columns left to right).
import type { PageText, TextRun } from './extract';

/** A line of text (or the part of one that lies in one column), in display space. */
export interface Line {
  text: string;
  x0: number;
  x1: number;
  /** the baseline */
  y: number;
  /** the size most of its characters have */
  size: number;
  /** 1-based page number */
  page: number;
  /** the left and right edges of the column it was set in (known after readingOrder) */
  left: number;
  right: number;
  /** average character advance, to estimate how wide a word is */
  charWidth: number;
  /** lines split at a wide gap share the id of the visual line they came from */
  row: number;
  /** every character in a fixed-pitch font: code, whose runs of spaces are kept */
  mono: boolean;
}

/** Characters of scripts written without spaces between words: joining their lines adds none. */
export const NO_SPACE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/** Runs closer than this (in ems) on one baseline are one line; a wider gap may be a column gutter. */
const GUTTER_EMS = 1.0;
/** A space is inserted between runs that are further apart than this (in ems) and have none. */
const SPACE_EMS = 0.15;

/** The page's runs as lines, split where a gap is wide enough to be a gutter. Order: top to bottom, left to right. */
export function linesOf(page: PageText, firstRow = 0): Line[] {
  const runs = page.runs.filter((r) => r.text.trim() !== '' || r.width > 0).sort((a, b) => a.y - b.y || a.x - b.x);
  const rows: TextRun[][] = [];
  let row: TextRun[] = [];
  let anchor: TextRun | undefined;
  for (const run of runs) {
    // A superscript sits ~0.3 em above its line and a new line ~1.2 em below: half an em tells them apart.
    if (anchor && Math.abs(run.y - anchor.y) <= 0.45 * Math.max(run.size, anchor.size)) {
      row.push(run);
      if (weight(run) > weight(anchor)) anchor = run;
      continue;
    }
    if (row.length) rows.push(row);
    row = [run];
    anchor = run;
  }
  if (row.length) rows.push(row);

  const lines: Line[] = [];
  rows.forEach((runsOfRow, i) => {
    for (const part of splitAtGaps(runsOfRow)) {
      const line = lineOf(part, page.number, firstRow + i);
      if (line) lines.push(line);
    }
  });
  return lines;
}

const weight = (run: TextRun) => run.size * Math.max(1, run.text.length);

/** A row's runs in writing order, cut where the gap is wide enough to be a gutter. */
function splitAtGaps(row: TextRun[]): TextRun[][] {
  const rtlChars = row.reduce((n, r) => n + (r.rtl ? r.text.length : 0), 0);
  const total = row.reduce((n, r) => n + r.text.length, 0);
  const rtl = rtlChars * 2 > total;
  const sorted = [...row].sort((a, b) => (rtl ? b.x + b.width - (a.x + a.width) : a.x - b.x));
  const parts: TextRun[][] = [];
  let part: TextRun[] = [];
  let prev: TextRun | undefined;
  // The gap is measured between runs with text: pdf.js puts a blank run across a gutter when the text on
  // either side was drawn one after the other (a page drawn row by row across its columns).
  let prevVisible: TextRun | undefined;
  for (const run of sorted) {
    // Some PDFs fake bold by drawing the same text twice, a hair apart: keep one copy.
    if (prev && run.text === prev.text && Math.abs(run.x - prev.x) < 0.2 * run.size) continue;
    if (!isBlank(run) && prevVisible && gapBetween(prevVisible, run, rtl) > GUTTER_EMS * Math.max(prevVisible.size, run.size)) {
      while (part.length && isBlank(part.at(-1)!)) part.pop();
      parts.push(part);
      part = [];
    }
    part.push(run);
    prev = run;
    if (!isBlank(run)) prevVisible = run;
  }
  if (part.length) parts.push(part);
  return parts;
}

const isBlank = (run: TextRun) => run.text.trim() === '';
const gapBetween = (a: TextRun, b: TextRun, rtl: boolean) => (rtl ? a.x - (b.x + b.width) : b.x - (a.x + a.width));

function lineOf(runs: TextRun[], page: number, row: number): Line | undefined {
  const rtl = runs.filter((r) => r.rtl).length * 2 > runs.length;
  const visible = runs.filter((r) => !isBlank(r));
  if (visible.length === 0) return undefined;
  const mono = visible.every((r) => r.mono);
  let text = '';
  let prev: TextRun | undefined;
  const sizes = new Map<number, number>();
  const column = mono ? advanceOf(visible[0]) : 0;
  for (const run of runs) {
    if (mono) {
      // Code is laid out on a grid: each run goes in the column its position says, so runs of spaces
      // (which pdf.js may give as gaps or as separate runs) come back as they were.
      if (isBlank(run)) continue;
      const col = Math.round((run.x - visible[0].x) / column);
      if (text.length < col) text += ' '.repeat(col - text.length);
      else if (text !== '' && !/\s$/.test(text) && !/^\s/.test(run.text) && gapBetween(prev!, run, rtl) > SPACE_EMS * run.size) text += ' ';
    } else if (prev && text !== '' && !/\s$/.test(text) && !/^\s/.test(run.text) && gapBetween(prev, run, rtl) > SPACE_EMS * run.size) {
      text += ' ';
    }
    text += run.text;
    const key = Math.round(run.size * 2) / 2;
    sizes.set(key, (sizes.get(key) ?? 0) + run.text.trim().length);
    prev = run;
  }
  // code keeps its indentation (spaces inside a run; a run's position is the paragraph builder's to read)
  text = mono ? text.trimEnd() : text.replace(/\s+/g, ' ').trim();
  if (text.trim() === '') return undefined;
  // (a loop, not Math.min(...spread): a hostile line may hold more runs than a call has arguments)
  const x0 = visible.reduce((m, r) => Math.min(m, r.x), Infinity);
  const x1 = visible.reduce((m, r) => Math.max(m, r.x + r.width), -Infinity);
  let size = 0;
  let most = -1;
  for (const [s, n] of sizes) if (n > most || (n === most && s > size)) [size, most] = [s, n];
  // The baseline of the run that carries the line (not a superscript's).
  const main = visible.reduce((a, b) => (weight(b) > weight(a) ? b : a));
  const charWidth = mono ? advanceOf(main) : Math.max(0.1, (x1 - x0) / Math.max(1, text.length));
  return { text, x0, x1, y: main.y, size, page, left: x0, right: x1, charWidth, row, mono };
}

/** The advance of one character of a run (exact for a fixed-pitch font). */
const advanceOf = (run: TextRun) => Math.max(0.1, run.width / Math.max(1, run.text.length));

/** Lines in the order a person reads them: bands top to bottom; inside a band, columns left to right. */
export function readingOrder(lines: Line[]): Line[] {
  return mergeRows(orderRegion(lines, 0));
}

function orderRegion(lines: Line[], depth: number): Line[] {
  const byY = [...lines].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const gutter = depth < 3 ? findGutter(byY) : undefined;
  if (gutter === undefined) {
    setColumnEdges(byY);
    return byY;
  }
  const out: Line[] = [];
  let band: Line[] = [];
  const flush = () => {
    if (band.length === 0) return;
    out.push(
      ...orderRegion(
        band.filter((l) => l.x1 <= gutter),
        depth + 1,
      ),
    );
    out.push(
      ...orderRegion(
        band.filter((l) => l.x1 > gutter),
        depth + 1,
      ),
    );
    band = [];
  };
  for (const line of byY) {
    if (line.x0 < gutter && line.x1 > gutter) {
      // A line across the gutter (a title over both columns, a wide figure caption) ends the band above it.
      flush();
      setColumnEdges([line]);
      out.push(line);
    } else band.push(line);
  }
  flush();
  return out;
}

const MAX_LINES_FOR_COLUMNS = 4000;

/**
 * An x where the region divides into two columns: few lines cross it, and both sides hold a fair
 * share of real lines (not a table's short cells) side by side. Undefined when there is none.
 */
function findGutter(lines: Line[]): number | undefined {
  if (lines.length < 6 || lines.length > MAX_LINES_FOR_COLUMNS) return undefined;
  const minX = Math.min(...lines.map((l) => l.x0));
  const maxX = Math.max(...lines.map((l) => l.x1));
  const width = maxX - minX;
  if (width <= 0) return undefined;
  const steps = 200;
  let best: { x: number; crossing: number; run: number } | undefined;
  let runStart = -1;
  const candidates: { x: number; crossing: number }[] = [];
  for (let i = Math.floor(steps * 0.2); i <= Math.ceil(steps * 0.8); i++) {
    const x = minX + (width * i) / steps;
    let crossing = 0;
    for (const l of lines) if (l.x0 < x && l.x1 > x) crossing++;
    candidates.push({ x, crossing });
  }
  // The middle of the widest stretch of least crossing is the gutter's middle.
  const least = Math.min(...candidates.map((c) => c.crossing));
  if (least > lines.length / 3) return undefined;
  for (let i = 0; i <= candidates.length; i++) {
    const quiet = i < candidates.length && candidates[i].crossing === least;
    if (quiet && runStart < 0) runStart = i;
    if (!quiet && runStart >= 0) {
      const run = i - runStart;
      const mid = candidates[Math.floor((runStart + i - 1) / 2)];
      if (!best || run > best.run) best = { x: mid.x, crossing: least, run };
      runStart = -1;
    }
  }
  if (!best) return undefined;
  const x = best.x;
  const left = lines.filter((l) => l.x1 <= x);
  const right = lines.filter((l) => l.x0 >= x);
  const sides = left.length + right.length;
  if (left.length < 3 || right.length < 3 || left.length < 0.2 * sides || right.length < 0.2 * sides) return undefined;
  // Columns hold running text: their typical line is a good part of the column's width.
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  if (median(left.map((l) => l.x1 - l.x0)) < 0.5 * (x - minX) || median(right.map((l) => l.x1 - l.x0)) < 0.5 * (maxX - x)) return undefined;
  // …and they stand side by side, not one above the other.
  const top = (ls: Line[]) => Math.min(...ls.map((l) => l.y));
  const bottom = (ls: Line[]) => Math.max(...ls.map((l) => l.y));
  const overlap = Math.min(bottom(left), bottom(right)) - Math.max(top(left), top(right));
  const shorter = Math.min(bottom(left) - top(left), bottom(right) - top(right));
  if (overlap < 0.5 * shorter) return undefined;
  return x;
}

/** A column's edges: where most of its lines start and end (a short last line or a heading does not move them). */
function setColumnEdges(lines: Line[]): void {
  if (lines.length === 0) return;
  const x0s = lines.map((l) => l.x0).sort((a, b) => a - b);
  const x1s = lines.map((l) => l.x1).sort((a, b) => a - b);
  const left = x0s[Math.floor((x0s.length - 1) * 0.15)];
  const right = x1s[Math.ceil((x1s.length - 1) * 0.85)];
  for (const l of lines) {
    l.left = Math.min(left, l.x0);
    l.right = Math.max(right, l.x1);
  }
}

/** Pieces of one visual line that turned out not to be columns are one line again. */
function mergeRows(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    if (prev && prev.row === line.row && prev.page === line.page && line.x0 >= prev.x1) {
      const chars = prev.text.length + line.text.length;
      const mono = prev.mono && line.mono;
      const spaces = mono ? Math.max(1, Math.round((line.x0 - prev.x1) / prev.charWidth)) : 1;
      out[out.length - 1] = {
        ...prev,
        text: `${prev.text}${' '.repeat(spaces)}${line.text}`,
        mono,
        x1: line.x1,
        right: Math.max(prev.right, line.right),
        size: prev.text.length >= line.text.length ? prev.size : line.size,
        charWidth: (prev.charWidth * prev.text.length + line.charWidth * line.text.length) / chars,
      };
    } else out.push(line);
  }
  return out;
}
