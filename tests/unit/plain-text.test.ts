import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeFile, type NormalizedDocument } from '../../src-main/core/formats';
import { countWords, type BlockDraft } from '../../src-main/core/formats/blocks';
import { labelLevel, standaloneHeadingLevel } from '../../src-main/core/formats/plain-text/headings';
import { parsePlainText } from '../../src-main/core/formats/plainText';
import type { Block } from '../../src-main/core/model';
import { SEEDS_DIR } from '../seeds';
import { encode, expectConsistent } from './helpers/reading-model';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/text');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const load = async (name: string): Promise<NormalizedDocument> => {
  const doc = await normalizeFile(name, readFileSync(path.join(FIXTURES, name)));
  expectConsistent(doc);
  return doc;
};
const fromText = async (text: string, name = 'note.txt') => {
  const doc = await normalizeFile(name, encode(text));
  expectConsistent(doc);
  return doc;
};
const kinds = (blocks: readonly Pick<Block, 'kind'>[]) => blocks.map((b) => b.kind);
const paragraphs = (doc: { blocks: readonly Pick<Block, 'kind' | 'text'>[] }) => doc.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text);
const headings = (doc: NormalizedDocument) => doc.blocks.filter((b) => b.kind === 'heading').map((b) => [b.text, b.level]);
/** A wrapped paragraph of the fixture as one line: what its block's text must be. */
const unwrapped = (chunk: string) => chunk.trim().split('\n').join(' ');
const chunksOf = (text: string) => text.split(/\n\s*\n/).filter((c) => c.trim() !== '');

describe('a hard-wrapped novel chapter', () => {
  it('joins wrapped lines into paragraphs, blank lines between them', async () => {
    const doc = await load('novel-chapter.txt');
    const source = fixture('novel-chapter.txt');
    const prose = chunksOf(source).filter((c) => c.includes('\n'));
    expect(prose).toHaveLength(7);
    expect(paragraphs(doc)).toEqual(expect.arrayContaining(prose.map(unwrapped)));
    // the byline and 9 paragraphs where the file has 33 lines of prose
    expect(paragraphs(doc)).toHaveLength(10);
    expect(paragraphs(doc)).toContain('"You waited," he said.');
    expect(paragraphs(doc).every((p) => !p.includes('\n'))).toBe(true);
  });

  it('finds the title, the byline, the chapters and the section break', async () => {
    const doc = await load('novel-chapter.txt');
    expect(headings(doc)).toEqual([
      ['THE SALT ROAD', 1],
      ['CHAPTER I', 2],
      ['THE HARBOUR AT DUSK', 3],
      ['CHAPTER II.', 2],
    ]);
    expect(kinds(doc.blocks).filter((k) => k === 'break')).toHaveLength(1);
    expect(doc.title).toBe('THE SALT ROAD');
    expect(doc.meta.author).toBe('Ilse Varga');
    expect(doc.words).toBe(
      fixture('novel-chapter.txt')
        .split(/\s+/)
        .filter((w) => /[\p{L}\p{N}]/u.test(w)).length,
    );
  });

  it('reads paragraphs marked by an indented first line, with no blank lines between them', async () => {
    const doc = await load('indented-paragraphs.txt');
    expect(kinds(doc.blocks)).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph']);
    expect(doc.blocks[1].text).toBe('She did not hurry.');
    expect(doc.blocks[3].text).toMatch(/^When she looked up at last .* spilling over their edges\.$/);
  });
});

describe('line breaks that carry meaning', () => {
  it('keeps a poem’s stanzas as laid out, indented lines and all', async () => {
    const doc = await load('poem.txt');
    const stanzas = chunksOf(fixture('poem.txt')).slice(1);
    expect(kinds(doc.blocks)).toEqual(['paragraph', 'pre', 'pre', 'pre']);
    expect(doc.blocks.slice(1).map((b) => b.text)).toEqual(stanzas.map((s) => s.trimEnd()));
    expect(doc.blocks[1].text).toContain('\n    and leaves the harbour floor,\n');
    expect(doc.title).toBe('Low Tide');
  });

  it('keeps verse inside a wrapped text, and an indented letter, as preformatted', async () => {
    const prose =
      'The keeper opened the log and read aloud the lines his father had\n' +
      'written there on the night of the great storm, forty years before,\n' +
      'in a hand that shook only a little:\n\n' +
      'The wind is high, the glass is low,\n' +
      'the boats are in, and so we go\n' +
      'to watch the lamp until the day;\n' +
      'God keep the ones still on their way.\n\n' +
      'Under it, in pencil, somebody else had written a date and a name,\n' +
      'and then crossed out the name so hard that the paper had torn.\n\n' +
      '    My dear Anna, the boat is sound and the men are\n' +
      '    well, and we shall be home before the ice.\n';
    const doc = await fromText(prose);
    expect(kinds(doc.blocks)).toEqual(['paragraph', 'pre', 'paragraph', 'pre']);
    expect(doc.blocks[1].text.split('\n')).toHaveLength(4);
    expect(doc.blocks[3].text).toBe('My dear Anna, the boat is sound and the men are\nwell, and we shall be home before the ice.');
  });

  it('keeps an indented code sample (blank line inside) as one code block and an ASCII table as preformatted', async () => {
    const doc = await load('readme.txt');
    const code = doc.blocks.filter((b) => b.kind === 'code');
    expect(code.map((b) => b.text)).toEqual(['./configure --prefix=/usr/local\nmake && sudo make install\n\n# check that it runs\ntidal --version']);
    const table = doc.blocks.find((b) => b.kind === 'pre');
    expect(table?.text.split('\n')).toHaveLength(6);
    expect(table?.text).toContain('| Date       | Time  | Height |');
  });

  it('reads underlined headings, lists after a colon or a blank line, and keeps a minus sign that wrapped to the next line', async () => {
    const doc = await load('readme.txt');
    expect(headings(doc)).toEqual([
      ['Tide Tables for the Command Line', 1],
      ['Installing', 2],
      ['What it prints', 2],
      ['Bugs', 2],
    ]);
    expect(doc.title).toBe('Tide Tables for the Command Line');
    expect(paragraphs(doc)).toContainEqual(expect.stringContaining('on a very low spring tide, X = - 1 metre means the water is one metre below'));
    const items = doc.blocks.filter((b) => b.kind === 'listItem');
    expect(items.map((b) => [b.text, b.ordered, b.number])).toEqual([
      ['--days N prints N days instead of seven, starting today or at the date given with --from.', false, undefined],
      ['--metric and --imperial choose the units.', false, undefined],
      ['--quiet leaves out the heading line.', false, undefined],
      ['Copy the constants file for your harbour into ~/.tidal.', true, 1],
      ["Run tidal with the harbour's name.", true, 2],
    ]);
  });

  it('never makes a list item of a wrapped continuation line', async () => {
    const wrapped = [
      'When the two readings are subtracted, the error in the second gauge',
      'comes out the other way, so that X = -',
      '1 centimetre for every metre of tide, and the correction is simple',
      'enough to make by hand. The older gauge, which reads high, gives X =',
      '- 2 in the same tide, and it is the one the harbour master trusts.',
      '',
      '- a list may still start after a blank line',
      '- and go on with another item',
    ].join('\n');
    const doc = await fromText(wrapped);
    expect(kinds(doc.blocks)).toEqual(['paragraph', 'listItem', 'listItem']);
    expect(doc.blocks[0].text).toContain('so that X = - 1 centimetre');
    expect(doc.blocks[0].text).toContain('gives X = - 2 in the same tide');
    // the same in a text with one paragraph per line
    const perLine = await fromText('The reading was taken at noon and gave X =\n- 3, which nobody believed.\n');
    expect(paragraphs(perLine)).toEqual(['The reading was taken at noon and gave X = - 3, which nobody believed.']);
  });
});

describe('numbered verses and clauses', () => {
  it('starts a paragraph at every verse number, scripture style', async () => {
    const doc = await load('scripture.txt');
    expect(headings(doc)).toEqual([
      ['Harbour 1', 2],
      ['Harbour 2', 2],
      ['Harbour 3', 2],
    ]);
    const verses = paragraphs(doc).slice(1);
    expect(verses.map((v) => v.split(' ')[0])).toEqual(['1', '2', '3', '1', '2', '1:1', '1:2', '1:3']);
    expect(verses[0]).toBe(
      '1 In the first days there was no harbour, and the boats came in upon the open shore, and many were broken on the rocks in the dark.',
    );
    expect(verses[5]).toBe(
      '1:1 The keeper rose before the sun and climbed the hundred steps of the tower, counting each one aloud as his father had counted them.',
    );
    expect(doc.title).toBe('The Book of the Lighthouse');
  });

  it('starts a paragraph at (a), (b) and § in a legal text', async () => {
    const doc = await load('legal.txt');
    expect(headings(doc)).toEqual([
      ['HARBOUR USE AGREEMENT', 1],
      ['§ 1. Definitions', 3],
      ['§ 2. Mooring', 3],
    ]);
    expect(paragraphs(doc).map((p) => p.slice(0, 4))).toEqual(['In t', '(a) ', '(b) ', '(c) ', '(a) ', '(b) ', '§ 3 ']);
    expect(paragraphs(doc)[2]).toBe('(b) "Vessel" means any boat, ship or raft, whether or not it has an engine, that enters the Harbour; and');
  });
});

describe('Chinese and Japanese', () => {
  it('joins wrapped Japanese lines without spaces and keeps the U+3000 indent of each paragraph', async () => {
    const doc = await load('japanese.txt');
    expect(headings(doc)).toEqual([
      ['第一章\u3000夕暮れの港', 2],
      ['第二章\u3000手紙', 2],
    ]);
    const body = paragraphs(doc).slice(1);
    expect(body).toHaveLength(6);
    expect(body.filter((p) => p.startsWith('\u3000'))).toHaveLength(4);
    expect(body.filter((p) => p.startsWith('「'))).toHaveLength(2);
    for (const p of body) expect(p).not.toMatch(/[ \n]/);
    expect(body[0]).toContain('黒い水の上で揺れる');
    expect(body[0]).toContain('見えた。マラは');
    expect(doc.title).toBe('港の灯り');
  });

  it('joins wrapped Chinese lines, each paragraph keeping its two ideographic spaces', async () => {
    const doc = await load('chinese.txt');
    expect(headings(doc).map(([text]) => text)).toEqual(['第一章\u3000灯塔', '第二章\u3000来自大陆的信']);
    const body = paragraphs(doc).slice(1);
    expect(body).toHaveLength(3);
    for (const p of body) {
      expect(p.startsWith('\u3000\u3000')).toBe(true);
      expect(p).not.toMatch(/[ \n]/);
    }
    expect(body[0]).toContain('它仿佛直接从水中升起，洁白而孤独');
    expect(doc.title).toBe('灯塔看守人的女儿');
  });
});

describe('word counts in every script', () => {
  const segmented = (text: string) => [...new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text)].filter((s) => s.isWordLike).length;

  it('counts English by its words', () => {
    expect(countWords("407,000 people didn't stay — here | there")).toBe(6);
    expect(countWords('  The keeper’s lamp,\tlit at dusk.\n\nIt burned.  ')).toBe(8);
  });

  it('counts Chinese, Japanese and Thai by the words a segmenter finds, not by spaces', () => {
    expect(countWords('我们今天去北京。')).toBe(4);
    expect(countWords('吾輩は猫である。')).toBe(segmented('吾輩は猫である。'));
    expect(countWords('吾輩は猫である。')).toBeGreaterThan(3);
    const thai = 'วันนี้อากาศดีมาก เราจะไปทะเลกัน';
    expect(countWords(thai)).toBe(segmented(thai));
    expect(countWords(thai)).toBeGreaterThan(4);
    // a mixed line: the English words by spaces, the rest segmented
    expect(countWords('Gloss は 本 を読む app です')).toBe(2 + segmented('は 本 を読む です'));
  });

  it('gives whole books their word counts', async () => {
    const ja = await load('japanese.txt');
    expect(ja.words).toBe(segmented(ja.text));
    expect(ja.words).toBeGreaterThan(150);
    const zh = await load('chinese.txt');
    expect(zh.words).toBe(segmented(zh.text));
    expect(zh.words).toBeGreaterThan(100);
  });
});

describe('boilerplate and preambles', () => {
  it('takes a Gutenberg file’s title and author from its header and sets the header, footer and licence apart', async () => {
    const doc = await load('gutenberg.txt');
    expect(doc.title).toBe("The Lantern Keeper's Daughter: A Story of the Northern Coast");
    expect(doc.meta.author).toBe('Oskar Brennan');
    expect(doc.meta.language).toBe('en');
    // the reader opens on the book
    expect(doc.blocks[0]).toMatchObject({ kind: 'heading', text: "THE LANTERN KEEPER'S DAUGHTER", level: 1 });
    const breakAt = doc.blocks.findIndex((b) => b.kind === 'break');
    const body = doc.blocks.slice(0, breakAt);
    const apart = doc.blocks.slice(breakAt + 1);
    expect(body.some((b) => /gutenberg|licen[cs]e|produced by/i.test(b.text))).toBe(false);
    expect(apart.length).toBeGreaterThan(5);
    expect(apart.every((b) => b.kind === 'pre')).toBe(true);
    // nothing is dropped: every line of the file is somewhere in the text
    const source = fixture('gutenberg.txt');
    for (const line of source.split('\n').filter((l) => l.trim() !== '' && !/^\s/.test(l)))
      expect(doc.text).toContain(line.trim().split(' ').slice(-3).join(' '));
    expect(doc.text).toContain('*** START OF THE PROJECT GUTENBERG EBOOK');
    expect(doc.text).toContain('*** END OF THE PROJECT GUTENBERG EBOOK');
    expect(doc.text).toContain('1.A. By reading or using any part of this electronic work');
    expect(headings(doc)).toEqual([
      ["THE LANTERN KEEPER'S DAUGHTER", 1],
      ['CONTENTS', 2],
      ['CHAPTER I.', 2],
      ['THE LIGHTHOUSE', 3],
      ['CHAPTER II.', 2],
      ['A LETTER FROM THE MAINLAND', 3],
    ]);
    expect(body.find((b) => b.kind === 'pre')?.text).toBe(' I. The Lighthouse\nII. A Letter from the Mainland');
    expect(body.filter((b) => b.kind === 'paragraph' && b.text.length > 100)).toHaveLength(4);
  });

  it('sets a licence and "Title:" preamble apart, so the title is the book’s and not the preamble’s first line', async () => {
    const doc = await load('preamble.txt');
    expect(doc.title).toBe('Notes from a Winter Harbour');
    expect(doc.meta.author).toBe('Rosa Kettunen');
    expect(doc.blocks[0]).toMatchObject({ kind: 'paragraph', text: 'Notes from a Winter Harbour' });
    expect(kinds(doc.blocks)).toEqual(['paragraph', 'paragraph', 'paragraph', 'break', 'pre', 'pre']);
    expect(doc.blocks[4].text).toMatch(/^This text is licensed under the Creative Commons/);
    expect(doc.blocks[5].text).toContain('Source: the author');
  });

  it('does not take a paragraph that merely mentions a licence for a preamble', async () => {
    const doc = await fromText(
      'Fishing rights\n\nEvery boat in the harbour holds a license to fish the outer banks, and the licence is renewed each spring.\n',
    );
    expect(kinds(doc.blocks)).toEqual(['paragraph', 'paragraph']);
    expect(doc.title).toBe('Fishing rights');
  });

  it("keeps a long opening paragraph whose prose happens to use a notice's phrase", async () => {
    const prose = 'The harbour master kept the ledger of every boat and every catch that came through the gate. '.repeat(30);
    const doc = await fromText(`Harbour ledger\n\n${prose}The crews were released under a grey sky at dawn.\n\nThe next day was calm.\n`);
    expect(kinds(doc.blocks)).toEqual(['paragraph', 'paragraph', 'paragraph']);
    expect(doc.blocks[1]!.text).toMatch(/released under a grey sky/);
  });
});

describe('headings in plain text', () => {
  it('knows chapter and section labels and their levels', () => {
    const cases: [string, number | undefined][] = [
      ['CHAPTER IV', 2],
      ['Chapter 12', 2],
      ['Chapter the Last', 2],
      ['BOOK II. CHAPTER 3', 1],
      ['Part One: The Sea', 1],
      ['Section 4. Definitions', 3],
      ['§ 7', 3],
      ['XII.', 2],
      ['第三章', 2],
      ['第一部　海へ', 1],
      ['第2節', 3],
      ['Epilogue', 2],
      ['Chapter 12 was the hardest one to write, she said.', undefined],
      ['Section did not apply', undefined],
      ['The harbour at dusk', undefined],
    ];
    for (const [line, level] of cases) expect(labelLevel(line), line).toBe(level);
  });

  it('takes a book with a chapter number or a short line in capitals only when it stands alone', async () => {
    expect(standaloneHeadingLevel('Psalm 23')).toBe(2);
    expect(standaloneHeadingLevel('1 Kings 4')).toBe(2);
    expect(standaloneHeadingLevel('THE LIGHTHOUSE')).toBe(2);
    expect(standaloneHeadingLevel('Key Takeaways')).toBeUndefined();
    expect(standaloneHeadingLevel('NO, SAID THE KEEPER, NOT TONIGHT,')).toBeUndefined();
    const inRun = await fromText('A note\n\nTHE LIGHTHOUSE\nstood on the rock.\n');
    expect(kinds(inRun.blocks)).not.toContain('heading');
  });
});

describe('texts with one paragraph per line, as before', () => {
  /** The plain-text parser as it was before hard-wrapped text was read: the reference for the seeds. */
  function onePerLine(source: string): BlockDraft[] {
    const drafts: BlockDraft[] = [];
    for (const raw of source.split('\n')) {
      const line = raw.replace(/\s+/g, ' ').trim();
      if (line === '') continue;
      if (/^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$/.test(line)) drafts.push({ kind: 'break', text: '' });
      else if (/^[•·\-*–▪◦]\s+(\S.*)$/u.test(line))
        drafts.push({ kind: 'listItem', text: /^[•·\-*–▪◦]\s+(\S.*)$/u.exec(line)![1], ordered: false, level: 1 });
      else if (/^(\d{1,3})[.)]\s+(\S.*)$/.test(line)) {
        const m = /^(\d{1,3})[.)]\s+(\S.*)$/.exec(line)!;
        drafts.push({ kind: 'listItem', text: m[2], ordered: true, number: Number(m[1]), level: 1 });
      } else drafts.push({ kind: 'paragraph', text: line });
    }
    return drafts;
  }
  const seeds = readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort();

  it('finds the seed articles', () => {
    expect(seeds.length).toBeGreaterThanOrEqual(5);
  });

  it.each(seeds)('%s parses exactly as before: one block per line', async (file) => {
    const text = readFileSync(path.join(SEEDS_DIR, file), 'utf8').replace(/\r\n?/g, '\n');
    const parsed = parsePlainText(text);
    expect(parsed.blocks).toEqual(onePerLine(text));
    expect(parsed.meta).toEqual({});
    const doc = await normalizeFile(file, readFileSync(path.join(SEEDS_DIR, file)));
    expect(doc.words).toBe(doc.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length);
  });

  it('keeps a 200,000-character line of dashes and stars one paragraph, without backtracking', async () => {
    const line = '- * '.repeat(50_000) + 'x';
    const doc = await fromText(`Odd line\n\n${line}\n`);
    expect(doc.blocks.map((b) => b.kind)).toEqual(['paragraph', 'listItem']);
    expect(doc.blocks[1].text.length).toBe(line.length - 2);
  });
});

describe('any text at all', () => {
  /** A seeded generator, so a failure can be replayed. */
  function random(seed: number) {
    let state = seed;
    return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  }
  const pieces = [
    'the keeper lit the lamp at dusk and watched the boats come in',
    'CHAPTER IV',
    '- a list item',
    '* * *',
    '1. first',
    '    indented code(x) {',
    '\tx = y;',
    '　日本語の段落です。港に戻った。',
    '灯塔建在一块狭窄的礁石上',
    'วันนี้อากาศดีมาก',
    'שלום עולם ومرحبا',
    'e\u0301motion 🧭 𠀋',
    '| a | b |',
    '+---+---+',
    '=====',
    '3:16 For the keeper',
    '(a) the Harbour;',
    '§ 4 Vessels',
    'Title: A Fuzzed Book',
    '*** START OF THE PROJECT GUTENBERG EBOOK X ***',
    '*** END OF THE PROJECT GUTENBERG EBOOK X ***',
    'X =',
    '\u00a0\u00a0',
    '',
    '',
  ];

  it('never throws, keeps every word, and lays out valid blocks', async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const next = random(seed);
      const lines: string[] = [];
      const count = 5 + Math.floor(next() * 60);
      for (let i = 0; i < count; i++) {
        let line = pieces[Math.floor(next() * pieces.length)];
        if (next() < 0.3) line = line.slice(0, Math.floor(next() * line.length));
        if (next() < 0.2) line = ' '.repeat(Math.floor(next() * 6)) + line;
        lines.push(line);
      }
      const text = lines.join('\n');
      if (!/[\p{L}\p{N}]/u.test(text)) continue;
      const doc = await fromText(text, `fuzz-${seed}.txt`);
      for (const block of doc.blocks) {
        if (block.kind === 'heading') expect(block.level).toBeGreaterThanOrEqual(1);
        if (block.kind === 'paragraph' || block.kind === 'listItem' || block.kind === 'heading') {
          expect(block.text, `seed ${seed}`).not.toBe('');
          expect(block.text, `seed ${seed}`).not.toContain('\n');
        }
      }
      // every word is kept (a numbered item's number is kept as its `number`, not in its text)
      const words = lines.map((l) => l.replace(/^\s*\d{1,3}[.)]\s+/, '')).join('\n');
      for (const word of words.match(/[\p{L}\p{N}]+/gu) ?? []) expect(doc.text, `seed ${seed}: ${word}`).toContain(word);
    }
  });
});
