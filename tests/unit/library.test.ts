import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Library, type CoreEvent } from '../../src-main/core/library';
import { SEEDS_DIR, tempDir } from './helpers/temp';

async function openWithSeeds() {
  const dir = await tempDir();
  const lib = await Library.open(dir, { holder: 'command line' });
  const report = await lib.documents.importPaths([SEEDS_DIR]);
  return { dir, lib, report };
}

describe('Library', () => {
  it('imports the seed corpus with sensible titles, word counts and stored bodies', async () => {
    const { dir, lib, report } = await openWithSeeds();
    expect(report.failed).toEqual([]);
    expect(report.imported).toHaveLength(5);
    const docs = await lib.documents.list();
    const titles = docs.map((d) => d.title);
    expect(titles).toContain('Moscow says that risks from militant groups worldwide have not gone away');
    expect(titles).toContain('407,000 people joined Russian forces in 2024, but recruitment pace slows');
    for (const d of docs) {
      expect(d.title.length).toBeGreaterThan(10);
      expect(d.title.length).toBeLessThanOrEqual(120);
      expect(d.words).toBeGreaterThan(100);
      expect(d.source.startsWith(SEEDS_DIR)).toBe(true);
      const content = await lib.documents.get(d.id);
      expect(content.blocks.length).toBeGreaterThan(2);
    }
    // the bodies of one import share one pack file, and each holds the original bytes as they were
    expect(await readdir(join(dir, 'packs'))).toHaveLength(1);
    expect(await readdir(join(dir, 'documents')).catch(() => [])).toEqual([]);
    const seed = docs.find((d) => d.source.endsWith('004_8857d8e3aa01ed9b.txt'))!;
    expect(Buffer.from(await lib.documents.original(seed.id)).equals(await readFile(seed.source))).toBe(true);
    // bodies are never inside the database
    const db = await readFile(join(dir, 'library.json'), 'utf8');
    expect(db.length).toBeLessThan(5000);
    await lib.close();
  });

  it('says so when the same content is imported twice, even with other line endings or a BOM', async () => {
    const { dir, lib } = await openWithSeeds();
    const original = await readFile(join(SEEDS_DIR, '004_8857d8e3aa01ed9b.txt'), 'utf8');
    const crlf = join(dir, 'copy.txt');
    await writeFile(crlf, `\uFEFF${original.replace(/\n/g, '\r\n')}`);
    const again = await lib.documents.importPaths([crlf, join(SEEDS_DIR, '004_8857d8e3aa01ed9b.txt')]);
    expect(again.imported).toEqual([]);
    expect(again.duplicates.map((d) => d.existing.title)).toEqual([
      'Moscow says that risks from militant groups worldwide have not gone away',
      'Moscow says that risks from militant groups worldwide have not gone away',
    ]);
    expect(await lib.documents.list()).toHaveLength(5);
    await lib.close();
  });

  it('refuses bad files one by one with a clear message and imports the rest', async () => {
    const dir = await tempDir();
    const lib = await Library.open(join(dir, 'data'), { holder: 'command line' });
    await writeFile(join(dir, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]));
    await writeFile(join(dir, 'empty.txt'), '  \n');
    await writeFile(join(dir, 'good.md'), '# A good note\n\nSome *fine* text here.\n');
    const report = await lib.documents.importPaths([join(dir, 'image.txt'), join(dir, 'empty.txt'), join(dir, 'good.md'), join(dir, 'missing.txt')]);
    expect(report.imported.map((d) => d.title)).toEqual(['A good note']);
    expect(report.failed).toHaveLength(3);
    expect(report.failed[0].message).toMatch(/missing\.txt does not exist/);
    expect(report.failed.map((f) => f.message).join('\n')).toMatch(/binary/);
    expect(report.failed.map((f) => f.message).join('\n')).toMatch(/empty\.txt is empty/);
    // nothing half-imported: one document in the library
    expect(await lib.documents.list()).toHaveLength(1);
    await lib.close();
  });

  it('creates, edits and deletes highlights, writing only that document’s annotation file', async () => {
    const { dir, lib } = await openWithSeeds();
    const doc = (await lib.documents.list()).find((d) => d.title.startsWith('Moscow says'))!;
    const { text } = await lib.documents.get(doc.id);
    const libraryBefore = await stat(join(dir, 'library.json'));
    const phrase = 'situation for counterterrorism remains very';
    const start = text.indexOf(phrase);
    // a selection dragged over the surrounding spaces is trimmed to the words
    const h = await lib.highlights.create({
      documentId: doc.id,
      start: start - 1,
      end: start + phrase.length + 1,
      color: 'green',
      tags: ['#Method', 'method', ' to  read '],
    });
    expect(h.position).toEqual({ start, end: start + phrase.length });
    expect(h.quote.exact).toBe(phrase);
    expect(h.quote.prefix).toBe(text.slice(Math.max(0, start - 32), start));
    expect(h.tags).toEqual(['Method', 'to read']);
    const edited = await lib.highlights.update({ documentId: doc.id, id: h.id, note: 'Why *this* matters', color: 'pink' });
    expect(edited).toMatchObject({ note: 'Why *this* matters', color: 'pink', tags: ['Method', 'to read'] });
    expect((await stat(join(dir, 'library.json'))).mtimeMs).toBe(libraryBefore.mtimeMs);
    const file = JSON.parse(await readFile(join(dir, 'annotations', `${doc.id}.json`), 'utf8'));
    expect(file.highlights).toHaveLength(1);
    expect((await lib.documents.list()).find((d) => d.id === doc.id)?.highlights).toBe(1);
    await lib.close();

    const reopened = await Library.open(dir, { holder: 'command line' });
    expect(await reopened.highlights.list(doc.id)).toEqual([edited]);
    await reopened.highlights.delete(doc.id, h.id);
    expect(await reopened.highlights.list(doc.id)).toEqual([]);
    await expect(reopened.highlights.delete(doc.id, h.id)).rejects.toThrow(/no longer exists/);
    await expect(reopened.highlights.create({ documentId: doc.id, start: 5, end: 5, color: 'blue' })).rejects.toThrow();
    await reopened.close();
  });

  it('renames, tags, filters by tag, searches full text and notes, and deletes documents', async () => {
    const { lib } = await openWithSeeds();
    const docs = await lib.documents.list();
    const libya = docs.find((d) => d.title.startsWith('The Russian Ministry of Defense'))!;
    await lib.documents.rename(libya.id, '  Russia and Libya  ');
    await lib.documents.setTags(libya.id, ['Libya', 'libya', 'defence']);
    const renamed = (await lib.documents.list()).find((d) => d.id === libya.id)!;
    expect(renamed).toMatchObject({ title: 'Russia and Libya', tags: ['Libya', 'defence'] });
    expect((await lib.documents.list({ tag: 'LIBYA' })).map((d) => d.id)).toEqual([libya.id]);

    const hits = await lib.documents.list({ query: 'Syromolotov' });
    expect(hits.map((d) => d.title)).toEqual(['Moscow says that risks from militant groups worldwide have not gone away']);
    expect(hits[0].snippet!.text).toMatch(/Syromolotov/);
    expect((await lib.documents.list({ query: 'russia libya' })).map((d) => d.id)).toContain(libya.id);

    const other = docs.find((d) => d.id !== libya.id)!;
    const { text } = await lib.documents.get(other.id);
    const h = await lib.highlights.create({
      documentId: other.id,
      start: 0,
      end: 10,
      color: 'yellow',
      note: 'zanzibarish thought',
      tags: ['evidence'],
    });
    expect((await lib.search.search('zanzibarish')).marks.map((m) => [m.documentId, m.highlightId])).toEqual([[other.id, h.id]]);
    expect((await lib.documents.list({ tag: 'evidence' })).map((d) => d.id)).toEqual([other.id]);
    expect(await lib.tags.list()).toEqual([
      { name: 'defence', documents: 1, highlights: 0 },
      { name: 'evidence', documents: 0, highlights: 1 },
      { name: 'Libya', documents: 1, highlights: 0 },
    ]);
    expect(h.quote.exact).toBe(text.slice(0, 10));

    await lib.documents.delete(other.id);
    expect(await lib.documents.list()).toHaveLength(4);
    expect(await lib.documents.list({ query: 'zanzibarish' })).toEqual([]);
    await expect(lib.documents.get(other.id)).rejects.toThrow(/is in the Trash: restore it/);
    await lib.trash.empty();
    await expect(lib.documents.get(other.id)).rejects.toThrow(/not in the library/);
    await lib.close();
  });

  it('offers the welcome guide once, and exports every document to Markdown', async () => {
    const { dir, lib } = await openWithSeeds();
    const welcome = await lib.welcome.add();
    expect(welcome.title).toBe('Welcome to Gloss');
    expect(await lib.welcome.add()).toEqual(welcome);
    await expect(lib.exports.run('markdown', join(dir, 'export'))).rejects.toThrow(/outside Gloss's data folder/);
    const out = join(await tempDir(), 'export');
    const report = await lib.exports.run('markdown', out);
    expect(report.files).toHaveLength(6);
    const names = await readdir(out);
    expect(names).toContain('Welcome to Gloss.md');
    await lib.close();
  });

  it('imports a large folder as a job with progress, and Cancel keeps what was finished', async () => {
    const src = await tempDir('gloss-folder-');
    await mkdir(join(src, 'nested'));
    for (let i = 0; i < 450; i++) {
      await writeFile(join(src, i % 2 ? 'nested' : '', `note-${i}.txt`), `Note number ${i} on the tides\n\nHigh water came at ${i} minutes past.\n`);
    }
    const lib = await Library.open(await tempDir(), { holder: 'command line' });
    const events: CoreEvent[] = [];
    lib.jobs.on((e) => events.push(e));
    const full = await lib.jobs.wait(lib.jobs.importPaths([src]))!;
    expect(full.outcome).toBe('done');
    expect(full.importReport!.imported).toHaveLength(450);
    const progress = events.flatMap((e) => (e.name === 'job:progress' ? [e.payload] : []));
    expect(progress[0]).toMatchObject({ kind: 'import', filesDone: 0, filesTotal: 450, bytesDone: 0 });
    expect(progress.at(-1)).toMatchObject({ filesDone: 450, filesTotal: 450 });
    expect(progress.at(-1)!.bytesDone).toBe(progress.at(-1)!.bytesTotal);
    expect(events.at(-1)).toMatchObject({ name: 'job:finished', payload: { outcome: 'done', message: '450 documents imported.' } });
    // Newest first, to the file: many share a millisecond, and those keep their import order too.
    const imported = full.importReport!.imported.map((d) => d.id);
    expect((await lib.documents.list()).map((d) => d.id)).toEqual(imported.reverse());
    await lib.close();

    // The 201st file is a named pipe nobody writes to: the job is still at it when Cancel comes.
    const again = await Library.open(await tempDir(), { holder: 'command line' });
    const files = (await readdir(src, { recursive: true })).filter((f) => f.endsWith('.txt')).map((f) => join(src, f));
    const pipe = join(await tempDir('gloss-pipe-'), 'slow.txt');
    execFileSync('mkfifo', [pipe]);
    let jobId = '';
    again.jobs.on((e) => {
      if (e.name === 'job:progress' && e.payload.current === pipe) again.jobs.cancel(jobId);
    });
    jobId = again.jobs.importPaths([...files.slice(0, 200), pipe, ...files.slice(200)]);
    const partial = await again.jobs.wait(jobId)!;
    closeSync(openSync(pipe, constants.O_WRONLY | constants.O_NONBLOCK)); // the parser thread is reading it: let that read end
    expect(partial.outcome).toBe('cancelled');
    const kept = partial.importReport!.imported.length;
    expect(kept).toBe(200);
    expect(partial.message).toBe('Import cancelled after 200 of 451 files: 200 documents imported.');
    expect(await again.documents.list()).toHaveLength(kept);
    await again.close();
    // what was finished before Cancel is on disk, not only in memory
    const reopened = await Library.open(again.dataDir, { holder: 'command line' });
    expect(await reopened.documents.list()).toHaveLength(kept);
    await reopened.close();
  });
});
