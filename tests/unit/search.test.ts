// Search over a real library (issue 8): documents, highlights and notes in one answer; the index is a
// cache on disk (search/), used when present, brought up to date with whatever changed while it was
// not looking, rebuilt when damaged, and never written by a read-only reader.
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Library } from '../../src-main/core/library';
import type { Snippet } from '../../src-main/core/model';
import { parseQuery } from '../../src-main/core/query';
import { compactIndex, IndexFiles, readSnapshot, type LogEntry } from '../../src-main/core/search-files';
import { analyzeRecord, SearchIndex } from '../../src-main/core/search-index';
import { tempDir } from './helpers/temp';

const text = (s: string) => Buffer.from(s);
const titles = async (lib: Library, query: string) => (await lib.search.search(query)).documents.map((d) => d.title).sort();
const marked = (s: Snippet) => s.marks.map(([a, b]) => s.text.slice(a, b));

async function libraryWithTwo(dir: string) {
  const lib = await Library.open(dir, { holder: 'command line' });
  await lib.documents.importBytes([
    { name: 'a.txt', source: '/a.txt', bytes: text('Orchards of Kent\n\nThe apple harvest came early this year.') },
    { name: 'b.txt', source: '/b.txt', bytes: text('Harbour notes\n\nTrawlers left before dawn with the tide.') },
  ]);
  return lib;
}

const idOf = async (lib: Library, title: string) => (await lib.documents.list()).find((d) => d.title === title)!.id;

/** A closed library of two documents, "Harbour notes" with a highlight whose note is about pilchards. */
async function libraryWithPilchards(dir: string) {
  const lib = await libraryWithTwo(dir);
  const harbour = await idOf(lib, 'Harbour notes');
  const h = await lib.highlights.create({ documentId: harbour, start: 0, end: 7, color: 'blue', note: 'about pilchards' });
  await lib.close();
  return { harbour, h };
}

/** Files under `dir` this process holds open though they were removed (Linux; none where /proc is not). */
function heldRemoved(dir: string): string[] {
  if (!existsSync('/proc/self/fd')) return [];
  return readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    })
    .filter((target) => target.startsWith(dir) && target.endsWith('(deleted)'));
}

describe('search', () => {
  it('keeps its index on disk and answers from it on the next open', async () => {
    const dir = await tempDir();
    let lib = await libraryWithTwo(dir);
    expect(await titles(lib, 'harvest')).toEqual(['Orchards of Kent']);
    // a change after a search has caught the index up is kept on disk too
    await lib.documents.rename(await idOf(lib, 'Harbour notes'), 'Quayside diary');
    expect(await titles(lib, 'quayside')).toEqual(['Quayside diary']);
    await lib.close();
    const files = await readdir(join(dir, 'search'));
    expect(files).toContain('documents.json');
    expect(files.some((f) => f.endsWith('.log'))).toBe(true);

    // With the bodies gone, only the index on disk can still know what they said.
    await rm(join(dir, 'packs'), { recursive: true });
    lib = await Library.open(dir, { holder: 'command line' });
    expect(await titles(lib, 'harvest')).toEqual(['Orchards of Kent']);
    expect(await titles(lib, 'trawlers quayside')).toEqual(['Quayside diary']);
    await lib.close();
  });

  it('catches up with documents imported, renamed and deleted while it was not looking, and removes the old cache', async () => {
    const dir = await tempDir();
    let lib = await libraryWithTwo(dir);
    expect(await titles(lib, 'tide')).toEqual(['Harbour notes']);
    await lib.close();
    await writeFile(join(dir, 'search-index.json'), '{"version":1}');

    lib = await Library.open(dir, { holder: 'command line' });
    await lib.documents.importBytes([{ name: 'c.txt', source: '/c.txt', bytes: text('Mill stream\n\nThe wheel turned slowly in the tide race.') }]);
    await lib.documents.rename(await idOf(lib, 'Orchards of Kent'), 'Cider country');
    await lib.documents.delete(await idOf(lib, 'Harbour notes'));
    await lib.close();

    lib = await Library.open(dir, { holder: 'browser mode', indexInBackground: true });
    lib.search.start(() => undefined);
    await lib.search.settle();
    expect(await titles(lib, 'tide')).toEqual(['Mill stream']);
    expect(await titles(lib, 'cider')).toEqual(['Cider country']);
    // the old title is still the first line of the text
    expect(await titles(lib, 'orchards')).toEqual(['Cider country']);
    await lib.close();
    expect(existsSync(join(dir, 'search-index.json'))).toBe(false);
  });

  it('takes a large import into memory through a snapshot: every document found in the same session, and after reopening', async () => {
    const dir = await tempDir();
    const lib = await Library.open(dir, { holder: 'browser mode', indexInBackground: true });
    lib.search.start(() => undefined);
    // more than the first few an import indexes in memory at once: the rest reach memory by a fold
    const files = Array.from({ length: 150 }, (_, i) => ({
      name: `n${i}.txt`,
      source: `/n${i}.txt`,
      bytes: text(`Note ${i}\n\nA word for each: marker${i} and the shared tide.`),
    }));
    await lib.documents.importBytes(files);
    await lib.search.settle();
    for (const i of [0, 63, 64, 149]) expect(await titles(lib, `marker${i}`)).toEqual([`Note ${i}`]);
    expect((await lib.search.search('tide')).documents).toHaveLength(150);
    // a change after the fold is kept in memory and on disk
    await lib.documents.rename(await idOf(lib, 'Note 149'), 'Last note');
    expect(await titles(lib, 'marker149')).toEqual(['Last note']);
    await lib.close();
    const again = await Library.open(dir, { holder: 'browser mode', indexInBackground: true });
    again.search.start(() => undefined);
    expect(await titles(again, 'marker100')).toEqual(['Note 100']);
    expect(await titles(again, 'marker149')).toEqual(['Last note']);
    expect((await again.search.search('tide')).documents).toHaveLength(150);
    // A few more, indexed in memory as they come, enough to be folded into a new snapshot: the index
    // is read back from it, and the snapshot it was reading before is let go, not held open removed.
    const prose = (i: number) => `Long ${i}\n\n${Array.from({ length: 1500 }, (_, k) => `word${(i * 31 + k) % 997}`).join(' ')}`;
    const snapshot = async () => (JSON.parse(await readFile(join(dir, 'search', 'documents.json'), 'utf8')) as { snapshot: string }).snapshot;
    const before = await snapshot();
    await again.documents.importBytes(Array.from({ length: 40 }, (_, i) => ({ name: `l${i}.txt`, source: `/l${i}.txt`, bytes: text(prose(i)) })));
    await again.search.settle();
    expect(await titles(again, 'long word5')).toHaveLength(40);
    // folded (when the log grew past a size, or once the import was over: either may come first)
    expect(await snapshot()).not.toBe(before);
    expect(heldRemoved(join(dir, 'search'))).toEqual([]);
    expect(await titles(again, 'marker100')).toEqual(['Note 100']);
    await again.close();
  });

  it('finds a document in the Trash no more, and again once it is restored', async () => {
    const lib = await libraryWithTwo(await tempDir());
    const id = await idOf(lib, 'Harbour notes');
    expect(await titles(lib, 'trawlers')).toEqual(['Harbour notes']); // what the search keeps of the catalog is made now
    await lib.documents.delete(id);
    expect(await titles(lib, 'trawlers')).toEqual([]);
    await lib.trash.restore(id);
    expect(await titles(lib, 'trawlers')).toEqual(['Harbour notes']);
    await lib.close();
  });

  it('rebuilds from the library when its files are damaged, and reads a log torn by a crash up to the tear', async () => {
    const dir = await tempDir();
    let lib = await libraryWithTwo(dir);
    expect(await titles(lib, 'apple')).toEqual(['Orchards of Kent']);
    await lib.close();
    const log = (await readdir(join(dir, 'search'))).find((f) => f.startsWith('documents-') && f.endsWith('.log'))!;
    const bytes = await readFile(join(dir, 'search', log));
    await writeFile(join(dir, 'search', log), bytes.subarray(0, bytes.length - 5));
    lib = await Library.open(dir, { holder: 'command line' });
    expect(await titles(lib, 'trawlers')).toEqual(['Harbour notes']);
    await lib.close();

    await writeFile(join(dir, 'search', 'documents.json'), '{"format":1,"snapsh');
    lib = await Library.open(dir, { holder: 'command line' });
    expect(await titles(lib, 'apple')).toEqual(['Orchards of Kent']);
    expect(await titles(lib, 'trawlers')).toEqual(['Harbour notes']);
    await lib.close();
  });

  it('is kept by the import, and never written by a read-only reader', async () => {
    const dir = await tempDir();
    const lib = await Library.open(dir, { holder: 'command line' });
    await lib.documents.importBytes([{ name: 'a.txt', source: '/a.txt', bytes: text('Orchards of Kent\n\nThe apple harvest came early.') }]);
    await lib.close();
    // the import indexed what it stored: the index is on disk before any search
    const files = async () =>
      Promise.all((await readdir(join(dir, 'search'))).sort().map(async (f) => [f, (await readFile(join(dir, 'search', f))).toString('base64')]));
    const before = await files();
    expect(before.length).toBeGreaterThan(1);
    const reader = await Library.open(dir, { holder: 'command line', readOnly: true });
    expect(await titles(reader, 'apple')).toEqual(['Orchards of Kent']);
    await reader.close();
    expect(await files()).toEqual(before);
  });

  it('shows the passage where the words come together, every matched word marked', async () => {
    const lib = await Library.open(await tempDir(), { holder: 'command line' });
    const filler = 'Nothing of note happened on the quay that morning. '.repeat(40);
    await lib.documents.importBytes([
      {
        name: 'p.txt',
        source: '/p.txt',
        bytes: text(`Port log\n\nThe terrorism desk called early. ${filler}Later two terrorist cells were reported near the docks.\n\n${filler}`),
      },
    ]);
    const [hit] = (await lib.search.search('terrorist cells')).documents;
    expect(hit!.snippet!.text).toContain('two terrorist cells were reported');
    expect(hit!.snippet!.text.startsWith('…')).toBe(true);
    expect(marked(hit!.snippet!)).toEqual(['terrorist', 'cells']);
    // stems and folds: "reports" marks "reported"
    const [again] = (await lib.search.search('REPORTS docks')).documents;
    expect(marked(again!.snippet!)).toEqual(['reported', 'docks']);
    // a long text (read a piece at a time, not whole), the passage deep inside it, after accents
    const long = 'Été à Zürich, déjà vu. '.repeat(3000);
    await lib.documents.importBytes([
      { name: 'l.txt', source: '/l.txt', bytes: text(`Long log\n\n${long}The lighthouse keeper wrote down the storm.\n\n${long}`) },
    ]);
    const [deep] = (await lib.search.search('lighthouse storm')).documents;
    expect(deep!.snippet!.text).toContain('The lighthouse keeper wrote down the storm.');
    expect(marked(deep!.snippet!)).toEqual(['lighthouse', 'storm']);
    await lib.close();
  });

  it('finds highlights by quote and note, and document notes, as results of their own', async () => {
    const lib = await libraryWithTwo(await tempDir());
    const harbour = await idOf(lib, 'Harbour notes');
    const content = await lib.documents.get(harbour);
    const start = content.text.indexOf('Trawlers');
    const h = await lib.highlights.create({
      documentId: harbour,
      start,
      end: start + 'Trawlers left'.length,
      color: 'green',
      note: 'Compare with the *herring* fleet',
    });
    await lib.documents.setNote(await idOf(lib, 'Orchards of Kent'), 'Ask grandmother about the herring smokehouse.');

    const found = await lib.search.search('herring');
    expect(found.documents).toEqual([]);
    expect(found.marks).toHaveLength(2);
    const highlight = found.marks.find((m) => m.highlightId === h.id)!;
    expect(highlight).toMatchObject({ documentId: harbour, documentTitle: 'Harbour notes', color: 'green' });
    expect(highlight.quote!.text).toBe('Trawlers left');
    expect(marked(highlight.note!)).toEqual(['herring']);
    const note = found.marks.find((m) => !m.highlightId)!;
    expect(note.documentTitle).toBe('Orchards of Kent');

    // the quote is searched too, and a changed note is found by its new words at once
    expect((await lib.search.search('trawlers')).marks.map((m) => m.highlightId)).toEqual([h.id]);
    await lib.highlights.update({ documentId: harbour, id: h.id, note: 'Mackerel, not herring.' });
    expect((await lib.search.search('mackerel')).marks.map((m) => m.highlightId)).toEqual([h.id]);
    await lib.highlights.delete(harbour, h.id);
    expect((await lib.search.search('mackerel')).marks).toEqual([]);
    await lib.close();
  });

  it('narrows by #tag and tag:name, and lists what carries a tag when that is all the query holds', async () => {
    const lib = await libraryWithTwo(await tempDir());
    const orchard = await idOf(lib, 'Orchards of Kent');
    await lib.documents.setTags(orchard, ['Fruit', 'kent']);
    expect(await titles(lib, 'came #fruit')).toEqual(['Orchards of Kent']);
    expect(await titles(lib, 'dawn #fruit')).toEqual([]);
    expect(await titles(lib, 'tag:KENT')).toEqual(['Orchards of Kent']);
    expect((await lib.search.search('the', { tag: 'fruit' })).documents.map((d) => d.title)).toEqual(['Orchards of Kent']);
    await lib.close();
  });

  it('offers the nearest spelling, as the library writes it, when nothing matches as typed', async () => {
    const lib = await libraryWithTwo(await tempDir());
    const found = await lib.search.search('trawlrs dawn');
    expect(found.documents).toEqual([]);
    expect(found.suggestion).toBe('trawlers dawn');
    expect((await lib.search.search('apple')).suggestion).toBeUndefined();
    expect((await lib.search.search('qqqqzz')).suggestion).toBeUndefined();
    await lib.close();
  });

  it('folds its logs into one snapshot that answers as they did', async () => {
    const dir = await tempDir();
    const files = new IndexFiles(dir, 'test', false);
    let state = await files.load();
    const add = (key: string, body: string) => {
      const entry = { add: state.nextId, key, print: key, record: analyzeRecord([{ text: body, weight: 1 }]) };
      state.apply(entry);
      files.append(entry);
    };
    add('a', 'the tide came in');
    add('b', 'the apple harvest');
    add('a', 'the tide went out'); // replaces a
    await files.flush();
    await files.compact();
    const names = await readdir(dir);
    expect(names.filter((n) => n.endsWith('.snap'))).toHaveLength(1);
    expect(names.filter((n) => n.endsWith('.log'))).toHaveLength(0);
    add('c', 'tide tables');
    await files.flush();

    state = await new IndexFiles(dir, 'test', false).load();
    const keys = (q: string) =>
      state.index
        .search(parseQuery(q), 10)
        .map((h) => state.keys.at(h.id))
        .sort();
    expect(keys('tide')).toEqual(['a', 'c']);
    expect(keys('"went out"')).toEqual(['a']);
    expect(keys('came')).toEqual([]);
    expect(keys('harvest')).toEqual(['b']);
    // compacting by hand gives the same snapshot as the files do
    await compactIndex({ dir, snapshot: null, logs: [], out: 'empty.snap' });
    expect(existsSync(join(dir, 'empty.snap'))).toBe(true);
    // an index of nothing (every highlight deleted, say) is read back, not refused and built again
    for (const whole of [false, true]) {
      const empty = await readSnapshot(join(dir, 'empty.snap'), whole);
      expect(empty.keys.values()).toEqual([]);
      expect(empty.index.search(parseQuery('tide'), 5)).toEqual([]);
      empty.close();
    }
  });

  it('writes every change to its log, a few at a time: one alone a moment after it, a burst of over a megabyte, the last at close', async () => {
    const dir = await tempDir();
    const files = new IndexFiles(dir, 'test', false);
    const state = await files.load();
    /** bytes in the index's logs and snapshots */
    const written = async () => {
      let n = 0;
      for (const name of await readdir(dir)) if (/\.(log|snap)$/.test(name)) n += (await readFile(join(dir, name))).length;
      return n;
    };
    const add = (text: string) => {
      const entry = { add: state.nextId, key: `k${state.nextId}`, print: '', record: analyzeRecord([{ text, weight: 1 }]) };
      state.apply(entry);
      files.append(entry);
    };
    add('lantern');
    // no flush asked for: written once changes stop coming for a moment
    await expect.poll(written).toBeGreaterThan(0);
    // a burst of more than a megabyte
    const long = Array.from({ length: 5_000 }, (_, i) => `w${i}`).join(' ');
    for (let i = 0; i < 16; i++) add(long);
    await expect.poll(written).toBeGreaterThan(1024 * 1024);
    add('kettle');
    await files.close();
    // every change is on disk: read back, the index holds them all
    const back = await new IndexFiles(dir, 'test', true).load();
    expect(back.index.search(parseQuery('lantern'), 5)).toHaveLength(1);
    expect(back.index.search(parseQuery('w4999'), 50)).toHaveLength(16);
    expect(back.index.search(parseQuery('kettle'), 5)).toHaveLength(1);
  });

  it('a snapshot read back knows what each key stands for, reading its keys one at a time until it makes its map of keys', async () => {
    const dir = await tempDir();
    const files = new IndexFiles(dir, 'test', false);
    const state = await files.load();
    const change = (entry: LogEntry) => {
      state.apply(entry);
      files.append(entry);
    };
    // Keys that hold one another ("/" in "a/", "a/b"), and keys and fingerprints JSON must escape.
    const keys = ['a/b', '/', 'a/', 'r"q', 'é/ß', 'x\\y', 'r3', 'r5', 'a/b/', '"/"', 'last'];
    keys.forEach((key, i) =>
      change({ add: state.nextId, key, print: `p${i}\n"\u0000\u{1f600}\ud800`, record: analyzeRecord([{ text: `word${i}`, weight: 1 }]) }),
    );
    change({ remove: state.records.get('r3')! });
    change({ add: state.nextId, key: 'r5', print: 'p5 again', record: analyzeRecord([{ text: 'again', weight: 1 }]) });
    await files.compact();
    await files.close();
    const snapshot = join(
      dir,
      (await readdir(dir)).find((n) => n.endsWith('.snap'))!,
    );
    const live = keys.filter((k) => k !== 'r3').sort();
    const asked = ['r5', '/', 'r3', 'nothing', 'a/', '"/"', ...keys, '/'];

    const check = async () => {
      const read = await readSnapshot(snapshot);
      // the first few look-ups scan the keys; the rest go through the map they then make
      expect(asked.map((key) => read.printOf(key))).toEqual(asked.map((key) => state.printOf(key)));
      expect(read.printOf('r5')).toBe('p5 again');
      expect(read.index.search(parseQuery('word4'), 5).map((h) => read.keys.at(h.id))).toEqual(['é/ß']);
      expect([...read.records.keys()].sort()).toEqual(live);
      expect(read.records.get('r5')).toBe(state.records.get('r5'));
      read.close();
    };
    await check();

    // A few changes are taken in without the map of keys or reading every key (a log after a snapshot).
    const changes: LogEntry[] = [
      { add: state.nextId, key: 'a/', print: 'a/ again', record: analyzeRecord([{ text: 'fresh', weight: 1 }]) },
      { remove: state.records.get('last')! },
      { add: state.nextId + 1, key: 'brand new', print: 'new', record: analyzeRecord([{ text: 'novel', weight: 1 }]) },
    ];
    const expected = new Map([...state.records, ['a/', state.nextId], ['brand new', state.nextId + 1]]);
    expected.delete('last');
    const changed = await readSnapshot(snapshot);
    for (const entry of changes) changed.apply(entry);
    const now = ['a/', 'brand new', 'last', '/', 'a/b'];
    expect(now.map((key) => changed.printOf(key))).toEqual(['a/ again', 'new', undefined, state.printOf('/'), state.printOf('a/b')]);
    expect(changed.index.search(parseQuery('novel'), 5).map((h) => changed.keys.at(h.id))).toEqual(['brand new']);
    expect(changed.index.search(parseQuery('word2'), 5)).toEqual([]); // 'a/' stands for its new record only
    expect([...changed.records.entries()].sort()).toEqual([...expected.entries()].sort());
    changed.close();

    // A snapshot written before it kept where each key starts is read whole, and answers the same.
    const bytes = await readFile(snapshot);
    const headLength = bytes.readUInt32LE(8);
    const head = JSON.parse(bytes.toString('utf8', 12, 12 + headLength)) as { where: Record<string, unknown> };
    delete head.where.keyStarts;
    delete head.where.printStarts;
    const older = Buffer.from(JSON.stringify(head).padEnd(headLength, ' '));
    expect(older.length).toBe(headLength);
    older.copy(bytes, 12);
    await writeFile(snapshot, bytes);
    await check();
  });

  it("reads a snapshot's postings from its file a term at a time, and answers as when it is read whole", async () => {
    const dir = await tempDir();
    const files = new IndexFiles(dir, 'test', false);
    const state = await files.load();
    const words = ['tide', 'harbour', 'apple', 'kettle', 'river', 'meadow', 'lantern', 'winter'];
    for (let i = 0; i < 300; i++) {
      const body = Array.from({ length: 40 }, (_, k) => words[(i * 7 + k * k) % words.length]).join(' ');
      const entry = { add: state.nextId, key: `r${i}`, print: '', record: analyzeRecord([{ text: body, weight: 1 }]) };
      state.apply(entry);
      files.append(entry);
    }
    await files.compact();
    await files.close();
    const snapshot = join(
      dir,
      (await readdir(dir)).find((n) => n.endsWith('.snap'))!,
    );
    const whole = await readSnapshot(snapshot, true);
    const budget = SearchIndex.readBudget;
    SearchIndex.readBudget = 2000; // a few terms' worth: most are read again, not kept
    try {
      const lazy = await readSnapshot(snapshot);
      const queries = [...words, 'tide harbour', '"apple kettle"', '"river meadow lantern"', 'winter -tide', 'kettl'];
      for (let round = 0; round < 2; round++)
        for (const q of queries) {
          const query = parseQuery(q, { typing: q === 'kettl' });
          expect(lazy.index.search(query, 50), q).toEqual(whole.index.search(query, 50));
          expect(lazy.index.frequency(q), q).toBe(whole.index.frequency(q));
        }
      // a record's positions, read one record at a time for a few, then the term's all at once
      for (const term of ['meadow', 'river'])
        for (let id = 0; id < 300; id += 3)
          expect([...lazy.index.positionsOf(id, term)], `${term} ${id}`).toEqual([...whole.index.positionsOf(id, term)]);
      // a term added to (without reading it from the file first) keeps both what the file holds and what came
      lazy.apply({ add: lazy.nextId, key: 'new', print: '', record: analyzeRecord([{ text: 'tide pool', weight: 1 }]) });
      expect(lazy.index.frequency('tide')).toBe(whole.index.frequency('tide') + 1);
      expect(lazy.index.search(parseQuery('tide'), 400)).toHaveLength(whole.index.search(parseQuery('tide'), 400).length + 1);
      expect(lazy.index.search(parseQuery('tide pool'), 5).map((h) => lazy.keys.at(h.id))).toEqual(['new']);
      lazy.close();
      expect(() => lazy.index.search(parseQuery('lantern'), 5)).toThrow();
    } finally {
      SearchIndex.readBudget = budget;
    }
  });

  it('finds highlights another session changed while it was closed, in a reader that reads highlights only as needed', async () => {
    const dir = await tempDir();
    const lib = await libraryWithTwo(dir);
    const harbour = await idOf(lib, 'Harbour notes');
    const h = await lib.highlights.create({ documentId: harbour, start: 0, end: 7, color: 'blue', note: 'about pilchards' });
    expect((await lib.search.search('pilchards')).marks).toHaveLength(1);
    await lib.close();

    // another session (the app) changes the note; this one was not there to see it
    const app = await Library.open(dir, { holder: 'browser mode' });
    await app.highlights.update({ documentId: harbour, id: h.id, note: 'about sprats' });
    await app.close();

    const reader = await Library.open(dir, { holder: 'command line', readOnly: true, lazyAnnotations: true });
    expect((await reader.search.search('sprats')).marks.map((m) => m.highlightId)).toEqual([h.id]);
    expect((await reader.search.search('pilchards')).marks).toEqual([]);
    await reader.close();
  });
  it('shows no highlight of a document the library no longer names, also to a reader that cannot write the index', async () => {
    const dir = await tempDir();
    const { harbour } = await libraryWithPilchards(dir);
    // A full look with the folder settled keeps its stamp: the next looks read no document's highlights.
    const past = new Date(Date.now() - 10_000);
    await utimes(join(dir, 'annotations'), past, past);
    const app = await Library.open(dir, { holder: 'browser mode' });
    expect((await app.search.search('pilchards')).marks).toHaveLength(1);
    await app.close();
    // library.json put back as it was before the document came (a backup): its highlights' file stays.
    const catalog = JSON.parse(await readFile(join(dir, 'library.json'), 'utf8')) as { documents: { id: string }[] };
    catalog.documents = catalog.documents.filter((d) => d.id !== harbour);
    await writeFile(join(dir, 'library.json'), JSON.stringify(catalog));
    const reader = await Library.open(dir, { holder: 'command line', readOnly: true, lazyAnnotations: true });
    expect((await reader.search.search('pilchards')).marks).toEqual([]);
    await reader.close();
    const writer = await Library.open(dir, { holder: 'command line' });
    expect((await writer.search.search('pilchards')).marks).toEqual([]);
    await writer.close();
  });

  it("a writer that could not stamp the highlights' folder (it had just changed) makes the look it owes once it is quiet, or at close", async () => {
    const dir = await tempDir();
    const { harbour, h } = await libraryWithPilchards(dir);
    const file = join(dir, 'annotations', `${harbour}.json`);
    const settle = async () => {
      const past = new Date(Date.now() - 10_000);
      await utimes(join(dir, 'annotations'), past, past);
    };
    // A reader sees a note changed in place (the folder unchanged) only if it looks at every document's file.
    const readerSees = async (words: string) => {
      const reader = await Library.open(dir, { holder: 'command line', readOnly: true, lazyAnnotations: true });
      try {
        return (await reader.search.search(words)).marks.map((m) => m.highlightId);
      } finally {
        await reader.close();
      }
    };
    const inPlace = async (from: string, to: string) => writeFile(file, (await readFile(file, 'utf8')).replace(from, to));

    // The index is made from nothing while the folder has just changed: it cannot be stamped then.
    await rm(join(dir, 'search'), { recursive: true, force: true });
    await utimes(join(dir, 'annotations'), new Date(), new Date());
    const writer = await Library.open(dir, { holder: 'browser mode', indexInBackground: true });
    writer.search.start(() => undefined);
    await writer.search.settle();
    expect((await writer.search.search('pilchards')).marks.map((m) => m.highlightId)).toEqual([h.id]);
    // Quiet by the time it closes: the look it owes is made then, and stamps the folder.
    await settle();
    await writer.close();
    await inPlace('pilchards', 'sprats');
    expect(await readerSees('sprats')).toEqual([]);

    // A change the writer makes itself leaves the folder's stamp behind: the look it owes comes once
    // the folder has been quiet a while, and a reader sees its stamp while the writer still runs.
    const app = await Library.open(dir, { holder: 'browser mode', indexInBackground: true });
    app.search.start(() => undefined);
    await app.search.settle();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await app.highlights.update({ documentId: harbour, id: h.id, note: 'about herring' });
      await app.search.settle();
      await settle();
      await inPlace('herring', 'mackerel');
      expect(await readerSees('mackerel')).toEqual([h.id]); // not stamped yet: every file is looked at
      await inPlace('mackerel', 'herring');
      vi.advanceTimersByTime(3000);
    } finally {
      vi.useRealTimers();
    }
    await app.search.settle();
    await inPlace('herring', 'mackerel');
    expect(await readerSees('mackerel')).toEqual([]);
    expect(await readerSees('herring')).toEqual([h.id]);
    await app.close();
    // Changes made by the writer are seen after it closes too.
    const later = await Library.open(dir, { holder: 'browser mode' });
    await later.highlights.update({ documentId: harbour, id: h.id, note: 'about sprats and eels' });
    await later.close();
    expect(await readerSees('eels')).toEqual([h.id]);
  });

  it("looks at no document's highlights while their folder is as the last full look left it", async () => {
    const dir = await tempDir();
    const lib = await libraryWithTwo(dir);
    const harbour = await idOf(lib, 'Harbour notes');
    const h = await lib.highlights.create({ documentId: harbour, start: 0, end: 7, color: 'blue', note: 'about pilchards' });
    await lib.close();
    const file = join(dir, 'annotations', `${harbour}.json`);
    // Written in place, not replaced as Gloss writes: the file changes, its folder does not.
    const inPlace = async (from: string, to: string) => writeFile(file, (await readFile(file, 'utf8')).replace(from, to));
    const notesFound = async (words: string) => {
      const reader = await Library.open(dir, { holder: 'command line' });
      try {
        return (await reader.search.search(words)).marks.map((m) => m.highlightId);
      } finally {
        await reader.close();
      }
    };

    // The folder changed a moment ago: every document's file is looked at, and the change is seen.
    await inPlace('pilchards', 'sprats');
    expect(await notesFound('sprats')).toEqual([h.id]);
    // Settled (its time set back), the folder's stamp is kept by the next full look...
    const past = new Date(Date.now() - 10_000);
    await utimes(join(dir, 'annotations'), past, past);
    expect(await notesFound('sprats')).toEqual([h.id]);
    // ...and while the folder stays so, no document's file is looked at: not even one changed in place.
    await inPlace('sprats', 'herring');
    expect(await notesFound('herring')).toEqual([]);
    // A change made as Gloss makes them (a file renamed into place) changes the folder: seen.
    const app = await Library.open(dir, { holder: 'browser mode' });
    await app.highlights.update({ documentId: harbour, id: h.id, note: 'about mackerel' });
    await app.close();
    expect(await notesFound('mackerel')).toEqual([h.id]);
  });
});
