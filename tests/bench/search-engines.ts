// Issue 8 asks for the search engine to be chosen by measurement. This compares the candidates on one
// generated library: 10,000 documents of ~5,000 characters (~50 MB) drawn from a 60,000-word vocabulary
// with Zipf frequencies, queried with rare words, pairs of common words and two- or three-word phrases.
// Each engine is built, measured for time and memory, and asked every query twice; phrases are checked
// against the texts where an engine has no phrase search of its own. A plain scan of the lower-cased
// texts is the baseline.
//
//   npm run bench:engines [-- minisearch|flexsearch|fts5|gloss|scan]   (one engine per process is fairest)
//
// FTS5 runs in SQLite's official WebAssembly build: node:sqlite is not in Node 20, which the CLI and
// browser mode run on. The build keeps its database in memory (it can only be saved whole).
import sqlite3InitModule from '@sqlite.org/sqlite-wasm';
import { Index as FlexIndex } from 'flexsearch';
import MiniSearch from 'minisearch';
import { parseQuery } from '../../src-main/core/query';
import { SearchIndex } from '../../src-main/core/search-index';

const DOCS = Number(process.env.GLOSS_BENCH_DOCS ?? 10_000);
const DOC_CHARS = 5_000;

let state = 12345;
const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ne',
  'ru',
  'sa',
  'to',
  'vi',
  'de',
  'an',
  'or',
  'el',
  'ti',
  'po',
  'ba',
  'qu',
  'ist',
  'ment',
  'ing',
  'er',
  'ly',
  'al',
];

function vocabulary(size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    let w = '';
    for (let i = 1 + Math.floor(random() * 4); i > 0; i--) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(w);
  }
  return [...words];
}

const VOCAB = vocabulary(60_000);
const cumulative = new Float64Array(VOCAB.length);
for (let r = 0, sum = 0; r < VOCAB.length; r++) cumulative[r] = sum += 1 / (r + 1) ** 1.07;
function word(): string {
  const x = random() * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return VOCAB[lo]!;
}

const texts: string[] = [];
const titles: string[] = [];
for (let d = 0; d < DOCS; d++) {
  const sentences: string[] = [];
  for (let length = 0; length < DOC_CHARS;) {
    const s = `${Array.from({ length: 8 + Math.floor(random() * 12) }, word).join(' ')}.`;
    sentences.push(s);
    length += s.length + 1;
  }
  texts.push(sentences.join(' '));
  titles.push(Array.from({ length: 4 }, word).join(' '));
}
const lower = texts.map((t) => t.toLowerCase());

// The queries: 30 of each kind, from the texts themselves.
const documentFrequency = new Map<string, number>();
for (const t of lower) for (const w of new Set(t.split(/[^a-z]+/))) if (w) documentFrequency.set(w, (documentFrequency.get(w) ?? 0) + 1);
const byFrequency = [...documentFrequency].sort((a, b) => a[1] - b[1]);
const rare = byFrequency
  .filter(([, n]) => n >= 2 && n <= 20)
  .filter((_, i) => i % 97 === 0)
  .slice(0, 30)
  .map(([w]) => w);
const top = byFrequency.slice(-80).map(([w]) => w);
const common = Array.from({ length: 30 }, (_, i) => `${top[i]} ${top[79 - i]}`);
const phrases = Array.from({ length: 30 }, (_, i) => {
  const ws = lower[(i * 331) % DOCS]!.replace(/\./g, '').split(' ');
  const at = 100 + ((i * 17) % 400);
  return ws.slice(at, at + 2 + (i % 2)).join(' ');
});

const gc = (globalThis as { gc?: () => void }).gc;
const memory = () => {
  gc?.();
  return process.memoryUsage();
};
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const ms = (x: number) => x.toFixed(x < 10 ? 2 : 0);

/** The documents holding `phrase`, of the candidates an engine found. */
const withPhrase = (ids: Iterable<number>, phrase: string) => {
  let n = 0;
  for (const id of ids) if (lower[id]!.includes(phrase)) n++;
  return n;
};

interface Engine {
  name: string;
  build(): void;
  /** what else is worth knowing (saving, loading), measured after the build */
  note(): string;
  /** how many documents answer `query` (a phrase when `phrase`) */
  run(query: string, phrase: boolean): number;
}

const engines: Record<string, () => Promise<Engine>> = {
  scan: async () => ({
    name: 'linear scan (baseline)',
    build: () => undefined,
    note: () => 'the lower-cased texts, in memory',
    run(query, phrase) {
      let n = 0;
      const words = phrase ? [query] : query.split(' ');
      for (const t of lower) if (words.every((w) => t.includes(w))) n++;
      return n;
    },
  }),
  minisearch: async () => {
    const index = new MiniSearch<{ id: number; title: string; text: string }>({ fields: ['title', 'text'] });
    return {
      name: 'MiniSearch 7.2',
      build() {
        for (let i = 0; i < DOCS; i++) index.add({ id: i, title: titles[i]!, text: texts[i]! });
      },
      note() {
        let t = performance.now();
        const json = JSON.stringify(index);
        const save = performance.now() - t;
        t = performance.now();
        MiniSearch.loadJSON(json, { fields: ['title', 'text'] });
        return `saved as ${(json.length / 1e6).toFixed(0)} MB of JSON in ${ms(save)} ms, loaded in ${ms(performance.now() - t)} ms`;
      },
      run(query, phrase) {
        const found = index.search(query, { combineWith: 'AND' });
        return phrase
          ? withPhrase(
              found.map((r) => r.id as number),
              query,
            )
          : found.length;
      },
    };
  },
  flexsearch: async () => {
    const index = new FlexIndex({ tokenize: 'strict', resolution: 9 });
    return {
      name: 'FlexSearch 0.8',
      build() {
        for (let i = 0; i < DOCS; i++) index.add(i, `${titles[i]} ${texts[i]}`);
      },
      note: () => 'no ranking beyond term resolution; no phrases',
      run(query, phrase) {
        const found = index.search(query, { limit: DOCS }) as number[];
        return phrase ? withPhrase(found, query) : found.length;
      },
    };
  },
  gloss: async () => {
    const index = new SearchIndex();
    return {
      name: 'Gloss SearchIndex',
      build() {
        for (let i = 0; i < DOCS; i++)
          index.add(i, [
            { text: titles[i]!, weight: 3 },
            { text: texts[i]!, weight: 1 },
          ]);
      },
      note: () => 'positional, BM25, the best 50; phrases on positions',
      run(query, phrase) {
        return index.search(parseQuery(phrase ? `"${query}"` : query), 50).length;
      },
    };
  },
  fts5: async () => {
    const sqlite3 = await sqlite3InitModule();
    const db = new sqlite3.oo1.DB(':memory:');
    db.exec("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')");
    return {
      name: 'SQLite FTS5 (WASM)',
      build() {
        db.exec('BEGIN');
        const insert = db.prepare('INSERT INTO t(rowid, title, body) VALUES (?, ?, ?)');
        for (let i = 0; i < DOCS; i++) insert.bind([i, titles[i]!, texts[i]!]).stepReset();
        insert.finalize();
        db.exec('COMMIT');
      },
      note: () => `database ${(sqlite3.capi.sqlite3_js_db_export(db).byteLength / 1e6).toFixed(0)} MB; BM25, the best 50; phrases native`,
      run(query, phrase) {
        return db.selectValues('SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 50', [phrase ? `"${query}"` : query]).length;
      },
    };
  },
};

const which = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const chosen = which.length > 0 ? which : Object.keys(engines);
console.log(`${DOCS} documents, ${(texts.reduce((n, t) => n + t.length, 0) / 1e6).toFixed(1)} MB, ${documentFrequency.size} distinct words`);
console.log('| engine | build | heap added | RSS | rare p50 / p95 | common p50 / p95 | phrase p50 / p95 | notes |');
console.log('|---|---:|---:|---:|---:|---:|---:|---|');
for (const key of chosen) {
  const make = engines[key];
  if (!make) throw new Error(`no engine ${key}: ${Object.keys(engines).join(', ')}`);
  const before = memory();
  const engine = await make();
  const t = performance.now();
  engine.build();
  const build = performance.now() - t;
  const after = memory();
  const cells = ([rare, common, phrases] as const).map((queries, kind) => {
    const times: number[] = [];
    for (let round = 0; round < 2; round++)
      for (const q of queries) {
        const start = performance.now();
        engine.run(q, kind === 2);
        times.push(performance.now() - start);
      }
    return `${ms(percentile(times, 0.5))} / ${ms(percentile(times, 0.95))} ms`;
  });
  console.log(
    `| ${engine.name} | ${ms(build)} ms | ${((after.heapUsed - before.heapUsed) / 1e6).toFixed(0)} MB | ${(after.rss / 1e6).toFixed(0)} MB | ${cells.join(' | ')} | ${engine.note()} |`,
  );
}
