// Words as search sees them (issue 8 §2): folded, stemmed, cut where a script has no spaces, each
// keeping where it was in the text. A query's words are made the same way as a document's, so what a
// reader types finds what a text says.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markWords, termOf, tokenize, tokenizeFolded, wordSpans, type Token } from '../../src-main/core/analyze';
import { SEEDS_DIR } from '../seeds';

const terms = (text: string) => tokenize(text).map((t) => t.term);
/** The query's terms occur in the text's, one after another (as a phrase does). */
function occursIn(query: string, text: string): boolean {
  const q = terms(query);
  const t = tokenize(text);
  return t.some((_, i) => q.every((term, k) => t[i + k]?.term === term && t[i + k]!.position === t[i]!.position + k));
}

describe('tokenize', () => {
  it('folds case and accents, "ß" and ligatures, and keeps where each word was', () => {
    const text = 'Un Été à ZÜRICH, die Straße — ﬁnal Café!';
    const tokens = tokenize(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['Un', 'Été', 'à', 'ZÜRICH', 'die', 'Straße', 'ﬁnal', 'Café']);
    expect(tokens.map((t) => t.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(terms('ete')).toEqual(terms('Été'));
    expect(terms('zurich')).toEqual(terms('ZÜRICH'));
    expect(terms('strasse')).toEqual(terms('Straße'));
    expect(terms('final')).toEqual(terms('ﬁnal'));
  });

  it('stems English words, so a word finds its other forms', () => {
    expect(terms('recruited')).toEqual(terms('recruitment'));
    expect(terms('Harbours')).toEqual(terms('harbour'));
    expect(terms('running')).toEqual(terms('runs'));
    expect(termOf('universities')).toBe(termOf('university'));
    // Words that are not plain Latin letters are only folded.
    expect(terms('Москва 2024 αθήνα')).toEqual(['москва', '2024', 'αθηνα']);
  });

  it('splits at punctuation, apostrophes and hyphens', () => {
    expect(terms("well-known l'été don't").length).toBe(6);
    expect(occursIn('well known', 'It is well-known.')).toBe(true);
    expect(occursIn('ete', "l'été")).toBe(true);
  });

  it('finds a Japanese or Chinese word in the middle of a run written without spaces', () => {
    const japanese = '私は東京都に住んでいます。';
    expect(occursIn('東京', japanese)).toBe(true);
    expect(occursIn('住んで', japanese)).toBe(true);
    expect(occursIn('京都', '東京都')).toBe(true);
    expect(occursIn('大阪', japanese)).toBe(false);
    // A pair of characters is where it is in the text, for marking it.
    const tokens = tokenize(japanese);
    const tokyo = tokens.find((t: Token) => t.term === '東京')!;
    expect(japanese.slice(tokyo.start, tokyo.end)).toBe('東京');
    // A lone character is a word of its own; Latin inside a run is a word too.
    expect(terms('猫')).toEqual(['猫']);
    expect(occursIn('iphone', '新しいiPhoneを買った')).toBe(true);
    expect(occursIn('人民', '中华人民共和国')).toBe(true);
  });

  it('cuts Thai into words with Intl.Segmenter', () => {
    const thai = 'สวัสดีครับ ผมชื่อสมชาย';
    const tokens = tokenize(thai);
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    expect(tokens.map((t) => thai.slice(t.start, t.end)).join('')).toBe(thai.replace(/\s/g, ''));
    expect(occursIn('ครับ', thai)).toBe(true);
  });

  it('keeps every word of a real article, each pointing at its own text', async () => {
    const text = await readFile(join(SEEDS_DIR, '002_31b589b1837cb86d.txt'), 'utf8');
    const tokens = tokenize(text);
    expect(tokens.length).toBeGreaterThan(200);
    for (const t of tokens) {
      const original = text.slice(t.start, t.end);
      expect(original.length).toBeGreaterThan(0);
      expect(/[\p{L}\p{N}]/u.test(original)).toBe(true);
      expect(terms(original)).toContain(t.term);
    }
  });

  it('finds the same words by its fast way (separators first, ASCII as it is) as by folding the whole text', async () => {
    // Pieces of every kind a word can be made of or cut by, strung together at random (seeded), and a
    // real article.
    const pieces = [
      'word',
      'Tides',
      'RECRUITED',
      'x',
      '42',
      'a1b2',
      ' ',
      '  ',
      '\n',
      '\t',
      '-',
      "'",
      '.',
      ',',
      '\u2019',
      '\u201c',
      '\u2014',
      '\u2026',
      '\u00a0',
      '\u3000',
      '\u3002',
      '\uff0c',
      '\u00e9t\u00e9',
      'e\u0301',
      '\u0301',
      'Stra\u00dfe',
      '\ufb01n',
      '\u0130',
      '\u65e5\u672c\u8a9e',
      '\u3072\u3089\u304c\u306a',
      '\u30ab\u30bf\u30ab\u30ca\u30fc',
      '\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35',
      '\u{20b9f}',
      '\u{1f600}',
      '\u0416\u0443\u043a',
      '\u05e9\u05dc\u05d5\u05dd',
      '\u0661\u0662',
      '\uff21\uff22',
      '\u00bd',
      '\u2460',
      '\u200d',
      '\u00ad',
      '\ud800',
    ];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const samples = [await readFile(join(SEEDS_DIR, '002_31b589b1837cb86d.txt'), 'utf8'), ''];
    for (let s = 0; s < 300; s++)
      samples.push(Array.from({ length: 1 + Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]).join(''));
    for (const text of samples) {
      expect(tokenize(text), JSON.stringify(text)).toEqual(tokenizeFolded(text));
      // and where the words are, without their terms (a snippet's look)
      expect(wordSpans(text), JSON.stringify(text)).toEqual(tokenize(text).map(({ start, end }) => ({ start, end })));
      // and which words a set of terms marks (a quote's look), their terms looked up only where they could be wanted
      const tokens = tokenize(text);
      const wanted = new Set([...tokens.filter((_, i) => i % 3 === 0).map((t) => t.term), 'zzz', termOf('recruiting')]);
      expect(markWords(text, wanted), JSON.stringify(text)).toEqual(tokens.map(({ start, end, term }) => ({ start, end, marked: wanted.has(term) })));
    }
  });
});
