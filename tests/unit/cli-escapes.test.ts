// Hostile names and titles on the command line: a terminal obeys the escapes a title or a file name may
// carry (ESC ] 52 writes the clipboard, ESC [ 2J clears the screen), so none may reach it raw.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src-main/cli/run';
import { jsonText, printable } from '../../src-main/cli/printable';
import { tempDir } from './helpers/temp';

async function gloss(io: { terminal?: boolean }, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(argv, { out: (t) => (out += t), err: (t) => (err += t), ...io });
  return { code, out, err };
}

const ESC = '\x1b';
const BEL = '\x07';
const CSI = '\u009b';
/** What a terminal obeys: ESC, BEL, CSI (U+009B, "\xC2\x9B" in UTF-8) and every other C0 but line breaks and tabs, DEL and C1. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this must find
const OBEYED = /[\0-\x08\x0b-\x1f\x7f-\x9f]/;

/** The bytes written, as a terminal receives them, hold none of ESC, BEL and CSI. */
function expectSafe(text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  expect(bytes.includes(0x1b)).toBe(false);
  expect(bytes.includes(0x07)).toBe(false);
  expect(bytes.includes(Buffer.from([0xc2, 0x9b]))).toBe(false);
  expect(text).not.toMatch(OBEYED);
}

/** A folder of files whose names and first lines carry escapes, and one such file that fails. */
async function hostileFolder() {
  const folder = await tempDir('gloss-hostile-');
  await mkdir(join(folder, 'sub'));
  await writeFile(
    join(folder, 'osc.txt'),
    `Title ${ESC}]52;c;ZWNobyBwd25lZA==${BEL} Line\n\nThe body of the first hostile text, which says little at all.\n`,
  );
  await writeFile(
    join(folder, 'page.html'),
    `<!doctype html><html><head><title>${ESC}]0;PWNED${BEL}${ESC}[2J${CSI}31mRed Title</title></head>` +
      `<body><article><h1>Red Title</h1><p>A page whose title clears the screen and renames the window.</p></article></body></html>`,
  );
  await writeFile(join(folder, 'sub', `esc${ESC}[31mred${ESC}[0m${CSI}2J.txt`), 'a file name that paints the terminal red\n');
  await writeFile(join(folder, 'sub', `empty${ESC}]0;x${BEL}.md`), '');
  await writeFile(join(folder, 'sub', `other${ESC}[2J.docx`), 'PK');
  return folder;
}

describe('the command line writes no control character from a document or a file name', () => {
  it('import, list, show and search escape them, and the stored titles hold none', async () => {
    const data = await tempDir();
    const folder = await hostileFolder();
    const imported = await gloss({}, '--data', data, 'import', folder);
    expect(imported.code).toBe(1); // the empty file failed
    expectSafe(imported.out);
    expectSafe(imported.err);
    expect(imported.out).toContain('Imported  Title Line  ');
    expect(imported.out).toContain('Imported  Red Title  ');
    // the file name is shown with its escapes visible, not obeyed
    expect(imported.out).toContain(`esc\\x1b[31mred\\x1b[0m\\x9b2J.txt`);
    expect(imported.err).toContain(`empty\\x1b]0;x\\x07.md is empty`);
    expect(imported.out).toContain(`other\\x1b[2J.docx: not a supported file type`);

    const json = await gloss({}, '--data', data, 'list', '--json');
    expectSafe(json.out);
    const docs = JSON.parse(json.out) as { id: string; title: string; source: string }[];
    expect(docs.map((d) => d.title).sort()).toEqual(['Red Title', 'Title Line', 'a file name that paints the terminal red']);
    for (const d of docs) expect(d.title).not.toMatch(OBEYED);
    // the JSON keeps the file name as it is, escaped the JSON way
    expect(docs.map((d) => d.source)).toContain(join(folder, 'sub', `esc${ESC}[31mred${ESC}[0m${CSI}2J.txt`));

    const list = await gloss({}, '--data', data, 'list');
    expectSafe(list.out + list.err);
    for (const d of docs) {
      for (const terminal of [true, false]) {
        const shown = await gloss({ terminal }, '--data', data, 'show', d.id);
        expect(shown.code).toBe(0);
        expectSafe(shown.err);
        const [meta] = shown.out.split('\n\n');
        expectSafe(meta!);
        if (terminal) expectSafe(shown.out);
      }
      expectSafe((await gloss({}, '--data', data, 'show', d.id, '--json')).out);
    }
    const search = await gloss({}, '--data', data, 'search', 'title');
    expectSafe(search.out + search.err);
  });

  it('show writes a text as stored into a pipe and escapes its control characters on a terminal', async () => {
    const data = await tempDir();
    const folder = await tempDir('gloss-hostile-');
    await writeFile(join(folder, 'bell.txt'), `A quiet title for a loud text\n\nIt rings${BEL} and clears${ESC}[2J the screen.\n`);
    expect((await gloss({}, '--data', data, 'import', folder)).code).toBe(0);
    const [doc] = JSON.parse((await gloss({}, '--data', data, 'list', '--json')).out) as { id: string }[];
    const piped = await gloss({ terminal: false }, '--data', data, 'show', doc!.id);
    expect(piped.out).toContain(`rings${BEL} and clears${ESC}[2J the screen.`);
    const shown = await gloss({ terminal: true }, '--data', data, 'show', doc!.id);
    expectSafe(shown.out);
    expect(shown.out).toContain('rings\\x07 and clears\\x1b[2J the screen.');
  });

  it('printable shows C0 (but line breaks and tabs), DEL and C1 as \\xHH; jsonText escapes DEL and C1 as JSON does C0', () => {
    expect(printable(`a${ESC}[2Jb${BEL}\tc\nd\x7f${CSI}é`)).toBe('a\\x1b[2Jb\\x07\tc\nd\\x7f\\x9bé');
    expect(printable('plain text, “quoted”, 日本語')).toBe('plain text, “quoted”, 日本語');
    const value = { title: `x${ESC}y\x7f${CSI}z` };
    const json = jsonText(value);
    expectSafe(json);
    expect(JSON.parse(json)).toEqual(value);
  });
});
