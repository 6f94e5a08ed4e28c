// Web pages through the real parser: pages written for these tests in the shapes of news, blog and wiki
// templates (tests/fixtures/html), pages saved "complete", pages in legacy encodings, right-to-left
// pages and hostile ones; and the HTML → blocks converter the Markdown and EPUB parsers share.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { tinyPng } from './helpers/png';
import { crc32 } from '../../src-main/core/formats/zip';
import { describe, expect, it } from 'vitest';
import { GlossError } from '../../src-main/core/errors';
import { normalizeFile, type NormalizedDocument } from '../../src-main/core/formats';
import type { BlockDraft } from '../../src-main/core/formats/blocks';
import { parseHtml } from '../../src-main/core/formats/html';
import { relativeImagePath } from '../../src-main/core/formats/html/assets';
import { declaredCharset } from '../../src-main/core/formats/html/charset';
import { MAX_NESTING, prepareMarkup } from '../../src-main/core/formats/html/prepare';
import { domToBlocks } from '../../src-main/core/formats/html/dom-blocks';
import { htmlToBlocks, htmlToInline, sanitizedDocument } from '../../src-main/core/formats/html/sanitize';
import type { Block, InlineMark } from '../../src-main/core/model';
import { encode, expectConsistent } from './helpers/reading-model';
import { tempDir } from './helpers/temp';

const FIXTURES = path.resolve(__dirname, '../fixtures/html');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const importPage = (name: string, bytes = fixture(name)) => normalizeFile(name, bytes, { format: 'html' });

/** Asserts that each of `parts` occurs in `text`, in this order. */
function expectInOrder(text: string, parts: readonly string[]): void {
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    expect(at, `"${part}" after offset ${from}`).toBeGreaterThanOrEqual(0);
    from = at + part.length;
  }
}

function expectAbsent(text: string, junk: readonly string[]): void {
  for (const piece of junk) expect(text, `"${piece}" should not be in the text`).not.toContain(piece);
}

const marked = (block: Pick<Block, 'text' | 'marks'>, kind: InlineMark['kind']) =>
  (block.marks ?? []).filter((m) => m.kind === kind).map((m) => block.text.slice(m.start, m.end));

const strip = (blocks: BlockDraft[]) =>
  blocks.map(({ kind, text, level, ordered, number, quote, checked, head, lang }) => ({
    kind,
    text,
    level,
    ordered,
    number,
    quote,
    checked,
    head,
    lang,
  }));

describe('a news article page', async () => {
  const doc = await importPage('news-article.html');

  it('holds the article paragraphs in order, as a consistent reading model', () => {
    expectConsistent(doc);
    expectInOrder(doc.text, [
      'Three tidal turbines moored off the north pier of Kelmsford',
      'The project, run by a cooperative of fishermen',
      'People laughed when we said the tide would pay for the lights',
      'Storm Idris was the real test',
      'Engineers had worried that the strongest gales',
      'The cooperative plans to add two more turbines',
      'Not everyone is convinced.',
    ]);
    expect(doc.blocks.find((b) => b.text === 'Storm Idris was the real test')?.kind).toBe('heading');
  });

  it('leaves out the navigation, ticker, share buttons, ads, related stories, comments, footer and cookie banner', () => {
    expectAbsent(doc.text, [
      'Subscribe today', 'Business', 'BREAKING', 'Ferry timetable', 'Share on', 'Email this story', 'Advertisement', 'Sunny Deals',
      'Crunchy Oat', 'Cheap flights', 'Related stories', 'Offshore wind farm', 'Comments (3)', 'SeaDog77', 'nan worked', 'Post comment',
      'All rights reserved', 'Privacy policy', 'cookies', 'Manage preferences', 'morning briefing', 'logo',
    ]); // prettier-ignore
  });

  it('reads the title, byline, site name, date and language from the page metadata', () => {
    expect(doc.title).toBe('Tidal turbines light up Kelmsford harbour for the first winter');
    expect(doc.meta).toMatchObject({
      author: 'Mira Okonjo',
      siteName: 'The Harbour Ledger',
      published: '2024-02-11T07:30:00Z',
      language: 'en-GB',
      encoding: 'utf-8',
    });
  });

  it('keeps the figure as an image with its caption and alt text, and no remote address', () => {
    const figure = doc.blocks.find((b) => b.kind === 'image');
    expect(figure).toMatchObject({
      text: 'The turbines were raised for inspection in early February. Photo: Harbour Ledger',
      alt: 'Three yellow turbine hubs lifted above the water on a grey morning',
    });
    expect(figure?.src).toBeUndefined();
    expect(doc.assets).toEqual([]);
    expect(JSON.stringify(doc)).not.toContain('cdn.harbour-ledger.example');
  });
});

describe('a blog post page', async () => {
  const doc = await importPage('blog-post.html');

  it('keeps lists, code, a poem and a task list as their blocks', () => {
    expectConsistent(doc);
    expect(doc.blocks.filter((b) => b.kind === 'listItem' && b.ordered).map((b) => [b.number, b.text])).toEqual([
      [1, 'Shorter bulk fermentation, watched rather than timed.'],
      [2, 'About 5% more water, because the air up here is dry.'],
      [3, 'A slightly hotter oven for the first fifteen minutes.'],
    ]);
    const code = doc.blocks.find((b) => b.kind === 'code');
    expect(code).toMatchObject({ lang: 'python' });
    expect(code?.text).toBe('feedings = [("08:00", 1.0), ("20:00", 1.2)]\nfor time, ratio in feedings:\n    print(f"{time}  ratio {ratio:.1f}")');
    const poem = doc.blocks.find((b) => b.kind === 'pre');
    expect(poem?.text).toBe('The dough went up\n      the dough went down\nthe loaf came out\n      a bready crown');
    expect(doc.blocks.filter((b) => b.checked !== undefined).map((b) => [b.text, b.checked])).toEqual([
      ['Feed the starter the night before', true],
      ['Buy rye flour', false],
    ]);
  });

  it('keeps inline formatting, heading anchors and the in-page link to them', () => {
    const water = doc.blocks.find((b) => b.kind === 'heading' && b.text === 'Water boils sooner, dough rises faster');
    expect(water?.anchor).toBe('water');
    const closing = doc.blocks.find((b) => b.text.startsWith('If you bake up high too'))!;
    expect(closing.marks).toEqual([{ kind: 'link', start: 71, end: 87, href: '#water' }]);
    expect(marked(closing, 'link')).toEqual(['section on water']);
    expect(
      marked(
        doc.blocks.find((b) => b.text.startsWith('Lower air pressure'))!,
        'strong',
      ),
    ).toEqual(['cooler water']);
    // The no-break space between 22 and °C is content, not collapsible whitespace.
    expect(doc.text).toContain('22\u00a0°C');
  });

  it('leaves out the sidebar, tag cloud, post navigation, comments and comment form', () => {
    expectAbsent(doc.text, [
      'A baking notebook', 'Recent Posts', 'Archives', 'Search for', 'Tags', 'cake', 'Previous:', 'Focaccia for a crowd', 'Greta',
      'colder fridge', 'Leave a Reply', 'Required fields', 'Post Comment', 'Proudly powered', 'Posted in', 'Tagged',
    ]); // prettier-ignore
  });

  it('takes the title from the heading the <title> names, not a guess split at its colon', () => {
    expect(doc.title).toBe('Sourdough at altitude: what changed when I moved to the hills');
    expect(doc.meta).toMatchObject({
      author: 'Tomasz Wierzbicki',
      siteName: 'Crumb & Crust',
      published: '2023-10-02T18:00:00+02:00',
      language: 'en',
    });
  });
});

describe('a wiki article page', async () => {
  const doc = await importPage('wiki-article.html');

  it('keeps the article and its data table with the header row', () => {
    expectConsistent(doc);
    expectInOrder(doc.text, [
      'Glimmerfen Lighthouse is a disused lighthouse',
      'The tower is built of local grey brick',
      'History',
      'A light on the point was first proposed',
      'The original lamp burned colza oil.',
      'Keepers',
      'Twelve principal keepers served at Glimmerfen.',
      'Ellen Penhale took over the light',
    ]);
    const keepers = doc.blocks.find((b) => b.kind === 'table' && b.text.startsWith('Keeper'));
    expect(keepers).toMatchObject({
      head: 1,
      text: 'Keeper\tFrom\tTo\tYears\nJosiah Penhale\t1871\t1898\t27\nEllen Penhale\t1898\t1919\t21\nHugh Tregarthen\t1931\t1955\t24',
    });
    expect(doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toEqual(['History', 'Keepers', 'References']);
  });

  it('drops the [edit] links, the contents box and the site navigation', () => {
    expectAbsent(doc.text, [
      '[edit]', 'Contents', 'Log in', 'Create account', 'View history', 'Random article', 'Donate', 'What links here', 'Printable version',
      'From Openpedia', 'Categories', '1871 establishments', 'last edited', 'Privacy policy', 'Lighthouses of Lowmarsh', 'Anvil Rock',
    ]); // prettier-ignore
  });

  it('keeps footnote links and the anchors they point at', () => {
    const first = doc.blocks.find((b) => b.text.startsWith('Glimmerfen Lighthouse is'))!;
    expect(first.marks).toContainEqual(expect.objectContaining({ kind: 'link', href: '#cite_note-1' }));
    expect(marked(first, 'strong')).toEqual(['Glimmerfen Lighthouse']);
    const note = doc.blocks.find((b) => b.anchor === 'cite_note-1');
    expect(note).toMatchObject({ kind: 'listItem', ordered: true, number: 1 });
    expect(note?.text).toContain('Lowmarsh Coastal Survey, 1995, p. 14.');
    expect(doc.blocks.find((b) => b.anchor === 'History')?.kind).toBe('heading');
  });

  it('takes the title without the site name', () => {
    expect(doc.title).toBe('Glimmerfen Lighthouse');
    expect(doc.meta).toMatchObject({ siteName: 'Openpedia', language: 'en', dir: 'ltr' });
  });
});

describe('titles written with escaped markup', () => {
  it('keeps "<div>" in a title as the characters it is, from the <title> and from the metadata', async () => {
    const page = (head: string) =>
      new TextEncoder().encode(
        `<html><head>${head}</head><body><p>Body text about &lt;div&gt; elements, which every page is built of.</p></body></html>`,
      );
    const fromTitle = await importPage('lt.html', page('<title>Using &lt;div&gt; and a &lt; b in HTML</title>'));
    expect(fromTitle.title).toBe('Using <div> and a < b in HTML');
    expect(fromTitle.text).toContain('Body text about <div> elements');
    const fromMeta = await importPage('og.html', page('<meta property="og:title" content="Why &lt;blink&gt; went away"><title>x</title>'));
    expect(fromMeta.title).toBe('Why <blink> went away');
  });
});

describe('a page saved "complete" with its _files folder', () => {
  it('names the images beside it as assets to store, each once, and leaves the rest placeholders', async () => {
    const dir = await tempDir();
    const files = path.join(dir, 'Moths of June_files');
    await mkdir(files);
    const elephant = tinyPng(200);
    const buffTip = tinyPng(90);
    await writeFile(path.join(files, 'elephant-hawk.png'), elephant);
    await writeFile(path.join(files, 'buff-tip.png'), buffTip);
    const pagePath = path.join(dir, 'Moths of June.html');
    await writeFile(pagePath, fixture('saved-complete.html'));

    const doc = await normalizeFile(pagePath, new Uint8Array(await readFile(pagePath)), { format: 'html' });
    expectConsistent(doc);
    const images = doc.blocks.filter((b) => b.kind === 'image');
    expect(images.map((b) => [b.src, b.text, b.alt])).toEqual([
      ['img-1.png', 'The elephant hawk-moth, pink and olive, the star of the night.', "An elephant hawk-moth on the trap's egg boxes"],
      ['img-2.png', 'A buff-tip moth, which looks like a broken twig', undefined],
      ['img-3.png', 'A poplar hawk-moth (the photo did not save)', undefined],
      ['img-1.png', 'The elephant hawk-moth again, from the side', undefined],
      ['img-4.png', 'A one pixel data picture', undefined],
    ]);
    const refs = doc.assets.filter((a) => 'ref' in a);
    expect(refs).toEqual([
      { name: 'img-1.png', ref: 'Moths of June_files/elephant-hawk.png' },
      { name: 'img-2.png', ref: 'Moths of June_files/buff-tip.png' },
      { name: 'img-3.png', ref: 'Moths of June_files/missing.png' },
    ]);
    // Each ref is a path from the page's folder to the file the page showed (the missing one stays missing).
    const beside = (asset: (typeof refs)[number]) => readFile(path.join(dir, (asset as { ref: string }).ref));
    expect(new Uint8Array(await beside(refs[0]))).toEqual(elephant);
    expect(new Uint8Array(await beside(refs[1]))).toEqual(buffTip);
    await expect(beside(refs[2])).rejects.toThrow();
    // The data: image travels as its own bytes, in a buffer of its own (assets are transferred between threads).
    const data = doc.assets.find((a) => a.name === 'img-4.png');
    expect(data && 'bytes' in data).toBe(true);
    const bytes = (data as { bytes: Uint8Array }).bytes;
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
    expectAbsent(doc.text, ['Field Notes', 'Archive', 'Comments are closed']);
    expect(doc.title).toBe('Moths of June');
  });

  it('accepts only relative paths that stay inside the page folder', () => {
    expect(relativeImagePath('./My%20Page_files/photo.JPG?v=3#x')).toBe('My Page_files/photo.JPG');
    expect(relativeImagePath('img/../img/./a.webp')).toBe('img/a.webp');
    expect(relativeImagePath('My Page_files\\b.gif')).toBe('My Page_files/b.gif');
    for (const bad of [
      '../secret.png', 'a/../../b.png', '/etc/x.png', '\\\\server\\share\\x.png', '//host/x.png', 'https://host/x.png', 'file:///x.png',
      'C:\\x.png', '%2e%2e/x.png', '%2Fetc/x.png', 'javascript%3Aalert(1).png', 'photo.svg', 'notes.txt', 'a%00.png', '',
    ]) expect(relativeImagePath(bad), bad).toBeUndefined(); // prettier-ignore
  });
});

describe('encodings', () => {
  const page = (charsetTag: string, body: string) =>
    `<!DOCTYPE html><html lang="%LANG%"><head>${charsetTag}<title>T</title></head><body><article>${body}</article></body></html>`;

  it('reads a windows-1252 page that declares its charset in <meta charset>', async () => {
    const sentence = 'Café Müller’s “Crème brûlée” costs 4,50 € — a bargain, said Zoë.';
    const html = page(
      '<meta charset="windows-1252">',
      `<h1>Menu</h1><p>${sentence}</p><p>Second paragraph: ½ price on Mondays • see the board.</p>`,
    ).replace('%LANG%', 'en');
    const bytes = new Uint8Array(iconv.encode(html, 'windows-1252'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const doc = await importPage('menu.html', bytes);
    expect(doc.meta.encoding).toBe('windows-1252');
    expect(doc.text).toContain(sentence);
    expect(doc.text).toContain('½ price on Mondays • see the board.');
  });

  it('reads a Shift_JIS page that declares its charset with http-equiv', async () => {
    const paragraphs = [
      '町の川沿いにある小さな図書館が、半年間の改修工事を終えて今週から再び利用できるようになりました。',
      '新しい閲覧室には大きな窓があり、川の流れを眺めながら本を読むことができます。',
      '子ども向けの絵本コーナーも広くなり、週末には読み聞かせの会が開かれる予定です。',
    ];
    const html = page(
      '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">',
      `<h1>川沿いの図書館が新しくなりました</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}`,
    ).replace('%LANG%', 'ja');
    const bytes = new Uint8Array(iconv.encode(html, 'Shift_JIS'));
    const doc = await importPage('toshokan.html', bytes);
    expectConsistent(doc);
    expect(doc.meta).toMatchObject({ encoding: 'shift_jis', language: 'ja' });
    expectInOrder(doc.text, paragraphs);
    expect(doc.text).not.toContain('\ufffd');
  });

  it("honours a UTF-16 byte order mark over what the page declares, and the user's choice over both", async () => {
    const html = page('<meta charset="windows-1252">', '<p>Ångström and Ølsen met in Tromsø on a long summer evening by the harbour.</p>').replace(
      '%LANG%',
      'no',
    );
    const utf16 = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(html, 'utf16le')]));
    const doc = await importPage('bom.html', utf16);
    expect(doc.meta.encoding).toBe('utf-16le');
    expect(doc.text).toContain('Ångström and Ølsen met in Tromsø');

    const latin = new Uint8Array(iconv.encode(html, 'windows-1252'));
    const forced = await normalizeFile('bom.html', latin, { format: 'html', encoding: 'iso-8859-5' });
    expect(forced.meta.encoding).not.toBe('windows-1252');
    expect(forced.text).not.toContain('Ångström');
  });

  it('finds the declaration the way a browser prescans: the first 1024 bytes, outside comments', () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    expect(declaredCharset(bytes('<html><head><meta charset=Shift_JIS>'))).toBe('shift_jis');
    expect(declaredCharset(bytes('<meta content="text/html; charset=\'koi8-r\'" http-equiv="content-type">'))).toBe('koi8-r');
    expect(declaredCharset(bytes('<!-- <meta charset="big5"> --><meta charset="euc-kr">'))).toBe('euc-kr');
    expect(declaredCharset(bytes(`<!doctype html>${' '.repeat(1100)}<meta charset="gbk">`))).toBeUndefined();
    expect(declaredCharset(bytes('<?xml version="1.0" encoding="ISO-8859-2"?><html>'))).toBe('iso-8859-2');
    expect(declaredCharset(bytes('<meta charset="utf-16">'))).toBe('utf-8');
    expect(declaredCharset(bytes('<meta name="description" content="charset=big5">'))).toBeUndefined();
  });
});

describe('a right-to-left page', async () => {
  const doc = await importPage('rtl-arabic.html');

  it('is read as Arabic, right to left, with the one English paragraph marked as such', () => {
    expectConsistent(doc);
    expect(doc.meta).toMatchObject({
      language: 'ar',
      dir: 'rtl',
      author: 'سلمى حداد',
      siteName: 'صحيفة الحي',
      published: '2024-04-20T09:00:00+03:00',
    });
    expect(doc.title).toBe('حديقة المدينة تفتح أبوابها من جديد');
    const english = doc.blocks.find((b) => b.text.startsWith('The garden is open every day'));
    expect(english).toMatchObject({ kind: 'paragraph', dir: 'ltr', language: 'en' });
    const arabic = doc.blocks.find((b) => b.text.startsWith('افتتحت البلدية'));
    expect(arabic?.dir).toBeUndefined();
    expect(arabic?.language).toBeUndefined();
    expect(doc.blocks.find((b) => b.kind === 'quote')?.text).toBe('«أردنا أن تكون الحديقة مكانا يلتقي فيه الجيران كل مساء»، قالت المديرة في كلمتها.');
    expectAbsent(doc.text, ['الرئيسية', 'رياضة', 'جميع الحقوق محفوظة']);
  });

  it('is taken as right to left from its letters when it says nothing', async () => {
    const html = `<html><body><p>${'שלום עולם, זהו משפט בעברית שנכתב לבדיקה בלבד. '.repeat(4)}</p></body></html>`;
    const parsed = await parseHtml({ name: 'he.html', bytes: encode(html) });
    expect(parsed.meta.dir).toBe('rtl');
  });
});

describe('a hostile page', async () => {
  const doc = await importPage('hostile.html');
  const everything = JSON.stringify(doc);

  it('still gives the article paragraphs, in order', () => {
    expectConsistent(doc);
    expectInOrder(doc.text, ['Paragraph one:', 'Paragraph two:', 'Paragraph three:', 'Paragraph four:', 'Paragraph five:']);
    expect(doc.title).toBe('Garden notes: planting garlic in autumn');
  });

  it('keeps nothing that could run or load, anywhere in the result', () => {
    for (const bad of [
      'evil.example', 'javascript', 'vbscript', 'alert', 'onerror', 'onload', 'onclick', 'onmouseover', '<script', 'data:text', 'svg',
      'swf', 'hunter2', 'Flash fallback', 'svg text', 'video fallback', 'noscript pixel', 'template.png', 'mxss', 'phish', 'stolen',
      'file:', 'passwd', 'url(', '@import',
    ]) expect(everything.toLowerCase(), bad).not.toContain(bad.toLowerCase()); // prettier-ignore
    for (const block of doc.blocks) expect(block.text).not.toMatch(/<\/?[a-z]/i);
    expect(doc.assets).toEqual([]);
    expect(doc.blocks.every((b) => b.src === undefined)).toBe(true);
  });

  it('runs nothing while it reads a page', async () => {
    const page = `<html><body onload="globalThis.glossRan = 'onload'"><script>globalThis.glossRan = 'script'; window.glossRan = 'script'</script>
      <img src="x" onerror="globalThis.glossRan = 'onerror'" alt="Pic"><p>Just a paragraph about running nothing at all.</p></body></html>`;
    await parseHtml({ name: 'runs.html', bytes: encode(page) });
    await htmlToBlocks(page);
    await sanitizedDocument(page, 'text/html');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((globalThis as { glossRan?: string }).glossRan).toBeUndefined();
    const { window } = (await import('../../src-main/core/formats/html/runtime')).domRuntime();
    expect((window as unknown as { glossRan?: string }).glossRan).toBeUndefined();
  });

  it('keeps only links a reader can safely follow, and the text of the others', () => {
    const links = doc.blocks.flatMap((b) => (b.marks ?? []).filter((m) => m.kind === 'link').map((m) => m.href));
    expect(links).toEqual(['https://example.org/garlic-guide']);
    expectInOrder(doc.text, ['Click for a free seed packet or this one or that one.', 'a relative page, a data link and an old one.']);
  });

  it('shows remote and unsafe images as placeholders with their alt text', () => {
    const images = doc.blocks.filter((b) => b.kind === 'image').map((b) => b.text);
    expect(images).toEqual(expect.arrayContaining(['Shoots in January.', 'Protocol-relative picture', 'A picture outside the page folder']));
    expect(doc.blocks.find((b) => b.text === 'Shoots in January.')?.alt).toBe('A row of garlic shoots in frost');
  });
});

describe('refusals', () => {
  it('refuses an empty page, a binary file and a page with nothing to read, naming the file', async () => {
    const refusal = async (name: string, bytes: Uint8Array<ArrayBuffer>) => {
      const error = await importPage(name, bytes).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(GlossError);
      expect((error as GlossError).code).toBe('invalid_input');
      expect((error as GlossError).message).toContain(name);
      return (error as GlossError).message;
    };
    await refusal('empty.html', new Uint8Array());
    await refusal('photo.html', tinyPng(10));
    expect(
      await refusal('scripts.html', encode('<html><head><script>var a = "text";</script></head><body><script>go()</script></body></html>')),
    ).toMatch(/no text/);
  });

  it('reads absurdly deep nesting without overflowing the stack', async () => {
    const depth = 20000;
    const html = `<html><body><p>Before the pile.</p>${'<div>'.repeat(depth)}deep words${'</div>'.repeat(depth)}</body></html>`;
    const doc = await importPage('deep.html', encode(html));
    expect(doc.text).toContain('Before the pile.');
    expect(doc.text).toContain('deep words');
    // Raw HTML in Markdown goes through the same cap.
    const blocks = await htmlToBlocks(`${'<blockquote>'.repeat(depth)}innermost${'</blockquote>'.repeat(depth)}`);
    expect(blocks.map((b) => [b.kind, b.text, b.level])).toEqual([['quote', 'innermost', 9]]);
  });
});

describe('pages with no page around the article', () => {
  it('keeps a page that is all article whole, even a list of links', async () => {
    const items = Array.from({ length: 8 }, (_, i) => `<li><a href="https://example.org/essays/${i}">Essay number ${i}</a></li>`).join('');
    const html = `<html><head><title>Reading list</title></head><body><h1>Reading list</h1><ul>${items}</ul><p>Read these by Friday.</p></body></html>`;
    const doc = await importPage('list.html', encode(html));
    expect(doc.title).toBe('Reading list');
    const texts = doc.blocks.map((b) => b.text);
    expect(texts.slice(-9)).toEqual([...Array.from({ length: 8 }, (_, i) => `Essay number ${i}`), 'Read these by Friday.']);
    expect(doc.blocks.filter((b) => b.kind === 'listItem')).toHaveLength(8);
    expect(doc.blocks.find((b) => b.text === 'Essay number 3')?.marks).toEqual([
      { kind: 'link', start: 0, end: 14, href: 'https://example.org/essays/3' },
    ]);
  });

  it('reads a book-sized page whole, every chapter kept', async () => {
    const parts: string[] = ['<nav class="book-nav"><a href="#ch1">Start</a></nav>'];
    for (let c = 1; c <= 60; c++) {
      parts.push(`<h2 id="ch${c}">Chapter ${c}</h2>`);
      for (let p = 1; p <= 45; p++)
        parts.push(
          `<p>Chapter ${c}, paragraph ${p}: the walkers kept to the river path, talking of rain and harvest and the long road ahead, and stopped at dusk.</p>`,
        );
    }
    const doc = await importPage(
      'book.html',
      encode(`<html lang="en"><head><title>River Book</title></head><body>${parts.join('\n')}</body></html>`),
    );
    expect(doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.anchor)).toEqual(Array.from({ length: 60 }, (_, i) => `ch${i + 1}`));
    expect(doc.blocks.filter((b) => b.kind === 'paragraph')).toHaveLength(60 * 45);
    expect(doc.text).not.toContain('Start');
    expect(doc.text).toContain('Chapter 60, paragraph 45:');
  });

  it('reads an XHTML page as XML, so self-closed elements are empty', async () => {
    const xhtml = `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="fr"><head><title>Carnet</title></head>
<body><p><a id="p1"/>Premier paragraphe du carnet, écrit au bord du lac.</p><p>Second paragraphe.<br/>Avec un retour à la ligne.</p></body></html>`;
    const parsed = await parseHtml({ name: 'carnet.xhtml', bytes: encode(xhtml) });
    expect(parsed.meta.language).toBe('fr');
    expect(strip(parsed.blocks).map((b) => b.text)).toEqual([
      'Premier paragraphe du carnet, écrit au bord du lac.',
      'Second paragraphe.\nAvec un retour à la ligne.',
    ]);
    expect(parsed.blocks[0].anchor).toBe('p1');
    expect(parsed.blocks[0].marks).toBeUndefined();
    expect(parsed.notices).toEqual([]);

    const broken = await parseHtml({
      name: 'broken.xhtml',
      bytes: encode('<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Caf&eacute; notes<p>More</body></html>'),
    });
    expect(broken.notices).toEqual(['broken.xhtml is not well-formed XHTML; Gloss read it as HTML.']);
    expect(broken.blocks.map((b) => b.text)).toEqual(['Café notes', 'More']);
  });
});

describe('markup before parsing', () => {
  it('empties styles and scripts (not JSON-LD), and is not fooled by tags in comments or scripts', () => {
    const markup =
      '<head><script type="application/ld+json">{"headline":"H"}</script><script>if (a < b) document.write("<p>x</p>")</script>' +
      '<style>p { color: red }</style></head><body><!-- <script> --><p>Kept paragraph.</p><textarea><div></textarea></body>';
    expect(prepareMarkup(markup)).toBe(
      '<head><script type="application/ld+json">{"headline":"H"}</script><script></script><style></style></head><body><!-- <script> --><p>Kept paragraph.</p><textarea><div></textarea></body>',
    );
  });

  it('unwraps only what is nested deeper than the limit, keeping its text', () => {
    const deep = (n: number) => `${'<section>'.repeat(n)}core${'</section>'.repeat(n)}`;
    expect(prepareMarkup(deep(MAX_NESTING))).toBe(deep(MAX_NESTING));
    expect(prepareMarkup(deep(MAX_NESTING + 50))).toBe(deep(MAX_NESTING));
    expect(prepareMarkup('<div/><div/>text', { xml: true, limit: 1 })).toBe('<div/><div/>text');
    expect(prepareMarkup('<div><div>text</div></div>', { limit: 1 })).toBe('<div>text</div>');
  });
});

describe('HTML to blocks (shared with Markdown and EPUB)', () => {
  it('maps headings, paragraphs, breaks and inline formatting, collapsing whitespace as a browser does', async () => {
    const blocks = await htmlToBlocks(`
      <h3 id="intro">  An   <em>intro</em>  </h3>
      <p>  Some <i>italic</i>,\n   <b>bold</b>, <code>code</code>, <kbd>Ctrl</kbd>, <del>gone</del>, <s>struck</s>
         and <a href="https://example.org/">a link</a>.<br>
         New line <strong>here</strong>  </p>
      <hr>
      <div>Loose text in a div</div>`);
    expect(strip(blocks).map((b) => [b.kind, b.text, b.level])).toEqual([
      ['heading', 'An intro', 3],
      ['paragraph', 'Some italic, bold, code, Ctrl, gone, struck and a link.\nNew line here', undefined],
      ['break', '', undefined],
      ['paragraph', 'Loose text in a div', undefined],
    ]);
    expect(blocks[0].anchor).toBe('intro');
    expect(marked(blocks[0], 'em')).toEqual(['intro']);
    const p = blocks[1];
    expect(marked(p, 'em')).toEqual(['italic']);
    expect(marked(p, 'strong')).toEqual(['bold', 'here']);
    expect(marked(p, 'code')).toEqual(['code', 'Ctrl']);
    expect(marked(p, 'strike')).toEqual(['gone', 'struck']);
    expect(p.marks?.find((m) => m.kind === 'link')).toMatchObject({ href: 'https://example.org/' });
    expect(marked(p, 'link')).toEqual(['a link']);
  });

  it('numbers ordered lists from start, value and reversed, nests levels and reads task boxes', async () => {
    const blocks = await htmlToBlocks(`
      <ol start="4"><li>four</li><li value="10">ten</li><li>eleven<ul><li>bullet<ol reversed><li>two</li><li>one</li></ol></li></ul></li></ol>
      <ul><li><input type="checkbox" checked> done</li><li><p><input type="checkbox"> open</p><p>second paragraph of the open item</p></li></ul>`);
    expect(strip(blocks).map((b) => [b.text, b.level, b.ordered, b.number, b.checked])).toEqual([
      ['four', 1, true, 4, undefined],
      ['ten', 1, true, 10, undefined],
      ['eleven', 1, true, 11, undefined],
      ['bullet', 2, false, undefined, undefined],
      ['two', 3, true, 2, undefined],
      ['one', 3, true, 1, undefined],
      ['done', 1, false, undefined, true],
      ['open\nsecond paragraph of the open item', 1, false, undefined, false],
    ]);
  });

  it('keeps quote depth, and marks headings, lists and code inside quotes', async () => {
    const blocks = await htmlToBlocks(`
      <blockquote><p>outer</p><blockquote><p>inner</p></blockquote><h2>quoted heading</h2><ul><li>quoted item</li></ul>
      <pre><code class="language-rust">fn main() {}</code></pre></blockquote><p>after</p>`);
    expect(strip(blocks)).toEqual(
      strip([
        { kind: 'quote', level: 1, text: 'outer' },
        { kind: 'quote', level: 2, text: 'inner' },
        { kind: 'heading', level: 2, text: 'quoted heading', quote: 1 },
        { kind: 'listItem', level: 1, ordered: false, text: 'quoted item', quote: 1 },
        { kind: 'code', text: 'fn main() {}', lang: 'rust', quote: 1 },
        { kind: 'paragraph', text: 'after' },
      ]),
    );
  });

  it('tells code from other preformatted text, keeping its spacing', async () => {
    const blocks = await htmlToBlocks(`<pre>
  roses  are red
    violets   are blue</pre><pre><code>x = 1\n\ty = 2\n</code></pre><pre class="lang-sql">SELECT 1;</pre><pre>line one<br>line two</pre>`);
    expect(strip(blocks).map((b) => [b.kind, b.text, b.lang])).toEqual([
      ['pre', '  roses  are red\n    violets   are blue', undefined],
      ['code', 'x = 1\n\ty = 2', undefined],
      ['code', 'SELECT 1;', 'sql'],
      ['pre', 'line one\nline two', undefined],
    ]);
  });

  it('turns a table into one block: cells by tab, rows by newline, spans filled, header rows counted', async () => {
    const [caption, table, second] = await htmlToBlocks(`
      <table><caption>Tide times</caption>
        <thead><tr><th rowspan="2">Day</th><th colspan="2">High water</th></tr><tr><th>AM</th><th>PM</th></tr></thead>
        <tbody><tr><td>Mon</td><td>06:10\tish</td><td>18:32<br>(spring)</td></tr><tr><td>Tue</td><td><a href="https://tides.example/">07:02</a></td><td>19:20</td></tr></tbody>
      </table>
      <table><tr><th>Name</th><th>Role</th></tr><tr><td>Ada</td><td><em>Analyst</em></td></tr></table>`);
    expect(caption).toMatchObject({ kind: 'paragraph', text: 'Tide times' });
    expect(table).toMatchObject({ kind: 'table', head: 2, text: 'Day\tHigh water\t\n\tAM\tPM\nMon\t06:10 ish\t18:32 (spring)\nTue\t07:02\t19:20' });
    expect(marked(table, 'link')).toEqual(['07:02']);
    expect(second).toMatchObject({ kind: 'table', head: 1, text: 'Name\tRole\nAda\tAnalyst' });
    expect(marked(second, 'em')).toEqual(['Analyst']);
  });

  it('reads a layout table as the blocks it holds', async () => {
    const blocks = await htmlToBlocks('<table><tr><td><h2>Inside</h2><p>A paragraph laid out by a table.</p></td></tr></table>');
    expect(strip(blocks).map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'Inside'],
      ['paragraph', 'A paragraph laid out by a table.'],
    ]);
  });

  it('makes figures and images image blocks, through the image callback, and drops empty ones', async () => {
    const seen: string[] = [];
    const image = (src: string) => {
      seen.push(src);
      return src === 'local.png' ? 'img-1.png' : undefined;
    };
    const blocks = await htmlToBlocks(
      `<figure><img src="local.png" alt="Alt words"><figcaption>The <em>caption</em></figcaption></figure>
       <p>Text <img src="smile.png" alt="🙂"> inline.</p>
       <img src="https://remote.example/x.png" alt="Remote one"><img src="https://remote.example/y.png"><img src="p.gif" width="1" height="1" alt="pixel">`,
      { image },
    );
    expect(blocks.map(({ kind, text, src, alt, marks }) => ({ kind, text, src, alt, marks }))).toEqual([
      { kind: 'image', text: 'The caption', src: 'img-1.png', alt: 'Alt words', marks: [{ kind: 'em', start: 4, end: 11 }] },
      { kind: 'paragraph', text: 'Text 🙂 inline.', src: undefined, alt: undefined, marks: undefined },
      { kind: 'image', text: 'Remote one', src: undefined, alt: undefined, marks: undefined },
    ]);
    // The sanitizer already removed the remote addresses: only the local one was ever offered.
    expect(seen).toEqual(['local.png']);
  });

  it('records ids as anchors and points links at ids folded into another block', async () => {
    const blocks = await htmlToBlocks(`
      <section id="part"><h2 id="part-title">Part</h2><p>See <a href="#part">the part</a> and <a href="#n1">note</a>.</p></section>
      <p>Words <span id="n1"></span>with a note anchor.</p><p>Last.<a id="end"></a></p>`);
    expect(blocks.map((b) => [b.text, b.anchor])).toEqual([
      ['Part', 'part-title'],
      ['See the part and note.', undefined],
      ['Words with a note anchor.', 'n1'],
      ['Last.', 'end'],
    ]);
    expect(blocks[1].marks?.map((m) => m.href)).toEqual(['#part-title', '#n1']);
  });

  it('applies the link and anchor callbacks', async () => {
    const blocks = await htmlToBlocks('<h2 id="s1">Section</h2><p><a href="ch2.xhtml#s4">next</a> <a href="https://x.example/">out</a></p>', {
      link: (href) => (href.startsWith('ch2.xhtml#') ? `#ch2-${href.split('#')[1]}` : undefined),
      anchor: (id) => `ch1-${id}`,
    });
    expect(blocks[0].anchor).toBe('ch1-s1');
    expect(blocks[1].marks).toEqual([{ kind: 'link', start: 0, end: 4, href: '#ch2-s4' }]);
  });

  it('marks blocks whose direction or language differ from the surrounding document', () => {
    return sanitizedDocument(
      '<html lang="en"><body><p>English.</p><p dir="rtl" lang="he">עברית כאן.</p><div lang="fr"><p>Français.</p></div></body></html>',
      'text/html',
    ).then((root) => {
      expect(domToBlocks(root).map((b) => [b.text, b.dir, b.language])).toEqual([
        ['English.', undefined, undefined],
        ['עברית כאן.', 'rtl', 'he'],
        ['Français.', undefined, 'fr'],
      ]);
    });
  });

  it('turns inline HTML into text and marks, without anything unsafe', async () => {
    const inline = await htmlToInline(
      'A <b>bold</b> and <i>slanted</i> word, <a href="javascript:alert(1)">bad</a>, <a href="https://ok.example/" onclick="x()">good</a>,<br><code>x&lt;y</code><sup>2</sup><script>alert(1)</script><img src=x onerror=alert(1)>',
    );
    expect(inline.text).toBe('A bold and slanted word, bad, good,\nx<y2');
    expect(marked(inline, 'strong')).toEqual(['bold']);
    expect(marked(inline, 'em')).toEqual(['slanted']);
    expect(inline.marks.filter((m) => m.kind === 'link')).toEqual([{ kind: 'link', start: 30, end: 34, href: 'https://ok.example/' }]);
    expect(marked(inline, 'code')).toEqual(['x<y']);
  });

  it('sanitizes raw HTML blocks: what would run or load is gone, its structure stays', async () => {
    const blocks = await htmlToBlocks(
      '<h2 onclick="x()">Raw</h2><ul><li>one</li></ul><iframe src="https://evil.example/"></iframe><style>p{}</style><svg><text>svg</text></svg><form><button>Go</button></form><p style="background:url(https://evil.example/a.png)">kept</p>',
    );
    expect(strip(blocks).map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'Raw'],
      ['listItem', 'one'],
      ['paragraph', 'kept'],
    ]);
  });

  it('reads XHTML chapters as XML and falls back to HTML when they are not well-formed', async () => {
    const good = await sanitizedDocument(
      '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml" xml:lang="de"><body><p>Eins<a id="x"/> zwei.</p><p>Drei.</p></body></html>',
      'application/xhtml+xml',
    );
    expect(good.getAttribute('lang')).toBe('de');
    expect(domToBlocks(good).map((b) => [b.text, b.anchor])).toEqual([
      ['Eins zwei.', 'x'],
      ['Drei.', undefined],
    ]);
    const broken = await sanitizedDocument(
      '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Fine&nbsp;text<p>unclosed</body></html>',
      'application/xhtml+xml',
    );
    expect(domToBlocks(broken).map((b) => b.text)).toEqual(['Fine\u00a0text', 'unclosed']);
  });
});

describe('reading model invariants on every fixture page', () => {
  it.each(['news-article.html', 'blog-post.html', 'wiki-article.html', 'saved-complete.html', 'rtl-arabic.html', 'hostile.html'])(
    '%s',
    async (name) => {
      const doc: NormalizedDocument = await importPage(name);
      expectConsistent(doc);
      expect(doc.words).toBeGreaterThan(30);
      for (const block of doc.blocks) expect(block.text).not.toMatch(/<[a-z!/]/i);
    },
  );
});

describe('hostile and unusual markup', () => {
  it('reads CDATA sections in XHTML as text, in pages and in EPUB chapters, line breaks kept in <pre>', async () => {
    const xhtml = `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Notes on markup</title><script>//<![CDATA[
var a = 1 < 2;
//]]></script></head><body><p>Before the section <![CDATA[inside <b>it</b> & more]]> after it.</p>
<pre><![CDATA[if (a < b && c) {
  go();
}]]></pre></body></html>`;
    const parsed = await parseHtml({ name: 'cdata.xhtml', bytes: encode(xhtml) });
    expect(parsed.notices).toEqual([]);
    expect(parsed.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['paragraph', 'Before the section inside <b>it</b> & more after it.'],
      ['pre', 'if (a < b && c) {\n  go();\n}'],
    ]);
    const chapter = await sanitizedDocument(xhtml, 'application/xhtml+xml');
    expect(domToBlocks(chapter).map((b) => b.text)).toEqual([
      'Before the section inside <b>it</b> & more after it.',
      'if (a < b && c) {\n  go();\n}',
    ]);
  });

  it("stores a page's megabytes-long inline data: image as an image, and keeps its text", async () => {
    // A real PNG with a ~3.7 MB private chunk: its data: URI is some 5 MB, as a page saved with its photos has.
    const png = tinyPng(120);
    const payload = Buffer.alloc(3_700_000);
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 7919) & 0xff;
    const body = Buffer.concat([Buffer.from('prVt', 'latin1'), payload]);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(payload.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc32(body));
    const big = Buffer.concat([png.subarray(0, png.length - 12), head, body, sum, png.subarray(png.length - 12)]);
    const uri = `data:image/png;base64,${big.toString('base64')}`;
    expect(uri.length).toBeGreaterThan(4_900_000);
    const words = 'The harbour photographs were taken at dawn, before the fishing boats went out, from the end of the mole.';
    const html = `<!doctype html><html><head><title>Harbour at dawn</title></head><body><article><h1>Harbour at dawn</h1>
<p>${words}</p><p><img src="${uri}" alt="The harbour from the mole"></p><p>${words.replace('dawn', 'noon')}</p>
<p><img src='${uri}' alt="The same photograph again"></p><p>Closing words after the pictures.</p></article></body></html>`;
    const doc = await importPage('harbour.html', encode(html));
    expect(doc.blocks.map((b) => [b.kind, b.text, b.src])).toEqual([
      ['paragraph', words, undefined],
      ['image', 'The harbour from the mole', 'img-1.png'],
      ['paragraph', words.replace('dawn', 'noon'), undefined],
      ['image', 'The same photograph again', 'img-1.png'],
      ['paragraph', 'Closing words after the pictures.', undefined],
    ]);
    expect(doc.assets).toHaveLength(1);
    expect(Buffer.from((doc.assets[0] as { bytes: Uint8Array }).bytes).equals(big)).toBe(true);
  });

  it('reads an article that only <noscript> or a <template> holds, and leaves <noscript> out when the page has text', async () => {
    const para = 'The orchard was planted in rows of pear and quince, and the old wall kept the frost from the blossom each spring.';
    const noscript = await importPage(
      'app.html',
      encode(`<html><head><title>Orchard notes</title></head><body><div id="app"></div><noscript><article><h2>Planting</h2><p>${para}</p>
<p>Second paragraph of the orchard.</p></article></noscript><script>render()</script></body></html>`),
    );
    expect(noscript.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'Planting'],
      ['paragraph', para],
      ['paragraph', 'Second paragraph of the orchard.'],
    ]);
    const template = await importPage(
      'shell.html',
      encode(`<html><head><title>Orchard notes</title></head><body><template id="t"><article><p>${para}</p>
<template><p>A template inside the template.</p></template></article></template></body></html>`),
    );
    expect(template.blocks.map((b) => b.text)).toEqual([para, 'A template inside the template.']);
    const ordinary = await importPage(
      'ordinary.html',
      encode(`<html><body><noscript><p>Please enable JavaScript to use this site.</p><img src="https://t.example/px.gif" alt="tracker"></noscript>
<article><p>${para}</p></article><template><p>Unused template text.</p></template></body></html>`),
    );
    expect(ordinary.blocks.map((b) => b.text)).toEqual([para]);
  });

  it('takes out a DOCTYPE\'s internal subset: plain-text entities read once, external and nested ones dropped, nothing shown as "]>"', async () => {
    const lols = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('');
    const xhtml = `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html [<!ENTITY place "Lake Ohrid"><!ENTITY secret SYSTEM "file:///etc/hostname"><!ENTITY lol "lol">${lols}
<!-- a comment with ] and > in it --><!ENTITY quoted 'has ]> inside'>]>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Field diary</title></head><body>
<p>We walked to &place; at dawn, &secret; and back.</p><p>Bomb: &lol9;&lol9; after it.</p><p>Plain &amp; simple.</p></body></html>`;
    const parsed = await parseHtml({ name: 'diary.xhtml', bytes: encode(xhtml) });
    const texts = parsed.blocks.map((b) => b.text);
    expect(texts).toEqual(['We walked to Lake Ohrid at dawn, and back.', 'Bomb: after it.', 'Plain & simple.']);
    // Read as the well-formed XML it is, once its subset is gone.
    expect(parsed.notices).toEqual([]);
    const chapter = await sanitizedDocument(xhtml, 'application/xhtml+xml');
    expect(domToBlocks(chapter).map((b) => b.text)).toEqual(texts);
    const html = await parseHtml({ name: 'diary.html', bytes: encode(xhtml.replace(/^<\?xml[^>]*>/, '')) });
    expect(html.blocks.map((b) => b.text)).toEqual(texts);
  });

  it("keeps MathML as readable text, inline or as a block, the author's alttext first, nothing unsafe", async () => {
    const page = `<html><head><title>Famous equations</title></head><body><article>
<p>Einstein wrote <math><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></math> in 1905.</p>
<p>A half: <math display="block"><mfrac><mn>1</mn><mn>2</mn></mfrac></math> of the whole.</p>
<p>Roots: <math><msqrt><mi>x</mi><mo>+</mo><mn>1</mn></msqrt></math>, and <math alttext="a squared plus b squared"><msup><mi>a</mi><mn>2</mn></msup></math>.</p>
<p>Water is <math><msub><mi>H</mi><mn>2</mn></msub><mi>O</mi></math>; <math><maction actiontype="statusline" xlink:href="javascript:alert(1)"><mtext>click</mtext></maction></math> done.</p>
</article></body></html>`;
    const doc = await importPage('equations.html', encode(page));
    expect(doc.blocks.map((b) => [b.kind, b.text, b.marks])).toEqual([
      ['paragraph', 'Einstein wrote E = mc² in 1905.', undefined],
      ['paragraph', 'A half:', undefined],
      ['paragraph', '1/2', undefined],
      ['paragraph', 'of the whole.', undefined],
      ['paragraph', 'Roots: √(x + 1), and a squared plus b squared.', undefined],
      ['paragraph', 'Water is H₂O; click done.', undefined],
    ]);
    const chapter = await sanitizedDocument(
      '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Area <m:math xmlns:m="http://www.w3.org/1998/Math/MathML"><m:mi>π</m:mi><m:msup><m:mi>r</m:mi><m:mn>2</m:mn></m:msup></m:math>.</p></body></html>',
      'application/xhtml+xml',
    );
    expect(domToBlocks(chapter).map((b) => b.text)).toEqual(['Area πr².']);
  });

  it("takes a top heading as the title only when the <title> names it as a part, not as a word's start or a short label", async () => {
    const titleOf = async (title: string, h1: string) => {
      const para = 'Raised beds on a balcony need deep pots, a light soil and water every evening through the summer months.';
      const html = `<html><head><title>${title}</title></head><body><article><h1>${h1}</h1><p>${para}</p><p>${para}</p></article></body></html>`;
      return (await importPage('page.html', encode(html))).title;
    };
    expect(await titleOf('Introduction to Gardening in Small Spaces', 'Intro')).toBe('Introduction to Gardening in Small Spaces');
    expect(await titleOf('Introduction to Gardening in Small Spaces', 'Introduction')).toBe('Introduction to Gardening in Small Spaces');
    expect(await titleOf('Traversal Page Title Long', 'Trav')).toBe('Traversal Page Title Long');
    expect(await titleOf('Balcony beds | The Allotment Weekly', 'Balcony beds')).toBe('Balcony beds');
    expect(await titleOf('The Allotment Weekly – Balcony beds', 'Balcony beds')).toBe('Balcony beds');
    expect(await titleOf('Balcony beds: what to plant in May', 'Balcony beds: what to plant in May')).toBe('Balcony beds: what to plant in May');
  });
});
