// Issue 8 asks for the search engine to be chosen by measurement. This compares the candidates on one
// generated library (corpus.ts, zipfLibrary): 10,000 documents of ~5,000 characters (~50 MB) drawn from a
// 60,000-word vocabulary with Zipf frequencies, queried with rare words, pairs of common words and two- or three-word phrases.
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
import { zipfLibrary } from './corpus';

const DOCS = Number(process.env.GLOSS_BENCH_DOCS ?? 10_000);
const { texts, titles, lower, documentFrequency, rare, common, phrases } = zipfLibrary(DOCS);

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
