// Data versions: a Gloss 0.1 folder (committed fixture) is migrated intact; a folder from a newer Gloss
// opens read-only and is left byte for byte as it was; fields and values this build does not know
// are kept on write.
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Library } from '../../src-main/core/library';
import type { DocumentSummary, Highlight, TagCount } from '../../src-main/core/model';
import { SCHEMA_VERSION } from '../../src-main/core/store/files';
import { REPO_DIR, tempDir } from './helpers/temp';

const FIXTURE_01 = join(REPO_DIR, 'tests/fixtures/data-0.1');
const FIXTURE_02 = join(REPO_DIR, 'tests/fixtures/data-0.2');
const FIXTURE_03 = join(REPO_DIR, 'tests/fixtures/data-0.3');
const FIXTURE_04 = join(REPO_DIR, 'tests/fixtures/data-0.4');

async function copyOf(fixture: string): Promise<string> {
  const dir = join(await tempDir(), 'data');
  await cp(fixture, dir, { recursive: true });
  return dir;
}

/** Every file under a folder with its bytes, to prove nothing was touched. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    out[relative(dir, full)] = await readFile(full, 'base64');
  }
  return out;
}

const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8'));

describe('a data folder written by Gloss 0.1', () => {
  it('opens with every document, highlight, note and tag intact, upgraded to the current version after a backup', async () => {
    const dir = await copyOf(FIXTURE_01);
    const before = await snapshot(dir);
    const lib = await Library.open(dir, { holder: 'command line' });
    expect(lib.readOnlyReason).toBeNull();
    expect(lib.warnings).toEqual([
      expect.stringMatching(new RegExp(`upgraded from data version 1 to ${SCHEMA_VERSION}.*backups/before-data-version-${SCHEMA_VERSION}-`)),
    ]);

    const docs = await lib.documents.list();
    expect(docs.map((d) => [d.title, d.format, d.tags, d.highlights]).sort()).toEqual(
      [
        ['A document without highlights.', 'text', [], 0],
        ['Field notes from the coast', 'text', ['Fieldwork', 'coast'], 2],
        ['Winter reading list', 'markdown', ['books'], 1],
      ].sort(),
    );
    const field = docs.find((d) => d.title === 'Field notes from the coast')!;
    const highlights = await lib.highlights.list(field.id);
    expect(highlights.map((h) => [h.quote.exact, h.color, h.note, h.tags])).toEqual([
      ['The tide came in faster than the charts said.', 'green', 'Check the **chart** date.', ['method', '2024']],
      ['the gulls went quiet', 'purple', '', []],
    ]);
    const content = await lib.documents.get(field.id);
    expect(content.text.slice(highlights[0].position.start, highlights[0].position.end)).toBe(highlights[0].quote.exact);
    expect(content.notice).toBeUndefined();
    const list = docs.find((d) => d.format === 'markdown')!;
    expect((await lib.highlights.list(list.id))[0]).toMatchObject({ note: 'Quote for the essay', tags: ['quotes'], color: 'blue' });
    expect((await lib.tags.list()).map((t) => t.name)).toEqual(['2024', 'books', 'coast', 'Fieldwork', 'method', 'quotes']);

    // it can be changed like any library
    await lib.highlights.create({ documentId: list.id, start: 0, end: 6, color: 'yellow' });
    await lib.close();

    // every stored file now carries the current version; the .bak files hold the same latest write
    expect((await readJson(join(dir, 'library.json'))).schema).toBe(SCHEMA_VERSION);
    expect(await readFile(join(dir, 'library.json.bak'), 'utf8')).toBe(await readFile(join(dir, 'library.json'), 'utf8'));
    for (const id of await readdir(join(dir, 'documents'))) {
      expect((await readJson(join(dir, 'documents', id, 'content.json'))).schema).toBe(SCHEMA_VERSION);
    }
    for (const name of (await readdir(join(dir, 'annotations'))).filter((n) => n.endsWith('.json'))) {
      expect((await readJson(join(dir, 'annotations', name))).schema).toBe(SCHEMA_VERSION);
    }
    // the migration's backup holds the 0.1 files exactly
    const [backup] = await readdir(join(dir, 'backups'));
    const saved = await snapshot(join(dir, 'backups', backup));
    expect(Object.keys(saved).length).toBeGreaterThanOrEqual(6);
    for (const [path, bytes] of Object.entries(saved)) expect(bytes, path).toBe(before[path]);

    // opening again migrates nothing and warns about nothing
    const again = await Library.open(dir, { holder: 'command line' });
    expect(again.warnings).toEqual([]);
    expect(await again.documents.list()).toHaveLength(3);
    await again.close();
  });

  it('can be read by a read-only process without being changed', async () => {
    const dir = await copyOf(FIXTURE_01);
    const before = await snapshot(dir);
    const lib = await Library.open(dir, { holder: 'command line', readOnly: true });
    expect((await lib.documents.list()).map((d) => d.highlights).sort()).toEqual([0, 1, 2]);
    await lib.close();
    expect(await snapshot(dir)).toEqual(before);
  });
});

describe('a data folder written by Gloss 0.2 (data version 2)', () => {
  it('is upgraded: documents keep their folders, text formats are recorded as UTF-8, nothing else moves', async () => {
    const dir = await copyOf(FIXTURE_02);
    const before = await snapshot(dir);
    const lib = await Library.open(dir, { holder: 'command line' });
    expect(lib.warnings).toEqual([expect.stringMatching(new RegExp(`upgraded from data version 2 to ${SCHEMA_VERSION}`))]);
    const docs = await lib.documents.list();
    expect(docs.map((d) => [d.title, d.format, d.encoding, d.tags, d.highlights]).sort()).toEqual(
      [
        ['Field notes from the coast', 'text', 'utf-8', ['Fieldwork'], 1],
        ['Winter reading list', 'markdown', 'utf-8', [], 1],
      ].sort(),
    );
    const field = docs.find((d) => d.format === 'text')!;
    const content = await lib.documents.get(field.id);
    const [highlight] = await lib.highlights.list(field.id);
    expect(content.text.slice(highlight!.position.start, highlight!.position.end)).toBe('The tide came in faster than the charts said.');
    expect(content.readingPosition).toBe(highlight!.position.start);
    // the original, as 0.2 stored it, is still there to decode again
    expect(new TextDecoder().decode(await lib.documents.original(field.id))).toMatch(/^Field notes from the coast\n/);
    await lib.close();
    const library = await readJson(join(dir, 'library.json'));
    expect(library.schema).toBe(SCHEMA_VERSION);
    expect(library.documents.map((d: { encoding?: string }) => d.encoding)).toEqual(['utf-8', 'utf-8']);
    // only what changed was rewritten, and its version-2 bytes are in the backup
    const [backup] = await readdir(join(dir, 'backups'));
    const saved = await snapshot(join(dir, 'backups', backup!));
    for (const [path, bytes] of Object.entries(saved)) expect(bytes, path).toBe(before[path]);
    expect(Object.keys(saved)).toContain('library.json');
    for (const id of await readdir(join(dir, 'documents'))) expect(await readdir(join(dir, 'documents', id))).toHaveLength(2);
  });

  it('moves a document into a pack when it is decoded again, and its folder goes at the next open', async () => {
    const dir = await copyOf(FIXTURE_02);
    const lib = await Library.open(dir, { holder: 'command line' });
    const field = (await lib.documents.list()).find((d) => d.format === 'text')!;
    const reopened = await lib.documents.reopen(field.id, 'windows-1252');
    expect(reopened.document.encoding).toBe('windows-1252');
    expect(reopened.text).toMatch(/^Field notes from the coast/);
    expect((await lib.highlights.list(field.id))[0]!.orphaned).toBeUndefined();
    await lib.close();
    const again = await Library.open(dir, { holder: 'command line' });
    expect((await again.documents.get(field.id)).document.encoding).toBe('windows-1252');
    await again.close();
    expect(await readdir(join(dir, 'documents'))).toHaveLength(1);
    expect(await readdir(join(dir, 'packs'))).toHaveLength(1);
  });
});

describe('a data folder written by Gloss with data version 3 (bodies in packs, reading models as one JSON object)', () => {
  it('is upgraded without rewriting a pack: every document reads as it did, with its highlight, note and image', async () => {
    const dir = await copyOf(FIXTURE_03);
    const before = await snapshot(dir);
    const expected = await readJson(join(REPO_DIR, 'tests/fixtures/data-0.3-expected.json'));
    const lib = await Library.open(dir, { holder: 'command line' });
    expect(lib.warnings).toEqual([expect.stringMatching(new RegExp(`upgraded from data version 3 to ${SCHEMA_VERSION}`))]);
    const docs = await lib.documents.list();
    expect(docs.map((d) => d.title).sort()).toEqual(
      Object.values(expected)
        .map((e) => (e as { title: string }).title)
        .sort(),
    );
    for (const doc of docs) {
      const { text, blocks, toc, sections, pages } = await lib.documents.get(doc.id);
      expect({ title: doc.title, format: doc.format, text, blocks, toc, sections, pages }).toEqual(expected[doc.id]);
      const [highlight] = await lib.highlights.list(doc.id);
      expect(highlight!.note).toBe(`Note on ${doc.title}`);
      expect(highlight!.orphaned).toBeUndefined();
      expect(text.slice(highlight!.position.start, highlight!.position.end)).toBe(highlight!.quote.exact);
    }
    const page = docs.find((d) => d.format === 'html')!;
    const image = (await lib.documents.get(page.id)).blocks.find((b) => b.kind === 'image')!;
    expect((await lib.documents.asset(page.id, image.src!))?.type).toBe('image/png');
    // a document imported now is stored the new way, and reads back the same as one parsed afresh
    const fresh = await lib.documents.importBytes([
      { name: 'new.txt', source: '/tmp/new.txt', bytes: new TextEncoder().encode('A new note\n\nWritten after the upgrade.\n') },
    ]);
    expect((await lib.documents.get(fresh.imported[0]!.id)).blocks.map((b) => b.text)).toEqual(['A new note', 'Written after the upgrade.']);
    await lib.close();
    const after = await snapshot(dir);
    for (const [path, bytes] of Object.entries(before)) if (path.startsWith('packs/')) expect(after[path], path).toBe(bytes);
  });
});

interface Expected04 {
  documents: Record<string, { summary: DocumentSummary; text: string; readingPosition: number | null; highlights: Highlight[] }>;
  tags: TagCount[];
}

describe('a data folder written by Gloss with data version 4 (before the Trash and document notes)', () => {
  it('is upgraded with every document, highlight, note, tag and reading position intact, and nothing in the Trash', async () => {
    const dir = await copyOf(FIXTURE_04);
    const before = await snapshot(dir);
    const expected = (await readJson(join(REPO_DIR, 'tests/fixtures/data-0.4-expected.json'))) as Expected04;
    expect(Object.keys(expected.documents)).toHaveLength(6);
    const lib = await Library.open(dir, { holder: 'command line' });
    expect(lib.readOnlyReason).toBeNull();
    expect(lib.warnings).toEqual([expect.stringMatching(new RegExp(`upgraded from data version 4 to ${SCHEMA_VERSION}`))]);

    const docs = await lib.documents.list();
    expect(Object.fromEntries(docs.map((d) => [d.id, d]))).toEqual(
      Object.fromEntries(Object.entries(expected.documents).map(([id, e]) => [id, e.summary])),
    );
    for (const doc of docs) {
      const want = expected.documents[doc.id]!;
      const content = await lib.documents.get(doc.id);
      expect(content.text).toBe(want.text);
      expect(content.readingPosition ?? null).toBe(want.readingPosition);
      expect(content.note).toBe('');
      expect(await lib.highlights.list(doc.id)).toEqual(want.highlights);
      for (const h of want.highlights) expect(content.text.slice(h.position.start, h.position.end)).toBe(h.quote.exact);
    }
    // the fixture has what this test is about: Markdown notes, highlight and document tags, a rename
    const all = Object.values(expected.documents).flatMap((e) => e.highlights);
    expect(all).toHaveLength(10);
    expect(all.filter((h) => h.note.includes('- with a list'))).toHaveLength(5);
    expect(docs.find((d) => d.title === 'The Harbour Log (renamed)')?.tags).toEqual(['Fieldwork', 'coast']);
    expect(await lib.tags.list()).toEqual(expected.tags);
    expect(await lib.trash.list()).toEqual([]);
    await lib.close();

    // every stored file now says the current version, and its version-4 bytes are in the backup
    const library = await readJson(join(dir, 'library.json'));
    expect(library.schema).toBe(SCHEMA_VERSION);
    expect(library.documents.every((d: { trashedAt?: string }) => d.trashedAt === undefined)).toBe(true);
    for (const name of (await readdir(join(dir, 'annotations'))).filter((n) => n.endsWith('.json'))) {
      expect((await readJson(join(dir, 'annotations', name))).schema).toBe(SCHEMA_VERSION);
    }
    const [backup] = await readdir(join(dir, 'backups'));
    const saved = await snapshot(join(dir, 'backups', backup!));
    expect(Object.keys(saved)).toContain('library.json');
    for (const [path, bytes] of Object.entries(saved)) expect(bytes, path).toBe(before[path]);
    // packs are never rewritten by an upgrade
    const after = await snapshot(dir);
    for (const [path, bytes] of Object.entries(before)) if (path.startsWith('packs/')) expect(after[path], path).toBe(bytes);
  });

  it('is found by the new search, its old search cache (MiniSearch, search-index.json) removed, nothing stored changed for it', async () => {
    const dir = await copyOf(FIXTURE_04);
    await writeFile(join(dir, 'search-index.json'), '{"version":1,"fingerprints":{},"index":{}}');
    const expected = (await readJson(join(REPO_DIR, 'tests/fixtures/data-0.4-expected.json'))) as Expected04;
    const lib = await Library.open(dir, { holder: 'command line' });
    // every document by a word of its own text, and every noted highlight by its note
    for (const [id, want] of Object.entries(expected.documents)) {
      const word = want.text.match(/\p{L}{7,}/u)?.[0];
      if (!word) continue;
      expect(
        (await lib.search.search(word)).documents.map((d) => d.id),
        word,
      ).toContain(id);
    }
    const noted = Object.values(expected.documents).flatMap((e) => e.highlights.filter((h) => h.note.includes('- with a list')));
    const found = (await lib.search.search('"with a list"')).marks.map((m) => m.highlightId).sort();
    expect(found).toEqual(noted.map((h) => h.id).sort());
    await lib.close();
    expect((await readdir(dir)).includes('search-index.json')).toBe(false);
  });

  it('once upgraded, marks a deleted document in library.json with a version a data-version-4 Gloss takes for newer (so it opens read-only)', async () => {
    const dir = await copyOf(FIXTURE_04);
    const lib = await Library.open(dir, { holder: 'command line' });
    const [doc] = await lib.documents.list();
    await lib.documents.delete(doc!.id);
    await lib.documents.setNote((await lib.documents.list())[0]!.id, 'A note of my own');
    await lib.close();
    // what a data-version-4 Gloss checks: the version says newer than it knows
    const library = await readJson(join(dir, 'library.json'));
    expect(library.schema).toBeGreaterThan(4);
    expect(library.documents.find((d: { id: string }) => d.id === doc!.id).trashedAt).toEqual(expect.any(String));
  });
});

/** A folder as a future Gloss might write it: a higher version, new fields, a new format. */
async function futureFolder(): Promise<string> {
  const dir = await copyOf(FIXTURE_01);
  const lib = await Library.open(dir, { holder: 'command line' });
  await lib.close();
  const library = await readJson(join(dir, 'library.json'));
  library.schema = SCHEMA_VERSION + 1;
  library.collections = [{ name: 'Winter', ids: [library.documents[0].id] }];
  library.documents[0].series = { name: 'Coast', part: 2 };
  library.documents.push({ ...library.documents[2], id: 'future-doc-0001', format: 'audiobook', title: 'A future kind of document' });
  await writeFile(join(dir, 'library.json'), JSON.stringify(library));
  await writeFile(join(dir, 'library.json.bak'), JSON.stringify(library));
  return dir;
}

describe('a data folder written by a newer Gloss', () => {
  it('opens read-only with a clear message, shows what it can, and changes nothing', async () => {
    const dir = await futureFolder();
    const before = await snapshot(dir);
    const lib = await Library.open(dir, { holder: 'desktop app' });
    expect(lib.readOnlyReason).toMatch(/written by a newer Gloss.*read-only.*update Gloss to edit it/);
    expect(lib.warnings[0]).toBe(lib.readOnlyReason);
    expect((await lib.documents.list()).map((d) => d.title).sort()).toEqual([
      'A document without highlights.',
      'Field notes from the coast',
      'Winter reading list',
    ]);
    const [doc] = await lib.documents.list();
    await expect(lib.documents.rename(doc.id, 'New name')).rejects.toMatchObject({ code: 'read_only' });
    await expect(lib.highlights.create({ documentId: doc.id, start: 0, end: 3, color: 'pink' })).rejects.toMatchObject({ code: 'read_only' });
    await expect(lib.documents.setReadingPosition(doc.id, 5)).rejects.toMatchObject({ code: 'read_only' });
    // exporting only reads: the user can still take their notes out
    const exported = await lib.exports.run('markdown', join(await tempDir(), 'notes'));
    expect(exported.files).toHaveLength(3);
    await lib.close();
    expect(await snapshot(dir)).toEqual(before);
    // no lock was taken, so nothing was even created
    expect(Object.keys(await snapshot(dir))).not.toContain('gloss.lock');
  });
});

describe('what this build does not know', () => {
  it('is kept on write: unknown fields, and a document of an unknown format, never an empty library', async () => {
    const dir = await copyOf(FIXTURE_01);
    await (await Library.open(dir, { holder: 'command line' })).close();
    const library = await readJson(join(dir, 'library.json'));
    library.collections = [{ name: 'Winter' }];
    library.documents[0].series = { name: 'Coast', part: 2 };
    const stranger = { ...library.documents[2], id: 'stranger-doc-01', format: 'audiobook', title: 'A future kind of document' };
    library.documents.push(stranger);
    await writeFile(join(dir, 'library.json'), JSON.stringify(library));
    await cp(join(dir, 'documents', library.documents[2].id), join(dir, 'documents', stranger.id), { recursive: true });
    const annotationsFile = join(
      dir,
      'annotations',
      `${library.documents.find((d: { title: string }) => d.title === 'Field notes from the coast').id}.json`,
    );
    const annotations = await readJson(annotationsFile);
    annotations.highlights[0].ink = 'fountain pen';
    annotations.highlights.push({ ...annotations.highlights[1], id: 'future-highlight-1', color: 'ultraviolet' });
    annotations.layers = ['a', 'b'];
    await writeFile(annotationsFile, JSON.stringify(annotations));

    const lib = await Library.open(dir, { holder: 'command line' });
    expect(lib.readOnlyReason).toBeNull();
    const docs = await lib.documents.list();
    expect(docs).toHaveLength(3);
    const field = docs.find((d) => d.title === 'Field notes from the coast')!;
    expect(await lib.highlights.list(field.id)).toHaveLength(2);
    // changes are written with everything unknown still there
    await lib.documents.rename(library.documents[0].id, 'Renamed');
    const [first] = await lib.highlights.list(field.id);
    await lib.highlights.update({ documentId: field.id, id: first.id, note: 'changed' });
    await lib.close();

    const written = await readJson(join(dir, 'library.json'));
    expect(written.collections).toEqual([{ name: 'Winter' }]);
    expect(written.documents.find((d: { id: string }) => d.id === library.documents[0].id)).toMatchObject({
      title: 'Renamed',
      series: { name: 'Coast', part: 2 },
    });
    expect(written.documents.find((d: { id: string }) => d.id === 'stranger-doc-01')).toEqual(stranger);
    const writtenAnnotations = await readJson(annotationsFile);
    expect(writtenAnnotations.layers).toEqual(['a', 'b']);
    expect(writtenAnnotations.highlights.find((h: { id: string }) => h.id === first.id)).toMatchObject({ note: 'changed', ink: 'fountain pen' });
    expect(writtenAnnotations.highlights.find((h: { id: string }) => h.id === 'future-highlight-1')).toMatchObject({ color: 'ultraviolet' });
    // the stranger's folder is not taken for a stray
    expect(await readdir(join(dir, 'documents'))).toContain(stranger.id);
  });
});
