// The notebook on a real library in a temp folder: every highlight of the library's documents, filtered
// by tag, colour, document, date and words, sorted by date or document order, paged, written as
// Markdown the way the export writes it; the Trash's documents left out; its kept lists rebuilt after
// a change and only then.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Library } from '../../src-main/core/library';
import { createHandlers, dispatch } from '../../src-main/handlers';
import type { Color, Highlight } from '../../src-main/core/model';
import type { NotebookQuery } from '../../src-main/core/notebook';
import type { LibraryContext } from '../../src-main/core/services/context';
import { NotebookService } from '../../src-main/core/services/notebook';
import { tempDir } from './helpers/temp';

const encode = (text: string) => new TextEncoder().encode(text);

const HARBOUR = 'Harbour notes\n\nThe tide came in faster than the charts said; the trawlers stayed in port.\n\nGulls circled the café.\n';
const ORCHARD = 'Orchards of Kent\n\nThe apple harvest was early this year, and the cider presses ran all night.\n';

let lib: Library;
let harbour: string;
let orchard: string;

beforeEach(async () => {
  // Only the clock is faked (each highlight is made on its own day); timers and I/O stay real.
  vi.useFakeTimers({ toFake: ['Date'] });
  lib = await Library.open(await tempDir(), { holder: 'command line' });
  const report = await lib.documents.importBytes([
    { name: 'harbour.txt', source: '/harbour.txt', bytes: encode(HARBOUR) },
    { name: 'orchard.txt', source: '/orchard.txt', bytes: encode(ORCHARD) },
  ]);
  [harbour, orchard] = report.imported.map((r) => r.id) as [string, string];
});

afterEach(async () => {
  vi.useRealTimers();
  await lib.close();
});

/** A highlight of `phrase` in the document, made on `day` (UTC noon). */
async function mark(
  documentId: string,
  phrase: string,
  day: string,
  color: Color,
  extra: { note?: string; tags?: string[] } = {},
): Promise<Highlight> {
  vi.setSystemTime(new Date(`${day}T12:00:00Z`));
  const { text } = await lib.documents.get(documentId);
  const start = text.indexOf(phrase);
  expect(start).toBeGreaterThanOrEqual(0);
  return lib.highlights.create({ documentId, start, end: start + phrase.length, color, ...extra });
}

/** Four highlights on four days: the harbour's out of reading order in time, the orchard's between them. */
async function marks() {
  const gulls = await mark(harbour, 'Gulls circled the café', '2024-03-01', 'blue', { note: 'Birds *again*', tags: ['Sea'] });
  const apple = await mark(orchard, 'apple harvest', '2024-03-02', 'green', { tags: ['food', 'sea'] });
  const tide = await mark(harbour, 'The tide came in', '2024-03-03', 'yellow', { note: 'quixotical remark' });
  const cider = await mark(orchard, 'cider presses', '2024-03-04', 'yellow');
  return { gulls, apple, tide, cider };
}

const page = (query: Partial<NotebookQuery> = {}) => lib.notebook.list({ sort: 'date-desc', offset: 0, limit: 100, ...query });
const ids = async (query: Partial<NotebookQuery> = {}) => (await page(query)).rows.map((r) => r.id);

describe('the notebook', () => {
  it('lists every highlight as a row: quote, note, colour, tags, date and its document', async () => {
    const { gulls } = await marks();
    const { total, rows } = await page();
    expect(total).toBe(4);
    expect(rows.find((r) => r.id === gulls.id)).toEqual({
      id: gulls.id,
      documentId: harbour,
      documentTitle: 'Harbour notes',
      quote: 'Gulls circled the café',
      note: 'Birds *again*',
      color: 'blue',
      tags: ['Sea'],
      createdAt: '2024-03-01T12:00:00.000Z',
    });
  });

  it('cuts a long quote for the list', async () => {
    const long = `${'A long passage about the harbour. '.repeat(30)}End.`;
    const report = await lib.documents.importBytes([{ name: 'long.txt', source: '/long.txt', bytes: encode(`Long one\n\n${long}\n`) }]);
    await mark(report.imported[0]!.id, long, '2024-03-05', 'pink');
    const [row] = (await page()).rows;
    expect(row!.quote.length).toBeLessThanOrEqual(300);
    expect(row!.quote.endsWith('…')).toBe(true);
    expect(long.startsWith(row!.quote.slice(0, -1))).toBe(true);
  });

  it('sorts newest first, oldest first, or by document title and then place in the document', async () => {
    const { gulls, apple, tide, cider } = await marks();
    expect(await ids({ sort: 'date-desc' })).toEqual([cider.id, tide.id, apple.id, gulls.id]);
    expect(await ids({ sort: 'date-asc' })).toEqual([gulls.id, apple.id, tide.id, cider.id]);
    // "Harbour notes" before "Orchards of Kent"; in each, where the highlight is in the text
    expect(await ids({ sort: 'document' })).toEqual([tide.id, gulls.id, apple.id, cider.id]);
  });

  it('filters by tag (any of them, regardless of case), colour, document, date and words, and by all of them at once', async () => {
    const { gulls, apple, tide, cider } = await marks();
    expect(await ids({ tags: ['SEA'] })).toEqual([apple.id, gulls.id]);
    expect(await ids({ tags: ['food', 'nothing'] })).toEqual([apple.id]);
    expect(await ids({ colors: ['yellow'] })).toEqual([cider.id, tide.id]);
    expect(await ids({ colors: ['yellow', 'blue'] })).toEqual([cider.id, tide.id, gulls.id]);
    expect(await ids({ documentIds: [orchard] })).toEqual([cider.id, apple.id]);
    // from the start of a day, up to (not including) the start of another
    expect(await ids({ from: '2024-03-02', to: '2024-03-04' })).toEqual([tide.id, apple.id]);
    expect(await ids({ from: '2024-03-03T12:00:00.000Z' })).toEqual([cider.id, tide.id]);
    expect(await ids({ to: '2024-03-02T13:30:00+01:00' })).toEqual([apple.id, gulls.id]);
    // words in the quote or the note, ignoring case and accents
    expect(await ids({ query: 'CAFE' })).toEqual([gulls.id]);
    expect(await ids({ query: 'quixotical' })).toEqual([tide.id]);
    expect(await ids({ query: 'the' })).toEqual([tide.id, gulls.id]);
    expect(await ids({ query: '  ' })).toHaveLength(4);
    expect(await ids({ tags: ['sea'], colors: ['green'], documentIds: [orchard], from: '2024-03-01', query: 'harvest' })).toEqual([apple.id]);
    expect((await page({ colors: ['purple'] })).total).toBe(0);
  });

  it('pages through the matches: every one once, in order, with the total on each page', async () => {
    const all: string[] = [];
    for (let i = 0; i < 12; i++) all.push((await mark(harbour, 'tide', `2024-04-${String(i + 1).padStart(2, '0')}`, 'pink')).id);
    const seen: string[] = [];
    for (let offset = 0; offset < 14; offset += 5) {
      const { total, rows } = await page({ sort: 'date-asc', offset, limit: 5 });
      expect(total).toBe(12);
      seen.push(...rows.map((r) => r.id));
    }
    expect(seen).toEqual(all);
    expect((await page({ offset: 12 })).rows).toEqual([]);
  });

  it('offers the tags, colours and documents present, with counts', async () => {
    await marks();
    expect(await lib.notebook.facets()).toEqual({
      total: 4,
      tags: [
        { name: 'food', count: 1 },
        { name: 'Sea', count: 2 },
      ],
      colors: [
        { color: 'yellow', count: 2 },
        { color: 'green', count: 1 },
        { color: 'blue', count: 1 },
      ],
      documents: [
        { id: harbour, title: 'Harbour notes', count: 2 },
        { id: orchard, title: 'Orchards of Kent', count: 2 },
      ],
    });
  });

  it('writes chosen highlights as Markdown grouped by document, each as the export writes it', async () => {
    const { gulls, apple, tide, cider } = await marks();
    const expected = [
      '## Harbour notes',
      '> The tide came in',
      '*Yellow*',
      'quixotical remark',
      '> Gulls circled the café',
      '*Blue* · #Sea',
      'Birds *again*',
      '## Orchards of Kent',
      '> apple harvest',
      '*Green* · #food #sea',
    ].join('\n\n');
    // by id, in any order: grouped by document, each document's in reading order
    const byIds = await lib.notebook.markdown({ ids: [apple.id, gulls.id, tide.id] });
    expect(byIds).toEqual({ markdown: `${expected}\n`, count: 3 });
    // every match of a filter but those left out
    expect(await lib.notebook.markdown({ filter: { from: '2024-03-01' }, except: [cider.id] })).toEqual(byIds);
    // the same formatting as the document's own Markdown export
    const exported = await lib.exports.run('markdown', await tempDir());
    const file = await import('node:fs/promises').then((fs) => fs.readFile(exported.files.find((f) => f.documentId === harbour)!.path, 'utf8'));
    expect(file).toContain(expected.split('\n\n## Orchards')[0]!.replace('## Harbour notes\n\n', ''));
    expect(await lib.notebook.markdown({ filter: { colors: ['purple'] } })).toEqual({ markdown: '', count: 0 });
  });

  it('leaves out the highlights of documents in the Trash, and has them again once restored', async () => {
    const { apple, cider } = await marks();
    await page(); // kept
    await lib.documents.delete(harbour);
    expect(await ids()).toEqual([cider.id, apple.id]);
    expect((await lib.notebook.facets()).documents.map((d) => d.id)).toEqual([orchard]);
    expect((await lib.notebook.markdown({ filter: {} })).markdown).not.toContain('Harbour');
    await lib.trash.restore(harbour);
    expect((await page()).total).toBe(4);
  });

  it('shows a change at once: a new highlight, a colour, a deleted one, an undo, a renamed document', async () => {
    const { tide, cider } = await marks();
    expect((await page({ colors: ['yellow'] })).total).toBe(2);
    await lib.highlights.update({ documentId: harbour, id: tide.id, color: 'purple' });
    expect(await ids({ colors: ['yellow'] })).toEqual([cider.id]);
    const fresh = await mark(orchard, 'early', '2024-03-09', 'yellow');
    expect(await ids({ colors: ['yellow'] })).toEqual([fresh.id, cider.id]);
    await lib.highlights.delete(orchard, cider.id);
    expect(await ids({ colors: ['yellow'] })).toEqual([fresh.id]);
    await lib.history.undo();
    expect(await ids({ colors: ['yellow'] })).toEqual([fresh.id, cider.id]);
    await lib.documents.rename(orchard, 'Apples');
    expect((await page({ sort: 'document' })).rows.map((r) => r.documentTitle)).toEqual([
      'Apples',
      'Apples',
      'Apples',
      'Harbour notes',
      'Harbour notes',
    ]);
  });

  it('keeps the matches of a filter while nothing changes: a next page does not search again, a first page does', async () => {
    await marks();
    const ctx = (lib as unknown as { ctx: LibraryContext }).ctx;
    const searches: string[] = [];
    const notebook = new NotebookService(ctx, async (query) => {
      searches.push(query);
      return new Set();
    });
    const list = (offset: number, extra: Partial<NotebookQuery> = {}) =>
      notebook.list({ query: 'tide', sort: 'document', offset, limit: 1, ...extra });
    await list(0);
    await list(1);
    await list(2, { colors: [] });
    expect(searches).toEqual(['tide']);
    // a reading position or a document note is no change to the highlights
    await lib.reading.setPosition(harbour, 10);
    await lib.documents.setNote(harbour, 'A note on the whole document');
    await list(1);
    expect(searches).toEqual(['tide']);
    await mark(harbour, 'trawlers', '2024-03-10', 'green');
    await list(1);
    expect(searches).toEqual(['tide', 'tide']);
    // the search engine indexes in the background: the list opened again asks it again
    await list(0);
    expect(searches).toEqual(['tide', 'tide', 'tide']);
  });

  it('answers through the handler table as every host calls it, and refuses what the contract does not allow', async () => {
    const { tide, cider } = await marks();
    const handlers = createHandlers(lib, { kind: 'cli' });
    expect(await dispatch(handlers, 'notebook:list', { sort: 'document', offset: 0, limit: 1, colors: ['yellow'] })).toMatchObject({
      ok: true,
      value: { total: 2, rows: [{ id: tide.id }] },
    });
    expect(await dispatch(handlers, 'notebook:facets', {})).toMatchObject({ ok: true, value: { total: 4 } });
    expect(await dispatch(handlers, 'notebook:markdown', { ids: [cider.id] })).toMatchObject({ ok: true, value: { count: 1 } });
    const refused = [
      ['notebook:list', { sort: 'document', offset: 0, limit: 501 }],
      ['notebook:list', { sort: 'title', offset: 0, limit: 10 }],
      ['notebook:list', { sort: 'document', offset: 0, limit: 10, from: 'last week' }],
      ['notebook:list', { sort: 'document', offset: 0, limit: 10, colors: ['red'] }],
      ['notebook:list', { sort: 'document', offset: 0, limit: 10, unknown: true }],
      ['notebook:markdown', { ids: [] }],
      ['notebook:markdown', { ids: [cider.id], filter: {} }],
    ] as const;
    for (const [channel, input] of refused) expect(await dispatch(handlers, channel, input)).toMatchObject({ ok: false, code: 'invalid_input' });
  });
});
