// A document's own note, on a real library in a temp folder: set, read, cleared, undone, kept in the
// document's annotation file (one small write, library.json untouched) and exported first.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Library } from '../../src-main/core/library';
import { tempDir } from './helpers/temp';

const encode = (text: string) => new TextEncoder().encode(text);

async function library() {
  const dir = await tempDir();
  const lib = await Library.open(dir, { holder: 'command line' });
  const report = await lib.documents.importBytes([
    { name: 'harbour.txt', source: '/harbour.txt', bytes: encode('Harbour notes\n\nThe tide came in faster than the charts said.\n') },
    { name: 'orchard.txt', source: '/orchard.txt', bytes: encode('Orchards of Kent\n\nThe apple harvest was early this year.\n') },
  ]);
  const [harbour, orchard] = report.imported.map((r) => r.id) as [string, string];
  return { dir, lib, harbour, orchard };
}

const NOTE = '# Why this matters\n\nThe **charts** were wrong twice:\n\n- in March\n- in May\n';

describe('a document note', () => {
  it('is set, read back in the document, the summary and on its own, and kept across a reopen', async () => {
    const { dir, lib, harbour, orchard } = await library();
    expect((await lib.documents.get(harbour)).note).toBe('');
    expect(await lib.documents.note(harbour)).toBe('');
    const libraryFile = await stat(join(dir, 'library.json'));

    const summary = await lib.documents.setNote(harbour, NOTE);
    expect(summary).toMatchObject({ id: harbour, hasNote: true });
    expect((await lib.documents.get(harbour)).note).toBe(NOTE);
    expect(await lib.documents.note(harbour)).toBe(NOTE);
    const listed = await lib.documents.list();
    expect(listed.find((d) => d.id === harbour)!.hasNote).toBe(true);
    expect(listed.find((d) => d.id === orchard)!.hasNote).toBeUndefined();
    // one write of the document's own annotation file: library.json is not rewritten
    expect((await stat(join(dir, 'library.json'))).mtimeMs).toBe(libraryFile.mtimeMs);
    const stored = JSON.parse(await readFile(join(dir, 'annotations', `${harbour}.json`), 'utf8'));
    expect(stored).toMatchObject({ documentId: harbour, note: NOTE, highlights: [] });
    expect(await readFile(join(dir, 'annotations', `${harbour}.json.bak`), 'utf8')).toBe(JSON.stringify(stored));
    await lib.close();

    const again = await Library.open(dir, { holder: 'command line' });
    expect((await again.documents.get(harbour)).note).toBe(NOTE);
    await again.close();
  });

  it('is cleared by an empty (or blank) note, leaving no note in the file', async () => {
    const { dir, lib, harbour } = await library();
    await lib.documents.setNote(harbour, NOTE);
    const cleared = await lib.documents.setNote(harbour, '  \n ');
    expect(cleared.hasNote).toBeUndefined();
    expect((await lib.documents.get(harbour)).note).toBe('');
    const stored = JSON.parse(await readFile(join(dir, 'annotations', `${harbour}.json`), 'utf8'));
    expect(Object.keys(stored)).not.toContain('note');
    await lib.close();
  });

  it('lives beside the highlights: changing one never loses the other', async () => {
    const { dir, lib, harbour } = await library();
    const h = await lib.highlights.create({ documentId: harbour, start: 0, end: 7, color: 'blue', note: 'highlight note' });
    await lib.documents.setNote(harbour, NOTE);
    await lib.highlights.update({ documentId: harbour, id: h.id, color: 'pink' });
    await lib.documents.setReadingPosition(harbour, 3);
    await lib.close();
    const again = await Library.open(dir, { holder: 'command line' });
    const content = await again.documents.get(harbour);
    expect(content.note).toBe(NOTE);
    expect(content.readingPosition).toBe(3);
    expect((await again.highlights.list(harbour)).map((x) => [x.id, x.color, x.note])).toEqual([[h.id, 'pink', 'highlight note']]);
    await again.close();
  });

  it('is undone and redone, and setting it to what it is makes no step', async () => {
    const { lib, harbour } = await library();
    await lib.documents.setNote(harbour, 'first');
    // a note set to what it is already is no step
    await lib.documents.setNote(harbour, 'first');
    expect(lib.history.state()).toEqual({ canUndo: true, canRedo: false, undoLabel: 'Undo document note' });
    expect(await lib.history.undo()).toMatchObject({ done: true, kind: 'document:note', documentId: harbour });
    expect(await lib.documents.note(harbour)).toBe('');
    expect((await lib.documents.list()).find((d) => d.id === harbour)!.hasNote).toBeUndefined();
    await lib.history.redo();
    expect(await lib.documents.note(harbour)).toBe('first');
    await lib.close();
  });

  it('is exported at the top of its document’s Markdown; a document in the Trash is not exported', async () => {
    const { lib, harbour, orchard } = await library();
    const { text } = await lib.documents.get(harbour);
    await lib.highlights.create({ documentId: harbour, start: text.indexOf('tide'), end: text.indexOf('tide') + 4, color: 'green' });
    await lib.documents.setNote(harbour, NOTE);
    await lib.documents.setNote(orchard, '```\nan open fence');
    const out = join(await tempDir(), 'export');
    await lib.exports.run('markdown', out);
    const harbourMd = await readFile(join(out, 'Harbour notes.md'), 'utf8');
    expect(harbourMd).toContain(`\n# Harbour notes\n\n## Document note\n\n${NOTE.trimEnd()}\n\n## Highlights\n\n> tide\n`);
    const orchardMd = await readFile(join(out, 'Orchards of Kent.md'), 'utf8');
    expect(orchardMd.endsWith('## Document note\n\n```\nan open fence\n```\n')).toBe(true);

    await lib.documents.delete(orchard);
    const second = join(await tempDir(), 'export');
    expect((await lib.exports.run('markdown', second)).files.map((f) => f.documentId)).toEqual([harbour]);
    expect(await readdir(second)).toEqual(['Harbour notes.md']);
    await lib.close();
  });
});
