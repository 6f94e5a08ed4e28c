// The reader's way to a document (issue 7 §1): an outline without the text, slices of blocks, and find
// in the text ignoring case and accents; through `dispatch`, as every host calls it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library } from '../../src-main/core/library';
import { foldText, findAll } from '../../src-main/core/find-in-text';
import { createHandlers, dispatch, type Handlers } from '../../src-main/handlers';
import { BLOCK_SEPARATOR, MAX_SLICE_BLOCKS, type Block, type DocumentOutline, type FindResult, type Result } from '../../src-main/ipc/contract';
import { tempDir } from './helpers/temp';

let lib: Library;
let handlers: Handlers;

beforeEach(async () => {
  lib = await Library.open(await tempDir(), { holder: 'command line' });
  handlers = createHandlers(lib, { kind: 'cli' });
});
afterEach(() => lib.close());

const ok = <T>(result: Result<unknown>): T => {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.value as T;
};

/** A book of `chapters` chapters, hard-wrapped, with verse, accents and a line that breaks a phrase. */
function book(chapters: number): string {
  const parts: string[] = [];
  for (let c = 1; c <= chapters; c++) {
    parts.push(`CHAPTER ${c}`);
    for (let p = 0; p < 30; p++)
      parts.push(`Paragraph ${p} of chapter ${c}: the keeper of the lantern\nclimbed the stairs at dusk, as he did every night of the year.`);
    parts.push('  Here the verse begins,\n  and here it turns,\n  and here it ends.');
  }
  parts.push('An été in Zürich, the STRASSE by the lake, and an owl 🦉 at the window.');
  return `${parts.join('\n\n')}\n`;
}

async function importBook(chapters: number): Promise<string> {
  const report = await lib.documents.importBytes([{ name: 'book.txt', source: '/tmp/book.txt', bytes: new TextEncoder().encode(book(chapters)) }]);
  return report.imported[0]!.id;
}

describe('opening a document for reading', () => {
  it('gives an outline without the text, with a table of contents from its headings and where the reader stopped', async () => {
    const id = await importBook(40);
    const whole = await lib.documents.get(id);
    await lib.documents.setReadingPosition(id, whole.blocks[100]!.start);
    const outline = ok<DocumentOutline>(await dispatch(handlers, 'document:outline', { id }));
    expect(outline.length).toBe(whole.text.length);
    expect(outline.starts).toEqual(whole.blocks.map((b) => b.start));
    expect(outline.kinds).toHaveLength(whole.blocks.length);
    expect(outline.kinds[0]).toBe('h');
    expect(outline.lines).toEqual(whole.blocks.map((b) => b.text.split('\n').length));
    // the chapters are the top headings: all shown at level 1
    expect(outline.levels.filter((l, i) => outline.kinds[i] === 'h')).toEqual(Array(40).fill(1));
    expect(outline.levels.filter((l, i) => outline.kinds[i] !== 'h').every((l) => l === 0)).toBe(true);
    expect(outline.toc.map((t) => t.label)).toEqual(Array.from({ length: 40 }, (_, c) => `CHAPTER ${c + 1}`));
    expect(outline.toc[3]!.start).toBe(whole.text.indexOf('CHAPTER 4\n'));
    expect(outline.readingPosition).toBe(whole.blocks[100]!.start);
    // no text in it (but the title): the outline of a long book stays small
    expect(JSON.stringify({ ...outline, document: {} })).not.toContain('keeper of the lantern');
    expect(JSON.stringify(outline).length).toBeLessThan(whole.text.length / 5);
  });

  it('keeps how far through the text the reader is, for the library list', async () => {
    const id = await importBook(10);
    const { text } = await lib.documents.get(id);
    ok(await dispatch(handlers, 'document:setPosition', { id, offset: Math.floor(text.length / 4) }));
    const [listed] = ok<{ progress?: number }[]>(await dispatch(handlers, 'library:list', {}));
    expect(listed!.progress).toBeCloseTo(0.25, 2);
    ok(await dispatch(handlers, 'document:setPosition', { id, offset: text.length + 500 }));
    expect(ok<{ progress?: number }[]>(await dispatch(handlers, 'library:list', {}))[0]!.progress).toBe(1);
    expect((await lib.documents.get(id)).readingPosition).toBe(text.length);
  });

  it('serves the blocks in slices that together are the document, each slice within its bounds', async () => {
    const id = await importBook(80);
    const whole = await lib.documents.get(id);
    expect(whole.blocks.length).toBeGreaterThan(MAX_SLICE_BLOCKS);
    const got: Block[] = [];
    while (got.length < whole.blocks.length) {
      const { blocks } = ok<{ blocks: Block[] }>(await dispatch(handlers, 'document:blocks', { id, from: got.length, to: got.length + 700 }));
      expect(blocks.length).toBeGreaterThan(0);
      expect(blocks.length).toBeLessThanOrEqual(700);
      got.push(...blocks);
    }
    expect(got).toEqual(whole.blocks);
    expect(got.map((b) => b.text).join(BLOCK_SEPARATOR)).toBe(whole.text);
    // a request for more than a slice may hold gets a slice's worth
    const big = ok<{ blocks: Block[] }>(await dispatch(handlers, 'document:blocks', { id, from: 0, to: whole.blocks.length }));
    expect(big.blocks).toHaveLength(MAX_SLICE_BLOCKS);
    // past the end: nothing; backwards or beyond the document: refused with a clear message
    expect(
      ok<{ blocks: Block[] }>(await dispatch(handlers, 'document:blocks', { id, from: whole.blocks.length, to: whole.blocks.length + 5 })).blocks,
    ).toEqual([]);
    const backwards = await dispatch(handlers, 'document:blocks', { id, from: 10, to: 5 });
    expect(backwards.ok).toBe(false);
    const beyond = await dispatch(handlers, 'document:blocks', { id, from: whole.blocks.length + 1, to: whole.blocks.length + 9 });
    expect(beyond).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(await dispatch(handlers, 'document:outline', { id: 'no-such-document' })).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('finds text ignoring case and accents, across a line break, with offsets in the original text', async () => {
    const id = await importBook(3);
    const { text } = await lib.documents.get(id);
    const find = async (query: string, limit = 10_000) => ok<FindResult>(await dispatch(handlers, 'document:find', { id, query, limit }));
    const spans = async (query: string) => (await find(query)).matches.map((m) => text.slice(m.start, m.end));
    expect(await spans('ETE')).toEqual(['été']);
    expect(await spans('zurich')).toEqual(['Zürich']);
    expect(await spans('straße')).toEqual(['STRASSE']);
    expect(await spans('owl 🦉 at')).toEqual(['owl 🦉 at']);
    // the phrase runs over a hard-wrapped line, which the text keeps as a space or a line break
    expect((await spans('lantern climbed')).length).toBe(90);
    const limited = await find('keeper', 5);
    expect(limited.total).toBe(90);
    expect(limited.matches).toHaveLength(5);
    expect((await find('no such words')).total).toBe(0);
  });
});

describe('folding text for find', () => {
  it('maps every match back to the original characters, whatever folding did to the length', () => {
    const text = 'İstanbul, Straße, ﬁne ﬂour, Ça va, 𝒜lpha and café\u0301.';
    const folded = foldText(text);
    const show = (q: string) => findAll(folded, q, 10).matches.map((m) => text.slice(m.start, m.end));
    expect(show('istanbul')).toEqual(['İstanbul']);
    expect(show('strasse')).toEqual(['Straße']);
    expect(show('fine flour')).toEqual(['ﬁne ﬂour']);
    expect(show('ca va')).toEqual(['Ça va']);
    expect(show('alpha')).toEqual(['𝒜lpha']);
    expect(show('cafe.')).toEqual(['café\u0301.']);
  });
});
