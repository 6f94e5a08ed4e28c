import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseTitle, normalizeFile } from '../../src-main/core/formats';
import { firstSentence, isDateLine, isHeadline, isJunkLine, plainLine, shorten } from '../../src-main/core/formats/title';
import { SEEDS_DIR as SEEDS } from './helpers/temp';

const seedFiles = readdirSync(SEEDS)
  .filter((f) => f.endsWith('.txt'))
  .sort();
const titleOf = async (prefix: string) => {
  const file = seedFiles.find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`seed ${prefix} missing`);
  const bytes = readFileSync(path.join(SEEDS, file));
  return { doc: await normalizeFile(file, bytes), raw: bytes.toString('utf8') };
};
const encode = (s: string) => new TextEncoder().encode(s);

describe('titles of the seed corpus', () => {
  it('000 (starts with a long paragraph): its first sentence, cut at a word', async () => {
    const { doc, raw } = await titleOf('000');
    expect(doc.title.startsWith('The Russian Ministry of Defense announced')).toBe(true);
    expect(doc.title.length).toBeLessThanOrEqual(81);
    expect(doc.title.endsWith('…')).toBe(true);
    const kept = doc.title.slice(0, -1);
    expect(raw.startsWith(kept)).toBe(true);
    expect(raw[kept.length]).toMatch(/[\s,]/);
  });

  it('001 (logo, #, hashtag line, repeated headline)', async () => {
    expect((await titleOf('001')).doc.title).toBe('407,000 people joined Russian forces in 2024, but recruitment pace slows');
  });

  it('002 (author-image, New Update around the headline)', async () => {
    expect((await titleOf('002')).doc.title).toBe('Russia Collaborates with Central Asia to Prevent Terrorist Infiltration');
  });

  it('003 (headline then a date)', async () => {
    expect((await titleOf('003')).doc.title).toBe('In 2020, 22 terrorist cells were neutralized in the CIS');
  });

  it('004 (a date line first)', async () => {
    expect((await titleOf('004')).doc.title).toBe('Moscow says that risks from militant groups worldwide have not gone away');
  });

  it.each(seedFiles)('%s: never a date, junk or a whole paragraph', async (file) => {
    const doc = await normalizeFile(file, readFileSync(path.join(SEEDS, file)));
    expect(doc.title.length).toBeGreaterThan(10);
    expect(doc.title.length).toBeLessThanOrEqual(150);
    expect(isDateLine(doc.title)).toBe(false);
    expect(isJunkLine(doc.title)).toBe(false);
    for (const block of doc.blocks.filter((b) => b.text.length > 150)) expect(doc.title).not.toBe(block.text);
  });
});

describe('titles in general', () => {
  it('markdown: the first h1 wins over earlier text and headings', async () => {
    const doc = await normalizeFile('n.md', encode('Sat, 21 May 2022\n\n## Section first\n\n# The Real Heading\n\nBody text.\n'));
    expect(doc.title).toBe('The Real Heading');
  });

  it('plain text: skips logo, #, dates and finds the headline', async () => {
    const doc = await normalizeFile(
      'page.txt',
      encode(
        'logo\n#\n18 November 2020\ntime3 days ago\nDOWNLOAD THE APP\nCouncil approves the new river bridge plan\n\nThe council voted on Tuesday to approve the plan, which has been debated for years.\n',
      ),
    );
    expect(doc.title).toBe('Council approves the new river bridge plan');
  });

  it('plain text: a repeated line near the top beats an earlier plausible one', async () => {
    const doc = await normalizeFile(
      'r.txt',
      encode(
        'Get the best stories every day here\nMarkets rally as inflation cools\nMarkets rally as inflation cools\nStocks rose sharply on Monday after new data showed prices rising more slowly than expected.\n',
      ),
    );
    expect(doc.title).toBe('Markets rally as inflation cools');
  });

  it('plain text: a short capitalised first line is a heading, a lone word or "logo" is not', async () => {
    expect((await normalizeFile('h.txt', encode('Harbour notes\n\nTrawlers left before dawn with the tide, as they do.\n'))).title).toBe(
      'Harbour notes',
    );
    expect((await normalizeFile('l.txt', encode('logo\n\nTrawlers left before dawn with the tide, as they do.\n'))).title).toBe(
      'Trawlers left before dawn with the tide, as they do',
    );
    expect((await normalizeFile('m.txt', encode('Menu\n\nTrawlers left before dawn with the tide, as they do.\n'))).title).toBe(
      'Trawlers left before dawn with the tide, as they do',
    );
  });

  it('falls back to the first sentence, then to the file name', async () => {
    const sentence = await normalizeFile(
      's.txt',
      encode('Short opening sentence of the body. Then a lot more text follows here and keeps going on and on for quite a while, as prose does.\n'),
    );
    expect(sentence.title).toBe('Short opening sentence of the body');
    const junkOnly = await normalizeFile('/tmp/my_saved-page.txt', encode('logo\n#\nSat, 21 May 2022\n'));
    expect(junkOnly.title).toBe('my saved page');
  });

  it('plain text: a short note is named by its first line, not by a later short sentence or its last paragraph', async () => {
    // Two short sentences: the first names it ("This is a test." was taken for a headline).
    expect((await normalizeFile('t0.txt', encode('Hello world.\nThis is a test.\n'))).title).toBe('Hello world');
    // Short lines kept as they are (a list, old Mac line ends): the first line, not the one paragraph after them.
    expect((await normalizeFile('list.txt', encode('Shopping list\nmilk\neggs\nbread\n'))).title).toBe('Shopping list');
    const mixed = 'Line one of para one\r\nline two of para one\r\rLine one of para two\rline two of para two\r\rPara four end.\r';
    expect((await normalizeFile('eol.txt', encode(mixed))).title).toBe('Line one of para one');
    // A headline ending in a full stop still names the text when it comes first.
    expect((await normalizeFile('h.txt', encode('Rain came early.\n\nThe valley had waited weeks for it, and the farmers said so.\n'))).title).toBe(
      'Rain came early.',
    );
  });

  it('plain text: a title of its own (in capitals, or underlined) wins, a chapter label or furniture never does', async () => {
    const book = 'THE SALT ROAD\n\nCHAPTER I\n\nThe boats came in late that evening, one after another, with their lamps.\n';
    expect((await normalizeFile('b.txt', encode(book))).title).toBe('THE SALT ROAD');
    expect((await normalizeFile('u.txt', encode('Harbour Charges\n===============\n\nEvery boat pays by the day.\n'))).title).toBe('Harbour Charges');
    const chapterFirst = await normalizeFile('c.txt', encode('Chapter 12\n\nThe boats came in late that evening, one after another.\n'));
    expect(chapterFirst.title).toBe('The boats came in late that evening, one after another');
    const furniture = await normalizeFile('f.txt', encode('DOWNLOAD THE APP\n\nCouncil approves the new river bridge plan\n\nThe council voted.\n'));
    expect(furniture.title).toBe('Council approves the new river bridge plan');
  });

  it('plain text: a Chinese or Japanese title line, or the first sentence when there is none', async () => {
    expect((await normalizeFile('j.txt', encode('港の灯り\n\n　その日の夕方、漁船は港に戻ってきた。黒い水が揺れた。\n'))).title).toBe('港の灯り');
    expect((await normalizeFile('z.txt', encode('　　补给船每个月来一次。三月的那个星期一，它带来了一封信。\n'))).title).toBe('补给船每个月来一次');
  });

  it('plain text: the "Title:" of a preamble, never its first line', async () => {
    const doc = await normalizeFile(
      'p.txt',
      encode('This text is licensed under CC BY 4.0.\n\nTitle: Winter Harbour\nAuthor: R. Kettunen\n\nThe harbour freezes from the edges inward.\n'),
    );
    expect(doc.title).toBe('Winter Harbour');
    expect(doc.meta.author).toBe('R. Kettunen');
  });

  it('chooseTitle works from the canonical text when there are no blocks', async () => {
    expect(chooseTitle([], 'Mon, 3 June 2024\nA headline worth reading today', 'text', 'x.txt')).toBe('A headline worth reading today');
  });

  it('recognises dates and junk', async () => {
    for (const date of [
      'Sat, 21 May 2022',
      '18 November 2020',
      'time3 days ago',
      'time16-05-2025',
      'Updated 10:30 GMT',
      '2024-05-16',
      'Yesterday at 5 pm',
    ]) {
      expect(isDateLine(date), date).toBe(true);
      expect(isHeadline(date), date).toBe(false);
    }
    for (const junk of [
      'logo',
      '#',
      'Latest news with #AndreyBelousov',
      'author-image',
      'New Update',
      'DOWNLOAD THE APP',
      'Yahoo',
      'Sign up for Beijing News',
    ]) {
      expect(isHeadline(junk), junk).toBe(false);
    }
    for (const headline of [
      'In 2020, 22 terrorist cells were neutralized in the CIS',
      'Russia and Belarus plan joint military manoeuvres',
      'Is the war over?',
    ]) {
      expect(isHeadline(headline), headline).toBe(true);
    }
    expect(isHeadline('ISIS, Al-Qaeda, and the Taliban are designated as terrorist organizations and banned in Russia.')).toBe(false);
  });

  it('cuts sentences and long text sensibly', async () => {
    expect(firstSentence('Gen. Smith met the U.S. envoy today. Then he left.')).toBe('Gen. Smith met the U.S. envoy today.');
    const cut = shorten('word '.repeat(40).trim(), 80);
    expect(cut.length).toBeLessThanOrEqual(81);
    expect(cut).toMatch(/^(word )+word…$/);
  });
});

describe('titles and authors hold no control characters, whatever the file says', () => {
  const ESC = '\x1b';
  const BEL = '\x07';
  const CSI = '\u009b';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this must find
  const CONTROL = /[\0-\x1f\x7f-\x9f]/;

  it('plainLine takes out escape sequences and controls, and makes tabs and line breaks one space', () => {
    expect(plainLine(`Title ${ESC}]52;c;ZWNobyBwd25lZA==${BEL} Line`)).toBe('Title Line');
    expect(plainLine(`${ESC}]0;PWNED${BEL}${ESC}[2J${ESC}[31mRed${CSI}0m Title${ESC}\\`)).toBe('Red Title');
    expect(plainLine(' Tabs\tand\r\nbreaks \u0085 and\x7f DEL\u0080 ')).toBe('Tabs and breaks and DEL');
    expect(plainLine(`lone ${ESC} and ${CSI} and ${BEL}bell`)).toBe('lone and and bell');
    expect(plainLine('An ordinary “title”: 日本語')).toBe('An ordinary “title”: 日本語');
  });

  it('every format: the first line of a text, the <title> and byline of a page, Markdown front matter, a file name', async () => {
    const text = await normalizeFile(
      'osc.txt',
      encode(`Title ${ESC}]52;c;ZWNobyBwd25lZA==${BEL} Line\n\nThe body of the text, which is long enough to read.\n`),
    );
    expect(text.title).toBe('Title Line');
    const page = await normalizeFile(
      'page.html',
      encode(
        `<!doctype html><html><head><title>${ESC}]0;PWNED${BEL}${ESC}[2J${CSI}31mRed Title</title>` +
          `<meta name="author" content="Ann${ESC}[8m Hidden"></head>` +
          `<body><article><h1>Red Title</h1><p>A page whose title clears the screen and renames the window.</p></article></body></html>`,
      ),
    );
    expect(page.title).toBe('Red Title');
    expect(page.meta.author).toBe('Ann Hidden');
    const markdown = await normalizeFile(
      'front.md',
      encode(`---\ntitle: "Front${ESC}[2J\\tMatter"\nauthor: "Bo${BEL}b"\ntags: ["a${ESC}[1mb"]\n---\n\nSome text without a heading at all.\n`),
    );
    expect(markdown.title).toBe('Front Matter');
    expect(markdown.meta.author).toBe('Bob');
    expect(markdown.tags).toEqual(['ab']);
    const named = await normalizeFile(`esc${ESC}[31mred${ESC}[0m.txt`, encode('x\n'));
    expect(named.title).toBe('escred');
    for (const doc of [text, page, markdown, named]) {
      expect(doc.title).not.toMatch(CONTROL);
      for (const value of Object.values(doc.meta)) expect(String(value)).not.toMatch(CONTROL);
    }
  });
});
