// Search over the library (issue 8): two indexes (search-index.ts), one of documents (body, title,
// headings) and one of marks (highlights: quote and note; document notes), each a cache of the store
// of record kept on disk (search-files.ts).
//
// The indexes follow the library by key and fingerprint: a document by its id, content hash and
// title; a mark by its highlight's id and what its quote and note say, and each document's marks as
// a whole by the stamp of the file they are kept in. An import hands over each document analyzed by
// the parser thread that read it (`adopt`). Opening reads the cache and catches up with what changed
// since, in the background; after that, a change reaches the index as it happens (`documentsChanged`,
// `marksChanged`). Searches answer from what is indexed meanwhile, and say so.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { markWords, tokenize, wordSpans } from './analyze';
import type { Snippet } from './model';
import type { ParsedQuery } from './query';
import { IndexFiles, IndexState, readSnapshot, type Compactor, type LogEntry } from './search-files';
import { analyzeRecord, CHECKPOINT_EVERY, documentFields, type AnalyzedRecord, type IndexedField } from './search-index';

export interface SearchableDocument {
  id: string;
  title: string;
  hash: string;
}

/** A mark as search knows it: its key (the document's id, then the highlight's or "note") and what it says. */
export interface SearchableMark {
  key: string;
  documentId: string;
  /** the highlight's id; absent for a document's note */
  highlightId?: string;
  quote: string;
  note: string;
}

export interface SearchSource {
  /** every stored document (those in the Trash too: restoring one costs nothing then) */
  documents(): SearchableDocument[];
  /** a document's text and the text of its headings */
  content(id: string): Promise<{ text: string; headings: string }>;
  /** the documents that have highlights or a note */
  markedDocuments(): string[];
  /** a document's highlights and note */
  marks(documentId: string): SearchableMark[];
  /**
   * a fingerprint of where a document's highlights and note are stored, taken without reading them
   * (undefined: nothing stored); with it, opening reads only the documents whose stamp changed
   */
  markStamp?(documentId: string): string | undefined;
  /**
   * a fingerprint of the folder the highlights are stored in, which every write there changes ('':
   * there is none, so no document has a stamp; undefined: it changed too lately to be told from a
   * change still to come); while it is the one last seen after every document's stamp was taken, no
   * document's stamp is taken
   */
  marksFolderStamp?(): string | undefined;
  /** where the index's files are */
  dir: string;
  /** a read-only library reads the cache but never writes it */
  readOnly: boolean;
  /** analyzes a record in another thread; absent, here */
  analyze?(fields: IndexedField[], size: number): Promise<AnalyzedRecord>;
  compact?: Compactor;
}

export interface IndexProgress {
  done: number;
  total: number;
}

const docPrint = (d: SearchableDocument) => `${d.hash}\u0000${d.title}`;

/** A mark's fingerprint: a hash of what it says (FNV-1a), so an edit anywhere is seen without keeping the text twice. */
function markPrint(m: SearchableMark): string {
  let h = 0x811c9dc5;
  const text = `${m.quote}\u0000${m.note}`;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${text.length}:${(h >>> 0).toString(36)}`;
}

const markFields = (m: SearchableMark): IndexedField[] => [
  { text: m.quote, weight: 1 },
  { text: m.note, weight: 1 },
];

/** The document a mark's key belongs to. */
const documentOf = (key: string) => key.slice(0, key.indexOf('/'));
/** A document's stamp (SearchSource.markStamp) is kept as a record without words under this key. */
const stampKey = (documentId: string) => `${documentId}/`;
const isStampKey = (key: string) => key.endsWith('/');
/** The stamp of the folder the marks are stored in (SearchSource.marksFolderStamp), under this key. */
const FOLDER_KEY = '/';

/** Each mark's key (the folder's left out) with its document: a document's keys mostly come together, so its id is taken out once a run. */
function eachByDocument(keys: Iterable<string>, each: (key: string, documentId: string) => unknown): void {
  let run = FOLDER_KEY;
  let id = '';
  for (const key of keys) {
    if (key === FOLDER_KEY) continue;
    if (!key.startsWith(run)) {
      id = documentOf(key);
      run = `${id}/`;
    }
    each(key, id);
  }
}
const NO_WORDS = analyzeRecord([]);
const NO_BYTES = new Uint8Array(0);
const NO_CHECKPOINTS = new Int32Array(0);

/** Documents analyzed by an import taken into the index per turn of the event loop. */
const ADOPT_PER_TURN = 32;
/**
 * An import's first documents are indexed in memory as they come (searchable at once); past this
 * many, the rest go to the log alone, and into memory with the next snapshot, which a parser thread
 * makes: a large import costs the host's thread next to nothing, and its memory stays bounded.
 */
const IN_MEMORY_BURST = 64;

/** A fold after which more changes than this have come reads the index back only if it must (see Side.folded). */
const RELOAD_AFTER_MAX = 1000;

/** How many documents, and how many marks, are read and analyzed together while catching up. */
const GROUP = 16;
const MARK_GROUP = 512;

class Side {
  state = new IndexState();
  /** records in the log but not in memory yet (`put` with `indexed` false) */
  private unindexed = 0;
  /** the changes since the last fold, numbered as the files count them, to take again into the snapshot it makes */
  private recent: { seq: number; entry: LogEntry; indexed: boolean }[] = [];

  constructor(
    readonly files: IndexFiles,
    /** whether snippets are read from what its records stand for (a document's body), so it keeps where their words are */
    private readonly checkpoints: boolean,
  ) {
    files.onFolded = (path, covered) => this.folded(path, covered);
  }

  change(entry: LogEntry, indexed = true): void {
    this.state.apply(entry, indexed);
    const seq = this.files.append(entry);
    if (!indexed) this.unindexed++;
    this.files.bulk = this.unindexed > 0;
    // an entry not indexed is taken again without its words: only what it stands for (a read-only
    // index never folds, and needs none)
    if (!this.files.readOnly) this.recent.push({ seq, entry: indexed || 'remove' in entry ? entry : { ...entry, record: NO_BYTES }, indexed });
  }

  /** Replaces or adds the record for `key`; `indexed` false: to the log only, into memory with the next snapshot. */
  put(key: string, print: string, record: AnalyzedRecord | Uint8Array, indexed = true): void {
    if (!this.checkpoints && !(record instanceof Uint8Array)) record = { ...record, checkpoints: NO_CHECKPOINTS };
    this.change({ add: this.state.nextId, key, print, record }, indexed);
  }

  /** Records are waiting for a snapshot to be in memory: fold the logs until none is (a fold under way may have begun before them). */
  async foldIfUnindexed(): Promise<void> {
    while (this.unindexed > 0 && !this.files.failure && !this.files.readOnly) await this.files.compact();
  }

  /**
   * A fold has written a snapshot holding the first `covered` changes: the index is read back from
   * it (its postings stay in the file: what was added in memory since the last is let go, records
   * that were only logged are in it now, and the snapshot it replaces is not held open), and the
   * changes made since are taken again. While many changes keep coming (a first build), taking them
   * again would cost more than it saves: the index stays as it is, and the next fold reads it back.
   */
  private async folded(path: string, covered: number): Promise<void> {
    const after = this.recent.filter((r) => r.seq > covered);
    const unindexedAfter = after.filter((r) => !r.indexed).length;
    this.recent = after;
    if (unindexedAfter === this.unindexed && after.length > RELOAD_AFTER_MAX) return;
    const state = await readSnapshot(path);
    for (const r of after) state.apply(r.entry, r.indexed);
    // Nothing holds the index it replaces across a wait (searches read it at once): its file can go.
    this.state.close();
    this.state = state;
    this.unindexed = unindexedAfter;
    this.files.bulk = this.unindexed > 0;
  }

  drop(key: string): void {
    const id = this.state.records.get(key);
    if (id !== undefined) this.change({ remove: id });
  }
}

export class SearchEngine {
  private readonly docs: Side;
  private readonly marks: Side;
  private loading: Promise<void> | null = null;
  /** documents analyzed elsewhere, on their way in (adopt), and how many have come since the last import ended */
  private readonly toAdopt: { doc: SearchableDocument; record: Uint8Array }[] = [];
  private burst = 0;
  private folding: Promise<void> = Promise.resolve();
  private adopting: Promise<void> | null = null;
  private started = false;
  /** catching up runs one at a time; `again` asks for one more round once the current one ends */
  private running: Promise<void> | null = null;
  private again = false;
  private docsBehind = true;
  /** documents whose marks changed since the marks index last caught up; 'all' at first */
  private marksBehind: Set<string> | 'all' = 'all';
  private progress: IndexProgress = { done: 0, total: 0 };
  private closing = false;
  /**
   * The marks' folder changed since the last full look, or it had changed too lately to be stamped
   * then: a writer makes another once it is quiet, so that a command opening the library later (one
   * that cannot write the index) finds the folder as stamped and reads no document's highlights.
   */
  private lookOwed = false;
  private lookTimer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(p: IndexProgress) => void>();

  constructor(private readonly source: SearchSource) {
    this.docs = new Side(new IndexFiles(source.dir, 'documents', source.readOnly, source.compact), true);
    // a mark's snippet is made from its quote or note, which the store holds whole
    this.marks = new Side(new IndexFiles(source.dir, 'marks', source.readOnly, source.compact), false);
  }

  /** Reads the cache, once (a host starts this early: the rest of the library is read meanwhile). */
  load(): Promise<void> {
    this.loading ??= (async () => {
      const [docs, marks] = await Promise.all([this.docs.files.load(), this.marks.files.load()]);
      this.docs.state = docs;
      this.marks.state = marks;
    })();
    return this.loading;
  }

  /** Reads the cache and starts catching up with the library in the background; changes then catch up as they come. */
  start(): Promise<void> {
    if (!this.started) {
      this.started = true;
      void this.load().then(() => this.catchUp());
    }
    return this.load();
  }

  /**
   * A document analyzed where it was read (an import's parser thread): indexed as it is stored, so
   * catching up later finds it done. Kept in order; `settle` waits for it.
   */
  adopt(doc: SearchableDocument, record: Uint8Array): void {
    this.toAdopt.push({ doc, record });
    this.adopting ??= this.adoptAll().finally(() => (this.adopting = null));
  }

  /** Takes in what `adopt` was given, a few dozen per turn: an import going on meanwhile keeps its pace. */
  private async adoptAll(): Promise<void> {
    await this.load();
    while (this.toAdopt.length > 0) {
      for (const { doc, record } of this.toAdopt.splice(0, ADOPT_PER_TURN))
        this.docs.put(doc.id, docPrint(doc), record, ++this.burst <= IN_MEMORY_BURST);
      await nextTurn();
    }
  }

  /** An import has ended: what it handed over and memory has not taken in yet goes into a snapshot now. */
  async importEnded(): Promise<void> {
    await this.adopted();
    this.burst = 0;
    this.folding = this.docs.foldIfUnindexed();
  }

  /** Resolves once what `adopt` was given is in the index. */
  private async adopted(): Promise<void> {
    while (this.adopting) await this.adopting;
  }

  documentsChanged(): void {
    this.docsBehind = true;
    if (this.started) void this.catchUp();
  }

  marksChanged(documentId: string): void {
    if (this.marksBehind !== 'all') this.marksBehind.add(documentId);
    if (this.started) void this.catchUp();
  }

  /** Documents still to index, while the index catches up. */
  get behind(): IndexProgress | null {
    return this.running && this.progress.total > 0 ? { ...this.progress } : null;
  }

  onProgress(listener: (p: IndexProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once the index holds everything the library does (what a command line waits for). */
  async settle(): Promise<void> {
    await this.adopted();
    await this.start();
    while (this.running) await this.running;
    await this.folding;
    await Promise.all([this.docs.files.flush(), this.marks.files.flush()]);
  }

  /**
   * The best documents and marks for the query. `acceptDocument` and `acceptMark` narrow them (the
   * Trash, tags: what the store knows). Waits for the cache to be read, never for catching up.
   */
  async search(
    query: ParsedQuery,
    opts: {
      limit: number;
      /** fewer marks than documents: the library lists the best few, the notebook has them all */
      markLimit?: number;
      acceptDocument?: (id: string) => boolean;
      acceptMark?: (key: string) => boolean;
      only?: 'documents' | 'marks';
    },
  ): Promise<{ documents: { id: string; score: number }[]; marks: { key: string; score: number }[] }> {
    await this.load();
    const find = (side: Side, limit: number, accept?: (key: string) => boolean) => {
      const { index, keys } = side.state;
      return index
        .search(query, limit, accept ? (id) => accept(keys.at(id)!) : undefined)
        .map((hit) => ({ key: keys.at(hit.id)!, score: hit.score }));
    };
    return {
      documents: opts.only === 'marks' ? [] : find(this.docs, opts.limit, opts.acceptDocument).map(({ key, score }) => ({ id: key, score })),
      marks: opts.only === 'documents' ? [] : find(this.marks, opts.markLimit ?? opts.limit, opts.acceptMark),
    };
  }

  /**
   * A query whose words are found nowhere, with each such word replaced by the nearest known one
   * ("did you mean"); undefined when every word is known or none has a near neighbour.
   */
  async suggest(words: string[]): Promise<string[] | undefined> {
    await this.load();
    let changed = false;
    const out = words.map((word) => {
      const term = SearchEngine.termOf(word);
      if (!term || this.docs.state.index.frequency(term) > 0 || this.marks.state.index.frequency(term) > 0) return word;
      const near = this.docs.state.index.nearestTerm(term) ?? this.marks.state.index.nearestTerm(term);
      if (!near) return word;
      changed = true;
      return near;
    });
    return changed ? out : undefined;
  }

  /**
   * The passage of a document's text where the query's words come closest together, with them marked.
   * `read` gives bytes [from, from + length) of the text, decoded (UTF-8): only the passage is read.
   */
  async documentSnippet(id: string, terms: string[], read: (from: number, length: number) => string | Promise<string>): Promise<Snippet | undefined> {
    const record = this.docs.state.records.get(id);
    const { index } = this.docs.state;
    const checkpoints = record === undefined ? undefined : index.checkpointsOf(record);
    if (record === undefined || !checkpoints) return undefined;
    // Body positions only: the title and headings follow the body, past its last word.
    const bodyWords = checkpoints[0]!;
    const inBody = terms.flatMap((term) => [...index.positionsOf(record, term)].filter((p) => p < bodyWords)).sort((a, b) => a - b);
    if (inBody.length === 0) return undefined;
    const from = densest(inBody, SNIPPET_WORDS);
    const checkpoint = Math.floor(from / CHECKPOINT_EVERY);
    const skip = from - checkpoint * CHECKPOINT_EVERY;
    const start = checkpoints[1 + checkpoint]!;
    const need = skip + SNIPPET_WORDS;
    // Read from the checkpoint, more if the words run longer than guessed.
    for (let length = (need + 8) * 16; ; length *= 4) {
      const text = await read(start, length);
      const whole = Buffer.byteLength(text) < length;
      // A read can end inside a word (or a character): words from its last few bytes are not trusted.
      const safe = whole ? text.length : text.length - 8;
      const words = wordSpans(text).filter((w) => w.end <= safe);
      if (words.length >= need || whole) {
        // The words marked are those the index placed: the i-th shown is the record's word `from + i`.
        const hits = new Set(inBody);
        const shown = words.slice(skip);
        return passage(text, shown, (i) => hits.has(from + i), start > 0 || skip > 0, !whole || shown.length > SNIPPET_WORDS);
      }
    }
  }

  /** A mark's quote or note with the query's words marked (a long note cut around the first). */
  markSnippet(text: string, terms: string[]): Snippet {
    const words = markWords(text, new Set(terms));
    const first = words.findIndex((w) => w.marked);
    if (text.length <= 2 * SNIPPET_CHARS || first < 0) {
      const shown = text.length <= 2 * SNIPPET_CHARS ? text : `${text.slice(0, 2 * SNIPPET_CHARS).replace(/\s+\S*$/, '')}…`;
      return { text: shown, marks: words.filter((w) => w.marked && w.end <= shown.length).map((w) => [w.start, w.end]) };
    }
    const shown = words.slice(Math.max(0, first - 4));
    return passage(text, shown, (i) => shown[i]!.marked, first > 4, true);
  }

  /** The index term of a word as written (folded, stemmed), or undefined when it has none. */
  static termOf(word: string): string | undefined {
    return tokenize(word)[0]?.term;
  }

  /** Every term the query matches on (its words, its phrases' words, what its last word may begin), to mark them. */
  matchedTerms(query: ParsedQuery): string[] {
    const terms = new Set([...query.all, ...query.phrases.flat()]);
    if (query.prefix) for (const side of [this.docs, this.marks]) for (const t of side.state.index.termsWithPrefix(query.prefix)) terms.add(t);
    return [...terms];
  }

  async close(): Promise<void> {
    if (this.lookTimer) clearTimeout(this.lookTimer);
    // A look still owed is made now if nothing else is under way and the folder can be stamped: a
    // look at every document's stamp, none of their highlights read (a tenth of a second for 10,000).
    if (this.lookOwed && !this.running && this.source.marksFolderStamp?.() !== undefined) {
      this.marksBehind = 'all';
      await this.catchUp();
    }
    this.closing = true;
    await this.adopted();
    while (this.running) await this.running;
    await this.folding;
    await Promise.all([this.docs.files.close(), this.marks.files.close()]);
    this.docs.state.close();
    this.marks.state.close();
  }

  private catchUp(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    // Cleared in a later turn (`finally`), so a round that finishes without waiting still ends.
    this.running = this.rounds()
      .catch(() => {
        // A document could not be analyzed (its parser thread failed): try again at the next change.
        this.docsBehind = true;
      })
      .finally(() => {
        this.running = null;
        this.progress = { done: 0, total: 0 };
        this.docs.files.quiet();
        this.marks.files.quiet();
      });
    return this.running;
  }

  private async rounds(): Promise<void> {
    // A search waiting for the index to be read goes first.
    await nextTurn();
    do {
      this.again = false;
      if (this.docsBehind) {
        this.docsBehind = false;
        await this.adopted(); // documents on their way in are not analyzed twice
        await this.catchUpDocuments();
      }
      const behind = this.marksBehind;
      if (behind === 'all' || behind.size > 0) {
        this.marksBehind = new Set();
        await this.catchUpMarks(behind);
      }
    } while (this.again && !this.closing);
  }

  private async catchUpDocuments(): Promise<void> {
    const { state } = this.docs;
    const current = new Map(this.source.documents().map((d) => [d.id, d]));
    for (const key of [...state.records.keys()]) if (!current.has(key)) this.docs.drop(key);
    // A document that changed (renamed, its text rebuilt) keeps its record until the new one replaces
    // it: it is found meanwhile, as it was.
    const missing = [...current.values()].filter((d) => docPrint(d) !== state.printOf(d.id));
    this.progress = { done: 0, total: missing.length };
    for (let i = 0; i < missing.length && !this.closing; i += GROUP) {
      const group = missing.slice(i, i + GROUP);
      const records = await Promise.all(
        group.map(async (doc) => {
          const content = await this.source.content(doc.id).catch(() => ({ text: '', headings: '' }));
          const fields = documentFields({ ...content, title: doc.title });
          const size = content.text.length + doc.title.length + content.headings.length;
          return this.source.analyze ? this.source.analyze(fields, size) : analyzeRecord(fields);
        }),
      );
      group.forEach((doc, k) => this.docs.put(doc.id, docPrint(doc), records[k]!));
      this.progress.done += group.length;
      for (const listener of this.listeners) listener({ ...this.progress });
    }
  }

  private async catchUpMarks(behind: Set<string> | 'all'): Promise<void> {
    const { state } = this.marks;
    // Stamps are taken before the marks are read: a change after that is seen next time.
    const stamps = new Map<string, string | undefined>();
    // Taken first too: a write after it changes it, so it is never kept for a look that missed one.
    const folder = behind === 'all' ? this.source.marksFolderStamp?.() : undefined;
    const takeStamps = async (ids: Iterable<string>) => {
      let n = 0;
      for (const id of ids) {
        if (stamps.has(id)) continue;
        // without a folder of marks, no document has any: nothing to look at
        stamps.set(id, folder === '' ? undefined : this.source.markStamp?.(id));
        // a stamp is a look at the disk: a whole library's go a few hundred per turn, searches meanwhile
        if (++n % 256 === 0) await nextTurn();
      }
    };
    let ids: Set<string>;
    if (behind !== 'all') ids = behind;
    else if (this.source.markStamp) {
      // Only the documents whose stored marks changed since they were indexed, by their stamps: the
      // others are not read at all; none is looked at while the folder is as the last full look left it.
      // Documents gone from the library take their marks with them.
      const stored = this.source.documents().map((d) => d.id);
      const unchanged = folder !== undefined && state.printOf(FOLDER_KEY) === folder;
      if (!unchanged) await takeStamps(stored);
      ids = new Set(unchanged ? [] : stored.filter((id) => (state.printOf(stampKey(id)) ?? '') !== (stamps.get(id) ?? '')));
      // They are not looked for while the folder is unchanged (a document emptied from the Trash takes
      // its file with it, which changes the folder), nor by a command that cannot write the index: no
      // mark's key is gone through then, and a search shows only marks of documents still there anyway.
      if (!unchanged && !this.source.readOnly) {
        const known = new Set(stored);
        eachByDocument(state.records.keys(), (_, id) => known.has(id) || ids.add(id));
      }
    } else ids = new Set([...this.source.markedDocuments(), ...[...state.records.keys()].map(documentOf)]);
    await takeStamps(ids);
    const seen = new Set<string>();
    const changed: SearchableMark[] = [];
    let n = 0;
    for (const id of ids) {
      for (const mark of this.source.marks(id)) {
        seen.add(mark.key);
        if (state.printOf(mark.key) !== markPrint(mark)) changed.push(mark);
      }
      // a whole library's marks are compared a few hundred documents per turn: searches go on meanwhile
      if (++n % 256 === 0) await nextTurn();
    }
    if (ids.size > 0)
      eachByDocument([...state.records.keys()], (key, id) => ids.has(id) && !seen.has(key) && !isStampKey(key) && this.marks.drop(key));
    // A few (an edit) are analyzed here, at once; many (a first index, a restored backup) in parser threads.
    for (let i = 0; i < changed.length && !this.closing; i += MARK_GROUP) {
      const group = changed.slice(i, i + MARK_GROUP);
      const analyze = this.source.analyze;
      const records =
        changed.length > MARK_GROUP && analyze
          ? await Promise.all(group.map((m) => analyze(markFields(m), m.quote.length + m.note.length)))
          : group.map((m) => analyzeRecord(markFields(m)));
      group.forEach((m, k) => this.marks.put(m.key, markPrint(m), records[k]!));
    }
    if (this.closing || !this.source.markStamp) return;
    for (const id of ids) {
      const stamp = stamps.get(id);
      if (stamp === undefined) this.marks.drop(stampKey(id));
      else if (state.printOf(stampKey(id)) !== stamp) this.marks.put(stampKey(id), stamp, NO_WORDS);
    }
    if (folder === undefined) {
      if (behind === 'all' && state.printOf(FOLDER_KEY) !== undefined) this.marks.drop(FOLDER_KEY);
    } else if (state.printOf(FOLDER_KEY) !== folder) this.marks.put(FOLDER_KEY, folder, NO_WORDS);
    if (behind === 'all' ? folder === undefined : ids.size > 0) this.oweLook();
    else if (behind === 'all') this.lookOwed = false;
  }

  /** A full look at the marks is owed: made once the folder has been quiet a while (see `lookOwed`). */
  private oweLook(): void {
    if (this.source.readOnly) return;
    this.lookOwed = true;
    if (this.lookTimer) clearTimeout(this.lookTimer);
    this.lookTimer = setTimeout(() => {
      this.lookTimer = null;
      this.marksBehind = 'all';
      void this.catchUp();
    }, LOOK_WHEN_QUIET_MS);
    this.lookTimer.unref();
  }
}

/** How long the marks' folder stays unchanged before a look owed is made (it is stamped once 2 s old). */
const LOOK_WHEN_QUIET_MS = 3000;

/** A passage is about this many words, or twice this many characters either side of a mark. */
const SNIPPET_WORDS = 30;
const SNIPPET_CHARS = 120;

/** Where a stretch of `width` words holds the most of `positions` (sorted): its first word, a little before the first hit. */
function densest(positions: number[], width: number): number {
  let best = 0;
  let bestCount = 0;
  let j = 0;
  for (let i = 0; i < positions.length; i++) {
    while (positions[j]! < positions[i]! - width) j++;
    if (i - j + 1 > bestCount) {
      bestCount = i - j + 1;
      best = j;
    }
  }
  return Math.max(0, positions[best]! - 4);
}

/** Not a space, a letter or a digit: punctuation. */
const HUGGING = /[^\s\p{L}\p{N}]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * The text from the first of `words` for about SNIPPET_WORDS words, cut at word ends, with the words
 * `marked` (by their index in `words`) marked; "…" where the text goes on before or after.
 */
function passage(text: string, words: { start: number; end: number }[], marked: (i: number) => boolean, before: boolean, after: boolean): Snippet {
  const shown = words.slice(0, SNIPPET_WORDS);
  if (shown.length === 0) return { text: '', marks: [] };
  let from = shown[0]!.start;
  let to = shown[shown.length - 1]!.end;
  if (to - from > 2 * SNIPPET_CHARS) to = from + 2 * SNIPPET_CHARS;
  // Punctuation that hugs the first or last word goes with it ("(Kent", "year.").
  while (from > 0 && HUGGING.test(text[from - 1]!)) from--;
  while (to < text.length && HUGGING.test(text[to]!)) to++;
  const raw = text.slice(from, to);
  // Runs of spaces and line breaks show as one space; marks move with the text.
  const marks: [number, number][] = [];
  let out = before || WORD_CHAR.test(text.slice(0, from)) ? '…' : '';
  let last = 0;
  const squeeze = (s: string) => s.replace(/\s+/g, ' ');
  for (let i = 0; i < shown.length; i++) {
    const a = shown[i]!.start - from;
    const b = shown[i]!.end - from;
    if (b > raw.length) break;
    if (!marked(i)) continue;
    out += squeeze(raw.slice(last, a));
    marks.push([out.length, out.length + (b - a)]);
    out += raw.slice(a, b);
    last = b;
  }
  out += squeeze(raw.slice(last));
  if (after || WORD_CHAR.test(text.slice(to))) out += '…';
  return { text: out, marks };
}
