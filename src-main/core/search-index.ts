// A positional inverted index with BM25 ranking (issue 8 §2–3): for each term, the records that hold
// it in ascending order, how often (weighted by field: a title counts more than body text) and where.
// A query's required terms are intersected from the rarest up, so a pair of common words costs the
// documents that hold both, not every document; phrases are checked on positions, not on the texts;
// words close together rank higher; only the best `limit` results are kept. Records are numbered by
// the caller (small integers); removing one leaves it out of every answer at once (its postings stay
// until the next snapshot drops them).
//
// A record is analyzed (`analyzeRecord`: the expensive part, words made from text) apart from being
// added, so the analysis can run in another thread and be kept in a log; a snapshot is the index as
// a few flat arrays, written and read whole, its terms' postings taken out only when a query needs
// them, so a large index opens in the time it takes to read it.
import { found, scanTerms, termCount, termName, trimVocabulary } from './analyze';
import type { ParsedQuery } from './query';

export interface IndexedField {
  text: string;
  /** how much a word here counts: 1 for body text, more for a title or a heading */
  weight: number;
}

export interface Hit {
  id: number;
  score: number;
}

/** A record's words, ready to add: each distinct term with its weight and positions. */
export interface AnalyzedRecord {
  terms: string[];
  weights: Float32Array;
  /** where each term's positions start in `positions`, and one more entry: the end */
  starts: Int32Array;
  positions: Int32Array;
  /** the record's weighted length */
  length: number;
  /**
   * The first field's word count, then where in its text (a byte offset in UTF-8) every
   * CHECKPOINT_EVERY-th word starts: a snippet reads a few hundred bytes from there, not the whole text.
   */
  checkpoints: Int32Array;
}

/** Postings as flat arrays: each term's a range of `docs`, `weights` and `posStarts`. */
export interface PostingsArrays {
  docs: Int32Array;
  weights: Float32Array;
  /** per posting (and one more): where its positions start in `positions` */
  posStarts: Int32Array;
  positions: Int32Array;
}

/**
 * A snapshot's postings left in its file: those of term `n` read when asked for, where each record's
 * positions start counted from `positionBase`; the positions themselves read apart, a record's or a
 * term's at a time (a query needs those of a few records of a common word, not all of them). `close`
 * lets the file go.
 */
export interface PostingsReader {
  read(n: number): { docs: Int32Array; weights: Float32Array; posStarts: Int32Array; positionBase: number };
  /** positions [from, to) of the whole snapshot */
  positions(from: number, to: number): Int32Array;
  close(): void;
}

/** The index as flat arrays: terms sorted, each term's postings a range of the postings' arrays. */
export interface IndexSnapshot {
  terms: string[];
  /** per term (and one more): where its postings start */
  termStarts: Int32Array;
  /** in memory (a snapshot made, or read whole), or read from the file a term at a time */
  postings: PostingsArrays | PostingsReader;
  /** per record id: its weighted length, NaN if there is none */
  lengths: Float64Array;
  /** record ids and their checkpoints, in pairs */
  checkpointIds: Int32Array;
  checkpoints: Int32Array[];
}

/** A term's positions read from a snapshot's file record by record this many times, then all at once. */
const FETCHED_ONE_BY_ONE = 32;

/** BM25's usual constants. */
const K1 = 1.2;
const B = 0.75;
/** Positions of two fields are this far apart, so a phrase never spans them. */
const FIELD_GAP = 64;
export const CHECKPOINT_EVERY = 32;
/** How much words close together add: up to this share of their BM25 score, when they are side by side. */
const PROXIMITY = 0.5;
/** Proximity is weighed among this many of the best by BM25 (at least `limit`). */
const RERANKED = 100;

/**
 * Postings in flat arrays: records ascending, each with its weight and where its positions are. The
 * positions of a snapshot's term read from its file come when asked for: a record's alone the first
 * few times, then the term's all at once.
 */
class Segment {
  /** how many records' positions were read one by one */
  private fetched = 0;
  /** told how many bytes of positions were read all at once */
  onLoaded: ((bytes: number) => void) | null = null;

  constructor(
    public docs: Int32Array,
    public weights: Float32Array,
    /** where each record's positions start in `positions`, and one more entry: the end */
    public starts: Int32Array,
    public positions: Int32Array | null,
    public count: number,
    /** positions [from, to) of this term, when `positions` is not read yet */
    private readonly fetch: ((from: number, to: number) => Int32Array) | null = null,
  ) {}

  /** The positions of the record at index `k`. */
  positionsOf(k: number): Int32Array {
    const from = this.starts[k]!;
    const to = this.starts[k + 1]!;
    if (!this.positions) {
      if (++this.fetched <= FETCHED_ONE_BY_ONE) return this.fetch!(from, to);
      this.positions = this.fetch!(0, this.starts[this.count]!);
      this.onLoaded?.(this.positions.byteLength);
    }
    return this.positions.subarray(from, to);
  }

  /** Many records' positions will be asked for: the next ask reads them all at once, not one by one first. */
  expect(records: number): void {
    if (!this.positions && this.fetch && this.fetched + records > FETCHED_ONE_BY_ONE) this.fetched = FETCHED_ONE_BY_ONE;
  }

  /** The index of `doc` in `docs` at or after `from`, or -1 (galloping, then binary search). */
  find(doc: number, from: number): number {
    let step = 1;
    let hi = from;
    while (hi < this.count && this.docs[hi]! < doc) {
      from = hi;
      hi += step;
      step *= 2;
    }
    let lo = from;
    hi = Math.min(hi, this.count - 1);
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.docs[mid]! < doc) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.count && this.docs[lo] === doc ? lo : -1;
  }

  add(doc: number, weight: number, positions: Int32Array): void {
    if (this.count + 1 >= this.docs.length) {
      this.docs = grow(this.docs, this.count + 2);
      this.weights = grow(this.weights, this.count + 2);
      this.starts = grow(this.starts, this.count + 3);
    }
    const at = this.starts[this.count]!;
    let all = this.positions!; // a segment added to is made in memory
    if (at + positions.length > all.length) this.positions = all = grow(all, at + positions.length);
    all.set(positions, at);
    this.docs[this.count] = doc;
    this.weights[this.count] = weight;
    this.count++;
    this.starts[this.count] = at + positions.length;
  }
}

/**
 * A term's postings: a snapshot's (views into its arrays, never changed or copied) followed by those
 * added since, whose records are all newer (record ids only grow), so the two read as one list.
 */
class Postings {
  /** added since the snapshot (made at the first add) */
  private tail: Segment | null = null;
  /** the memory it holds, when read from a file */
  bytes = 0;
  /** the snapshot's, once read (undefined until then: adding to a term does not read it) */
  private loaded: Segment | null | undefined;
  private readonly load: (() => Segment) | undefined;
  /** how many the snapshot holds */
  private readonly baseCount: number;

  constructor(base: Segment | null | { count: number; read: () => Segment } = null) {
    if (base instanceof Segment || base === null) {
      this.loaded = base;
      this.baseCount = base?.count ?? 0;
    } else {
      this.load = base.read;
      this.baseCount = base.count;
    }
  }

  private get base(): Segment | null {
    return (this.loaded ??= this.load!());
  }

  get count(): number {
    return this.baseCount + (this.tail?.count ?? 0);
  }

  add(doc: number, weight: number, positions: Int32Array): void {
    this.tail ??= new Segment(new Int32Array(4), new Float32Array(4), new Int32Array(5), new Int32Array(8), 0);
    this.tail.add(doc, weight, positions);
  }

  /** The index of `doc` at or after `from`, or -1. */
  find(doc: number, from = 0): number {
    const b = this.baseCount;
    if (from < b) {
      const i = this.base!.find(doc, from);
      if (i >= 0 || !this.tail || doc <= this.base!.docs[b - 1]!) return i;
      from = b;
    }
    if (!this.tail) return -1;
    const i = this.tail.find(doc, from - b);
    return i < 0 ? -1 : b + i;
  }

  private at(i: number): [Segment, number] {
    const b = this.baseCount;
    return i < b ? [this.base!, i] : [this.tail!, i - b];
  }

  docAt(i: number): number {
    const b = this.baseCount;
    return i < b ? this.base!.docs[i]! : this.tail!.docs[i - b]!;
  }

  weightAt(i: number): number {
    const b = this.baseCount;
    return i < b ? this.base!.weights[i]! : this.tail!.weights[i - b]!;
  }

  /** The positions of about `records` postings will be asked for (see Segment.expect). */
  expectPositions(records: number): void {
    if (this.baseCount > 0) this.base!.expect(records);
  }

  /** The positions of the posting at index `i`. */
  positionsAt(i: number): Int32Array {
    const b = this.baseCount;
    return i < b ? this.base!.positionsOf(i) : this.tail!.positionsOf(i - b);
  }

  positionCountAt(i: number): number {
    const [s, k] = this.at(i);
    return s.starts[k + 1]! - s.starts[k]!;
  }

  /** Copies the positions of the posting at index `i` into `out` at `to`; returns where they end. */
  copyPositionsAt(i: number, out: Int32Array, to: number): number {
    const [s, k] = this.at(i);
    const positions = s.positionsOf(k);
    out.set(positions, to);
    return to + positions.length;
  }

  /**
   * Its records and weights as two arrays, the quick way to go through them: the snapshot's or those
   * added since when only one of them has any, else both copied into one (for one search: a copy costs
   * less than going through the two by turns).
   */
  flat(): { docs: Int32Array; weights: Float32Array } {
    const b = this.baseCount;
    const tail = this.tail;
    const t = tail?.count ?? 0;
    if (t === 0)
      return b === 0
        ? { docs: new Int32Array(0), weights: new Float32Array(0) }
        : { docs: this.base!.docs.subarray(0, b), weights: this.base!.weights.subarray(0, b) };
    if (b === 0) return { docs: tail!.docs.subarray(0, t), weights: tail!.weights.subarray(0, t) };
    const docs = new Int32Array(b + t);
    const weights = new Float32Array(b + t);
    docs.set(this.base!.docs.subarray(0, b));
    docs.set(tail!.docs.subarray(0, t), b);
    weights.set(this.base!.weights.subarray(0, b));
    weights.set(tail!.weights.subarray(0, t), b);
    return { docs, weights };
  }

  /** Every record, ascending. */
  docs(): Int32Array {
    const base = this.baseCount > 0 ? this.base!.docs.subarray(0, this.baseCount) : undefined;
    const tail = this.tail?.docs.subarray(0, this.tail.count);
    if (!base || !tail) return base ?? tail ?? new Int32Array(0);
    const all = new Int32Array(base.length + tail.length);
    all.set(base);
    all.set(tail, base.length);
    return all;
  }
}

function grow<T extends Int32Array | Float32Array | Float64Array>(a: T, need: number): T {
  const next = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  next.set(a);
  return next;
}

/** Title and headings count more than body text. */
export const TITLE_WEIGHT = 3;
export const HEADING_WEIGHT = 2;

/**
 * A document's fields as search indexes them: its text first (snippets are read from it), then its
 * title and its headings. The same wherever a document is analyzed (an import, catching up).
 */
export function documentFields(doc: { text: string; title: string; headings: string }): IndexedField[] {
  return [
    { text: doc.text, weight: 1 },
    { text: doc.title, weight: TITLE_WEIGHT },
    { text: doc.headings, weight: HEADING_WEIGHT },
  ];
}

/** The buffers a record's arrays own, to hand it from one thread to another without copying. */
export const recordBuffers = (record: AnalyzedRecord): ArrayBuffer[] =>
  [record.weights, record.starts, record.positions, record.checkpoints].map((a) => a.buffer as ArrayBuffer);

/** How many bytes text[from, to) takes in UTF-8. */
function utf8Length(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // a surrogate pair is 4 bytes: 2 for each half
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
  }
  return n;
}

/** A record's fields as words, positions and weights (the first field's words also get checkpoints). */
export function analyzeRecord(fields: IndexedField[]): AnalyzedRecord {
  // Each distinct term gets a number in this record, in order of first appearance; each word, its
  // term's number here and its position, so the positions are laid out term by term at the end,
  // without a list per term.
  trimVocabulary();
  const stamp = ++analyses;
  const terms: string[] = [];
  let termWeights = new Float32Array(64);
  let counts = new Int32Array(64);
  let wordTerms = new Int32Array(1024);
  let wordPositions = new Int32Array(1024);
  let words = 0;
  let position = 0;
  let length = 0;
  const checkpoints: number[] = [];
  for (let f = 0; f < fields.length; f++) {
    const text = fields[f]!.text;
    const weight = fields[f]!.weight;
    const p = scanTerms(text);
    const scanned = found;
    let chars = 0;
    let bytes = 0;
    const ascii = !BEYOND_ASCII.test(text); // then a character is a byte
    // (every term number the scan gave is below termCount())
    if (termCount() > localOf.length) {
      localOf = grow(localOf, termCount());
      stampOf = grow(stampOf, termCount());
    }
    if (words + p > wordTerms.length) {
      wordTerms = grow(wordTerms, words + p);
      wordPositions = grow(wordPositions, words + p);
    }
    for (let k = 0; k < p; k++) {
      const term = scanned[3 * k]!;
      let t: number;
      if (stampOf[term] === stamp) t = localOf[term]!;
      else {
        t = terms.length;
        stampOf[term] = stamp;
        localOf[term] = t;
        terms.push(termName(term));
        if (t === counts.length) {
          counts = grow(counts, t + 1);
          termWeights = grow(termWeights, t + 1);
        }
      }
      termWeights[t]! += weight;
      counts[t]!++;
      wordTerms[words] = t;
      wordPositions[words++] = position + k;
      if (f === 0 && k % CHECKPOINT_EVERY === 0) {
        const start = scanned[3 * k + 1]!;
        bytes = ascii ? start : bytes + utf8Length(text, chars, start);
        chars = start;
        checkpoints.push(bytes);
      }
    }
    if (f === 0) checkpoints.unshift(p);
    length += p * weight;
    position += p + FIELD_GAP;
  }
  const starts = new Int32Array(terms.length + 1);
  for (let t = 0; t < terms.length; t++) starts[t + 1] = starts[t]! + counts[t]!;
  const positions = new Int32Array(words);
  const next = starts.slice(0, terms.length);
  for (let w = 0; w < words; w++) positions[next[wordTerms[w]!]!++] = wordPositions[w]!;
  return { terms, weights: termWeights.slice(0, terms.length), starts, positions, length, checkpoints: Int32Array.from(checkpoints) };
}

const BEYOND_ASCII = /[^\0-\x7f]/;

/** A term number's number in the record being analyzed, valid where its stamp is this analysis's. */
let localOf = new Int32Array(1024);
let stampOf = new Int32Array(1024);
let analyses = 0;

export class SearchIndex {
  /** How much of a snapshot's postings read from its file are kept in memory, the latest read. */
  static readBudget = 32 * 1024 * 1024;
  /** a term added since the snapshot → its number in `lists` (a snapshot's terms are numbered by their place in its sorted list) */
  private readonly dict = new Map<string, number>();
  /** postings by term number; a snapshot's are taken out when first asked for */
  private readonly lists: (Postings | undefined)[] = [];
  /** a snapshot's postings read from its file lately, by term number, the least recent first (`lists` keeps those added to) */
  private readonly read = new Map<number, Postings>();
  private readBytes = 0;
  private snapshotTerms: readonly string[] = [];
  private snapshot: IndexSnapshot | null = null;
  /** terms added since the snapshot, sorted when a prefix is looked up */
  private addedTerms: string[] = [];
  private addedSorted = true;
  /** each record's weighted length; NaN when there is none (never added, or removed) */
  private lengths = new Float64Array(64).fill(NaN);
  private readonly checkpoints = new Map<number, Int32Array>();
  private live = 0;
  private totalLength = 0;

  /** An index from a snapshot (`toSnapshot`): its arrays are used as they are, not copied. */
  static fromSnapshot(s: IndexSnapshot): SearchIndex {
    const index = new SearchIndex();
    index.snapshot = s;
    index.snapshotTerms = s.terms;
    index.lists.length = s.terms.length;
    index.lengths = s.lengths.length > 0 ? s.lengths.slice() : index.lengths;
    for (const length of s.lengths) {
      if (!(length > 0)) continue;
      index.live++;
      index.totalLength += length;
    }
    s.checkpointIds.forEach((id, i) => index.checkpoints.set(id, s.checkpoints[i]!));
    return index;
  }

  /** Index record `id` (a new id: to change a record, remove it and add it again under a new one). */
  add(id: number, fields: IndexedField[]): void {
    this.addAnalyzed(id, analyzeRecord(fields));
  }

  addAnalyzed(id: number, record: AnalyzedRecord): void {
    if (id < 0 || !Number.isInteger(id)) throw new Error(`Record ids are whole numbers from 0, not ${id}`);
    if (id >= this.lengths.length) {
      const grown = new Float64Array(Math.max(id + 1, this.lengths.length * 2)).fill(NaN);
      grown.set(this.lengths);
      this.lengths = grown;
    }
    if (!Number.isNaN(this.lengths[id]!)) throw new Error(`Record ${id} is in the index already`);
    record.terms.forEach((term, i) => {
      let n = this.numberOf(term);
      if (n === undefined) {
        n = this.lists.length;
        this.dict.set(term, n);
        this.lists.push(new Postings());
        this.addedTerms.push(term);
        this.addedSorted = false;
      }
      this.ownPostingsAt(n).add(id, record.weights[i]!, record.positions.subarray(record.starts[i]!, record.starts[i + 1]!));
    });
    if (record.checkpoints.length > 0) this.checkpoints.set(id, record.checkpoints);
    this.lengths[id] = record.length;
    // A record without words (one that only stands for something, or an empty note) is no text:
    // it never matches, and is not counted among the records a word's rarity is judged by.
    if (record.length > 0) {
      this.totalLength += record.length;
      this.live++;
    }
  }

  remove(id: number): void {
    const length = this.lengths[id];
    if (length === undefined || Number.isNaN(length)) return;
    this.lengths[id] = NaN;
    this.checkpoints.delete(id);
    if (length > 0) {
      this.totalLength -= length;
      this.live--;
    }
  }

  has(id: number): boolean {
    return id < this.lengths.length && !Number.isNaN(this.lengths[id]!);
  }

  get size(): number {
    return this.live;
  }

  /** How many records hold `term` (removed ones included until the next snapshot). */
  frequency(term: string): number {
    const n = this.numberOf(term);
    if (n === undefined) return 0;
    // a snapshot's term not yet read: its count is known without reading it
    if (!this.lists[n] && !this.read.has(n)) return this.snapshot!.termStarts[n + 1]! - this.snapshot!.termStarts[n]!;
    return this.postingsAt(n).count;
  }

  /** Where record `id` holds `term` (word positions), or nothing. */
  positionsOf(id: number, term: string): Int32Array {
    const p = this.postings(term);
    const i = p ? p.find(id) : -1;
    return i < 0 ? new Int32Array(0) : p!.positionsAt(i);
  }

  /** The record's first field's word count, then where in it (UTF-8 bytes) every CHECKPOINT_EVERY-th word starts. */
  checkpointsOf(id: number): Int32Array | undefined {
    return this.checkpoints.get(id);
  }

  /** The terms that start with `prefix` (at most `max`, in order). */
  termsWithPrefix(prefix: string, max = MAX_PREFIX_TERMS): string[] {
    if (!this.addedSorted) {
      this.addedTerms.sort();
      this.addedSorted = true;
    }
    const out: string[] = [];
    for (const terms of [this.snapshotTerms, this.addedTerms]) {
      for (let i = lowerBound(terms, prefix); i < terms.length && terms[i]!.startsWith(prefix); i++) out.push(terms[i]!);
    }
    return out.length > max ? out.sort().slice(0, max) : out;
  }

  /**
   * The known term nearest to `term` in spelling (one edit for a short word, two for a longer one; a
   * swap of neighbours is one edit), the most frequent of the nearest; undefined when none is near.
   */
  nearestTerm(term: string): string | undefined {
    const chars = [...term];
    const most = chars.length <= 4 ? 1 : 2;
    let best: string | undefined;
    let bestDistance = most;
    let bestFrequency = 0;
    for (const terms of [this.snapshotTerms, this.addedTerms]) {
      for (const candidate of terms) {
        if (Math.abs(candidate.length - term.length) > most || candidate === term) continue;
        const d = editDistance(chars, [...candidate], bestDistance);
        if (d > bestDistance) continue;
        const frequency = this.frequency(candidate);
        if (frequency === 0) continue;
        if (d < bestDistance || frequency > bestFrequency) {
          best = candidate;
          bestDistance = d;
          bestFrequency = frequency;
        }
      }
    }
    return bestFrequency > 0 ? best : undefined;
  }

  /**
   * The best `limit` records for the query, best first. `accept` narrows the records considered
   * (tags are not the index's: the caller knows which records carry them).
   */
  search(query: ParsedQuery, limit: number, accept?: (id: number) => boolean): Hit[] {
    if (this.live === 0 || limit <= 0) return [];
    // Each requirement: postings any of which will do (a prefix has several), and for a phrase, its
    // terms' postings in order (the phrase's first term stands for it among the requirements).
    const required: Requirement[] = [];
    const need = (lists: Postings[], phrase?: Phrase) =>
      required.push({ lists, phrase, idf: lists.map((p) => this.idf(p)), cursors: lists.map(() => 0), times: 1 });
    const tail = query.all.length > 0 ? query.all[query.all.length - 1] : undefined;
    for (const term of query.all) {
      const postings = this.postings(term);
      const lists = postings ? [postings] : [];
      if (query.prefix && term === tail) {
        for (const t of this.termsWithPrefix(query.prefix)) if (t !== term) lists.push(this.postings(t)!);
      }
      if (lists.length === 0) return [];
      need(lists);
    }
    for (const phrase of query.phrases) {
      const lists = phrase.map((t) => this.postings(t));
      if (lists.some((p) => !p)) return [];
      need([lists[0]!], new Phrase(arrayOf(lists as Postings[])));
      // Each word is required too; a word it repeats counts again, but is looked up once.
      for (const p of lists.slice(1)) {
        const same = required.find((r) => r.lists.length === 1 && r.lists[0] === p);
        if (same) same.times++;
        else need([p!]);
      }
    }
    if (required.length === 0) return [];
    // (arrays made empty and pushed to, here and in `scan`: see arrayOf)
    const excluded: Phrase[] = [];
    for (const terms of query.none) {
      const lists = terms.map((t) => this.postings(t));
      if (lists.every((p) => p)) excluded.push(new Phrase(arrayOf(lists as Postings[])));
    }

    // The rarest requirement drives; the others follow it with cursors that only move forward.
    const order = [...required].sort((a, b) => count(a) - count(b));
    const near = required.length > 1 && query.phrases.length === 0;
    const top = new TopK(near ? Math.max(limit, RERANKED) : limit);
    // A phrase is checked in every record that holds its words until `limit` hold it: when that is
    // more than a few, its words' positions are read at once.
    const candidates = count(order[0]!);
    if (limit > FETCHED_ONE_BY_ONE && candidates > limit) for (const r of required) r.phrase?.expectPositions(candidates);
    this.scan(order, excluded, top, accept);
    const hits = top.best();
    if (!near) return hits;
    // Words near one another say more than the same words far apart: the closer, the higher.
    // (Indexed loops here, in `scan` and in TopK.best: for-of over arrays of another kind than the last
    // search's sent V8's optimized code back to the interpreter.)
    // (a word's positions in every hit are wanted: read at once; a prefix's many words are read as found)
    for (const r of required) if (r.lists.length === 1) r.lists[0]!.expectPositions(hits.length);
    for (let i = 0; i < hits.length; i++) hits[i]!.score *= 1 + PROXIMITY * closeness(required, hits[i]!.id);
    return hits.sort(byScore).slice(0, limit);
  }

  /**
   * Offers `top` each record that meets every requirement (the rarest first in `order`), with its
   * BM25 score. Kept apart from `search`, whose reading of a query differs in shape from one query to
   * the next: V8's optimized code for this loop then lasts from one search to the next.
   */
  private scan(order: Requirement[], excluded: Phrase[], top: TopK, accept: ((id: number) => boolean) | undefined): void {
    if (order.every((r) => r.lists.length === 1))
      return this.scanFlat(
        order,
        order.map((r) => r.lists[0]!.flat()),
        excluded,
        top,
        accept,
      );
    const driver = order[0]!;
    const docs = driver.lists.length === 1 ? driver.lists[0]!.docs() : union(driver.lists);
    const phrases: Phrase[] = [];
    for (let k = 0; k < order.length; k++) if (order[k]!.phrase) phrases.push(order[k]!.phrase!);
    const lengths = this.lengths;
    const average = this.totalLength / this.live;
    next: for (let d = 0; d < docs.length; d++) {
      const doc = docs[d]!;
      const length = lengths[doc]!;
      if (Number.isNaN(length) || (accept && !accept(doc))) continue;
      const norm = K1 * (1 - B + (B * length) / average);
      let score = 0;
      for (let k = 0; k < order.length; k++) {
        const r = order[k]!;
        const best = bestOf(r, doc, norm);
        if (best < 0) continue next;
        score += best * r.times;
      }
      // Positions are looked at only for a record that would enter the best so far: a phrase or an
      // exclusion only ever takes a record out, never changes its score.
      if (!top.wouldTake(score)) continue;
      for (let k = 0; k < phrases.length; k++) if (!phrases[k]!.heldBy(doc)) continue next;
      for (let k = 0; k < excluded.length; k++) if (excluded[k]!.heldBy(doc)) continue next;
      top.offer(doc, score);
    }
  }

  /**
   * `scan` where every requirement is one term (all but a prefix while typing): the driver's records and
   * weights are read in turn, and each other term's looked up from where the last look-up ended, in
   * its arrays (Postings.flat). The same records and scores.
   */
  private scanFlat(
    order: Requirement[],
    flats: { docs: Int32Array; weights: Float32Array }[],
    excluded: Phrase[],
    top: TopK,
    accept: ((id: number) => boolean) | undefined,
  ): void {
    const n = order.length;
    const phrases: Phrase[] = [];
    const idf = new Float64Array(n);
    const times = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      idf[k] = order[k]!.idf[0]!;
      times[k] = order[k]!.times;
      if (order[k]!.phrase) phrases.push(order[k]!.phrase!);
    }
    const cursors = new Int32Array(n);
    const lengths = this.lengths;
    const average = this.totalLength / this.live;
    const { docs, weights } = flats[0]!;
    next: for (let d = 0; d < docs.length; d++) {
      const doc = docs[d]!;
      const length = lengths[doc]!;
      if (Number.isNaN(length) || (accept && !accept(doc))) continue;
      const norm = K1 * (1 - B + (B * length) / average);
      let tf = weights[d]!;
      let score = ((idf[0]! * tf * (K1 + 1)) / (tf + norm)) * times[0]!;
      for (let k = 1; k < n; k++) {
        const other = flats[k]!.docs;
        const i = seek(other, doc, cursors[k]!);
        cursors[k] = i;
        if (i === other.length) break next; // no record after this one holds it
        if (other[i] !== doc) continue next;
        tf = flats[k]!.weights[i]!;
        score += ((idf[k]! * tf * (K1 + 1)) / (tf + norm)) * times[k]!;
      }
      if (!top.wouldTake(score)) continue;
      for (let k = 0; k < phrases.length; k++) if (!phrases[k]!.heldBy(doc)) continue next;
      for (let k = 0; k < excluded.length; k++) if (excluded[k]!.heldBy(doc)) continue next;
      top.offer(doc, score);
    }
  }

  /** The index as flat arrays, without what removed records left behind. */
  toSnapshot(): IndexSnapshot {
    // Two passes over the live postings, counting and then copying: the arrays are made at their size.
    const live = (p: Postings, i: number) => !Number.isNaN(this.lengths[p.docAt(i)]!);
    const terms: string[] = [];
    const lists: Postings[] = [];
    let postingCount = 0;
    let positionCount = 0;
    for (const term of [...this.snapshotTerms, ...this.dict.keys()].sort()) {
      const p = this.postingsAt(this.numberOf(term)!);
      let kept = 0;
      for (let i = 0; i < p.count; i++) {
        if (!live(p, i)) continue;
        kept++;
        positionCount += p.positionCountAt(i);
      }
      if (kept === 0) continue;
      terms.push(term);
      lists.push(p);
      postingCount += kept;
    }
    const termStarts = new Int32Array(terms.length + 1);
    const out: PostingsArrays = {
      docs: new Int32Array(postingCount),
      weights: new Float32Array(postingCount),
      posStarts: new Int32Array(postingCount + 1),
      positions: new Int32Array(positionCount),
    };
    let at = 0;
    let pos = 0;
    lists.forEach((p, t) => {
      termStarts[t] = at;
      for (let i = 0; i < p.count; i++) {
        if (!live(p, i)) continue;
        out.docs[at] = p.docAt(i);
        out.weights[at] = p.weightAt(i);
        out.posStarts[at] = pos;
        pos = p.copyPositionsAt(i, out.positions, pos);
        at++;
      }
    });
    termStarts[terms.length] = at;
    out.posStarts[at] = pos;
    return {
      terms,
      termStarts,
      postings: out,
      lengths: this.lengths.slice(0, this.lastId() + 1),
      checkpointIds: Int32Array.from(this.checkpoints.keys()),
      checkpoints: [...this.checkpoints.values()],
    };
  }

  private lastId(): number {
    let last = this.lengths.length - 1;
    while (last >= 0 && Number.isNaN(this.lengths[last]!)) last--;
    return last;
  }

  /** A term's number in `lists`, or undefined when the index has never held it. */
  private numberOf(term: string): number | undefined {
    const terms = this.snapshotTerms;
    const i = lowerBound(terms, term);
    return i < terms.length && terms[i] === term ? i : this.dict.get(term);
  }

  private postings(term: string): Postings | undefined {
    const n = this.numberOf(term);
    return n === undefined ? undefined : this.postingsAt(n);
  }

  private postingsAt(n: number): Postings {
    const p = this.lists[n];
    if (p) return p;
    const s = this.snapshot!;
    const from = s.termStarts[n]!;
    const to = s.termStarts[n + 1]!;
    if (!('read' in s.postings)) {
      const a = s.postings;
      return (this.lists[n] = new Postings(
        new Segment(a.docs.subarray(from, to), a.weights.subarray(from, to), a.posStarts.subarray(from, to + 1), a.positions, to - from),
      ));
    }
    // Read from the file: kept among the lately read, within a budget of memory.
    let read = this.read.get(n);
    if (read) {
      this.read.delete(n);
      this.read.set(n, read);
      return read;
    }
    const segment = this.readSegment(n);
    const postings = (read = new Postings(segment));
    postings.bytes = segment.docs.byteLength + segment.weights.byteLength + segment.starts.byteLength;
    // positions read later count too, while the postings are kept among the lately read
    segment.onLoaded = (bytes) => {
      postings.bytes += bytes;
      if (this.read.get(n) === postings) this.readBytes += bytes;
    };
    this.read.set(n, read);
    this.readBytes += read.bytes;
    this.keepWithinBudget(n);
    return read;
  }

  /** Lets the least recently read postings go, but `n`'s, while they hold more than the budget. */
  private keepWithinBudget(n: number): void {
    for (const [k, old] of this.read) {
      if (this.readBytes <= SearchIndex.readBudget || k === n) break;
      this.read.delete(k);
      this.readBytes -= old.bytes;
    }
  }

  /** A snapshot's postings of term `n`, read from its file (the positions when asked for). */
  private readSegment(n: number): Segment {
    const s = this.snapshot!;
    const reader = s.postings as PostingsReader;
    const a = reader.read(n);
    const fetch = (from: number, to: number) => reader.positions(a.positionBase + from, a.positionBase + to);
    return new Segment(a.docs, a.weights, a.posStarts, null, s.termStarts[n + 1]! - s.termStarts[n]!, fetch);
  }

  /** A term's postings to add to, kept for good from now on: a snapshot's are not read for it (only when a query needs them). */
  private ownPostingsAt(n: number): Postings {
    const owned = this.lists[n];
    if (owned) return owned;
    const read = this.read.get(n);
    if (read) {
      this.read.delete(n);
      this.readBytes -= read.bytes;
      return (this.lists[n] = read);
    }
    const s = this.snapshot;
    if (!s || !('read' in s.postings)) return this.postingsAt(n);
    return (this.lists[n] = new Postings({ count: s.termStarts[n + 1]! - s.termStarts[n]!, read: () => this.readSegment(n) }));
  }

  /** Lets the snapshot's file go (its postings are read no more). */
  close(): void {
    const postings = this.snapshot?.postings;
    if (postings && 'read' in postings) postings.close();
  }

  /** Always above 0 (a removed record's postings stay, so a count can pass the records left). */
  private idf(p: Postings): number {
    const df = Math.min(p.count, this.live);
    return Math.log(1 + (this.live - df + 0.5) / (df + 0.5));
  }
}

interface Requirement {
  lists: Postings[];
  phrase?: Phrase;
  idf: number[];
  /** per list: where the last look-up ended (records are looked up in ascending order) */
  cursors: number[];
  /** how many times the query asks for it (a phrase's repeated word) */
  times: number;
}

const count = (r: Requirement) => r.lists.reduce((n, p) => n + p.count, 0);

function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index at or after `from` whose record is `doc` or later (`sorted.length` when none): a step, then galloping. */
function seek(sorted: Int32Array, doc: number, from: number): number {
  if (from >= sorted.length || sorted[from]! >= doc) return from;
  let step = 1;
  let lo = from;
  let hi = from + 1;
  while (hi < sorted.length && sorted[hi]! < doc) {
    lo = hi;
    step *= 2;
    hi += step;
  }
  hi = Math.min(hi, sorted.length);
  // sorted[lo] < doc; the answer is in (lo, hi]
  while (lo + 1 < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < doc) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The requirement's BM25 contribution for `doc` (its best list), or -1 when `doc` has none of its words (phrases are checked apart). */
function bestOf(r: Requirement, doc: number, norm: number): number {
  let best = -1;
  for (let k = 0; k < r.lists.length; k++) {
    const p = r.lists[k]!;
    const i = p.find(doc, r.cursors[k]);
    if (i < 0) continue;
    r.cursors[k] = i;
    const tf = p.weightAt(i);
    best = Math.max(best, (r.idf[k]! * tf * (K1 + 1)) / (tf + norm));
  }
  return best;
}

/**
 * How close together the requirements' words come in `doc`: 1 when they stand side by side, towards
 * 0 as the shortest stretch holding one of each grows.
 */
function closeness(required: Requirement[], doc: number): number {
  const n = required.length;
  const lists: Int32Array[] = [];
  for (let k = 0; k < n; k++) {
    const r = required[k]!;
    let i = -1;
    let j = 0;
    for (; j < r.lists.length && i < 0; j++) i = r.lists[j]!.find(doc);
    if (i < 0) return 0;
    lists.push(r.lists[j - 1]!.positionsAt(i));
  }
  const at = new Int32Array(n);
  let shortest = Infinity;
  for (;;) {
    let lo = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let k = 0; k < n; k++) {
      const v = lists[k]![at[k]!]!;
      if (v < min) {
        min = v;
        lo = k;
      }
      if (v > max) max = v;
    }
    shortest = Math.min(shortest, max - min + 1);
    if (++at[lo]! >= lists[lo]!.length) break;
  }
  return Math.min(1, (n - 1) / Math.max(1, shortest - 1));
}

/** A prefix stands for at most this many terms (the commonest would be few letters long anyway). */
const MAX_PREFIX_TERMS = 200;

/** Every record in any of `lists`, ascending, once. */
function union(lists: Postings[]): Int32Array {
  const all = new Set<number>();
  for (const p of lists) for (const doc of p.docs()) all.add(doc);
  return Int32Array.from(all).sort();
}

/**
 * The same items in an array made empty and pushed to: V8 makes all such arrays of one kind, which the
 * loops of a search read without being sent back to the interpreter (arrays from `map` differ).
 */
function arrayOf<T>(items: readonly T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < items.length; i++) out.push(items[i]!);
  return out;
}

/**
 * A phrase's terms' postings, in order, asked about records in ascending order (as a search goes
 * through them): each term's place in its postings only moves forward, and a word the phrase repeats
 * ("that that") is looked up once.
 */
class Phrase {
  /** for each word, the first of the phrase's words with the same postings */
  private readonly first: number[];
  private readonly cursors: number[];
  private readonly positions: Int32Array[];

  constructor(private readonly terms: Postings[]) {
    this.first = terms.map((p) => terms.indexOf(p));
    this.cursors = terms.map(() => 0);
    this.positions = terms.map(() => new Int32Array(0));
  }

  expectPositions(records: number): void {
    for (const p of this.terms) p.expectPositions(records);
  }

  /** Whether record `doc` holds the terms at consecutive positions. */
  heldBy(doc: number): boolean {
    const { terms, first, cursors, positions } = this;
    let lead = 0;
    for (let k = 0; k < terms.length; k++) {
      if (first[k]! < k) {
        positions[k] = positions[first[k]!]!;
        continue;
      }
      const i = terms[k]!.find(doc, cursors[k]);
      if (i < 0) return false;
      cursors[k] = i;
      positions[k] = terms[k]!.positionsAt(i);
      if (positions[k]!.length < positions[lead]!.length) lead = k;
    }
    // The word with the fewest places in the record leads (a common word may stand in it hundreds
    // of times): the others are looked for where the phrase would put them.
    const places = positions[lead]!;
    for (let j = 0; j < places.length; j++) {
      const start = places[j]! - lead;
      let k = 0;
      while (k < terms.length && (k === lead || holds(positions[k]!, start + k))) k++;
      if (k === terms.length) return true;
    }
    return false;
  }
}

/** Whether `sorted` holds `value` (binary search). */
function holds(sorted: Int32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = sorted[mid]!;
    if (at === value) return true;
    if (at < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Edits from `a` to `b` (insert, delete, replace, swap of neighbours), or more than `most` once that is sure. */
function editDistance(a: string[], b: string[], most: number): number {
  const m = a.length;
  const n = b.length;
  let twoBack = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, twoBack[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > most) return most + 1;
    [twoBack, prev, cur] = [prev, cur, twoBack];
  }
  return prev[n]!;
}

/** Best first; the same score, the earlier record first. */
const byScore = (a: Hit, b: Hit) => b.score - a.score || a.id - b.id;

/** The best `k` (id, score) pairs seen, by a min-heap on score (in typed arrays, grown as needed: `k` may be "all"). */
class TopK {
  private ids = new Int32Array(64);
  private scores = new Float64Array(64);
  private size = 0;

  constructor(private readonly k: number) {}

  offer(id: number, score: number): void {
    if (this.k <= 0) return;
    if (this.size < this.k) {
      if (this.size === this.ids.length) {
        this.ids = grow(this.ids, this.size + 1);
        this.scores = grow(this.scores, this.size + 1);
      }
      this.up(this.size++, id, score);
    } else if (score > this.scores[0]!) this.down(id, score);
  }

  /** Whether a record of this score would be kept (the heap is not full, or it beats the least). */
  wouldTake(score: number): boolean {
    return this.k > 0 && (this.size < this.k || score > this.scores[0]!);
  }

  best(): Hit[] {
    const hits: Hit[] = [];
    for (let i = 0; i < this.size; i++) hits.push({ id: this.ids[i]!, score: this.scores[i]! });
    return hits.sort(byScore);
  }

  /** Puts (id, score) at `i`, the new end, and moves it up to its place. */
  private up(i: number, id: number, score: number): void {
    const { ids, scores } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (scores[parent]! <= score) break;
      ids[i] = ids[parent]!;
      scores[i] = scores[parent]!;
      i = parent;
    }
    ids[i] = id;
    scores[i] = score;
  }

  /** Puts (id, score) in the least one's place, and moves it down to its place. */
  private down(id: number, score: number): void {
    const { ids, scores, size } = this;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const r = l + 1;
      const least = r < size && scores[r]! < scores[l]! ? r : l;
      if (scores[least]! >= score) break;
      ids[i] = ids[least]!;
      scores[i] = scores[least]!;
      i = least;
    }
    ids[i] = id;
    scores[i] = score;
  }
}
