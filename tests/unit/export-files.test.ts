import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GlossError } from '../../src-main/core/errors';
import { MAX_NAME_LENGTH, markdownFileName } from '../../src-main/core/export/filename';
import { renderDocumentMarkdown } from '../../src-main/core/export/markdown';
import { exportMarkdownFiles } from '../../src-main/core/export/write';
import { makeDoc, makeHighlight } from './export-fixtures';

const name = (title: string, id = 'abcdef123456', taken = new Set<string>()): string => markdownFileName(title, id, taken);

describe('markdownFileName', () => {
  it('makes safe names from titles', () => {
    expect(name('A report: on <things>?')).toBe('A report on things.md');
    expect(name('AC/DC \\ live | "best" *of*')).toBe('AC DC live best of.md');
    expect(name('...hidden')).toBe('hidden.md');
    expect(name('  spaced\n\tout   title  ')).toBe('spaced out title.md');
    expect(name('ends with dots...')).toBe('ends with dots.md');
    expect(name('bell\u0007 and\u0000 nul')).toBe('bell and nul.md');
    expect(name('')).toBe('Untitled.md');
    expect(name(' ... ')).toBe('Untitled.md');
    expect(name('???')).toBe('Untitled.md');
    expect(name('Café 日本語 😀')).toBe('Café 日本語 😀.md');
  });

  it('avoids Windows device names', () => {
    expect(name('CON')).toBe('CON_.md');
    expect(name('nul')).toBe('nul_.md');
    expect(name('com1.notes')).toBe('com1_.notes.md');
    expect(name('LPT9')).toBe('LPT9_.md');
    expect(name('Console')).toBe('Console.md');
  });

  it('cuts long titles at a word boundary', () => {
    const long = `${'word '.repeat(30)}end`;
    const cut = name(long).slice(0, -3);
    expect(cut.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(cut.endsWith('word')).toBe(true);
    expect(long.startsWith(cut)).toBe(true);
    const noSpaces = name('x'.repeat(200)).slice(0, -3);
    expect(noSpaces).toBe('x'.repeat(MAX_NAME_LENGTH));
    // 79 units then an emoji: cutting at 80 would split the surrogate pair.
    const emoji = name(`${'y'.repeat(79)}😀😀`).slice(0, -3);
    expect(emoji).toBe('y'.repeat(79));
  });

  it('gives a second document with the same title (in any case) its id', () => {
    const taken = new Set<string>();
    expect(markdownFileName('Notes', 'aaaaaa111', taken)).toBe('Notes.md');
    expect(markdownFileName('NOTES', 'bbbbbb222', taken)).toBe('NOTES (bbbbbb).md');
    expect(markdownFileName('notes', 'bbbbbb333', taken)).toBe('notes (bbbbbb333).md');
    expect(markdownFileName('Notes (bbbbbb)', 'cccccc444', taken)).toBe('Notes (bbbbbb) (cccccc).md');
  });
});

describe('exportMarkdownFiles', () => {
  const dirs: string[] = [];
  const tempDir = async (): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'gloss-export-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  const docs = [
    { meta: makeDoc({ id: 'zzzzzz999', title: 'Same title' }), highlights: [makeHighlight('from the second')] },
    { meta: makeDoc({ id: 'bbbbbb222', title: 'Beta: report' }), highlights: [] },
    {
      meta: makeDoc({ id: 'aaaaaa111', title: 'Same title' }),
      highlights: [makeHighlight('*star*', { note: 'note' }), makeHighlight('# hash')],
    },
  ];

  it('writes one file per document, named stably, with the rendered Markdown', async () => {
    const out = join(await tempDir(), 'nested', 'export');
    const report = await exportMarkdownFiles(out, docs);
    expect(report.dir).toBe(out);
    expect(report.files.map((f) => [f.documentId, basename(f.path)])).toEqual([
      ['bbbbbb222', 'Beta report.md'],
      ['aaaaaa111', 'Same title.md'],
      ['zzzzzz999', 'Same title (zzzzzz).md'],
    ]);
    expect((await readdir(out)).sort()).toEqual(['Beta report.md', 'Same title (zzzzzz).md', 'Same title.md']);
    for (const file of report.files) {
      const doc = docs.find((d) => d.meta.id === file.documentId);
      expect(await readFile(file.path, 'utf8')).toBe(renderDocumentMarkdown(doc!.meta, doc!.highlights));
    }
    // Again, in another order: same names, same bytes, nothing extra left behind.
    const before = await Promise.all(report.files.map((f) => readFile(f.path, 'utf8')));
    const again = await exportMarkdownFiles(out, [...docs].reverse());
    expect(again).toEqual(report);
    expect(await Promise.all(again.files.map((f) => readFile(f.path, 'utf8')))).toEqual(before);
    expect((await readdir(out)).length).toBe(3);
  });

  it("never overwrites a file that is not this document's export", async () => {
    const out = await tempDir();
    await writeFile(join(out, 'Beta report.md'), 'my own vault note\n');
    await writeFile(join(out, 'Same title.md'), '---\ngloss_id: "otherdoc1"\n---\n');
    const report = await exportMarkdownFiles(out, docs);
    expect(report.files.map((f) => basename(f.path))).toEqual(['Beta report (bbbbbb).md', 'Same title (aaaaaa).md', 'Same title (zzzzzz).md']);
    expect(await readFile(join(out, 'Beta report.md'), 'utf8')).toBe('my own vault note\n');
    expect(await readFile(join(out, 'Same title.md'), 'utf8')).toBe('---\ngloss_id: "otherdoc1"\n---\n');
  });

  it('refuses a relative folder', async () => {
    await expect(exportMarkdownFiles('relative/out', docs)).rejects.toThrow(GlossError);
    await expect(exportMarkdownFiles('relative/out', docs)).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('reports a folder it cannot create as an io error', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a-file'), 'x');
    await expect(exportMarkdownFiles(join(dir, 'a-file', 'sub'), docs)).rejects.toMatchObject({ code: 'io' });
    // said in words, whether the file is the folder asked for or one of the folders above it
    for (const out of [join(dir, 'a-file'), join(dir, 'a-file', 'sub')])
      await expect(exportMarkdownFiles(out, docs)).rejects.toMatchObject({
        message: `Could not create the folder ${out}: a file is in the way where a folder should be`,
      });
  });
});
