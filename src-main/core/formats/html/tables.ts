/// <reference lib="dom" />
// An HTML table as Gloss's one `table` block: a grid of cells (spans filled with empty cells so
// columns line up), how many of its first rows are headers, and whether it is a table at all rather
// than a page layout drawn with one.
import type { InlineText } from '../inline';

export interface TableGrid {
  rows: InlineText[][];
  /** header rows: those of <thead>, else the leading rows made only of <th> */
  head: number;
  caption?: Element;
}

/** Spans beyond these are hostile or broken, and would only blow the grid up. */
const MAX_COLSPAN = 50;
const MAX_ROWSPAN = 200;
const MAX_COLUMNS = 200;

const nameOf = (el: Element) => el.localName.toLowerCase();
const childElements = (el: Element) => Array.from(el.children);

interface RawRow {
  cells: Element[];
  inHead: boolean;
}

function rawRows(table: Element): { rows: RawRow[]; caption?: Element } {
  const head: RawRow[] = [];
  const body: RawRow[] = [];
  const foot: RawRow[] = [];
  let caption: Element | undefined;
  const take = (tr: Element, into: RawRow[], inHead: boolean) =>
    into.push({ cells: childElements(tr).filter((c) => ['td', 'th'].includes(nameOf(c))), inHead });
  for (const child of childElements(table)) {
    const name = nameOf(child);
    if (name === 'caption') caption ??= child;
    else if (name === 'tr') take(child, body, false);
    else if (name === 'thead' || name === 'tbody' || name === 'tfoot') {
      for (const tr of childElements(child)) {
        if (nameOf(tr) !== 'tr') continue;
        if (name === 'thead') take(tr, head, true);
        else take(tr, name === 'tfoot' ? foot : body, false);
      }
    }
  }
  return { rows: [...head, ...body, ...foot], caption };
}

/** A table that only lays a page out: one column, or cells holding paragraphs and lists rather than data. */
export function isLayoutTable(table: Element): boolean {
  if (table.getAttribute('role') === 'presentation' || table.getAttribute('role') === 'none') return true;
  const { rows } = rawRows(table);
  if (rows.length === 0) return true;
  const widest = Math.max(...rows.map((r) => r.cells.filter((c) => (c.textContent ?? '').trim() !== '').length));
  if (widest <= 1) return true;
  // A data table's cells hold short runs of text; a layout's hold whole sections of page.
  return rows.every((r) => r.cells.length <= 2) && table.querySelector('td table, td h1, td h2, td h3, td article, td section') !== null;
}

const empty = (): InlineText => ({ text: '', marks: [] });

const span = (cell: Element, attr: string, max: number) => {
  const n = Number.parseInt(cell.getAttribute(attr) ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
};

/** The table's cells in a grid, each read to text by `cellText`. */
export function readTable(table: Element, cellText: (cell: Element) => InlineText): TableGrid {
  const { rows: raw, caption } = rawRows(table);
  const grid: InlineText[][] = [];
  // Cells spanning down from earlier rows: column → rows still to cover.
  const carried = new Map<number, number>();
  for (const row of raw) {
    const out: InlineText[] = [];
    const place = (piece: InlineText) => {
      while ((carried.get(out.length) ?? 0) > 0) {
        carried.set(out.length, carried.get(out.length)! - 1);
        out.push(empty());
      }
      out.push(piece);
    };
    for (const cell of row.cells) {
      if (out.length >= MAX_COLUMNS) break;
      const cols = span(cell, 'colspan', MAX_COLSPAN);
      const down = span(cell, 'rowspan', MAX_ROWSPAN) - 1;
      place(cellText(cell));
      if (down > 0) carried.set(out.length - 1, down);
      for (let i = 1; i < cols; i++) {
        place(empty());
        if (down > 0) carried.set(out.length - 1, down);
      }
    }
    const rest = [...carried].filter(([column, left]) => left > 0 && column >= out.length).sort((a, b) => a[0] - b[0]);
    for (const [column, left] of rest) {
      while (out.length < column) out.push(empty());
      carried.set(column, left - 1);
      out.push(empty());
    }
    grid.push(out);
  }
  const kept: InlineText[][] = [];
  let head = 0;
  let leadingHeaders = true;
  raw.forEach((row, i) => {
    if (grid[i].every((c) => c.text === '')) return;
    const allTh = row.cells.length > 0 && row.cells.every((c) => nameOf(c) === 'th');
    if (leadingHeaders && (row.inHead || allTh)) head++;
    else leadingHeaders = false;
    kept.push(grid[i]);
  });
  const width = Math.max(0, ...kept.map((r) => r.length));
  for (const row of kept) while (row.length < width) row.push(empty());
  // A table of nothing but <th> has no header row to speak of.
  if (head === kept.length && !raw.some((r) => r.inHead)) head = Math.min(head, 1);
  return { rows: kept, head, ...(caption ? { caption } : {}) };
}
