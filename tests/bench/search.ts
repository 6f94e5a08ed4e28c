// The search table (issue 8 §3): a real library of 10,000 generated documents (~50 MB, Zipf-distributed
// words, corpus.ts) and 100,000 highlights, searched through the library's own search service with
// rare words, pairs of common words and phrases, snippets included; against a linear scan of the same
// texts in the same process (the lower-cased texts in memory: the least a scan could do). Also: the
// first search after opening, a CLI search end to end, and the resident memory of a host process
// with the library open and its index read.
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Library } from '../../src-main/core/library';
import { COLORS, type Highlight } from '../../src-main/core/model';
import { newId } from '../../src-main/core/services/highlights';
import { SCHEMA_VERSION } from '../../src-main/core/store/files';
import { build } from 'vite';
import { zipfLibrary } from './corpus';

type Record = (measure: string, value: number, unit: string, target: number, better?: 'lower' | 'higher') => void;

const REPO = join(import.meta.dirname, '../..');
const now = () => performance.now();
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const MB = 1024 * 1024;

/** A snippet as a scan would make one: the first place the first word occurs, and a little around it. */
function scanSnippet(text: string, word: string): string {
  const at = text.indexOf(word);
  return at < 0 ? '' : text.slice(Math.max(0, at - 80), at + word.length + 80);
}

export async function measureSearch(record: Record, docs: number, highlights: number): Promise<void> {
  const corpus = zipfLibrary(docs);
  const bytes = corpus.texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const label = `${docs.toLocaleString('en')} documents (${(bytes / MB).toFixed(0)} MB), ${highlights.toLocaleString('en')} highlights`;
  const dir = await mkdtemp(join(tmpdir(), 'gloss-bench-search-'));
  try {
    let lib = await Library.open(dir, { holder: 'command line' });
    for (let i = 0; i < docs; i += 500) {
      await lib.documents.importBytes(
        corpus.texts.slice(i, i + 500).map((text, k) => ({
          name: `doc-${i + k}.txt`,
          source: `/bench/doc-${i + k}.txt`,
          bytes: Buffer.from(`${corpus.titles[i + k]}\n\n${text}`),
        })),
      );
    }
    // Highlights of real passages, a third with a note, written as the store keeps them.
    const listed = await lib.documents.list();
    const perDoc = Math.ceil(highlights / listed.length);
    await mkdir(join(dir, 'annotations'), { recursive: true });
    let made = 0;
    for (const doc of listed) {
      const { text } = await lib.documents.get(doc.id);
      const list: Highlight[] = [];
      for (let k = 0; k < perDoc && made < highlights; k++, made++) {
        let start = text.indexOf(' ', ((k + 1) * 397) % Math.max(1, text.length - 200)) + 1;
        if (start <= 0) start = 0;
        const end = Math.min(text.length, text.indexOf(' ', start + 60) > 0 ? text.indexOf(' ', start + 60) : text.length);
        const at = new Date(Date.UTC(2026, 0, 1) + made * 60_000).toISOString();
        list.push({
          id: newId(),
          documentId: doc.id,
          position: { start, end },
          quote: { exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) },
          color: COLORS[k % COLORS.length]!,
          note: k % 3 === 0 ? `Compare ${corpus.titles[(made * 7) % docs]} with this.` : '',
          tags: k % 4 === 0 ? ['evidence'] : [],
          createdAt: at,
          updatedAt: at,
        });
      }
      await writeFile(join(dir, 'annotations', `${doc.id}.json`), JSON.stringify({ schema: SCHEMA_VERSION, documentId: doc.id, highlights: list }));
    }
    await lib.close();

    // Building the index: what a first open after an upgrade does, in the background.
    lib = await Library.open(dir, { holder: 'browser mode', indexInBackground: true });
    let t = now();
    lib.search.start(() => undefined);
    await lib.search.settle();
    record(`${label}: build the index from nothing (background, parser threads)`, now() - t, 'ms', Infinity);
    await lib.close();
    let indexBytes = 0;
    for (const f of await readdir(join(dir, 'search'))) indexBytes += (await stat(join(dir, 'search', f))).size;
    record(`${label}: index on disk`, indexBytes / MB, 'MB', Infinity);

    // The first search of a session: the index read from disk, nothing to catch up.
    lib = await Library.open(dir, { holder: 'browser mode', indexInBackground: true });
    lib.search.start(() => undefined);
    t = now();
    await lib.search.search(corpus.common[0]!);
    record('first search after opening (index read from disk)', now() - t, 'ms', 300);

    const queries = [...corpus.rare, ...corpus.common, ...corpus.phrases.map((p) => `"${p}"`)];
    const ours: number[] = [];
    for (let round = 0; round < 2; round++)
      for (const q of queries) {
        t = now();
        await lib.search.search(q);
        ours.push(now() - t);
      }
    const scans: number[] = [];
    for (let round = 0; round < 2; round++)
      for (const q of queries) {
        t = now();
        const phrase = q.startsWith('"');
        const words = phrase ? [q.slice(1, -1)] : q.split(' ');
        const found: number[] = [];
        corpus.lower.forEach((text, i) => words.every((w) => text.includes(w)) && found.push(i));
        for (const i of found.slice(0, 20)) scanSnippet(corpus.lower[i]!, words[0]!);
        scans.push(now() - t);
      }
    const p95 = percentile(ours, 0.95);
    const scanP95 = percentile(scans, 0.95);
    record(`search, rare + common + phrases with snippets (${ours.length}): median`, percentile(ours, 0.5), 'ms', Infinity);
    record(`search, rare + common + phrases with snippets (${ours.length}): 95th percentile`, p95, 'ms', 10);
    record('baseline: linear scan of the same texts (in memory), 95th percentile', scanP95, 'ms', Infinity);
    record('search faster than the linear scan (95th percentiles)', scanP95 / p95, '×', 20, 'higher');
    await lib.close();

    // The command line, end to end: a process started, the library opened, the index read, a search printed.
    execFileSync('npm', ['run', '--silent', 'build:cli'], { stdio: 'inherit', cwd: REPO });
    const cli: number[] = [];
    for (const q of [corpus.rare[3]!, corpus.common[5]!, `"${corpus.phrases[7]}"`]) {
      t = now();
      execFileSync(process.execPath, ['out/cli/main.js', '--data', dir, 'search', q], { cwd: REPO, stdio: 'ignore' });
      cli.push(now() - t);
    }
    record('npm run gloss -- search …, end to end (median of 3)', percentile(cli, 0.5), 'ms', 500);

    const [busy, idle] = await hostMemory(dir, queries.slice(0, 10));
    record('host memory right after searching (RSS; parser threads running)', busy, 'MB', Infinity);
    record('host memory with the library open, idle 30 s (RSS; parser threads stopped)', idle, 'MB', 250);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A host process: the library open as browser mode and the desktop app keep it, its index read, a few
 * searches; its RSS then. Compiled as the CLI is (vite.cli.config.ts) and run on plain Node, so the
 * figure is the app's, not the TypeScript loader's.
 */
async function hostMemory(dir: string, queries: string[]): Promise<number[]> {
  const outDir = join(REPO, 'out/bench');
  await build({
    configFile: join(REPO, 'vite.cli.config.ts'),
    build: { outDir, rollupOptions: { input: { 'search-memory': join(import.meta.dirname, 'search-memory.ts') } } },
  });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', join(outDir, 'search-memory.js'), dir, JSON.stringify(queries)], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out.trim().split(' ').map(Number)) : reject(new Error(`search-memory exited with ${code}`))));
  });
}
