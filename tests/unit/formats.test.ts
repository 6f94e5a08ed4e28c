import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GlossError } from '../../src-main/core/errors';
import { isSupportedFile, normalizeFile } from '../../src-main/core/formats';
import { IMPORT_EXTENSIONS, MAX_IMPORT_BYTES } from '../../src-main/core/formats/catalog';
import { encode, expectConsistent } from './helpers/reading-model';
import { SEEDS_DIR as SEEDS } from './helpers/temp';

const seedFiles = readdirSync(SEEDS)
  .filter((f) => f.endsWith('.txt'))
  .sort();
const seed = (prefix: string) => {
  const file = seedFiles.find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`seed ${prefix} missing from ${SEEDS}`);
  return { file, bytes: new Uint8Array(readFileSync(path.join(SEEDS, file))) };
};

async function refusal(name: string, bytes: Uint8Array, code = 'invalid_input'): Promise<GlossError> {
  try {
    await normalizeFile(name, bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(GlossError);
    expect((error as GlossError).code).toBe(code);
    return error as GlossError;
  }
  throw new Error(`${name} was not refused`);
}

describe('normalizeFile on the seed corpus', () => {
  it('finds the five seeds', async () => {
    expect(seedFiles.length).toBe(5);
  });

  it.each(seedFiles)('%s: canonical text, offsets, hash, words', async (file) => {
    const bytes = readFileSync(path.join(SEEDS, file));
    const doc = await normalizeFile(file, bytes);
    expect(doc.format).toBe('text');
    expectConsistent(doc);
    const raw = bytes.toString('utf8');
    expect(
      new TextDecoder()
        .decode(bytes)
        .replace(/^\uFEFF/, '')
        .replace(/\r\n?/g, '\n'),
    ).toBe(raw.replace(/\r\n?/g, '\n'));
    expect(doc.hash).toBe(
      createHash('sha256')
        .update(
          new TextDecoder()
            .decode(bytes)
            .replace(/^\uFEFF/, '')
            .replace(/\r\n?/g, '\n'),
        )
        .digest('hex'),
    );
    // every non-empty line is a block (rules become breaks, bullets lose their marker)
    const lines = raw.split('\n').filter((l) => l.trim() !== '');
    expect(doc.blocks.length).toBe(lines.length);
    expect(doc.words).toBeGreaterThan(100);
    expect(doc.words).toBeLessThanOrEqual(raw.split(/\s+/).filter(Boolean).length);
    for (const block of doc.blocks) {
      expect(block.text).toBe(block.text.trim());
      expect(block.text).not.toMatch(/[ \t]{2,}/);
    }
  });

  it('keeps the 24,000-character line of 001 as one paragraph', async () => {
    const { file, bytes } = seed('001');
    const longLine = Buffer.from(bytes)
      .toString('utf8')
      .split('\n')
      .find((l) => l.length > 20000);
    expect(longLine).toBeDefined();
    const doc = await normalizeFile(file, bytes);
    const holding = doc.blocks.filter((b) => b.text.length > 20000);
    expect(holding).toHaveLength(1);
    expect(holding[0].kind).toBe('paragraph');
    expect(holding[0].text).toBe(longLine!.replace(/\s+/g, ' ').trim());
  });

  it('turns the bullet lines of 001 into list items without the marker', async () => {
    const { file, bytes } = seed('001');
    const doc = await normalizeFile(file, bytes);
    const bulletLines = Buffer.from(bytes)
      .toString('utf8')
      .split('\n')
      .filter((l) => /^\s*•\s/.test(l));
    const items = doc.blocks.filter((b) => b.kind === 'listItem');
    expect(items.length).toBe(bulletLines.length);
    expect(items.map((b) => b.text)).toEqual(bulletLines.map((l) => l.replace(/^\s*•\s+/, '').trim()));
    expect(items[0]).toMatchObject({ text: 'General', ordered: false, level: 1 });
    expect(doc.blocks.some((b) => b.text.includes('•'))).toBe(false);
  });

  it('gives the same text and hash for BOM, CRLF and lone-CR variants', async () => {
    const { bytes } = seed('004');
    const text = Buffer.from(bytes).toString('utf8');
    const plain = await normalizeFile('a.txt', bytes);
    const variants = [
      new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]),
      encode(text.replace(/\n/g, '\r\n')),
      new Uint8Array([0xef, 0xbb, 0xbf, ...encode(text.replace(/\n/g, '\r\n'))]),
      encode(text.replace(/\n/g, '\r')),
    ];
    for (const variant of variants) {
      const doc = await normalizeFile('b.txt', variant);
      expect(
        new TextDecoder()
          .decode(bytes)
          .replace(/^\uFEFF/, '')
          .replace(/\r\n?/g, '\n'),
      ).not.toMatch(/[\r\uFEFF]/);
      expect(doc.hash).toBe(plain.hash);
      expect(doc.text).toBe(plain.text);
      expect(doc.blocks).toEqual(plain.blocks);
      expect(doc.title).toBe(plain.title);
    }
  });
});

describe('refused files', () => {
  it('reads text that is not UTF-8 in its own encoding, and says where bytes were invalid (encodings.test.ts has the rest)', async () => {
    const bytes = new Uint8Array([...encode('Caf'), 0xe9, ...encode(' au lait, latin-1 style\n')]);
    const latin1 = await normalizeFile('latin1.txt', bytes);
    expect(latin1.text).toBe('Café au lait, latin-1 style');
    expect(latin1.meta.encoding).toBe('windows-1252');
    const cut = await normalizeFile('cut.md', new Uint8Array([...encode('Hello '), 0xe2, 0x82]));
    expect(cut.text).toBe('Hello \uFFFD');
    expect(cut.meta.encoding).toBe('utf-8');
    expect(cut.notices).toEqual(['1 character in cut.md could not be read as UTF-8 and show as \uFFFD']);
  });

  it('refuses binary files', async () => {
    const withNul = new Uint8Array([...encode('%PDF-1.4\n'), 0, 1, 2, 3, ...encode('stream')]);
    expect((await refusal('report.txt', withNul)).message).toBe('report.txt looks like a binary file, not text');
    const controls = new Uint8Array(400).map((_, i) => (i % 3 === 0 ? 0x41 : (i % 7) + 1));
    expect((await refusal('blob.md', controls)).message).toBe('blob.md looks like a binary file, not text');
    // UTF-16 text carries NUL bytes too, and is read
    const utf16 = await normalizeFile('wide.txt', new Uint8Array(Buffer.from('\uFEFFHello world', 'utf16le')));
    expect(utf16.text).toBe('Hello world');
    expect(utf16.meta.encoding).toBe('utf-16le');
  });

  it('refuses empty and whitespace-only files', async () => {
    expect((await refusal('empty.txt', new Uint8Array())).message).toBe('empty.txt is empty');
    expect((await refusal('blank.md', encode(' \r\n\t\n\u00a0\n'))).message).toBe('blank.md is empty');
    expect((await refusal('bom.txt', new Uint8Array([0xef, 0xbb, 0xbf]))).message).toBe('bom.txt is empty');
  });

  it('refuses other file types by extension, naming the file without its folder', async () => {
    expect((await refusal('/home/me/paper.docx', encode('perfectly good text'), 'unsupported')).message).toBe(
      'paper.docx is not a supported file type (.docx); Gloss imports Plain text (.txt), Markdown (.md, .markdown), Web page (.html, .htm, .xhtml), EPUB (.epub), PDF (.pdf)',
    );
    expect((await refusal('notes', encode('text'), 'unsupported')).message).toContain('is not a supported file type');
    expect((await refusal('.md', encode('text'), 'unsupported')).message).toContain('is not a supported file type');
  });

  it('refuses a file with zero bytes anywhere, not only near the start', async () => {
    const bytes = encode(`${'A perfectly ordinary line of text.\n'.repeat(2000)}`);
    for (let i = 1; i <= 100; i++) bytes[bytes.length - 7 * i] = 0;
    expect((await refusal('late-nuls.txt', bytes)).message).toMatch(/binary/);
  });

  it('refuses a file over the size limit, naming the limit', async () => {
    const error = await refusal('huge.txt', new Uint8Array(MAX_IMPORT_BYTES + 5 * 1024 * 1024), 'too_large');
    expect(error.message).toBe(`huge.txt is 133 MB, more than the 128 MB Gloss can import from one file; split it into parts and import those.`);
  });

  it('knows its extensions, in any case', async () => {
    expect([...IMPORT_EXTENSIONS]).toEqual(['.txt', '.md', '.markdown', '.html', '.htm', '.xhtml', '.epub', '.pdf']);
    for (const ok of ['a.txt', 'B.TXT', 'dir/c.md', 'C:\\x\\d.Markdown']) expect(isSupportedFile(ok)).toBe(true);
    for (const ok of ['a.PDF', 'b.epub', 'c.htm', 'd.XHTML']) expect(isSupportedFile(ok)).toBe(true);
    for (const no of ['a.docx', 'a.txt.exe', 'README', 'a.mobi', '.txt']) expect(isSupportedFile(no)).toBe(false);
    expect((await normalizeFile('LOUD.TXT', encode('Hello there\n'))).format).toBe('text');
  });
});

describe('plain text blocks', () => {
  const sample = [
    'A  headline\twith   odd spacing  ',
    '',
    'First paragraph line one.',
    'Line two is its own paragraph.',
    '   • indented bullet',
    '- dash bullet',
    '* star bullet',
    '◦ hollow bullet',
    '1. first step',
    '12) twelfth step',
    '***',
    '- - -',
    '___',
    '-not a bullet',
    '2020 was a year.',
  ].join('\n');
  let doc: Awaited<ReturnType<typeof normalizeFile>>;
  beforeAll(async () => {
    doc = await normalizeFile('sample.txt', encode(sample));
  });

  it('makes a block of every non-empty line, collapsing spaces and trimming', async () => {
    expectConsistent(doc);
    expect(doc.blocks[0]).toMatchObject({ kind: 'paragraph', text: 'A headline with odd spacing' });
    expect(doc.blocks[1]).toMatchObject({ kind: 'paragraph', text: 'First paragraph line one.' });
    expect(doc.blocks[2]).toMatchObject({ kind: 'paragraph', text: 'Line two is its own paragraph.' });
    expect(doc.blocks.length).toBe(sample.split('\n').filter((l) => l.trim()).length);
  });

  it('recognises bullets, numbers and rules', async () => {
    const kinds = doc.blocks.slice(3).map((b) => [b.kind, b.text, b.ordered, b.number]);
    expect(kinds).toEqual([
      ['listItem', 'indented bullet', false, undefined],
      ['listItem', 'dash bullet', false, undefined],
      ['listItem', 'star bullet', false, undefined],
      ['listItem', 'hollow bullet', false, undefined],
      ['listItem', 'first step', true, 1],
      ['listItem', 'twelfth step', true, 12],
      ['break', '', undefined, undefined],
      ['break', '', undefined, undefined],
      ['break', '', undefined, undefined],
      ['paragraph', '-not a bullet', undefined, undefined],
      ['paragraph', '2020 was a year.', undefined, undefined],
    ]);
  });

  it('keeps a very long line as a single paragraph', async () => {
    const words = Array.from({ length: 4000 }, (_, i) => `word${i}`);
    const line = words.join(' ');
    expect(line.length).toBeGreaterThan(24000);
    const long = await normalizeFile('long.txt', encode(`Title of the long one\n${line}\n`));
    expect(long.blocks.map((b) => b.kind)).toEqual(['paragraph', 'paragraph']);
    expect(long.blocks[1].text).toBe(line);
    expect(long.words).toBe(4000 + 5);
  });

  it('counts words a person would count', async () => {
    const counted = await normalizeFile('w.txt', encode("407,000 people didn't stay — here | there\n"));
    expect(counted.words).toBe(6);
  });
});
