import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { GlossError } from '../../src-main/core/errors';
import { DamagedEntryError, openZip } from '../../src-main/core/formats/zip';
import { concat, deflated, rawZip, stored, zerosBomb } from './helpers/epub-books';

const MB = 1024 * 1024;
const utf8 = (text: string) => new TextEncoder().encode(text);

/** The GlossError `run` throws (failing the test when it throws nothing or something else). */
function refusal(run: () => unknown): GlossError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GlossError);
    return error as GlossError;
  }
  throw new Error('expected a refusal, got none');
}

describe('zip: reading archives', () => {
  it('reads stored and deflated entries, by exact path or ignoring case and ./ segments', () => {
    const text = 'A lantern swung above the quay. '.repeat(200);
    const bytes = zipSync({ 'a/One.txt': [utf8('one'), { level: 0 }], 'a/b/two.txt': utf8(text), 'empty/': new Uint8Array(0) });
    const zip = openZip('x.zip', bytes);
    expect(zip.entries.map((e) => [e.name, e.directory])).toEqual([
      ['a/One.txt', false],
      ['a/b/two.txt', false],
      ['empty/', true],
    ]);
    expect(zip.entries.slice(0, 2).map((e) => e.method)).toEqual([0, 8]);
    expect(new TextDecoder().decode(zip.read('a/One.txt'))).toBe('one');
    expect(new TextDecoder().decode(zip.read(zip.find('A/./B/../b/TWO.TXT')!))).toBe(text);
    expect(zip.inflated).toBe(3 + text.length);
    expect(zip.find('../a/One.txt')).toBeUndefined();
  });

  it('reads an archive with bytes prepended to it (offsets shifted)', () => {
    const bytes = concat([utf8('#!/bin/sh\necho self-extracting\n'), zipSync({ 'note.txt': utf8('still here') })]);
    expect(new TextDecoder().decode(openZip('x.zip', bytes).read('note.txt'))).toBe('still here');
  });

  it('refuses what is not a zip, and a zip cut short, naming the file', () => {
    expect(refusal(() => openZip('book.epub', utf8('<html>not a book</html>'), { kind: 'an EPUB' })).message).toBe(
      'book.epub is not an EPUB (not a zip archive)',
    );
    expect(refusal(() => openZip('book.epub', new Uint8Array(0), { kind: 'an EPUB' })).message).toBe('book.epub is not an EPUB (not a zip archive)');
    const whole = zipSync({ 'a.txt': utf8('some text '.repeat(1000)), 'b.txt': utf8('more') });
    const cut = refusal(() => openZip('book.epub', whole.subarray(0, Math.floor(whole.length * 0.7)), { kind: 'an EPUB' }));
    expect(cut.code).toBe('invalid_input');
    expect(cut.message).toBe('book.epub is damaged (the archive is cut short)');
  });

  it.each([
    ['../../etc/passwd', "has a path leading outside the archive ('..')"],
    ['OEBPS/../../escape.xhtml', "has a path leading outside the archive ('..')"],
    ['/etc/passwd', 'has an absolute path'],
    ['C:/Windows/win.ini', 'names a drive (an absolute path)'],
    ['OEBPS\\..\\..\\evil.txt', 'has a backslash in its path'],
  ])('refuses an entry named %s', (name, why) => {
    const bytes = rawZip([stored('mimetype', 'application/epub+zip'), stored(name, 'root:x:0:0')]);
    const error = refusal(() => openZip('book.epub', bytes));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(`book.epub is refused: the entry "${name}" ${why}`);
  });

  it('keeps entries whose ".." stays inside the archive', () => {
    const zip = openZip('x.zip', rawZip([stored('a/../b.txt', 'fine')]));
    expect(new TextDecoder().decode(zip.read('b.txt'))).toBe('fine');
  });

  it('refuses an archive declaring a million entries from its end record, before walking anything', () => {
    const bytes = rawZip([stored('a.txt', 'one')], { declareEntries: 1_000_000 });
    expect(bytes.length).toBeLessThan(300);
    expect(refusal(() => openZip('book.epub', bytes)).message).toBe(
      'book.epub is refused: it holds 1,000,000 files, more than the 10,000 Gloss reads from one archive',
    );
  });

  it('refuses a real archive of 10,001 files and reads one of 10,000', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 10_000; i++) files[`f/${i}.txt`] = new Uint8Array(0);
    expect(openZip('ok.zip', zipSync(files)).entries).toHaveLength(10_000);
    files['one-more.txt'] = new Uint8Array(0);
    expect(refusal(() => openZip('many.zip', zipSync(files))).message).toMatch(/^many\.zip is refused: it holds 10,001 files/);
  });

  it('refuses an entry declaring more than 64 MB, and entries declaring more than 512 MB together, without inflating', () => {
    const big = rawZip([{ ...deflated('huge.bin', 'tiny'), size: 4 * 1024 * MB - 1 }]);
    expect(refusal(() => openZip('book.epub', big)).message).toBe('book.epub is refused: an entry would expand to more than 64 MB ("huge.bin")');
    // 42.zip's shape: many entries, each under the per-entry cap, far past it together.
    const many = rawZip(Array.from({ length: 16 }, (_, i) => ({ ...deflated(`layer${i}.bin`, 'tiny'), size: 60 * MB })));
    expect(refusal(() => openZip('book.epub', many)).message).toBe('book.epub is refused: its files would expand to more than 512 MB in all');
  });

  it('stops inflating an entry the moment it passes the size it declared (a lying header costs one small step)', () => {
    const bomb = zerosBomb(256);
    expect(bomb.length).toBeLessThan(300_000);
    const zip = openZip('book.epub', rawZip([{ name: 'chapter.xhtml', data: bomb, method: 8, size: 1000, crc: 0 }]));
    const error = refusal(() => zip.read('chapter.xhtml'));
    expect(error.message).toBe('book.epub is refused: "chapter.xhtml" expands to more than the 1000 bytes it declares');
    expect(zip.inflated).toBe(0);
  });

  it('caps what is really inflated in total across reads, whatever the entries declare', () => {
    // Entries that are read more than once (or share their data) count every time they are inflated.
    const entries = Array.from({ length: 2 }, (_, i) => deflated(`part${i}.bin`, new Uint8Array(MB)));
    const zip = openZip('x.zip', rawZip(entries), { limits: { maxTotalBytes: 2.5 * MB, maxEntryBytes: 2 * MB } });
    zip.read('part0.bin');
    zip.read('part1.bin');
    expect(refusal(() => zip.read('part0.bin')).message).toBe('x.zip is refused: its files would expand to more than 3 MB in all');
    expect(zip.inflated).toBe(2 * MB);
  });

  it('refuses encrypted entries, and calls an entry with a bad checksum or unknown compression damaged', () => {
    const zip = openZip(
      'x.zip',
      rawZip([
        { ...stored('secret.txt', 'xxxx'), flags: 1 },
        { ...stored('bad.txt', 'text'), crc: 1234 },
        { ...stored('lzma.txt', 'zz'), method: 14 as 0 },
      ]),
    );
    expect(refusal(() => zip.read('secret.txt')).message).toBe(
      'x.zip is refused: "secret.txt" is encrypted (password-protected archives cannot be read)',
    );
    const bad = refusal(() => zip.read('bad.txt'));
    expect(bad).toBeInstanceOf(DamagedEntryError);
    expect(bad.message).toBe('x.zip is damaged ("bad.txt" does not match its checksum)');
    expect(refusal(() => zip.read('lzma.txt'))).toBeInstanceOf(DamagedEntryError);
  });

  it('calls corrupt deflate data damaged rather than crashing', () => {
    const good = deflated('a.txt', 'words '.repeat(500));
    const data = good.data.slice();
    data.fill(0xff, 2, 40);
    const error = refusal(() => openZip('x.zip', rawZip([{ ...good, data }])).read('a.txt'));
    expect(error).toBeInstanceOf(DamagedEntryError);
    expect(error.message).toMatch(/^x\.zip is damaged \("a\.txt" (cannot be decompressed|does not match its checksum)\)$/);
  });
});
