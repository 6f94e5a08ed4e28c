import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { GlossError } from '../../src-main/core/errors';
import { normalizeFile, type NormalizedDocument } from '../../src-main/core/formats';
import { flattenXml } from '../../src-main/core/formats/epub/xml';
import { DamagedEntryError, openZip } from '../../src-main/core/formats/zip';
import {
  book,
  type BookOptions,
  type Chapter,
  concat,
  container,
  deflated,
  nav,
  type NavEntry,
  ncx,
  opf,
  type PackageOptions,
  PNG,
  rawZip,
  stored,
  xhtml,
  zerosBomb,
  zipBook,
} from './helpers/epub-books';

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
    // Backslashes are read as '/' (as Windows tools mean them), then the same guard applies.
    ['OEBPS\\..\\..\\evil.txt', "has a path leading outside the archive ('..')"],
    ['..\\..\\x', "has a path leading outside the archive ('..')"],
    ['\\etc\\passwd', 'has an absolute path'],
    ['\\\\server\\share\\x', 'has an absolute path'],
    ['C:\\Windows\\win.ini', 'names a drive (an absolute path)'],
  ])('refuses an entry named %s', (name, why) => {
    const bytes = rawZip([stored('mimetype', 'application/epub+zip'), stored(name, 'root:x:0:0')]);
    const error = refusal(() => openZip('book.epub', bytes));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(`book.epub is refused: the entry "${name}" ${why}`);
  });

  it('reads entries whose folders are separated by backslashes, as some Windows tools write them, by their "/" paths', () => {
    const zip = openZip('x.zip', rawZip([stored('OEBPS\\Text\\c1.xhtml', 'one'), stored('OEBPS\\Images\\', ''), stored('a\\..\\b.txt', 'two')]));
    expect(zip.entries.map((e) => [e.name, e.directory])).toEqual([
      ['OEBPS/Text/c1.xhtml', false],
      ['OEBPS/Images/', true],
      ['a/../b.txt', false],
    ]);
    expect(new TextDecoder().decode(zip.read('OEBPS/text/C1.xhtml'))).toBe('one');
    expect(new TextDecoder().decode(zip.read('b.txt'))).toBe('two');
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

// ---- books ----

const NAV_ITEM = '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>';
const NCX_ITEM = '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>';

const CH1 = `<h1 id="start">The Quay at Dusk</h1>
<p>Mira lit the first lantern as the ferry <em>groaned</em> against the posts.</p>
<p>Her notes on the tides are in <a href="ch2.xhtml#tides">the second chapter</a>, and the map is <a href="ch3.xhtml">at the end</a>.</p>
<p id="note1">A first note.</p>`;
const CH2 = `<h1>Salt and Brass</h1>
<p>The harbour master kept a ledger of every ship.</p>
<section id="tides"><h2>On the Tides</h2><p>High water came twice a day, an hour later each time.</p></section>
<p id="note1">A second note, with the same id as the first chapter's.</p>
<p>Back to <a href="ch1.xhtml#note1">the first note</a> or <a href="#note1">this one</a>; <a href="https://example.org/tides">a tide table</a>; <a href="javascript:alert(1)">a trap</a>.</p>`;
const CH3 = `<h1>The Map</h1><figure><img src="../images/map.png" alt="A map of the harbour"/><figcaption>The harbour, drawn by Mira.</figcaption></figure>
<p><img src="../images/fake.png" alt="Not really a picture"/></p><p><img src="../images/gone.png" alt="Lost drawing"/></p>`;

function threeChapters(): Chapter[] {
  return [
    { id: 'ch1', href: 'text/ch1.xhtml', body: CH1, title: 'One' },
    { id: 'ch2', href: 'text/ch2.xhtml', body: CH2, title: 'Two' },
    { id: 'ch3', href: 'text/ch3.xhtml', body: CH3, title: 'Three' },
  ];
}

const IMAGES = {
  'OEBPS/images/map.png': PNG,
  // Named .png, declared image/png, but an HTML file: known by its bytes, it is no image.
  'OEBPS/images/fake.png': '<html><script>alert(1)</script></html>',
};
const IMAGE_ITEMS = [
  '<item id="map" href="images/map.png" media-type="image/png"/>',
  '<item id="fake" href="images/fake.png" media-type="image/png"/>',
  '<item id="gone" href="images/gone.png" media-type="image/png"/>',
];

const TOC: NavEntry[] = [
  { label: 'The Quay at Dusk', href: 'text/ch1.xhtml' },
  { label: 'Salt and Brass', href: 'text/ch2.xhtml', children: [{ label: 'On the Tides', href: 'text/ch2.xhtml#tides' }] },
  { label: 'The Map', href: 'text/ch3.xhtml' },
];

function epub3(extra: Partial<PackageOptions> = {}, opts: BookOptions = {}): Uint8Array {
  return book(
    threeChapters(),
    {
      creators: [{ name: 'Ada Quill', role: 'aut' }, { name: 'Bo Lindqvist' }, { name: 'Cy Editor', role: 'edt' }],
      date: '2021-04-03',
      items: [NAV_ITEM, ...IMAGE_ITEMS],
      ...extra,
    },
    { 'OEBPS/nav.xhtml': nav(TOC), ...IMAGES },
    opts,
  );
}

const read = (bytes: Uint8Array, name = 'book.epub') => normalizeFile(name, bytes, { format: 'epub' });

/** The text of the block a landmark's offset starts in. */
const blockAt = (doc: NormalizedDocument, start: number) => doc.blocks.find((b) => b.start === start);

async function rejection(promise: Promise<unknown>): Promise<GlossError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GlossError);
  return error as GlossError;
}

describe('EPUB 3', () => {
  it('reads metadata, the spine in order, and chapters as sections', async () => {
    const doc = await read(epub3());
    expect(doc.format).toBe('epub');
    expect(doc.title).toBe('The Lantern Keeper');
    expect(doc.meta).toMatchObject({ author: 'Ada Quill, Bo Lindqvist', language: 'en', published: '2021-04-03' });
    const headings = doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.text);
    expect(headings).toEqual(['The Quay at Dusk', 'Salt and Brass', 'On the Tides', 'The Map']);
    expect(doc.sections?.map((s) => [s.label, blockAt(doc, s.start)?.text])).toEqual([
      ['The Quay at Dusk', 'The Quay at Dusk'],
      ['Salt and Brass', 'Salt and Brass'],
      ['The Map', 'The Map'],
    ]);
    expect(doc.notices).toEqual([]);
    // The canonical text is the blocks laid end to end.
    for (const b of doc.blocks) expect(doc.text.slice(b.start, b.start + b.text.length)).toBe(b.text);
  });

  it('takes the table of contents from the navigation document, nesting as levels, each entry at its target', async () => {
    const doc = await read(epub3());
    expect(doc.toc?.map((t) => [t.label, t.level, blockAt(doc, t.start)?.text])).toEqual([
      ['The Quay at Dusk', 1, 'The Quay at Dusk'],
      ['Salt and Brass', 1, 'Salt and Brass'],
      ['On the Tides', 2, 'On the Tides'],
      ['The Map', 1, 'The Map'],
    ]);
  });

  it('rewrites links between chapters to anchors of their target blocks, unique across the book', async () => {
    const doc = await read(epub3());
    const anchors = doc.blocks.map((b) => b.anchor).filter(Boolean);
    expect(new Set(anchors).size).toBe(anchors.length);
    const linksOf = (needle: string) => doc.blocks.find((b) => b.text.includes(needle))!.marks!.filter((m) => m.kind === 'link');
    const targetOf = (href: string) => doc.blocks.find((b) => `#${b.anchor}` === href)?.text;

    const [tides, end] = linksOf('Her notes on the tides');
    expect(targetOf(tides.href!)).toBe('On the Tides');
    expect(targetOf(end.href!)).toBe('The Map');
    const back = linksOf('Back to');
    expect(back.map((m) => m.href && (targetOf(m.href) ?? m.href))).toEqual([
      'A first note.',
      "A second note, with the same id as the first chapter's.",
      'https://example.org/tides',
    ]);
    // The javascript: link kept its words and lost its address.
    expect(doc.text).toContain('a trap.');
    expect(JSON.stringify(doc.blocks)).not.toMatch(/javascript:/i);
  });

  it('stores images known by their bytes; anything else (an HTML file named .png, a missing file) is a placeholder with its alt', async () => {
    const doc = await read(epub3());
    const images = doc.blocks.filter((b) => b.kind === 'image');
    expect(images.map((b) => [b.text, b.src, b.alt])).toEqual([
      ['The harbour, drawn by Mira.', 'image-1.png', 'A map of the harbour'],
      ['Not really a picture', undefined, undefined],
      ['Lost drawing', undefined, undefined],
    ]);
    expect(doc.assets).toHaveLength(1);
    expect(doc.assets[0]).toEqual({ name: 'image-1.png', bytes: PNG });
  });

  it('puts non-linear documents after the reading order, and links still reach them', async () => {
    const chapters: Chapter[] = [
      { id: 'ch1', href: 'ch1.xhtml', body: '<h1>Story</h1><p>The keeper counted<a href="notes.xhtml#n1">¹</a> the ships.</p>' },
      { id: 'notes', href: 'notes.xhtml', body: '<h1>Notes</h1><p id="n1">1. Twice, to be sure.</p>', linear: false },
      { id: 'ch2', href: 'ch2.xhtml', body: '<h1>Epilogue</h1><p>The lanterns went out at dawn.</p>' },
    ];
    const doc = await read(book(chapters));
    expect(doc.sections?.map((s) => s.label)).toEqual(['Story', 'Epilogue', 'Notes']);
    const link = doc.blocks[1].marks!.find((m) => m.kind === 'link')!;
    expect(doc.blocks.find((b) => `#${b.anchor}` === link.href)?.text).toBe('1. Twice, to be sure.');
  });

  it('adds nothing for a cover-only page it cannot store or an empty one, and shows a cover drawn in SVG as its image', async () => {
    const chapters: Chapter[] = [
      {
        id: 'cover',
        href: 'cover.xhtml',
        body: '<div><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 1 1"><image xlink:href="images/cover.png" width="1" height="1"/></svg></div>',
      },
      { id: 'blank', href: 'blank.xhtml', body: '<div>  </div><hr/>' },
      { id: 'lost', href: 'lost.xhtml', body: '<p><img src="images/nowhere.jpg"/></p>' },
      { id: 'ch1', href: 'ch1.xhtml', body: '<h1>Beginning</h1><p>Once there was a harbour.</p>' },
    ];
    const doc = await read(book(chapters, {}, { 'OEBPS/images/cover.png': PNG }));
    expect(doc.blocks.map((b) => [b.kind, b.text, b.src])).toEqual([
      ['image', '', 'image-1.png'],
      ['heading', 'Beginning', undefined],
      ['paragraph', 'Once there was a harbour.', undefined],
    ]);
    expect(doc.sections?.map((s) => s.label)).toEqual(['Chapter 1', 'Beginning']);
    expect(doc.text.startsWith('\n\nBeginning')).toBe(true);
  });

  it('reads a right-to-left book: direction from the spine or the language, language from the package', async () => {
    const chapters: Chapter[] = [
      { id: 'c1', href: 'c1.xhtml', body: '<h1>الفصل الأول</h1><p>أضاءت ميرا الفانوس الأول عند الرصيف.</p>', lang: 'ar' },
      { id: 'c2', href: 'c2.xhtml', body: '<h1>A note in English</h1><p>Written by the translator.</p>', lang: 'en' },
    ];
    const arabic = await read(book(chapters, { title: 'حارسة الفانوس', language: 'ar', direction: 'rtl' }));
    expect(arabic.title).toBe('حارسة الفانوس');
    expect(arabic.meta).toMatchObject({ language: 'ar', dir: 'rtl' });
    expect(arabic.blocks[0]).toMatchObject({ kind: 'heading', text: 'الفصل الأول' });
    expect(arabic.blocks[0].language).toBeUndefined();
    expect(arabic.blocks.find((b) => b.text === 'Written by the translator.')?.language).toBe('en');

    const hebrew = await read(
      book([{ id: 'c1', href: 'c1.xhtml', body: '<p>מירה הדליקה את הפנס הראשון.</p>', lang: 'he' }], { title: 'שומרת הפנס', language: 'he' }),
    );
    expect(hebrew.meta).toMatchObject({ language: 'he', dir: 'rtl' });
    const ltr = await read(
      book([{ id: 'c1', href: 'c1.xhtml', body: '<p>Left to right after all.</p>', lang: 'he' }], { language: 'he', direction: 'ltr' }),
    );
    expect(ltr.meta.dir).toBeUndefined();
  });

  it('lets nothing from a chapter run: scripts, handlers and javascript: addresses are gone', async () => {
    const body = `<h1>Trap</h1><script>document.title = 'pwned'</script>
<p onclick="alert(1)">Plain words<img src="../images/map.png" onerror="alert(2)" alt="The harbour map"/> stay.</p>
<iframe src="javascript:alert(3)">framed</iframe><a href="javascript:alert(4)">click</a>
<svg onload="alert(5)"><script>alert(6)</script></svg><style>body{background:url(http://example.org/x)}</style>`;
    const doc = await read(book([{ id: 'c', href: 'text/c.xhtml', body }], { items: IMAGE_ITEMS }, IMAGES));
    const everything = JSON.stringify(doc);
    for (const bad of ['alert', 'pwned', 'onerror', 'onclick', 'javascript', 'example.org', 'script']) expect(everything).not.toContain(bad);
    expect(doc.text).toContain('Plain words');
    expect(doc.blocks.some((b) => b.kind === 'image' && b.src === 'image-1.png')).toBe(true);
  });
});

describe('EPUB 2', () => {
  it('takes metadata the EPUB 2 way and the table of contents from the NCX', async () => {
    const ncxToc: NavEntry[] = [
      { label: 'The Quay at Dusk', href: 'text/ch1.xhtml#start' },
      { label: 'Salt and Brass', href: 'text/ch2.xhtml', children: [{ label: 'On the Tides', href: 'text/ch2.xhtml#tides' }] },
      { label: 'The Map', href: 'text/ch3.xhtml' },
    ];
    const bytes = book(
      threeChapters(),
      {
        version: '2.0',
        creators: [
          { name: 'Ada Quill', role: 'aut' },
          { name: 'Cy Editor', role: 'edt' },
        ],
        items: [NCX_ITEM, ...IMAGE_ITEMS],
        ncxId: 'ncx',
      },
      { 'OEBPS/toc.ncx': ncx(ncxToc), ...IMAGES },
    );
    const doc = await read(bytes);
    expect(doc.meta.author).toBe('Ada Quill');
    expect(doc.toc?.map((t) => [t.label, t.level, blockAt(doc, t.start)?.text])).toEqual([
      ['The Quay at Dusk', 1, 'The Quay at Dusk'],
      ['Salt and Brass', 1, 'Salt and Brass'],
      ['On the Tides', 2, 'On the Tides'],
      ['The Map', 1, 'The Map'],
    ]);
  });

  it('reads a sloppy package: an undeclared dc: prefix, an HTML entity in a chapter, a windows-1252 chapter', async () => {
    const sloppyOpf = opf(threeChapters().slice(0, 1), { title: 'Loose Ends' }).replace(' xmlns:dc="http://purl.org/dc/elements/1.1/"', '');
    const latin = new Uint8Array([
      ...new TextEncoder().encode('<?xml version="1.0" encoding="windows-1252"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>Caf'),
      0xe9,
      ...new TextEncoder().encode(' au bord de l\u2019eau.</p></body></html>'.replace('\u2019', "'")),
    ]);
    const bytes = zipBook({
      'META-INF/container.xml': container(),
      'OEBPS/content.opf': sloppyOpf
        .replace('</manifest>', '<item id="fr" href="fr.xhtml" media-type="application/xhtml+xml"/></manifest>')
        .replace('</spine>', '<itemref idref="fr"/></spine>'),
      'OEBPS/text/ch1.xhtml': xhtml('One', '<p>Mira&nbsp;waited&mdash;and the ferry came.</p>'),
      'OEBPS/fr.xhtml': latin,
    });
    const doc = await read(bytes);
    expect(doc.title).toBe('Loose Ends');
    expect(doc.meta.author).toBe('Ada Quill');
    expect(doc.text).toContain('Mira\u00a0waited—and the ferry came.');
    expect(doc.text).toContain("Café au bord de l'eau.");
  });

  it('decodes chapters, the package and the NCX as they declare, with WHATWG labels (iso-8859-1, latin1, us-ascii = windows-1252)', async () => {
    // Bytes 0x80–0x9F are windows-1252's curly quotes and dashes, C1 controls in ISO-8859-1 proper.
    const cp1252 = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));
    const chapters = [
      { id: 'a', href: 'a.xhtml', body: '' },
      { id: 'b', href: 'b.xhtml', body: '' },
    ];
    const page = (label: string, body: string) =>
      cp1252(
        `<?xml version="1.0" encoding="${label}"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body>${body}</body></html>`,
      );
    const bytes = zipBook({
      'META-INF/container.xml': container(),
      'OEBPS/content.opf': cp1252(
        opf(chapters, { version: '2.0', title: '\x93Harbour\x94 \x96 Notes', items: [NCX_ITEM], ncxId: 'ncx' }).replace(
          'encoding="UTF-8"',
          'encoding="latin1"',
        ),
      ),
      'OEBPS/toc.ncx': cp1252(
        ncx([
          { label: 'Quay \x96 Dusk', href: 'a.xhtml' },
          { label: 'Brass', href: 'b.xhtml' },
        ]).replace('encoding="UTF-8"', 'encoding="us-ascii"'),
      ),
      'OEBPS/a.xhtml': page('windows-1252', '<h1>Quay</h1><p>\x93Smart quotes\x94 and caf\xe9 \x96 dash.</p>'),
      'OEBPS/b.xhtml': page('iso-8859-1', '<h1>Brass</h1><p>The harbour master\x92s ledger.</p>'),
    });
    const doc = await read(bytes);
    expect(doc.title).toBe('“Harbour” – Notes');
    expect(doc.text).toContain('“Smart quotes” and café – dash.');
    expect(doc.text).toContain('The harbour master’s ledger.');
    expect(doc.text).not.toMatch(/[\u0080-\u009f]/);
    expect(doc.sections?.map((s) => s.label)).toEqual(['Quay – Dusk', 'Brass']);
    expect(doc.notices).toEqual([]);
  });

  it('says so when a chapter has bytes its declared encoding cannot read, and reads the rest of it', async () => {
    const bad = concat([
      utf8('<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>Quay '),
      Uint8Array.of(0xff),
      utf8(' at dusk, where the ferry waits for the tide to turn.</p></body></html>'),
    ]);
    const doc = await read(
      zipBook({ 'META-INF/container.xml': container(), 'OEBPS/content.opf': opf([{ id: 'a', href: 'a.xhtml', body: '' }]), 'OEBPS/a.xhtml': bad }),
    );
    expect(doc.text).toContain('at dusk, where the ferry waits');
    expect(doc.notices.length).toBeGreaterThan(0);
    expect(doc.notices.join(' ')).toContain('OEBPS/a.xhtml');
  });
});

describe('EPUB: tolerance', () => {
  it('reads a book whose mimetype is last, ends in a newline, and lies among __MACOSX and .DS_Store junk', async () => {
    const junk = { '__MACOSX/OEBPS/._content.opf': new Uint8Array([0, 5, 22, 7, 0, 2]), '.DS_Store': new Uint8Array([0, 0, 0, 1, 66, 117, 100, 49]) };
    const doc = await read(epub3({}, { mimetype: 'last', mimetypeText: 'application/epub+zip\n', junk }));
    expect(doc.sections).toHaveLength(3);
    const none = await read(epub3({}, { mimetype: 'missing' }));
    expect(none.text).toBe(doc.text);
  });

  it('uses the headings when the book has neither a navigation document nor an NCX', async () => {
    const doc = await read(book(threeChapters(), { items: IMAGE_ITEMS }, IMAGES));
    expect(doc.toc).toBeUndefined();
    expect(doc.sections?.map((s) => s.label)).toEqual(['The Quay at Dusk', 'Salt and Brass', 'The Map']);
    expect(doc.blocks.filter((b) => b.kind === 'heading').length).toBe(4);
  });

  it('skips a chapter missing from the archive with a notice, and reads the rest', async () => {
    const chapters = threeChapters();
    chapters[1].missing = true;
    const doc = await read(book(chapters, { items: IMAGE_ITEMS }, IMAGES));
    expect(doc.notices).toEqual(['OEBPS/text/ch2.xhtml is listed in the book but missing from it; it was skipped.']);
    expect(doc.sections?.map((s) => s.label)).toEqual(['The Quay at Dusk', 'The Map']);
    // The link to the missing chapter keeps its words, not an address to nowhere.
    const para = doc.blocks.find((b) => b.text.startsWith('Her notes'))!;
    expect(para.marks?.filter((m) => m.kind === 'link').map((m) => doc.blocks.find((b) => `#${b.anchor}` === m.href)?.text)).toEqual(['The Map']);
  });

  it('skips a damaged chapter with a notice; refuses a book none of whose chapters can be read', async () => {
    const ch = xhtml('One', '<p>Readable words.</p>');
    const base = [
      stored('mimetype', 'application/epub+zip'),
      stored('META-INF/container.xml', container()),
      stored(
        'OEBPS/content.opf',
        opf([
          { id: 'a', href: 'a.xhtml', body: '' },
          { id: 'b', href: 'b.xhtml', body: '' },
        ]),
      ),
    ];
    const doc = await read(rawZip([...base, stored('OEBPS/a.xhtml', ch), { ...stored('OEBPS/b.xhtml', ch), crc: 42 }]));
    expect(doc.text).toBe('Readable words.');
    expect(doc.notices).toEqual(['OEBPS/b.xhtml is damaged and could not be read; it was skipped.']);
    const error = await rejection(read(rawZip(base)));
    expect(error.message).toBe('book.epub is damaged (none of the chapters it lists can be read)');
  });

  it('reads a book whose fonts are obfuscated, and refuses one whose chapters are encrypted (DRM)', async () => {
    const encryption = (algorithm: string, uri: string) => `<?xml version="1.0"?>
<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
  <enc:EncryptedData><enc:EncryptionMethod Algorithm="${algorithm}"/><enc:CipherData><enc:CipherReference URI="${uri}"/></enc:CipherData></enc:EncryptedData>
</encryption>`;
    const fonts = book(
      threeChapters().slice(0, 1),
      {},
      { 'META-INF/encryption.xml': encryption('http://www.idpf.org/2008/embedding', 'OEBPS/fonts/serif.otf') },
    );
    expect((await read(fonts)).text).toContain('Mira lit the first lantern');
    const drm = book(
      threeChapters().slice(0, 1),
      {},
      { 'META-INF/encryption.xml': encryption('http://www.w3.org/2001/04/xmlenc#aes128-cbc', 'OEBPS/text/ch1.xhtml') },
    );
    const error = await rejection(read(drm));
    expect(error.code).toBe('unsupported');
    expect(error.message).toBe('book.epub is protected by DRM (its chapters are encrypted); Gloss can only read books without DRM');
  });
});

describe('EPUB: broken and hostile files', () => {
  it('refuses what is not a zip, and a book cut short', async () => {
    expect((await rejection(read(new TextEncoder().encode('Just some text, not a book.')))).message).toBe(
      'book.epub is not an EPUB (not a zip archive)',
    );
    const whole = epub3();
    const error = await rejection(read(whole.subarray(0, whole.length - 200)));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('book.epub is damaged (the archive is cut short)');
  });

  it('refuses a book without a package document: no container, or a container pointing nowhere', async () => {
    const message = 'novel.epub has no package document (META-INF/container.xml does not point to one)';
    const noContainer = zipBook({ 'OEBPS/content.opf': opf(threeChapters()) });
    expect((await rejection(read(noContainer, 'novel.epub'))).message).toBe(message);
    const nowhere = zipBook({ 'META-INF/container.xml': container('OEBPS/missing.opf'), 'OEBPS/content.opf': opf(threeChapters()) });
    expect((await rejection(read(nowhere, 'novel.epub'))).message).toBe(message);
    const empty = zipBook({ 'META-INF/container.xml': '<container><rootfiles/></container>' });
    expect((await rejection(read(empty, 'novel.epub'))).message).toBe(message);
  });

  it('uses the first rootfile the archive holds, past one naming a missing file or another kind of rendition; refuses when none is there', async () => {
    const rootfiles = (...files: [string, string][]) =>
      `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>${files
        .map(([path, type]) => `<rootfile full-path="${path}" media-type="${type}"/>`)
        .join('')}</rootfiles></container>`;
    const OPF = 'application/oebps-package+xml';
    const files = {
      'OEBPS/content.opf': opf(threeChapters(), { title: 'The Second Rootfile' }),
      'OEBPS/other.opf': opf(threeChapters(), { title: 'The Third Rootfile' }),
      'OEBPS/book.pdf': '%PDF-1.4',
      ...Object.fromEntries(threeChapters().map((c) => [`OEBPS/${c.href}`, xhtml(c.id, c.body)])),
    };
    const first = rootfiles(['missing.opf', OPF], ['OEBPS/content.opf', OPF], ['OEBPS/other.opf', OPF]);
    expect((await read(zipBook({ ...files, 'META-INF/container.xml': first }))).title).toBe('The Second Rootfile');
    const pdfFirst = rootfiles(['OEBPS/book.pdf', 'application/pdf'], ['OEBPS/', OPF], ['OEBPS/content.opf', OPF]);
    expect((await read(zipBook({ ...files, 'META-INF/container.xml': pdfFirst }))).title).toBe('The Second Rootfile');
    const none = rootfiles(['missing.opf', OPF], ['OEBPS/gone.opf', OPF], ['OEBPS/book.pdf', 'application/pdf']);
    expect((await rejection(read(zipBook({ ...files, 'META-INF/container.xml': none }), 'novel.epub'))).message).toBe(
      'novel.epub has no package document (META-INF/container.xml does not point to one)',
    );
  });

  it('reads a book whose entries are named with backslashes, and refuses one whose backslashed entry climbs out', async () => {
    const chapters = [{ id: 'c1', href: 'Text/c1.xhtml', body: '<h1>Quay</h1><p>The ferry came in at dusk, backslashes and all.</p>' }];
    const files = [
      stored('mimetype', 'application/epub+zip'),
      stored('META-INF\\container.xml', container()),
      stored('OEBPS\\content.opf', opf(chapters, { title: 'Written on Windows' })),
      deflated('OEBPS\\Text\\c1.xhtml', xhtml('Quay', chapters[0].body)),
    ];
    const doc = await read(rawZip(files));
    expect(doc.title).toBe('Written on Windows');
    expect(doc.text).toContain('The ferry came in at dusk, backslashes and all.');
    expect((await rejection(read(rawZip([...files, stored('..\\..\\evil.txt', 'x')])))).message).toBe(
      `book.epub is refused: the entry "..\\..\\evil.txt" has a path leading outside the archive ('..')`,
    );
  });

  it('never fetches an entity a DTD declares (a plain-text one is filled in once): a title left blank names the book by its file', async () => {
    const withDtd = (title: string, subset: string) =>
      opf(threeChapters().slice(0, 1), { title }).replace('<?xml version="1.0" encoding="UTF-8"?>', `$&\n<!DOCTYPE package [${subset}]>`);
    const bookWith = (packageDocument: string, chapter = xhtml('One', CH1)) =>
      zipBook({ 'META-INF/container.xml': container(), 'OEBPS/content.opf': packageDocument, 'OEBPS/text/ch1.xhtml': chapter });
    const named = 'the-lantern_keeper.epub';
    const external = await read(bookWith(withDtd('&xxe;', '<!ENTITY xxe SYSTEM "file:///etc/hostname">')), named);
    expect(external.title).toBe('the lantern keeper');
    // a plain-text entity the package declares for itself is its text, as a browser reads it
    const internal = await read(bookWith(withDtd('&t;', '<!ENTITY t "The Lantern Keeper">')), named);
    expect(internal.title).toBe('The Lantern Keeper');
    // one that would nest others (a "billion laughs") is dropped
    const laughs = await read(bookWith(withDtd('&b;', '<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;">')), named);
    expect(laughs.title).toBe('the lantern keeper');
    const blank = await read(bookWith(opf(threeChapters().slice(0, 1), { title: '  \n ' })), named);
    expect(blank.title).toBe('the lantern keeper');
    // An entity HTML knows is still read (the sloppy package's HTML parse), and the book keeps its title.
    const known = await read(bookWith(opf(threeChapters().slice(0, 1), { title: 'Tides &mdash; and Salt' })), named);
    expect(known.title).toBe('Tides — and Salt');
    // A chapter's own entities: plain text filled in, an external one dropped; its DTD leaves nothing in the text.
    const chapter = xhtml('One', '<p>Before &loc; after &ext;, where the ferry waits.</p>').replace(
      '<!DOCTYPE html>',
      '<!DOCTYPE html [<!ENTITY loc "the quay"><!ENTITY ext SYSTEM "file:///etc/hostname">]>',
    );
    const local = await read(bookWith(opf(threeChapters().slice(0, 1)), chapter));
    expect(local.text).toContain('Before the quay after , where the ferry waits.');
    expect(local.text).not.toContain('&');
    expect(local.text).not.toContain(']>');
  });

  it("refuses a book with a '../../etc/passwd' entry", async () => {
    const bytes = rawZip([
      stored('mimetype', 'application/epub+zip'),
      stored('META-INF/container.xml', container()),
      stored('../../etc/passwd', 'root:x:0:0'),
    ]);
    expect((await rejection(read(bytes))).message).toBe(
      `book.epub is refused: the entry "../../etc/passwd" has a path leading outside the archive ('..')`,
    );
  });

  it('refuses a chapter that expands far past what it declares, and one declaring gigabytes', async () => {
    const ok = [
      stored('mimetype', 'application/epub+zip'),
      stored('META-INF/container.xml', container()),
      stored('OEBPS/content.opf', opf([{ id: 'a', href: 'a.xhtml', body: '' }])),
    ];
    const lying = rawZip([...ok, { name: 'OEBPS/a.xhtml', data: zerosBomb(128), method: 8, size: 2000, crc: 0 }]);
    expect((await rejection(read(lying))).message).toBe('book.epub is refused: "OEBPS/a.xhtml" expands to more than the 2000 bytes it declares');
    const declared = rawZip([...ok, { ...deflated('OEBPS/a.xhtml', 'x'), size: 0xfffffff0 }]);
    expect((await rejection(read(declared))).message).toBe('book.epub is refused: an entry would expand to more than 64 MB ("OEBPS/a.xhtml")');
  });

  it('refuses a book declaring a million entries', async () => {
    const bytes = rawZip([stored('mimetype', 'application/epub+zip'), stored('META-INF/container.xml', container())], { declareEntries: 1_000_000 });
    expect((await rejection(read(bytes))).message).toMatch(/^book\.epub is refused: it holds 1,000,000 files/);
  });

  it('says plainly when a book has nothing to read', async () => {
    const error = await rejection(read(book([{ id: 'a', href: 'a.xhtml', body: '<div> </div>' }])));
    expect(error.message).toBe('book.epub has no text Gloss can show');
  });

  it('reads a book nested thousands of levels deep (table of contents and chapter) without hanging or overflowing the stack', async () => {
    const depth = 20_000;
    const deepNav = xhtml(
      'Contents',
      `<nav epub:type="toc"><ol>${'<li><a href="c1.xhtml">Deeper</a><ol>'.repeat(depth)}<li><a href="c1.xhtml">Bottom</a></li>${'</ol></li>'.repeat(depth)}</ol></nav>`,
    );
    const deepChapter = `<h1>Down</h1><ul>${'<li>deeper'.repeat(depth)}${'</li>'.repeat(depth)}</ul><p>Back up.</p>`;
    const doc = await read(book([{ id: 'c1', href: 'c1.xhtml', body: deepChapter }], { items: [NAV_ITEM] }, { 'OEBPS/nav.xhtml': deepNav }));
    expect(doc.toc!.length).toBeGreaterThan(50);
    expect(doc.toc!.length).toBeLessThan(200);
    expect(doc.toc!.every((t) => t.level! <= 9)).toBe(true);
    expect(doc.text).toContain('Back up.');
    expect(doc.text.split('deeper').length - 1).toBe(depth);
  });

  it('skips a chapter too large to read as a document, with a notice', async () => {
    const ok = [
      stored('mimetype', 'application/epub+zip'),
      stored('META-INF/container.xml', container()),
      stored(
        'OEBPS/content.opf',
        opf([
          { id: 'a', href: 'a.xhtml', body: '' },
          { id: 'b', href: 'b.xhtml', body: '' },
        ]),
      ),
      stored('OEBPS/a.xhtml', xhtml('A', '<p>A short chapter.</p>')),
    ];
    const doc = await read(rawZip([...ok, { ...deflated('OEBPS/b.xhtml', 'x'), size: 40 * MB }]));
    expect(doc.text).toBe('A short chapter.');
    expect(doc.notices).toEqual(['OEBPS/b.xhtml is too large to read (40 MB); it was skipped.']);
  });
});

describe('flattenXml', () => {
  it('unwraps elements past 120 levels in balanced XML, and leaves sloppy markup to the HTML parser', () => {
    const deep = `<r>${'<d>'.repeat(200)}text${'</d>'.repeat(200)}</r>`;
    const flat = flattenXml(deep);
    expect(flat).toBe(`<r>${'<d>'.repeat(119)}text${'</d>'.repeat(119)}</r>`);
    const sloppy = `<body>${'<p>para '.repeat(200)}<br></body>`;
    expect(flattenXml(sloppy)).toBe(sloppy);
    const shallow = '<?xml version="1.0"?><!DOCTYPE html><html><body><p>a<br/>b</p><!-- <x> --></body></html>';
    expect(flattenXml(shallow)).toBe(shallow);
  });
});
