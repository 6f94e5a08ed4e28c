// Search: the full-text index is a cache on disk: it must be used when present, rebuilt when damaged, and
// brought up to date with whatever changed in the library since it was written.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Library } from '../../src-main/core/library';
import { snippetFor } from '../../src-main/core/search';
import { tempDir } from './helpers/temp';

const text = (s: string) => Buffer.from(s);
const titles = async (lib: Library, query: string) => (await lib.documents.list({ query })).map((d) => d.title).sort();

async function libraryWithTwo(dir: string) {
  const lib = await Library.open(dir, { holder: 'command line' });
  await lib.documents.importBytes([
    { name: 'a.txt', source: '/a.txt', bytes: text('Orchards of Kent\n\nThe apple harvest came early this year.') },
    { name: 'b.txt', source: '/b.txt', bytes: text('Harbour notes\n\nTrawlers left before dawn with the tide.') },
  ]);
  return lib;
}

describe('search', () => {
  it('is written on close and answers from disk on the next open', async () => {
    const dir = await tempDir();
    let lib = await libraryWithTwo(dir);
    expect(await titles(lib, 'harvest')).toEqual(['Orchards of Kent']);
    await lib.close();
    const cache = JSON.parse(await readFile(join(dir, 'search-index.json'), 'utf8'));
    expect(Object.keys(cache.fingerprints)).toHaveLength(2);

    // With the bodies gone, only the cached index can still know what they said.
    await rm(join(dir, 'packs'), { recursive: true });
    lib = await Library.open(dir, { holder: 'command line' });
    expect(await titles(lib, 'harvest')).toEqual(['Orchards of Kent']);
    await lib.close();
  });

  it('catches up with documents imported, renamed and deleted while it was not looking', async () => {
    const dir = await tempDir();
    let lib = await libraryWithTwo(dir);
    expect(await titles(lib, 'tide')).toEqual(['Harbour notes']);
    await lib.close();

    lib = await Library.open(dir, { holder: 'command line' });
    await lib.documents.importBytes([{ name: 'c.txt', source: '/c.txt', bytes: text('Mill stream\n\nThe wheel turned slowly in the tide race.') }]);
    const docs = await lib.documents.list();
    await lib.documents.rename(docs.find((d) => d.title === 'Orchards of Kent')!.id, 'Cider country');
    await lib.documents.delete(docs.find((d) => d.title === 'Harbour notes')!.id);
    await lib.close();

    lib = await Library.open(dir, { holder: 'command line' });
    expect(await titles(lib, 'tide')).toEqual(['Mill stream']);
    expect(await titles(lib, 'cider')).toEqual(['Cider country']);
    await lib.close();
  });

  it('rebuilds a damaged cache instead of failing', async () => {
    const dir = await tempDir();
    let lib = await libraryWithTwo(dir);
    await lib.close();
    await writeFile(join(dir, 'search-index.json'), '{"version":1,"fingerprints":');
    lib = await Library.open(dir, { holder: 'command line' });
    expect(await titles(lib, 'trawlers')).toEqual(['Harbour notes']);
    await lib.close();
    const cache = JSON.parse(await readFile(join(dir, 'search-index.json'), 'utf8'));
    expect(Object.keys(cache.fingerprints)).toHaveLength(2);
  });

  it('is never written by a read-only reader', async () => {
    const dir = await tempDir();
    await (await libraryWithTwo(dir)).close();
    const reader = await Library.open(dir, { holder: 'command line', readOnly: true });
    expect(await titles(reader, 'apple')).toEqual(['Orchards of Kent']);
    await reader.close();
    await expect(readFile(join(dir, 'search-index.json'))).rejects.toThrow(/ENOENT/);
  });

  it('shows the words the user typed in the snippet, not an earlier near-miss', async () => {
    const lib = await Library.open(await tempDir(), { holder: 'command line' });
    const filler = 'Nothing of note happened on the quay that morning. '.repeat(6);
    await lib.documents.importBytes([
      {
        name: 'p.txt',
        source: '/p.txt',
        bytes: text(`Port log\n\nThe terrorism desk called early. ${filler}Later two terrorist cells were reported near the docks.`),
      },
    ]);
    const [hit] = await lib.documents.list({ query: 'terrorist cells' });
    expect(hit.snippet).toContain('two terrorist cells were reported');
    expect(hit.snippet!.startsWith('…')).toBe(true);

    await lib.close();
  });

  it('cuts snippets between words', () => {
    const text = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron';
    expect(snippetFor(text, ['theta'], 20)).toBe('…epsilon zeta eta theta iota kappa lambda…');
    expect(snippetFor(text, ['alpha'], 12)).toBe('alpha beta gamma…');
    expect(snippetFor(text, ['absent'])).toBeUndefined();
  });
});
