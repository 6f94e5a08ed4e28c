// The Trash, on a real library in a temp folder: a deleted document leaves every list, search, tag
// count and export but keeps everything; restoring brings it all back with the same id; emptying
// erases its body and annotation file for good. Deleting is one write of library.json.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Library } from '../../src-main/core/library';
import { tempDir } from './helpers/temp';

const encode = (text: string) => new TextEncoder().encode(text);

const HARBOUR = 'Harbour notes\n\nThe tide came in faster than the charts said; the zanzibarish trawlers stayed in port.\n';
const ORCHARD = 'Orchards of Kent\n\nThe apple harvest was early this year, and the cider presses ran all night.\n';

/** A library with two documents; the harbour one has document tags, a tagged highlight with a note, and a note. */
async function library(dir?: string) {
  const data = dir ?? (await tempDir());
  const lib = await Library.open(data, { holder: 'command line' });
  const report = await lib.documents.importBytes([
    { name: 'harbour.txt', source: '/harbour.txt', bytes: encode(HARBOUR) },
    { name: 'orchard.txt', source: '/orchard.txt', bytes: encode(ORCHARD) },
  ]);
  const [harbour, orchard] = report.imported.map((r) => r.id) as [string, string];
  await lib.documents.setTags(harbour, ['Coast']);
  const { text } = await lib.documents.get(harbour);
  const highlight = await lib.highlights.create({
    documentId: harbour,
    start: text.indexOf('tide'),
    end: text.indexOf('tide') + 4,
    color: 'green',
    note: 'quixotical remark',
    tags: ['sea'],
  });
  await lib.documents.setNote(harbour, 'Why I keep this');
  return { dir: data, lib, harbour, orchard, highlight };
}

/** Everything a user can see of the library. */
async function seen(lib: Library, exportDir: string) {
  const exported = await lib.exports.run('markdown', exportDir);
  return {
    list: (await lib.documents.list()).map((d) => d.id).sort(),
    byText: (await lib.documents.list({ query: 'zanzibarish' })).map((d) => d.id),
    byNote: (await lib.search.search('quixotical')).marks.map((m) => m.documentId),
    byTag: (await lib.documents.list({ tag: 'coast' })).map((d) => d.id),
    tags: (await lib.tags.list()).map((t) => `${t.name}:${t.documents}/${t.highlights}`),
    exported: exported.files.map((f) => f.documentId).sort(),
  };
}

describe('the Trash', () => {
  it('takes a deleted document out of every list, search, tag count and export, and restore brings it all back', async () => {
    const { lib, harbour, orchard, highlight } = await library();
    const summary = (await lib.documents.list()).find((d) => d.id === harbour)!;
    const before = await seen(lib, join(await tempDir(), 'before'));
    expect(before).toEqual({
      list: [harbour, orchard].sort(),
      byText: [harbour],
      byNote: [harbour],
      byTag: [harbour],
      tags: ['Coast:1/0', 'sea:0/1'],
      exported: [harbour, orchard].sort(),
    });

    await lib.documents.delete(harbour);
    expect(await seen(lib, join(await tempDir(), 'deleted'))).toEqual({
      list: [orchard],
      byText: [],
      byNote: [],
      byTag: [],
      tags: [],
      exported: [orchard],
    });
    const [trashed] = await lib.trash.list();
    expect(trashed).toEqual({ ...summary, trashedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    // a document in the Trash cannot be opened, changed or exported by id
    await expect(lib.documents.get(harbour)).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/in the Trash/) });
    await expect(lib.highlights.list(harbour)).rejects.toThrow(/in the Trash/);
    await expect(lib.highlights.create({ documentId: harbour, start: 0, end: 4, color: 'pink' })).rejects.toThrow(/in the Trash/);
    await expect(lib.documents.rename(harbour, 'x')).rejects.toThrow(/in the Trash/);
    await expect(lib.documents.setNote(harbour, 'x')).rejects.toThrow(/in the Trash/);
    await expect(lib.documents.delete(harbour)).rejects.toThrow(/in the Trash/);
    await expect(lib.exports.run('markdown', join(await tempDir(), 'x'), [harbour])).rejects.toThrow(/in the Trash/);
    await expect(lib.trash.restore(orchard)).rejects.toThrow(/is not in the Trash/);

    expect(await lib.trash.restore(harbour)).toEqual(summary);
    expect(await lib.trash.list()).toEqual([]);
    expect(await seen(lib, join(await tempDir(), 'after'))).toEqual(before);
    expect(await lib.highlights.list(harbour)).toEqual([highlight]);
    expect((await lib.documents.get(harbour)).note).toBe('Why I keep this');
    await lib.close();
  });

  it('is kept in library.json: the Trash is still there after reopening, and deleting wrote nothing else', async () => {
    const { dir, lib, harbour, highlight } = await library();
    const annotations = await readFile(join(dir, 'annotations', `${harbour}.json`), 'utf8');
    const packs = await readdir(join(dir, 'packs'));
    const pack = await readFile(join(dir, 'packs', packs[0]!));
    await lib.documents.delete(harbour);
    await lib.close();
    expect(await readFile(join(dir, 'annotations', `${harbour}.json`), 'utf8')).toBe(annotations);
    expect((await readFile(join(dir, 'packs', packs[0]!))).equals(pack)).toBe(true);
    const stored = JSON.parse(await readFile(join(dir, 'library.json'), 'utf8'));
    expect(stored.documents.find((d: { id: string }) => d.id === harbour).trashedAt).toEqual(expect.any(String));

    const again = await Library.open(dir, { holder: 'command line' });
    expect((await again.trash.list()).map((d) => d.id)).toEqual([harbour]);
    expect((await again.documents.list()).map((d) => d.id)).not.toContain(harbour);
    // the open's clean-up left its body and highlights alone
    await again.trash.restore(harbour);
    expect(await again.highlights.list(harbour)).toEqual([highlight]);
    expect((await again.documents.get(harbour)).text).toContain('the zanzibarish trawlers stayed in port.');
    await again.close();
  });

  it('lists the most recently deleted first', async () => {
    const { lib, harbour, orchard } = await library();
    await lib.documents.delete(orchard);
    // trashedAt has millisecond resolution: wait for the clock to move on, polling rather than sleeping
    const first = (await lib.trash.list())[0]!.trashedAt!;
    while (new Date().toISOString() === first) await new Promise((resolve) => setImmediate(resolve));
    await lib.documents.delete(harbour);
    expect((await lib.trash.list()).map((d) => d.id)).toEqual([harbour, orchard]);
    await lib.close();
  });

  it('erases what it empties: the body from its pack, the annotation file, the entry; the rest stays', async () => {
    const { dir, lib, harbour, orchard } = await library();
    await lib.documents.delete(harbour);
    await lib.documents.delete(orchard);
    const [pack] = await readdir(join(dir, 'packs'));
    expect((await readFile(join(dir, 'packs', pack!))).includes('zanzibarish')).toBe(true);

    await expect(lib.trash.empty(['not-a-doc-123'])).rejects.toMatchObject({ code: 'not_found' });
    expect(await lib.trash.list()).toHaveLength(2);
    expect(await lib.trash.empty([harbour])).toEqual({ erased: 1 });
    expect((await lib.trash.list()).map((d) => d.id)).toEqual([orchard]);
    expect(await readdir(join(dir, 'annotations'))).toEqual([]);
    expect((await readFile(join(dir, 'packs', pack!))).includes('zanzibarish')).toBe(false);
    expect((await readFile(join(dir, 'packs', pack!))).includes('cider presses')).toBe(true);
    const stored = JSON.parse(await readFile(join(dir, 'library.json'), 'utf8'));
    expect(stored.documents.map((d: { id: string }) => d.id)).toEqual([orchard]);
    await expect(lib.trash.restore(harbour)).rejects.toThrow(/not in the Trash/);

    expect(await lib.trash.empty()).toEqual({ erased: 1 });
    expect(await lib.trash.empty()).toEqual({ erased: 0 });
    await lib.close();
    // a pack no document uses any more goes at the next open
    const again = await Library.open(dir, { holder: 'command line' });
    expect(await again.documents.list()).toEqual([]);
    await again.close();
    expect(await readdir(join(dir, 'packs'))).toEqual([]);
  });

  it('brings a document back when its file is imported again, with its highlights and note, instead of keeping two', async () => {
    const { lib, harbour, highlight } = await library();
    await lib.documents.delete(harbour);
    const report = await lib.documents.importBytes([
      { name: 'harbour-again.txt', source: '/elsewhere/harbour-again.txt', bytes: encode(HARBOUR) },
      { name: 'harbour-copy.txt', source: '/elsewhere/harbour-copy.txt', bytes: encode(HARBOUR) },
    ]);
    expect(report.imported).toEqual([{ id: harbour, title: 'Harbour notes', source: '/elsewhere/harbour-again.txt' }]);
    expect(report.duplicates).toEqual([{ source: '/elsewhere/harbour-copy.txt', existing: { id: harbour, title: 'Harbour notes' } }]);
    expect(await lib.trash.list()).toEqual([]);
    expect((await lib.documents.list()).filter((d) => d.id === harbour)).toHaveLength(1);
    expect(await lib.highlights.list(harbour)).toEqual([highlight]);
    expect((await lib.documents.get(harbour)).note).toBe('Why I keep this');
    await lib.close();
  });

  it('refuses every change on a read-only library', async () => {
    const { dir, lib, harbour } = await library();
    await lib.documents.delete(harbour);
    await lib.close();
    const reader = await Library.open(dir, { holder: 'command line', readOnly: true });
    expect((await reader.trash.list()).map((d) => d.id)).toEqual([harbour]);
    await expect(reader.trash.restore(harbour)).rejects.toMatchObject({ code: 'read_only' });
    await expect(reader.trash.empty()).rejects.toMatchObject({ code: 'read_only' });
    await reader.close();
  });
});
