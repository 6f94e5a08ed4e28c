// The store under the rare cases: a damaged library.json with the newest import in it, both copies
// unusable, a damaged content.json, and what killed writes leave behind.
import { appendFile, cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Library } from '../../src-main/core/library';
import { tempDir } from './helpers/temp';

const FIXTURE_0_1 = join(import.meta.dirname, '../fixtures/data-0.1');

const enc = (text: string) => new TextEncoder().encode(text);

async function libraryWithTwo() {
  const dir = join(await tempDir(), 'data');
  const lib = await Library.open(dir, { holder: 'command line' });
  const first = await lib.documents.importBytes([
    { name: 'first.txt', source: 'first.txt', bytes: enc('The first article\n\nIt speaks of rivers and of silt.\n') },
  ]);
  const second = await lib.documents.importBytes([
    { name: 'second.md', source: 'second.md', bytes: enc('# The second article\n\nIt speaks of *tides*.\n') },
  ]);
  const newest = second.imported[0].id;
  const h = await lib.highlights.create({ documentId: newest, start: 0, end: 3, color: 'pink', note: 'the newest note' });
  return { dir, lib, oldest: first.imported[0].id, newest, highlight: h.id };
}

describe('library.json damaged', () => {
  it('restores the newest import from the backup, which holds the latest write', async () => {
    const { dir, lib, newest, highlight } = await libraryWithTwo();
    await lib.close();
    await writeFile(join(dir, 'library.json'), '{"schema":2,"documents":[{"id":"tru');
    const again = await Library.open(dir, { holder: 'command line' });
    expect(again.warnings[0]).toMatch(/library\.json could not be read \(not valid JSON\).*backup, which holds the latest save, was restored/);
    expect((await again.documents.list()).map((d) => d.id)).toContain(newest);
    expect((await again.highlights.list(newest)).map((h) => h.id)).toEqual([highlight]);
    await again.close();
  });

  it('recovers every document from its folder when both copies are unusable, and says exactly what', async () => {
    const { dir, lib, oldest, newest } = await libraryWithTwo();
    await lib.documents.rename(oldest, 'A name only library.json knew');
    await lib.close();
    await writeFile(join(dir, 'library.json'), 'garbage');
    await writeFile(join(dir, 'library.json.bak'), '{"schema": 2}');
    const again = await Library.open(dir, { holder: 'command line' });
    const docs = await again.documents.list();
    expect(docs.map((d) => d.id).sort()).toEqual([oldest, newest].sort());
    expect(docs.find((d) => d.id === newest)).toMatchObject({ title: 'The second article', format: 'markdown', highlights: 1 });
    expect(docs.find((d) => d.id === oldest)).toMatchObject({ title: 'The first article', format: 'text' });
    expect((await again.highlights.list(newest))[0].note).toBe('the newest note');
    expect(again.warnings.join('\n')).toMatch(/library\.json could not be read/);
    expect(again.warnings.join('\n')).toMatch(
      /library\.json did not list 2 documents .*"The (first|second) article", "The (first|second) article".*document tags could not be recovered/,
    );
    // the damaged file was kept aside, and the recovered list is saved
    expect((await readdir(dir)).some((f) => f.startsWith('library.json.corrupt-'))).toBe(true);
    await again.close();
    const third = await Library.open(dir, { holder: 'command line' });
    expect(third.warnings).toEqual([]);
    expect(await third.documents.list()).toHaveLength(2);
    await third.close();
  });

  it('recovers documents when library.json and its backup were deleted', async () => {
    const { dir, lib, newest } = await libraryWithTwo();
    await lib.close();
    await rm(join(dir, 'library.json'));
    await rm(join(dir, 'library.json.bak'));
    const again = await Library.open(dir, { holder: 'command line' });
    expect((await again.documents.list()).map((d) => d.id)).toContain(newest);
    expect(await again.highlights.list(newest)).toHaveLength(1);
    await again.close();
  });
});

/** Overwrites bytes inside a stored pack record, where `marker` first occurs (the same length: the pack's layout stays). */
async function damageInPack(dir: string, marker: string, replacement: string) {
  const [pack] = await readdir(join(dir, 'packs'));
  const path = join(dir, 'packs', pack!);
  const bytes = await readFile(path);
  const at = bytes.indexOf(marker);
  expect(at).toBeGreaterThan(0);
  bytes.write(replacement.padEnd(marker.length, ' ').slice(0, marker.length), at);
  await writeFile(path, bytes);
}

describe('reading model damaged', () => {
  it('in a pack: rebuilt from the stored original, and the reader is told once', async () => {
    const { dir, lib, newest, highlight } = await libraryWithTwo();
    const before = await lib.documents.get(newest);
    await lib.close();
    // the first block made to start elsewhere: its blocks no longer lay out the stored text
    await damageInPack(dir, '"the-second-article","start":0}', '"the-second-article","start":5}');
    const again = await Library.open(dir, { holder: 'command line' });
    const after = await again.documents.get(newest);
    expect(after.text).toBe(before.text);
    expect(after.blocks).toEqual(before.blocks);
    expect(after.notice).toBe('The reading text of "The second article" was damaged; Gloss rebuilt it from the stored original.');
    expect((await again.highlights.list(newest)).map((h) => h.id)).toEqual([highlight]);
    expect((await again.documents.get(newest)).notice).toBeUndefined();
    await again.close();
  });

  it('in a document folder (a library from before packs): rebuilt, the damaged file kept aside', async () => {
    const dir = join(await tempDir(), 'data');
    await cp(FIXTURE_0_1, dir, { recursive: true });
    const lib = await Library.open(dir, { holder: 'command line' });
    const [doc] = await lib.documents.list();
    const before = await lib.documents.get(doc!.id);
    await writeFile(join(dir, 'documents', doc!.id, 'content.json'), '{"text": 12');
    const after = await lib.documents.get(doc!.id);
    expect(after.text).toBe(before.text);
    expect(after.notice).toMatch(/was damaged; Gloss rebuilt it from the stored original/);
    expect((await readdir(join(dir, 'documents', doc!.id))).some((f) => f.startsWith('content.json.corrupt-'))).toBe(true);
    expect((await lib.documents.get(doc!.id)).notice).toBeUndefined();
    await rm(join(dir, 'documents', doc!.id, 'content.json'));
    expect((await lib.documents.get(doc!.id)).notice).toMatch(/was missing; Gloss rebuilt it/);
    await lib.close();
  });
});

describe('strays of killed writes', () => {
  it('are removed at open: temp files, unnamed document folders, annotation files of deleted documents', async () => {
    const { dir, lib, oldest, newest } = await libraryWithTwo();
    await lib.close();
    const dead = 999_999_99; // library.json's temp file is named as Gloss 0.1 named them
    await writeFile(join(dir, `library.json.${dead}.tmp`), '{');
    await writeFile(join(dir, `search-index.json.${dead}-2.tmp`), '{');
    await writeFile(join(dir, 'annotations', `${newest}.json.${dead}-3.tmp`), '{');
    await writeFile(join(dir, `content.json.${dead}-4.tmp`), '{'); // a content rebuild's temp file
    await mkdir(join(dir, 'documents', 'killed-import-01'), { recursive: true });
    await writeFile(join(dir, 'documents', 'killed-import-01', 'source.txt'), 'half an import');
    await writeFile(join(dir, 'packs', '20260101-000000000Z-deadbeef.pack'), 'GLOSSPK1 an import killed before library.json named it');
    const [pack] = (await readdir(join(dir, 'packs'))).filter((p) => !p.startsWith('2026010'));
    await appendFile(join(dir, 'packs', pack!), 'GLOSSPK1\u0005'); // a record cut short at the end of a pack in use
    await writeFile(join(dir, 'annotations', 'deleted-doc-0001.json'), '{}');
    await writeFile(join(dir, 'annotations', 'deleted-doc-0001.json.bak'), '{}');
    const again = await Library.open(dir, { holder: 'command line' });
    expect(again.warnings).toEqual([]);
    expect(await again.documents.list()).toHaveLength(2);
    await again.close();
    expect((await readdir(dir)).sort()).toEqual(['annotations', 'documents', 'library.json', 'library.json.bak', 'packs', 'search']);
    expect(await readdir(join(dir, 'documents'))).toEqual([]);
    expect(await readdir(join(dir, 'packs'))).toEqual([pack]);
    expect((await readdir(join(dir, 'annotations'))).sort()).toEqual([`${newest}.json`, `${newest}.json.bak`]);
    const reopened = await Library.open(dir, { holder: 'command line' });
    expect((await reopened.documents.get(oldest)).text).toMatch(/^The first article/);
    await reopened.close();
  });

  it('are left alone by a read-only process', async () => {
    const { dir, lib } = await libraryWithTwo();
    await lib.close();
    await writeFile(join(dir, 'library.json.424242-1.tmp'), '{');
    const reader = await Library.open(dir, { holder: 'command line', readOnly: true });
    await reader.close();
    expect(await readFile(join(dir, 'library.json.424242-1.tmp'), 'utf8')).toBe('{');
  });
});

describe('limits', () => {
  it('refuses a title made only of control or invisible characters', async () => {
    const { lib, oldest } = await libraryWithTwo();
    await expect(lib.documents.rename(oldest, '\u0001\u0002\u200b\u0007')).rejects.toThrow('A title needs at least one visible character.');
    expect((await lib.documents.rename(oldest, 'Tabs\tand\u0000 nulls')).title).toBe('Tabs and nulls');
    await lib.close();
  });
});
