// The positional index with BM25 (issue 8 §2): every word required, phrases on positions, exclusions,
// a prefix while typing, fields weighted, the best results first; checked against a brute-force
// reading of the same real texts.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src-main/core/analyze';
import { parseQuery } from '../../src-main/core/query';
import { recordBytes, recordFrom } from '../../src-main/core/search-files';
import { analyzeRecord, SearchIndex } from '../../src-main/core/search-index';
import { SEEDS_DIR } from '../seeds';

function indexOf(docs: { title: string; body: string }[]): SearchIndex {
  const index = new SearchIndex();
  docs.forEach((d, id) =>
    index.add(id, [
      { text: d.title, weight: 3 },
      { text: d.body, weight: 1 },
    ]),
  );
  return index;
}
const ids = (index: SearchIndex, query: string, typing = false) => index.search(parseQuery(query, { typing }), 50).map((h) => h.id);

const DOCS = [
  { title: 'Harbour notes', body: 'The tide came in faster than the charts said.\nThe trawlers stayed in port.' },
  { title: 'Orchards of Kent', body: 'The apple harvest came early. The tide of pickers came in from the harbour towns.' },
  { title: 'Recruitment', body: 'The army recruited widely; recruitment fell in winter. Un été à Zürich.' },
  { title: 'Tokyo diary', body: '私は東京都に住んでいます。The harbour at dawn.' },
  { title: 'Tides', body: 'Nothing here but the word tide, tide and tide again: tide.' },
];

describe('SearchIndex', () => {
  it('finds records holding every word, folded and stemmed as typed', () => {
    const index = indexOf(DOCS);
    expect(ids(index, 'tide').sort()).toEqual([0, 1, 4]);
    expect(ids(index, 'tide harbour').sort()).toEqual([0, 1]);
    expect(ids(index, 'recruited')).toEqual([2]);
    expect(ids(index, 'ete zurich')).toEqual([2]);
    expect(ids(index, 'tide nowhere-to-be-found')).toEqual([]);
    expect(ids(index, '東京')).toEqual([3]);
    expect(ids(index, '京都')).toEqual([3]);
  });

  it('ranks a title and a frequent word above a passing mention', () => {
    const index = indexOf(DOCS);
    const tide = ids(index, 'tide');
    expect(tide[0]).toBe(4); // title and four times in the body
    const harbour = ids(index, 'harbour');
    expect(harbour[0]).toBe(0); // in its title
  });

  it('matches a phrase only where its words follow one another, across a line break but not across fields', () => {
    const index = indexOf(DOCS);
    expect(ids(index, '"tide came in"')).toEqual([0]);
    expect(ids(index, '"came in"').sort()).toEqual([0, 1]);
    expect(ids(index, '"said the trawlers"')).toEqual([0]);
    expect(ids(index, '"harbour notes"')).toEqual([0]);
    expect(ids(index, '"notes the tide"')).toEqual([]);
    expect(ids(index, '"came tide"')).toEqual([]);
    // a word the phrase repeats: the same word at consecutive positions, as many times as it is written
    expect(ids(index, '"tide tide"')).toEqual([4]);
    expect(ids(index, '"tide tide tide"')).toEqual([]);
    expect(ids(index, '"word tide tide"')).toEqual([4]);
    expect(ids(index, 'tide -"tide tide"').sort()).toEqual([0, 1]);
  });

  it('matches phrases of common and rare words as a brute-force reading does, led by any of their words', () => {
    // Words drawn so that one stands in every record many times and others rarely: whichever word has
    // the fewest places in a record leads the check, at any offset in the phrase.
    const vocabulary = ['sea', 'sea', 'sea', 'sea', 'boat', 'boat', 'net', 'gull', 'rope', 'keel'];
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const bodies = Array.from({ length: 60 }, () => Array.from({ length: 40 + next(40) }, () => vocabulary[next(vocabulary.length)]!));
    const index = indexOf(bodies.map((words) => ({ title: 'log', body: words.join(' ') })));
    const holds = (words: string[], phrase: string[]) => words.some((_, i) => phrase.every((w, k) => words[i + k] === w));
    for (let n = 0; n < 200; n++) {
      const phrase = Array.from({ length: 2 + next(3) }, () => vocabulary[next(vocabulary.length)]!);
      const expected = bodies.flatMap((words, id) => (holds(words, phrase) ? [id] : []));
      const found = index.search(parseQuery(`"${phrase.join(' ')}"`), 100).map((h) => h.id);
      expect(
        found.sort((a, b) => a - b),
        phrase.join(' '),
      ).toEqual(expected);
    }
  });

  it('leaves out excluded words and phrases', () => {
    const index = indexOf(DOCS);
    expect(ids(index, 'tide -apple').sort()).toEqual([0, 4]);
    expect(ids(index, 'tide -"tide came"').sort()).toEqual([1, 4]);
    expect(ids(index, 'harbour -"came early"').sort()).toEqual([0, 3]);
  });

  it('takes the last word as a prefix while typing', () => {
    const index = indexOf(DOCS);
    expect(ids(index, 'recru', true)).toEqual([2]);
    expect(ids(index, 'recru', false)).toEqual([]);
    expect(ids(index, 'the harb', true).sort()).toEqual([0, 1, 3]);
  });

  it('forgets a removed record at once, and keeps only the best `limit`', () => {
    const index = indexOf(DOCS);
    index.remove(4);
    expect(index.size).toBe(4);
    expect(ids(index, 'tide').sort()).toEqual([0, 1]);
    expect(index.search(parseQuery('the'), 2)).toHaveLength(2);
    const all = index.search(parseQuery('the'), 50);
    expect(all.map((h) => h.score)).toEqual([...all.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('finds exactly the records a brute-force reading finds, on real articles', async () => {
    const files = (await readdir(SEEDS_DIR)).filter((f) => f.endsWith('.txt')).sort();
    const texts = await Promise.all(files.map((f) => readFile(join(SEEDS_DIR, f), 'utf8')));
    const docs = texts.map((t) => ({ title: t.split('\n')[0]!, body: t }));
    const index = indexOf(docs);
    const termsOf = docs.map((d) => new Set(tokenize(d.body).map((t) => t.term)));
    // Every seventh word as written in the texts, asked for as a reader would type it.
    const written = [...new Set(texts.flatMap((t) => tokenize(t).map((w) => t.slice(w.start, w.end))))];
    for (const word of written.filter((_, i) => i % 7 === 0)) {
      const term = tokenize(word)[0]!.term;
      const expected = termsOf.flatMap((terms, id) => (terms.has(term) ? [id] : []));
      expect(ids(index, word).sort(), word).toEqual(expected);
    }
    // A phrase from each article finds that article.
    texts.forEach((text, id) => {
      const words = tokenize(text).slice(40, 44);
      const phrase = `"${words.map((w) => text.slice(w.start, w.end)).join(' ')}"`;
      expect(ids(index, phrase), phrase).toContain(id);
    });
  });

  it('ranks the same, score for score, from a snapshot, from one with records added after it, and from records added one by one', async () => {
    const files = (await readdir(SEEDS_DIR)).filter((f) => f.endsWith('.txt')).sort();
    const texts = await Promise.all(files.map((f) => readFile(join(SEEDS_DIR, f), 'utf8')));
    // each paragraph a record: many records, and words shared among them
    const docs = texts.flatMap((t) => {
      const paragraphs = t.split('\n').filter((p) => p.trim());
      return paragraphs.map((body) => ({ title: paragraphs[0]!, body }));
    });
    expect(docs.length).toBeGreaterThan(100);
    const added = indexOf(docs);
    const restored = SearchIndex.fromSnapshot(added.toSnapshot());
    // and a snapshot of the first half with the second half added after it (postings in two parts)
    const half = Math.floor(docs.length / 2);
    const mixed = SearchIndex.fromSnapshot(indexOf(docs.slice(0, half)).toSnapshot());
    docs.slice(half).forEach((d, i) =>
      mixed.add(half + i, [
        { text: d.title, weight: 3 },
        { text: d.body, weight: 1 },
      ]),
    );
    const words = texts.flatMap((t) => tokenize(t).map((w) => t.slice(w.start, w.end)));
    const queries: string[] = [];
    for (let i = 0; i + 3 < words.length; i += 97) {
      queries.push(`${words[i]} ${words[i + 1]}`, `${words[i]} ${words[(i * 7) % words.length]} ${words[(i * 13) % words.length]}`);
      queries.push(`"${words[i]} ${words[i + 1]}"`, `${words[i]} -${words[i + 2]}`, `the ${words[i + 3]}`);
    }
    // phrases of common words, asked about many records (their words' positions are then read whole)
    queries.push('"of the"', '"in the"', '"and the"', '"to the"', '"it is"', '"of the" -and', 'the "of a"');
    let answered = 0;
    for (const q of queries)
      for (const limit of [3, 40]) {
        const expected = added.search(parseQuery(q), limit);
        expect(restored.search(parseQuery(q), limit), `${q} (${limit})`).toEqual(expected);
        expect(mixed.search(parseQuery(q), limit), `${q} (${limit}), in two parts`).toEqual(expected);
        if (expected.length > 0) answered++;
      }
    expect(answered).toBeGreaterThan(100);
  });

  it('answers the same from a snapshot, and goes on taking records after one', () => {
    const index = indexOf(DOCS);
    index.remove(1);
    const restored = SearchIndex.fromSnapshot(index.toSnapshot());
    // the same records (scores may differ a little: a removed record's postings no longer count)
    for (const q of ['tide', 'the harb', '"came in"', 'tide -apple', '京都', 'recruited'])
      expect(ids(restored, q, true)).toEqual(ids(index, q, true));
    expect(restored.size).toBe(4);
    restored.add(9, [{ text: 'A tide table for the harbour', weight: 1 }]);
    expect(ids(restored, 'tide harbour').sort()).toEqual([0, 9]);
    expect(ids(restored, 'tabl', true)).toEqual([9]);
    // the snapshot it came from is not changed by what was added after
    expect(ids(SearchIndex.fromSnapshot(index.toSnapshot()), 'tide harbour')).toEqual([0]);
  });

  it('ranks words close together above the same words far apart', () => {
    const filler = ' and then'.repeat(60);
    const index = new SearchIndex();
    index.add(0, [{ text: `The harbour${filler} at last the tide.`, weight: 1 }]);
    index.add(1, [{ text: `The harbour tide${filler} at last.`, weight: 1 }]);
    expect(ids(index, 'harbour tide')).toEqual([1, 0]);
  });

  it('knows the nearest term to a misspelt one, preferring the commoner', () => {
    const index = indexOf(DOCS);
    expect(index.nearestTerm('harbuor')).toBe('harbour'); // a swap is one edit
    expect(index.nearestTerm('tidw')).toBe('tide');
    expect(index.nearestTerm('zzzzzz')).toBeUndefined();
    // never further than a short word allows (one edit up to four letters): not "in" for 日本, not "tide" for "tixx"
    expect(index.nearestTerm('日本')).toBeUndefined();
    expect(index.nearestTerm('tixx')).toBeUndefined();
    expect(index.nearestTerm('harbxxr')).toBe('harbour'); // two edits in a longer word
    expect(index.frequency('tide')).toBe(3);
  });

  it("analyzes a record into each term's weight and positions, fields apart, as its words say", () => {
    const fields = [
      { text: 'The tide turned; the TIDES turn. Été à Paris, 日本語 and 42 tides again.', weight: 1 },
      { text: 'Tide tables', weight: 3 },
      { text: 'Turning\nParis', weight: 2 },
    ];
    const record = analyzeRecord(fields);
    // The same record the plain way: every word of every field in turn, 64 positions between fields.
    const expected = new Map<string, { weight: number; positions: number[] }>();
    let position = 0;
    let length = 0;
    for (const field of fields) {
      const words = tokenize(field.text);
      for (const w of words) {
        const entry = expected.get(w.term) ?? { weight: 0, positions: [] };
        expected.set(w.term, entry);
        entry.weight += field.weight;
        entry.positions.push(position + w.position);
        length += field.weight;
      }
      position += words.length + 64;
    }
    expect(record.terms).toEqual([...expected.keys()]);
    record.terms.forEach((term, i) => {
      expect(record.weights[i]).toBe(expected.get(term)!.weight);
      expect([...record.positions.subarray(record.starts[i], record.starts[i + 1])]).toEqual(expected.get(term)!.positions);
    });
    expect(record.length).toBe(length);
    expect(record.checkpoints[0]).toBe(tokenize(fields[0]!.text).length);
  });

  it('analyzes a record the same after its thread has let a large vocabulary go', () => {
    const text = 'The tide turned; the TIDES turn. Été à Paris, 日本語 and 42 tides again.';
    const before = analyzeRecord([{ text, weight: 1 }]);
    // more distinct words than a thread keeps (300,000 words and terms): it starts afresh, more than once
    for (let r = 0; r < 6; r++) analyzeRecord([{ text: Array.from({ length: 100_000 }, (_, i) => `w${r}x${i.toString(36)}`).join(' '), weight: 1 }]);
    expect(analyzeRecord([{ text, weight: 1 }])).toEqual(before);
  });

  it('keeps where every 32nd word starts in the first field, in UTF-8 bytes, and its word count', () => {
    const text = Array.from({ length: 70 }, (_, i) => (i === 40 ? 'été' : `w${i}`)).join(' ');
    const record = analyzeRecord([{ text, weight: 1 }]);
    expect(record.checkpoints[0]).toBe(70);
    const bytes = Buffer.from(text);
    for (const [k, word] of [
      [1, 'w0'],
      [2, 'w32'],
      [3, 'w64'],
    ] as const)
      expect(bytes.toString('utf8', record.checkpoints[k]!, record.checkpoints[k]! + word.length)).toBe(word);
  });
  it('keeps a record as bytes a log holds and gives it back the same, and refuses bytes that do not add up', () => {
    const records = [
      analyzeRecord([
        { text: 'The tide turned; été à Zürich, 東京都 and 42 tides again. 🌊 ﬁsh', weight: 1 },
        { text: 'Harbour notes', weight: 3 },
      ]),
      analyzeRecord([]),
      analyzeRecord([{ text: Array.from({ length: 500 }, (_, i) => `w${i % 37}`).join(' '), weight: 1 }]),
    ];
    for (const record of records) {
      const bytes = recordBytes(record);
      expect(recordFrom(bytes)).toEqual(record);
      // read from the middle of a log, where the bytes need not start at an aligned place
      const log = Buffer.concat([Buffer.from([1, 2, 3]), bytes]);
      expect(recordFrom(log.subarray(3))).toEqual(record);
      expect(() => recordFrom(bytes.subarray(0, bytes.byteLength - 1))).toThrow(/damaged|cut short/);
    }
    const damaged = Buffer.from(recordBytes(records[0]!));
    damaged.writeUInt32LE(damaged.readUInt32LE(0) + 1, 0);
    expect(() => recordFrom(damaged)).toThrow(/damaged/);
  });
});
