import { execFile, execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { optionsFirst, run } from '../../src-main/cli/run';
import { newId } from '../../src-main/core/services/highlights';
import { REPO_DIR, SEEDS_DIR, tempDir } from './helpers/temp';

async function gloss(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** As `gloss`, with something on standard input and a person at the terminal who answers `answer`. */
async function glossWith(io: { input?: string; answer?: string }, ...argv: string[]) {
  let out = '';
  let err = '';
  const asked: string[] = [];
  const code = await run(argv, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    ...(io.input !== undefined ? { readInput: async () => io.input! } : {}),
    ...(io.answer !== undefined
      ? {
          confirm: async (question: string) => {
            asked.push(question);
            return io.answer === 'y';
          },
        }
      : {}),
  });
  return { code, out, err, asked };
}

/** A library with two imported notes; their ids by title. */
async function twoNotes() {
  const data = await tempDir();
  const folder = await tempDir('gloss-notes-');
  await writeFile(join(folder, 'tides.md'), '# Tide tables\n\nHigh water at noon, low water at dusk.\n');
  await writeFile(join(folder, 'orchard.md'), '# Orchard diary\n\nThe apples came early this year.\n');
  expect((await gloss('--data', data, 'import', folder)).code).toBe(0);
  const docs = JSON.parse((await gloss('--data', data, 'list', '--json')).out) as { id: string; title: string }[];
  const id = (title: string) => docs.find((d) => d.title === title)!.id;
  return { data, tides: id('Tide tables'), orchard: id('Orchard diary') };
}

describe('gloss CLI', () => {
  it('imports the seed folder and lists five documents as JSON', async () => {
    const data = await tempDir();
    const imported = await gloss('--data', data, 'import', SEEDS_DIR);
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/5 imported, 0 already there, 0 failed/);
    const again = await gloss('--data', data, 'import', join(SEEDS_DIR, '002_31b589b1837cb86d.txt'));
    expect(again.out).toMatch(/already in the library as "Russia Collaborates with Central Asia to Prevent Terrorist Infiltration"/);

    const list = await gloss('--data', data, 'list', '--json');
    expect(list.code).toBe(0);
    const docs = JSON.parse(list.out) as { id: string; title: string; source: string; words: number; tags: string[]; highlights: number }[];
    expect(docs).toHaveLength(5);
    for (const d of docs) {
      expect(Object.keys(d)).toEqual(expect.arrayContaining(['id', 'title', 'source', 'words', 'tags', 'highlights']));
      expect(d.title).not.toMatch(/^(logo|#|\d{1,2} \w+ \d{4}|\w{3}, \d+ \w+ \d{4})$/);
    }
    expect(docs.map((d) => d.title)).toContain('In 2020, 22 terrorist cells were neutralized in the CIS');
  });

  it('searches, exports Markdown and reports errors on stderr with a non-zero exit', async () => {
    const data = await tempDir();
    await gloss('--data', data, 'import', SEEDS_DIR);
    const search = await gloss('--data', data, 'search', 'Patrushev', '--json');
    expect(JSON.parse(search.out).documents.map((d: { title: string }) => d.title)).toEqual([
      'In 2020, 22 terrorist cells were neutralized in the CIS',
    ]);
    const none = await gloss('--data', data, 'search', 'qwertyuiopasdf');
    expect(none.err).toBe('Nothing matches "qwertyuiopasdf".\n');
    const typo = await gloss('--data', data, 'search', 'Patrushv');
    expect(typo.err).toBe('Nothing matches "Patrushv". Did you mean: gloss search "Patrushev"\n');
    // A pasted page: refused with how long a search may be, not with the checker's words.
    const long = await gloss('--data', data, 'search', 'tide '.repeat(120));
    expect(long.code).toBe(2);
    expect(long.err).toMatch(/^gloss: A search is at most 500 characters long; this one has 599\./);
    const empty = await gloss('--data', await tempDir(), 'search', 'anything');
    expect(empty.err).toMatch(/The library is empty/);

    const out = join(await tempDir(), 'notes');
    const exported = await gloss('--data', data, 'export', 'markdown', '--out', out);
    expect(exported.code).toBe(0);
    expect(await readdir(out)).toHaveLength(5);

    const bad = await gloss('--data', data, 'export', 'pdf', '--out', out);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/export needs a format \(markdown\)/);
    for (const usage of [['search'], ['import'], ['export', 'markdown'], ['list', 'extra'], []]) {
      const wrong = await gloss('--data', data, ...usage);
      expect(wrong.code, usage.join(' ')).toBe(2);
      expect(wrong.err).toMatch(/Usage: gloss/);
    }
    const unknown = await gloss('--data', data, 'frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown command/);
    const failed = await gloss('--data', data, 'import', join(data, 'nope.txt'));
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/nope\.txt does not exist/);
  });

  it('accounts for every file of a mixed folder, ignores OS junk, and exits 1 when a file failed', async () => {
    const data = await tempDir();
    const folder = await tempDir('gloss-mixed-');
    await writeFile(join(folder, 'note.md'), '# A note\n\nText.\n');
    await writeFile(join(folder, 'same-note.md'), '# A note\n\nText.\n');
    await writeFile(join(folder, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff]));
    await writeFile(join(folder, 'report.docx'), 'PK');
    await writeFile(join(folder, 'minutes.docx'), 'PK');
    await writeFile(join(folder, 'LICENSE'), 'no extension');
    await writeFile(join(folder, 'broken.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    // junk an operating system or a tool leaves: never mentioned
    await writeFile(join(folder, '.DS_Store'), 'junk');
    await writeFile(join(folder, 'Thumbs.db'), 'junk');
    await writeFile(join(folder, 'desktop.ini'), 'junk');
    await writeFile(join(folder, '~$report.docx'), 'lock');
    await mkdir(join(folder, '__MACOSX'));
    await writeFile(join(folder, '__MACOSX', '._note.md'), 'resource fork');
    const result = await gloss('--data', data, 'import', folder);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`Left      ${join(folder, 'photo.jpg')}: not a supported file type (.jpg)`);
    expect(result.out).toMatch(/Skipped {3}.*same-note\.md: already in the library as "A note"/);
    expect(result.err).toMatch(/Failed {4}broken\.txt looks like a binary file/);
    expect(result.out).toMatch(
      /1 imported, 1 already there, 1 failed, 4 files of other types left alone \(2 \.docx, 1 \.jpg, 1 without an extension\) in \d+\.\d\d s\./,
    );
    expect(result.out + result.err).not.toMatch(/DS_Store|Thumbs|desktop\.ini|MACOSX|~\$/);
    const good = await gloss('--data', await tempDir(), 'import', join(folder, 'note.md'), join(folder, 'report.docx'));
    expect(good.code).toBe(0);
    expect(good.out).toMatch(/1 imported, 0 already there, 0 failed, 1 file of other types left alone \(1 \.docx\) in \d+\.\d\d s\./);
  });

  it('shows a document: its metadata and its text as Gloss reads it, or one JSON object', async () => {
    const data = await tempDir();
    await gloss('--data', data, 'import', join(SEEDS_DIR, '002_31b589b1837cb86d.txt'));
    const [doc] = JSON.parse((await gloss('--data', data, 'list', '--json')).out) as { id: string }[];
    const shown = await gloss('--data', data, 'show', doc!.id);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/^id: {9}\S+\ntitle: {6}Russia Collaborates with Central Asia to Prevent Terrorist Infiltration\n/);
    expect(shown.out).toMatch(/\nformat: {5}text\nencoding: {3}utf-8\n/);
    expect(shown.out).toMatch(/\nsource: {5}.*002_31b589b1837cb86d\.txt\n/);
    const json = await gloss('--data', data, 'show', doc!.id.slice(0, 5), '--json');
    const parsed = JSON.parse(json.out) as { id: string; format: string; encoding: string; words: number; text: string };
    expect(parsed).toMatchObject({ id: doc!.id, format: 'text', encoding: 'utf-8' });
    expect(parsed.words).toBeGreaterThan(100);
    expect(shown.out.endsWith(`\n\n${parsed.text}\n`)).toBe(true);
    const missing = await gloss('--data', data, 'show', 'zzzzzzzz');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/No document has the id "zzzzzzzz"/);
    expect((await gloss('--data', data, 'show')).code).toBe(2);
  });

  it('runs as `npm run gloss` from a terminal', async () => {
    const data = await tempDir();
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'gloss', '--', '--data', data, 'import', SEEDS_DIR], { cwd: REPO_DIR });
    expect(stdout).toMatch(/5 imported/);
    const list = await promisify(execFile)('npm', ['run', '--silent', 'gloss', '--', '--data', data, 'list'], { cwd: REPO_DIR });
    expect(list.stdout.trim().split('\n')).toHaveLength(5);
    expect(JSON.parse(await readFile(join(data, 'library.json'), 'utf8')).documents).toHaveLength(5);
  });

  it('deletes to the Trash, lists the Trash, restores, and empties it only when told to', async () => {
    const { data, tides, orchard } = await twoNotes();
    expect((await gloss('--data', data, 'trash')).out).toBe('The Trash is empty.\n');
    const deleted = await gloss('--data', data, 'delete', tides.slice(0, 8));
    expect(deleted).toMatchObject({ code: 0, out: `Moved "Tide tables" to the Trash (gloss restore ${tides} brings it back).\n` });
    expect(JSON.parse((await gloss('--data', data, 'list', '--json')).out).map((d: { id: string }) => d.id)).toEqual([orchard]);
    expect((await gloss('--data', data, 'search', 'noon')).err).toMatch(/Nothing matches "noon"/);
    const listed = await gloss('--data', data, 'trash');
    expect(listed.out).toMatch(new RegExp(`^${tides}  deleted \\d{4}-\\d\\d-\\d\\d    0 highlights  Tide tables\\n$`));
    const json = JSON.parse((await gloss('--data', data, 'trash', '--json')).out);
    expect(json).toEqual([expect.objectContaining({ id: tides, title: 'Tide tables', trashedAt: expect.any(String), highlights: 0 })]);
    // a document in the Trash is not found by the commands that work on the library, and the other way round
    expect((await gloss('--data', data, 'show', tides)).err).toMatch(/No document has the id/);
    expect(await gloss('--data', data, 'restore', orchard)).toMatchObject({
      code: 1,
      err: expect.stringMatching(/No document in the Trash has the id/),
    });

    expect(await gloss('--data', data, 'restore', tides.slice(0, 6))).toMatchObject({ code: 0, out: 'Restored "Tide tables".\n' });
    expect((await gloss('--data', data, 'search', 'noon', '--json')).out).toContain(tides);

    await gloss('--data', data, 'delete', tides);
    await gloss('--data', data, 'delete', orchard);
    // without --yes and with no one to ask: nothing is erased
    const refused = await gloss('--data', data, 'empty-trash');
    expect(refused).toMatchObject({ code: 1, err: expect.stringMatching(/would erase 2 documents for good.*--yes/) });
    const declined = await glossWith({ answer: 'n' }, '--data', data, 'empty-trash', tides);
    expect(declined).toMatchObject({ code: 1, err: 'Nothing was erased.\n', asked: [expect.stringMatching(/^Erase "Tide tables" for good/)] });
    expect(JSON.parse((await gloss('--data', data, 'trash', '--json')).out)).toHaveLength(2);
    const one = await glossWith({ answer: 'y' }, '--data', data, 'empty-trash', tides);
    expect(one).toMatchObject({ code: 0, out: 'Erased "Tide tables" for good.\n' });
    expect(JSON.parse((await gloss('--data', data, 'trash', '--json')).out).map((d: { id: string }) => d.id)).toEqual([orchard]);
    expect(await gloss('--data', data, 'empty-trash', '--yes')).toMatchObject({ code: 0, out: 'Erased "Orchard diary" for good.\n' });
    expect(await gloss('--data', data, 'empty-trash', '-y')).toMatchObject({ code: 0, out: 'The Trash is empty.\n' });
    expect(JSON.parse((await gloss('--data', data, 'list', '--json')).out)).toEqual([]);
    expect(JSON.parse(await readFile(join(data, 'library.json'), 'utf8')).documents).toEqual([]);

    for (const usage of [['delete'], ['restore'], ['trash', 'extra'], ['delete', 'a', 'b']]) {
      const wrong = await gloss('--data', data, ...usage);
      expect(wrong.code, usage.join(' ')).toBe(2);
      expect(wrong.err).toMatch(/Usage: gloss/);
    }
  });

  it('prints, sets (also from standard input) and clears a document note', async () => {
    const { data, tides } = await twoNotes();
    const none = await gloss('--data', data, 'note', tides);
    expect(none).toMatchObject({ code: 0, out: '', err: `"Tide tables" has no note. Write one with: gloss note ${tides} "text"\n` });
    expect(await gloss('--data', data, 'note', tides.slice(0, 7), 'Check', 'the', '*tables*')).toMatchObject({
      code: 0,
      out: 'Saved the note of "Tide tables".\n',
    });
    expect((await gloss('--data', data, 'note', tides)).out).toBe('Check the *tables*\n');
    const note = '# From stdin\n\n- line one\n- line two\n';
    expect(await glossWith({ input: note }, '--data', data, 'note', tides, '-')).toMatchObject({ code: 0 });
    expect((await gloss('--data', data, 'note', tides)).out).toBe(note);
    // a note longer than a note can be is refused in words, and the note before it kept
    expect(await glossWith({ input: 'n'.repeat(200_000) }, '--data', data, 'note', tides, '-')).toMatchObject({
      code: 1,
      err: expect.stringContaining('A note is at most 100,000 characters long; this one has 200,000. Nothing was changed.'),
    });
    expect((await gloss('--data', data, 'note', tides)).out).toBe(note);
    // the note is exported with the document
    const out = join(await tempDir(), 'notes');
    await gloss('--data', data, 'export', 'markdown', '--out', out);
    expect(await readFile(join(out, 'Tide tables.md'), 'utf8')).toContain(`## Document note\n\n${note}`);
    expect(await gloss('--data', data, 'note', tides, '')).toMatchObject({ code: 0, out: 'Cleared the note of "Tide tables".\n' });
    expect((await gloss('--data', data, 'note', tides)).out).toBe('');
    expect((await gloss('--data', data, 'note')).code).toBe(2);
    expect(await gloss('--data', data, 'note', 'zzzzzzzz')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/No document has the id "zzzzzzzz"/),
    });
  });

  it('reads a note from a pipe as `npm run gloss`, and prints it while another process holds the folder', async () => {
    const { data, tides } = await twoNotes();
    const note = 'Piped *in*.\nSecond line.\n';
    const set = execFileSync('npm', ['run', '--silent', 'gloss', '--', '--data', data, 'note', tides, '-'], {
      cwd: REPO_DIR,
      input: note,
      encoding: 'utf8',
    });
    expect(set).toBe('Saved the note of "Tide tables".\n');
    // printing only reads: it works while a writer holds the lock
    const { Library } = await import('../../src-main/core/library');
    const writer = await Library.open(data, { holder: 'desktop app' });
    try {
      expect((await gloss('--data', data, 'note', tides)).out).toBe(note);
      expect((await gloss('--data', data, 'note', tides, 'changed')).err).toMatch(/in use by Gloss desktop app/);
    } finally {
      await writer.close();
    }
  });

  it('takes a word starting with "-" as an argument: older ids could start so; new ones never do', async () => {
    expect(optionsFirst(['--data', 'd', 'note', '-F4ii', '-'])).toEqual(['--data', 'd', '--', 'note', '-F4ii', '-']);
    expect(optionsFirst(['search', '-draft', 'tide', '--json', '-y', '--out=o', '--', '--data'])).toEqual([
      '--json',
      '-y',
      '--out=o',
      '--',
      'search',
      '-draft',
      'tide',
      '--data',
    ]);
    expect(optionsFirst(['-yh', 'list'])).toEqual(['-yh', '--', 'list']);
    const { data, tides } = await twoNotes();
    expect(await gloss('note', '--data', data, tides.slice(0, 6), '-x', 'marks')).toMatchObject({ code: 0 });
    expect((await gloss('--data', data, 'note', tides)).out).toBe('-x marks\n');
    // a mistyped long option is still reported as one
    expect(await gloss('--data', data, '--jsn', 'list')).toMatchObject({ code: 2, err: expect.stringMatching(/Unknown option '--jsn'/) });
    for (let i = 0; i < 5000; i++) expect(newId().startsWith('-')).toBe(false);
  });

  it('names a file that failed inside a folder by its path in that folder, so two of one name can be told apart', async () => {
    const data = await tempDir();
    const folder = await tempDir('gloss-nested-');
    await mkdir(join(folder, 'a'));
    await mkdir(join(folder, 'b', 'deep'), { recursive: true });
    await writeFile(join(folder, 'a', 'index.html'), '');
    await writeFile(join(folder, 'b', 'deep', 'index.html'), '');
    await writeFile(join(folder, 'zero.md'), '');
    await writeFile(join(folder, 'b', 'fine.md'), '# Fine\n\nText.\n');
    const result = await gloss('--data', data, 'import', folder);
    expect(result.code).toBe(1);
    const failed = result.err.split('\n').filter((line) => line.startsWith('Failed'));
    expect(failed.sort()).toEqual([
      `Failed    ${join('a', 'index.html')} is empty`,
      `Failed    ${join('b', 'deep', 'index.html')} is empty`,
      'Failed    zero.md is empty',
    ]);
    // a file named on its own is named as before
    const single = await gloss('--data', data, 'import', join(folder, 'a', 'index.html'));
    expect(single.err).toBe('Failed    index.html is empty\n');
  });

  it('import and show say how many characters of a text could not be decoded and show as �, as the README says', async () => {
    const data = await tempDir();
    const folder = await tempDir('gloss-stray-');
    const text = 'Une histoire française\n\n' + 'Le château de la forêt était très âgé; les élèves y étudiaient. '.repeat(40);
    // one byte that is not UTF-8 in a UTF-8 text
    const bytes = Buffer.concat([Buffer.from(text.slice(0, 200)), Buffer.from([0xe9]), Buffer.from(text.slice(200))]);
    await writeFile(join(folder, 'stray.txt'), bytes);
    await writeFile(join(folder, 'clean.txt'), text);
    const imported = await gloss('--data', data, 'import', join(folder, 'stray.txt'));
    expect(imported.code).toBe(0);
    // and the import says so, under the file
    expect(imported.out).toMatch(
      /^Imported {2}Une histoire française .*\n {10}note: 1 character in stray\.txt could not be read as UTF-8 and show as \uFFFD\n/m,
    );
    const [doc] = JSON.parse((await gloss('--data', data, 'list', '--json')).out) as { id: string }[];
    const shown = await gloss('--data', data, 'show', doc!.id);
    expect(shown.out).toMatch(/\nencoding: {3}utf-8\n/);
    const [meta] = shown.out.split('\n\n');
    expect(meta).toMatch(/\nnotice: {5}1 character in stray\.txt could not be read as UTF-8 and show as \uFFFD$/);
    const json = JSON.parse((await gloss('--data', data, 'show', doc!.id, '--json')).out) as { notices?: string[] };
    expect(json.notices).toEqual([expect.stringMatching(/^1 character in stray\.txt .*\uFFFD$/)]);
    // a text that decoded cleanly has no notice
    const clean = await tempDir();
    expect((await gloss('--data', clean, 'import', join(folder, 'clean.txt'))).out).not.toMatch(/note:/);
    const [cleanDoc] = JSON.parse((await gloss('--data', clean, 'list', '--json')).out) as { id: string }[];
    expect((await gloss('--data', clean, 'show', cleanDoc!.id)).out).not.toMatch(/notice:/);
  });
});
