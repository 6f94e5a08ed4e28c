// Every format through the real import: a folder of mixed good, bad, unsupported and junk files,
// read by the parser threads and stored in packs; every file accounted for; the highlights of a PDF
// and a book exported with where they are ("p. 2", the chapter).
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { Library } from '../../src-main/core/library';
import { book, xhtml } from './helpers/epub-books';
import { buildArticle } from './helpers/pdf-fixtures';
import { tempDir } from './helpers/temp';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Night ferries | Harbour Weekly</title>
<meta name="author" content="Ines Calder"></head><body>
<nav><a href="/">Home</a> <a href="/ports">Ports</a> <a href="/subscribe">Subscribe</a></nav>
<article><h1>Night ferries</h1>
<p>The last ferry of the night leaves at a quarter to one, and most of its passengers are asleep before it clears the breakwater.</p>
<p>The crew know the regulars by name: the baker who goes over for the early market, the nurse coming home from a double shift.</p>
<p>On calm nights the crossing takes forty minutes; in a westerly it can take twice that, and the cafe stays open the whole way.</p>
</article><aside class="related"><h2>Related stories</h2><a href="/x">Ten ports to see</a></aside>
<footer>© Harbour Weekly</footer></body></html>`;

const CHAPTERS = [
  {
    id: 'c1',
    href: 'c1.xhtml',
    title: 'The Lamp Room',
    body: '<h1>The Lamp Room</h1><p>The keeper climbed the stair at dusk and trimmed the wick before the light was lit.</p>',
  },
  {
    id: 'c2',
    href: 'c2.xhtml',
    title: 'A Ship in Fog',
    body: '<h1>A Ship in Fog</h1><p>At midnight a ship sounded its horn somewhere beyond the reef, and the keeper answered with the bell.</p>',
  },
];

describe('a folder of every kind of file', () => {
  it('imports each format, names what it leaves and why, and exports where each highlight is', async () => {
    const folder = await tempDir('gloss-every-format-');
    await mkdir(join(folder, 'books'));
    await writeFile(join(folder, 'field-note.pdf'), await buildArticle());
    await writeFile(
      join(folder, 'books', 'lantern.epub'),
      book(
        CHAPTERS.map((c) => ({ ...c, body: xhtml(c.title, c.body) })),
        { title: 'The Lantern Keeper' },
      ),
    );
    await writeFile(join(folder, 'night-ferries.html'), PAGE);
    await writeFile(
      join(folder, 'haiku-notes.txt'),
      iconv.encode('古池や\n蛙飛び込む\n水の音\n\n松尾芭蕉の有名な俳句について、季節と音の関係を考えたメモです。', 'Shift_JIS'),
    );
    await writeFile(join(folder, 'list.md'), '---\ntitle: Packing list\ntags: [travel, winter]\n---\n\n- [x] Boots\n- [ ] Lantern\n');
    // refused, each with its reason
    await writeFile(join(folder, 'scan.pdf'), 'not a pdf at all, only a name');
    await writeFile(join(folder, 'books', 'cut.epub'), book(CHAPTERS.map((c) => ({ ...c, body: xhtml(c.title, c.body) }))).slice(0, 200));
    // other types, and junk that is never mentioned
    await writeFile(join(folder, 'cover.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    await writeFile(join(folder, 'books', 'notes.docx'), 'PK');
    await writeFile(join(folder, '.DS_Store'), 'junk');
    await writeFile(join(folder, 'Thumbs.db'), 'junk');

    const lib = await Library.open(join(await tempDir(), 'data'), { holder: 'command line' });
    const jobId = lib.jobs.importPaths([folder]);
    const result = await lib.jobs.wait(jobId)!;
    const report = result.importReport!;
    expect(report.imported.map((d) => d.title).sort()).toEqual(
      ['Night ferries', 'Packing list', 'The Lantern Keeper', 'Tides and Small Boats: A Field Note', '古池や'].sort(),
    );
    expect(report.failed.map((f) => [f.source.split('/').pop(), f.message])).toEqual([
      ['cut.epub', expect.stringMatching(/^cut\.epub /)],
      ['scan.pdf', expect.stringMatching(/^scan\.pdf /)],
    ]);
    expect(report.skipped!.map((p) => p.split('/').pop()).sort()).toEqual(['cover.jpg', 'notes.docx']);
    expect(result.message).toBe('5 documents imported, 2 failed, 2 files of other types left alone (1 .docx, 1 .jpg).');

    const docs = await lib.documents.list();
    const byFormat = Object.fromEntries(docs.map((d) => [d.format, d]));
    expect(byFormat.html).toMatchObject({ author: 'Ines Calder', language: 'en', encoding: 'utf-8' });
    expect(byFormat.text).toMatchObject({ encoding: 'shift_jis' });
    expect(byFormat.markdown!.tags).toEqual(['travel', 'winter']);
    expect(byFormat.pdf).toMatchObject({ author: 'Mara Quill' });

    const page = await lib.documents.get(byFormat.html!.id);
    expect(page.text).toContain('The crew know the regulars by name');
    expect(page.text).not.toMatch(/Subscribe|Related stories|Ten ports/);
    const haiku = await lib.documents.get(byFormat.text!.id);
    expect(haiku.text).toContain('古池や');

    // a highlight on the PDF's second page and one in the book's second chapter
    const pdf = await lib.documents.get(byFormat.pdf!.id);
    expect(pdf.pages!.map((p) => p.label)).toEqual(['1', '2', '3']);
    const onPage2 = pdf.text.indexOf('What the Tide Leaves');
    expect(onPage2).toBeGreaterThan(pdf.pages![1]!.start);
    expect(onPage2).toBeLessThan(pdf.pages![2]!.start);
    await lib.highlights.create({ documentId: pdf.document.id, start: onPage2, end: onPage2 + 20, color: 'yellow' });
    const epub = await lib.documents.get(byFormat.epub!.id);
    expect(epub.sections!.map((s) => s.label)).toEqual(['The Lamp Room', 'A Ship in Fog']);
    const inChapter2 = epub.text.indexOf('At midnight');
    await lib.highlights.create({ documentId: epub.document.id, start: inChapter2, end: inChapter2 + 11, color: 'blue' });

    const out = join(await tempDir(), 'notes');
    const exported = await lib.exports.run('markdown', out);
    const file = async (id: string) => readFile(exported.files.find((f) => f.documentId === id)!.path, 'utf8');
    expect(await file(pdf.document.id)).toMatch(/> What the Tide Leaves\n\n\*Yellow\* · p\. 2/);
    expect(await file(epub.document.id)).toMatch(/> At midnight\n\n\*Blue\* · A Ship in Fog/);
    await lib.close();
  });
});

describe('links and pipes in a folder', () => {
  it('imports a linked file, refuses a linked device and a named pipe with a clear message, and does not follow a linked folder', async () => {
    const dir = await tempDir('gloss-links-');
    const outside = await tempDir('gloss-outside-');
    await writeFile(join(dir, 'here.txt'), 'A note that lives here\n\nIt is a plain file.\n');
    await writeFile(join(outside, 'elsewhere.txt'), 'A note kept elsewhere\n\nThe folder only links to it.\n');
    await symlink(join(outside, 'elsewhere.txt'), join(dir, 'linked.txt'));
    await symlink('/dev/zero', join(dir, 'zeros.txt'));
    await symlink(dir, join(dir, 'loop')); // a folder linking to itself
    // nobody writes to the pipe: reading it, or the link to it, would keep the import waiting
    execFileSync('mkfifo', [join(outside, 'pipe.txt')]);
    await symlink(join(outside, 'pipe.txt'), join(dir, 'linked-pipe.txt'));
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    const lib = await Library.open(await tempDir(), { holder: 'command line' });
    const report = await lib.documents.importPaths([dir]);
    expect(report.imported.map((d) => d.title).sort()).toEqual(['A note kept elsewhere', 'A note that lives here']);
    const refused = (name: string, what: string) => ({
      source: join(dir, name),
      message: `${join(dir, name)} is ${what}, not a file; Gloss imports the files in a folder.`,
    });
    expect(report.failed).toEqual([
      refused('linked-pipe.txt', 'a named pipe'),
      refused('pipe.txt', 'a named pipe'),
      refused('zeros.txt', 'a device or a socket'),
    ]);
    await lib.close();
  });
});
