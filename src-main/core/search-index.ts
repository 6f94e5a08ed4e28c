// A positional inverted index with BM25 ranking (issue 8 §2–3): for each term, the records that hold
// it in ascending order, how often (weighted by field: a title counts more than body text) and where.
// A query's required terms are intersected from the rarest up, so a pair of common words costs the
// documents that hold both, not every document; phrases are checked on positions, not on the texts;
// only the best `limit` results are kept. Records are numbered by the caller (small integers);
// removing one leaves it out of every answer at once (its postings stay until the index is rebuilt).
import { tokenize } from './analyze';
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

/** BM25's usual constants. */
const K1 = 1.2;
const B = 0.75;
/** Positions of two fields are this far apart, so a phrase never spans them. */
const FIELD_GAP = 64;

/** A term's postings: growable typed arrays. */
class Postings {
  docs = new Int32Array(4);
  weights = new Float32Array(4);
  /** where each record's positions start in `positions`, and one more entry: the end */
  starts = new Int32Array(5);
  positions = new Int32Array(8);
  count = 0;

  add(doc: number, weight: number, positions: number[]): void {
    if (this.count + 1 >= this.docs.length) {
      this.docs = grow(this.docs, this.count + 2);
      this.weights = grow(this.weights, this.count + 2);
      this.starts = grow(this.starts, this.count + 3);
    }
    const at = this.starts[this.count]!;
    if (at + positions.length > this.positions.length) this.positions = grow(this.positions, at + positions.length);
    this.positions.set(positions, at);
    this.docs[this.count] = doc;
    this.weights[this.count] = weight;
    this.count++;
    this.starts[this.count] = at + positions.length;
  }

  /** The index of `doc` in `docs` at or after `from`, or -1 (galloping, then binary search). */
  find(doc: number, from = 0): number {
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
}

function grow<T extends Int32Array | Float32Array>(a: T, need: number): T {
  const next = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  next.set(a);
  return next;
}

export class SearchIndex {
  private readonly terms = new Map<string, Postings>();
  private sortedTerms: string[] | null = null;
  /** each record's weighted length; NaN once removed */
  private lengths = new Float64Array(64);
  private live = 0;
  private totalLength = 0;

  /** Index record `id` (a new id: to change a record, remove it and add it again under a new one). */
  add(id: number, fields: IndexedField[]): void {
    if (id < 0 || !Number.isInteger(id)) throw new Error(`Record ids are whole numbers from 0, not ${id}`);
    if (id >= this.lengths.length) {
      const grown = new Float64Array(Math.max(id + 1, this.lengths.length * 2));
      grown.set(this.lengths);
      this.lengths = grown;
    }
    const seen = new Map<string, { weight: number; positions: number[] }>();
    let position = 0;
    let length = 0;
    for (const field of fields) {
      const tokens = tokenize(field.text);
      for (const token of tokens) {
        let entry = seen.get(token.term);
        if (!entry) seen.set(token.term, (entry = { weight: 0, positions: [] }));
        entry.weight += field.weight;
        entry.positions.push(position + token.position);
        length += field.weight;
      }
      position += tokens.length + FIELD_GAP;
    }
    for (const [term, { weight, positions }] of seen) {
      let postings = this.terms.get(term);
      if (!postings) {
        this.terms.set(term, (postings = new Postings()));
        this.sortedTerms = null;
      }
      postings.add(id, weight, positions);
    }
    this.lengths[id] = length;
    this.totalLength += length;
    this.live++;
  }

  remove(id: number): void {
    const length = this.lengths[id];
    if (length === undefined || Number.isNaN(length)) return;
    this.lengths[id] = NaN;
    this.totalLength -= length;
    this.live--;
  }

  get size(): number {
    return this.live;
  }

  /** The best `limit` records for the query, best first (tags are not the index's: the caller filters). */
  search(query: ParsedQuery, limit: number): Hit[] {
    if (this.live === 0) return [];
    // Each requirement: postings any of which will do (a prefix has several), and for a phrase, its
    // terms' postings in order (the phrase's first term stands for it among the requirements).
    const required: Requirement[] = [];
    const need = (lists: Postings[], phrase?: Postings[]) =>
      required.push({ lists, phrase, idf: lists.map((p) => this.idf(p)), cursors: lists.map(() => 0) });
    const tail = query.all[query.all.length - 1];
    for (const term of query.all) {
      const postings = this.terms.get(term);
      const lists = postings ? [postings] : [];
      if (query.prefix && term === tail) lists.push(...this.withPrefix(query.prefix).filter((p) => p !== postings));
      if (lists.length === 0) return [];
      need(lists);
    }
    for (const phrase of query.phrases) {
      const lists = phrase.map((t) => this.terms.get(t));
      if (lists.some((p) => !p)) return [];
      need([lists[0]!], lists as Postings[]);
      for (const p of lists.slice(1)) need([p!]);
    }
    if (required.length === 0) return [];
    const excluded = query.none.flatMap((terms) => {
      const lists = terms.map((t) => this.terms.get(t));
      return lists.every((p) => p) ? [lists as Postings[]] : [];
    });

    // The rarest requirement drives; the others follow it with cursors that only move forward.
    required.sort((a, b) => count(a) - count(b));
    const driver = required[0]!;
    const average = this.totalLength / this.live;
    const top = new TopK(limit);
    const docs = driver.lists.length === 1 ? driver.lists[0]!.docs.subarray(0, driver.lists[0]!.count) : union(driver.lists);
    next: for (const doc of docs) {
      const length = this.lengths[doc]!;
      if (Number.isNaN(length)) continue;
      const norm = K1 * (1 - B + (B * length) / average);
      let score = 0;
      for (const r of required) {
        const best = bestOf(r, doc, norm);
        if (best < 0) continue next;
        score += best;
      }
      for (const terms of excluded) if (holdsPhrase(terms, doc)) continue next;
      top.offer(doc, score);
    }
    return top.best();
  }

  /** Always above 0 (a removed record's postings stay, so a count can pass the records left). */
  private idf(p: Postings): number {
    const df = Math.min(p.count, this.live);
    return Math.log(1 + (this.live - df + 0.5) / (df + 0.5));
  }

  /** The postings of every term that starts with `prefix`. */
  private withPrefix(prefix: string): Postings[] {
    this.sortedTerms ??= [...this.terms.keys()].sort();
    const terms = this.sortedTerms;
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (terms[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: Postings[] = [];
    for (let i = lo; i < terms.length && terms[i]!.startsWith(prefix) && out.length < MAX_PREFIX_TERMS; i++) out.push(this.terms.get(terms[i]!)!);
    return out;
  }
}

interface Requirement {
  lists: Postings[];
  phrase?: Postings[];
  idf: number[];
  /** per list: where the last look-up ended (records are looked up in ascending order) */
  cursors: number[];
}

const count = (r: Requirement) => r.lists.reduce((n, p) => n + p.count, 0);

/** The requirement's BM25 contribution for `doc` (its best list), or -1 when `doc` does not meet it. */
function bestOf(r: Requirement, doc: number, norm: number): number {
  let best = -1;
  for (let k = 0; k < r.lists.length; k++) {
    const p = r.lists[k]!;
    const i = p.find(doc, r.cursors[k]);
    if (i < 0) continue;
    r.cursors[k] = i;
    const tf = p.weights[i]!;
    best = Math.max(best, (r.idf[k]! * tf * (K1 + 1)) / (tf + norm));
  }
  if (best >= 0 && r.phrase && !holdsPhrase(r.phrase, doc)) return -1;
  return best;
}

/** A prefix stands for at most this many terms (the commonest would be few letters long anyway). */
const MAX_PREFIX_TERMS = 200;

/** Every record in any of `lists`, ascending, once. */
function union(lists: Postings[]): Int32Array {
  const all = new Set<number>();
  for (const p of lists) for (let i = 0; i < p.count; i++) all.add(p.docs[i]!);
  return Int32Array.from(all).sort();
}

/** Whether record `doc` holds the terms of `phrase` at consecutive positions. */
function holdsPhrase(phrase: Postings[], doc: number): boolean {
  const n = phrase.length;
  const from: number[] = new Array(n);
  const to: number[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const p = phrase[k]!;
    const i = p.find(doc);
    if (i < 0) return false;
    from[k] = p.starts[i]!;
    to[k] = p.starts[i + 1]!;
  }
  // Each term's cursor only moves forward, as the first term's positions do.
  const first = phrase[0]!.positions;
  for (let a = from[0]!; a < to[0]!; a++) {
    const start = first[a]!;
    let k = 1;
    for (; k < n; k++) {
      const positions = phrase[k]!.positions;
      const want = start + k;
      let c = from[k]!;
      while (c < to[k]! && positions[c]! < want) c++;
      from[k] = c;
      if (c === to[k]) return false;
      if (positions[c] !== want) break;
    }
    if (k === n) return true;
  }
  return false;
}

/** The best `k` (id, score) pairs seen, by a min-heap on score. */
class TopK {
  private readonly ids: number[] = [];
  private readonly scores: number[] = [];

  constructor(private readonly k: number) {}

  offer(id: number, score: number): void {
    if (this.k <= 0) return;
    if (this.ids.length < this.k) {
      this.ids.push(id);
      this.scores.push(score);
      this.up(this.ids.length - 1);
    } else if (score > this.scores[0]!) {
      this.ids[0] = id;
      this.scores[0] = score;
      this.down(0);
    }
  }

  best(): Hit[] {
    return this.ids.map((id, i) => ({ id, score: this.scores[i]! })).sort((a, b) => b.score - a.score || a.id - b.id);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.scores[parent]! <= this.scores[i]!) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let least = i;
      if (l < this.ids.length && this.scores[l]! < this.scores[least]!) least = l;
      if (r < this.ids.length && this.scores[r]! < this.scores[least]!) least = r;
      if (least === i) return;
      this.swap(i, least);
      i = least;
    }
  }

  private swap(a: number, b: number): void {
    [this.ids[a], this.ids[b]] = [this.ids[b]!, this.ids[a]!];
    [this.scores[a], this.scores[b]] = [this.scores[b]!, this.scores[a]!];
  }
}
