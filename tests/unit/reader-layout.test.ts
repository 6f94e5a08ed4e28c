// The reader's pure layout rules, on reading models made by the real parsers: a table's cells must add
// up to its block text (highlights count on it), quotes keep their depth, pages land on the right block,
// and verse is told apart from text drawn in columns.
import { describe, expect, it } from 'vitest';
import { normalizeFile } from '../../src-main/core/formats';
import type { Block } from '../../src-main/core/model';
import { marksWithin, pageStarts, quoteDepth, tableCells } from '../../src-renderer/reader/layout';
import { needsAlignment } from '../../src-renderer/reader/preformat';

const md = async (text: string) => (await normalizeFile('notes.md', new TextEncoder().encode(text))).blocks;

/** What the rendered table holds: each cell's text followed by its separator. */
function rendered(text: string): string {
  return tableCells(text)
    .flat()
    .map((c) => text.slice(c.start, c.end) + c.separator)
    .join('');
}

describe('tableCells', () => {
  it('gives back exactly the block text of a GFM table, cell by cell', async () => {
    const blocks = await md('| Day | High | Low |\n| --- | :-: | --: |\n| Monday | 06:10 | 12:25 |\n| Tuesday | | 13:10 |\n');
    const table = blocks.find((b) => b.kind === 'table');
    expect(table).toBeDefined();
    const rows = tableCells(table!.text);
    expect(rows.map((r) => r.map((c) => table!.text.slice(c.start, c.end)))).toEqual([
      ['Day', 'High', 'Low'],
      ['Monday', '06:10', '12:25'],
      ['Tuesday', '', '13:10'],
    ]);
    expect(rendered(table!.text)).toBe(table!.text);
    expect(rows[0]!.map((c) => c.separator)).toEqual(['\t', '\t', '\n']);
    expect(rows[2]![2]!.separator).toBe('');
  });

  it('copes with ragged rows and an empty table text', () => {
    for (const text of ['a\tb\tc\nd', '', '\t\n\t', 'only']) expect(rendered(text)).toBe(text);
    expect(tableCells('a\tb\tc\nd').map((r) => r.length)).toEqual([3, 1]);
  });
});

describe('marksWithin', () => {
  it('cuts a table block’s marks down to one cell, relative to it', async () => {
    const blocks = await md('| Name | Note |\n| --- | --- |\n| **Seal** | `two` crew |\n');
    const table = blocks.find((b) => b.kind === 'table')!;
    const [, row] = tableCells(table.text);
    const [name, note] = row!;
    expect(marksWithin(table.marks, name!.start, name!.end)).toEqual([{ kind: 'strong', start: 0, end: 4 }]);
    expect(marksWithin(table.marks, note!.start, note!.end)).toEqual([{ kind: 'code', start: 0, end: 3 }]);
    expect(marksWithin(undefined, 0, 3)).toBeUndefined();
    // a mark across two cells is split at the cell's edge
    expect(marksWithin([{ kind: 'em', start: 2, end: 8 }], 5, 10)).toEqual([{ kind: 'em', start: 0, end: 3 }]);
  });
});

describe('quoteDepth', () => {
  it('follows nested quotes and what sits inside them', async () => {
    const blocks = await md('> outer\n>\n> > inner\n>\n> # heading in a quote\n\nafter\n');
    const depth = (text: string) => quoteDepth(blocks.find((b) => b.text === text)!);
    expect(depth('outer')).toBe(1);
    expect(depth('inner')).toBe(2);
    expect(depth('heading in a quote')).toBe(1);
    expect(depth('after')).toBe(0);
  });
});

describe('pageStarts', () => {
  const blocks: Block[] = [
    { kind: 'paragraph', text: 'first page text', start: 0 },
    { kind: 'paragraph', text: 'runs over the page break here', start: 17 },
    { kind: 'paragraph', text: 'third', start: 48 },
  ];
  it('marks each page on the block it starts in, never inside the text', () => {
    const map = pageStarts(blocks, [
      { label: '1', start: 0 },
      { label: '2', start: 30 },
      { label: '3', start: 48 },
    ]);
    expect([...map.entries()].map(([b, label]) => [b.start, label])).toEqual([
      [0, '1'],
      [17, '2'],
      [48, '3'],
    ]);
  });
  it('joins pages that start in one block, and shows nothing for a single page', () => {
    const map = pageStarts(blocks, [
      { label: 'iv', start: 0 },
      { label: 'v', start: 5 },
      { label: 'vi', start: 20 },
    ]);
    expect(map.get(blocks[0]!)).toBe('iv–v');
    expect(map.get(blocks[1]!)).toBe('vi');
    expect(pageStarts(blocks, [{ label: '1', start: 0 }]).size).toBe(0);
    expect(pageStarts(blocks, undefined).size).toBe(0);
  });
});

describe('needsAlignment', () => {
  it('keeps verse in the reading font', () => {
    expect(
      needsAlignment('The keeper climbs at evening,\n    his lantern swinging low;\nthe gulls fold up their shadows\n    above the boats below.'),
    ).toBe(false);
    // a typist's two spaces after a full stop are not columns
    expect(needsAlignment('He rowed out.  The fog came in.\nHe rowed back.  The fog stayed.')).toBe(false);
    expect(needsAlignment('　春の海\n　ひねもすのたり\n　のたりかな')).toBe(false);
  });
  it('puts text drawn in columns in monospace', () => {
    expect(needsAlignment('┌──────┬──────┐\n│ pier │ quay │\n└──────┴──────┘')).toBe(true);
    expect(needsAlignment('+------+------+\n| pier | quay |\n+------+------+')).toBe(true);
    expect(needsAlignment('Boat        Crew    Length\nMarguerite  4       9 m\nSeal        2       6 m')).toBe(true);
    expect(needsAlignment('   /\\_/\\\n  ( o.o )\n   > ^ <')).toBe(true);
  });
});
