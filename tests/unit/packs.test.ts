// Pack files: records appended, made durable by sync, read back part by part; full packs give way to
// new ones without a record left unsynced; a wiped record is gone from the file and skipped by a scan.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentMeta } from '../../src-main/core/model';
import { PackStore, type BodyLocation } from '../../src-main/core/store/packs';
import { tempDir } from './helpers/temp';

const meta = (id: string, title: string): DocumentMeta => ({
  id,
  title,
  source: `/notes/${id}.txt`,
  format: 'text',
  hash: id,
  importedAt: '2026-11-26T00:00:00.000Z',
  words: 3,
  bytes: 10,
  tags: [],
});

describe('pack files', () => {
  it('keep every record readable across packs that filled up, and recover them by a scan', async () => {
    const dir = await tempDir('gloss-packs-');
    const packs = new PackStore(dir, 2048);
    const places: BodyLocation[] = [];
    for (let i = 0; i < 12; i++) {
      const text = `Record ${i}: ${'a calm sea and a long swell, '.repeat(12)}`;
      places.push(
        packs.append(meta(`doc-${String(i).padStart(4, '0')}`, `Título ${i} — 港`), [
          ['source', Buffer.from(text)],
          ['content', Buffer.from(`{"n":${i}}`)],
        ]),
      );
    }
    await packs.sync();
    const files = await readdir(dir);
    expect(files.length).toBeGreaterThan(2);
    for (const [i, at] of places.entries()) {
      expect(Buffer.from((await packs.part(at, 'source'))!).toString()).toMatch(new RegExp(`^Record ${i}: `));
      expect(Buffer.from((await packs.part(at, 'content'))!).toString()).toBe(`{"n":${i}}`);
      expect((await packs.header(at)).meta.title).toBe(`Título ${i} — 港`);
    }
    const scanned: string[] = [];
    for (const pack of (await packs.list()).sort()) for await (const { header } of packs.records(pack)) scanned.push(header.id);
    expect(scanned.sort()).toEqual(places.map((_, i) => `doc-${String(i).padStart(4, '0')}`));
    await packs.close();
  });

  it('wipe an erased record from the file, and a scan steps over it', async () => {
    const dir = await tempDir('gloss-packs-');
    const packs = new PackStore(dir);
    const kept = packs.append(meta('keep-0001', 'Kept'), [['source', Buffer.from('the harbour wall stays')]]);
    const gone = packs.append(meta('gone-0001', 'Gone'), [['source', Buffer.from('a secret the reader deleted')]]);
    const after = packs.append(meta('late-0001', 'Later'), [['source', Buffer.from('written after it')]]);
    await packs.sync();
    await packs.erase(gone);
    const [file] = await readdir(dir);
    const bytes = await readFile(join(dir, file!));
    expect(bytes.includes('a secret the reader deleted')).toBe(false);
    expect(bytes.includes('gone-0001')).toBe(false);
    expect(Buffer.from((await packs.part(after, 'source'))!).toString()).toBe('written after it');
    await expect(packs.part(gone, 'source')).rejects.toThrow(/damaged/);
    const ids: string[] = [];
    for await (const { header } of packs.records(kept.pack)) ids.push(header.id);
    expect(ids).toEqual(['keep-0001', 'late-0001']);
    await packs.close();
  });

  it('answer many reads at once across more packs than they keep open, and part of a part', async () => {
    const dir = await tempDir('gloss-packs-');
    const packs = new PackStore(dir, 600);
    const places: BodyLocation[] = [];
    for (let i = 0; i < 40; i++) {
      places.push(packs.append(meta(`doc-${i}`, `T${i}`), [['content', Buffer.from(`content ${i} ${'x'.repeat(400)}`)]]));
    }
    await packs.sync();
    expect((await readdir(dir)).length).toBeGreaterThan(12);
    // every read in flight at once, in an order that makes handles come and go
    const reads = Array.from({ length: 400 }, (_, k) => places[(k * 7) % places.length]!);
    const texts = await Promise.all(reads.map(async (at) => Buffer.from((await packs.part(at, 'content'))!).toString()));
    texts.forEach((text, k) => expect(text.startsWith(`content ${(k * 7) % places.length} `)).toBe(true));
    expect(Buffer.from((await packs.partRange(places[3]!, 'content', 8, 2))!).toString()).toBe('3 ');
    expect((await packs.partRange(places[3]!, 'content', 1000, 5))!.byteLength).toBe(0);
    await packs.close();
  });

  it('read part of a part at once, once the pack is open for reading, and never bytes not on disk yet', async () => {
    const dir = await tempDir('gloss-packs-');
    const packs = new PackStore(dir);
    const text = (bytes: Uint8Array | undefined) => bytes && Buffer.from(bytes).toString();
    const first = packs.append(meta('doc-1', 'One'), [['content', Buffer.from('line\nthe tide came in')]]);
    await packs.sync();
    // not open for reading yet: not at once, and the pack is opened for the next time
    expect(packs.partRangeSync(first, 'content', 9, 4)).toBeUndefined();
    await expect.poll(() => text(packs.partRangeSync(first, 'content', 9, 4))).toBe('tide');
    expect(text(packs.partRangeSync(first, 'content', 19, 100))).toBe('in');
    // appended, not yet written out: only `partRange` (which writes it out first) reads it
    const second = packs.append(meta('doc-2', 'Two'), [['content', Buffer.from('line\na calm sea')]]);
    expect(packs.partRangeSync(second, 'content', 5, 6)).toBeUndefined();
    expect(text(await packs.partRange(second, 'content', 5, 6))).toBe('a calm');
    expect(text(packs.partRangeSync(second, 'content', 5, 6))).toBe('a calm');
    await packs.erase(first);
    expect(() => packs.partRangeSync(first, 'content', 9, 4)).toThrow(/damaged/);
    await packs.close();
  });
});
