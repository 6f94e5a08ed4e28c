// Full-text search over titles and bodies (MiniSearch).
//
// The index is a cache, kept in search-index.json beside the library. Before each search it is
// reconciled with the library's documents by id, content hash and title, so the library never has to
// tell it about changes, and a missing or damaged cache costs a rebuild, never a wrong answer.
// Indexing is the slow part (about 2 ms per 9 KB document), which is why the index is kept on disk:
// loading it is several times faster than building it.
import { readFile, rename, writeFile } from 'node:fs/promises';
import type MiniSearch from 'minisearch';
import type { AsPlainObject, Options } from 'minisearch';
import { z } from 'zod';
import { matchesOf } from './first-match';
import { tempPathFor } from './store/durable-json';

export interface IndexedDocument {
  id: string;
  title: string;
  /** the content hash: a document whose hash or title changed is indexed again */
  hash: string;
}

interface Entry {
  id: string;
  title: string;
  text: string;
}

const OPTIONS: Options<Entry> = { fields: ['title', 'text'], idField: 'id' };
/** Bump when OPTIONS or the tokenizer change, so old caches are rebuilt. */
const CACHE_VERSION = 1;
const CacheFile = z.object({
  version: z.literal(CACHE_VERSION),
  fingerprints: z.record(z.string(), z.string()),
  index: z.custom<AsPlainObject>((v) => typeof v === 'object' && v !== null),
});

const SAVE_AFTER_QUIET_MS = 30_000;

const fingerprint = (d: IndexedDocument) => `${d.hash}\u0000${d.title}`;

export interface SearchSource {
  documents(): IndexedDocument[];
  /** a document's canonical text ('' if it cannot be read) */
  text(id: string): Promise<string>;
  /** where the index is cached */
  cachePath: string;
  /** a read-only library reads the cache but never writes it */
  readOnly: boolean;
}

export class DocumentSearch {
  private index: MiniSearch<Entry> | null = null;
  private fingerprints = new Map<string, string>();
  /** reconciliations run one after another */
  private queue: Promise<unknown> = Promise.resolve();
  private dirty = false;
  private saveTimer: NodeJS.Timeout | null = null;
  private closing = false;

  constructor(private readonly source: SearchSource) {}

  async search(query: string): Promise<{ id: string; terms: string[] }[]> {
    const index = await this.refresh();
    return index
      .search(query, { prefix: true, fuzzy: (term) => (term.length > 4 ? 0.2 : 0), combineWith: 'AND', boost: { title: 3 } })
      .map((hit) => ({ id: String(hit.id), terms: hit.terms }));
  }

  /** Bring the index up to date with the library (loading the cache the first time). */
  refresh(): Promise<MiniSearch<Entry>> {
    const run = this.queue.then(() => this.reconcile());
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stop indexing (what is indexed so far is kept) and write the cache if it is behind. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    await this.queue;
    // Only a cache: if it cannot be written now, the next session rebuilds what it lacks.
    if (this.dirty) await this.save().catch(() => undefined);
  }

  private async reconcile(): Promise<MiniSearch<Entry>> {
    const index = (this.index ??= await this.loadCache());
    const current = new Map(this.source.documents().map((d) => [d.id, d]));
    let changed = false;
    for (const [id, print] of this.fingerprints) {
      const doc = current.get(id);
      if (doc && fingerprint(doc) === print) continue;
      if (index.has(id)) index.discard(id);
      this.fingerprints.delete(id);
      changed = true;
    }
    const missing = [...current.values()].filter((d) => !this.fingerprints.has(d.id));
    // Read a few dozen bodies at a time, and index in chunks so a host's event loop keeps answering.
    for (let i = 0; i < missing.length && !this.closing; i += 32) {
      const batch = missing.slice(i, i + 32);
      const entries = await Promise.all(batch.map(async (d) => ({ id: d.id, title: d.title, text: await this.source.text(d.id) })));
      // A cache written by an older Gloss may hold an entry its fingerprints forgot: replace it.
      for (const d of batch) if (index.has(d.id)) index.discard(d.id);
      await index.addAllAsync(entries, { chunkSize: 8 });
      for (const d of batch) this.fingerprints.set(d.id, fingerprint(d));
      changed = true;
    }
    if (changed && !this.source.readOnly) {
      this.dirty = true;
      if (!this.closing) this.scheduleSave();
    }
    return index;
  }

  private async loadCache(): Promise<MiniSearch<Entry>> {
    // Loaded when the first search needs it, so commands that never search start without it.
    const { default: MiniSearch } = await import('minisearch');
    try {
      const cache = CacheFile.parse(JSON.parse(await readFile(this.source.cachePath, 'utf8')));
      const index = MiniSearch.loadJS<Entry>(cache.index, OPTIONS);
      this.fingerprints = new Map(Object.entries(cache.fingerprints));
      return index;
    } catch {
      // No cache yet, or one that cannot be used: build from the documents.
      this.fingerprints = new Map();
      return new MiniSearch<Entry>(OPTIONS);
    }
  }

  /**
   * Writing the cache serializes the whole index in one go (about 2 s at 10,000 documents, during
   * which the host answers nothing), so it waits for the library to be quiet for a while.
   */
  private scheduleSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.queue = this.queue.then(() => this.save()).catch(() => undefined);
    }, SAVE_AFTER_QUIET_MS);
    this.saveTimer.unref?.();
  }

  private async save(): Promise<void> {
    if (!this.index) return;
    const cache = { version: CACHE_VERSION, fingerprints: Object.fromEntries(this.fingerprints), index: this.index };
    // A cache need not survive a power cut (a damaged one is rebuilt), only never be half-written.
    const tmp = tempPathFor(this.source.cachePath);
    await writeFile(tmp, JSON.stringify(cache), 'utf8');
    await rename(tmp, this.source.cachePath);
    this.dirty = false;
  }
}

/**
 * A short excerpt of `text` around the best place to show: the first occurrence of the first of
 * `terms` that occurs at all, so callers list what matters most first (the phrase the user typed,
 * then its words, then what the index matched, such as fuzzy variants).
 */
export function snippetFor(text: string, terms: string[], radius = 80): string | undefined {
  const [match] = matchesOf(text, terms);
  if (!match) return undefined;
  const at = match.start;
  const length = match.end - match.start;
  // Cut at spaces, never inside a word.
  let from = Math.max(0, at - radius);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    from = space >= 0 && space < at ? space + 1 : from;
  }
  let to = Math.min(text.length, at + length + radius);
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    to = space > at + length ? space : to;
  }
  const body = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}
