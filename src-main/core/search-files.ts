// A search index kept on disk (issue 8 §3), as a cache of the library: a snapshot (the whole index as
// flat arrays, search-index.ts) and logs of what changed since, each change appended as it happens,
// so no change ever rewrites the whole index on the host's thread. A manifest names the files in use.
// When the logs grow past half the snapshot, or once a burst of changes is over, `compact` folds them
// into a new snapshot; that runs in a parser thread, which reads the files itself, and the manifest
// then names the new files.
//
// Nothing here must survive a power cut: a missing, damaged or older cache is rebuilt from the
// library. It must only never be read wrong: each log entry is framed with its length, a torn last
// entry ends the log, and every file named by a manifest is complete before the manifest names it.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { SearchIndex, type AnalyzedRecord, type IndexSnapshot, type PostingsReader } from './search-index';
import { tempPathFor } from './store/durable-json';

/** Bump when the analysis (analyze.ts) or the files' shape change: older caches are then rebuilt. */
export const SEARCH_FORMAT = 4;

/**
 * A change to an index: a record added under a key (with a fingerprint of what it was made from), or
 * one removed. A record may come as `recordBytes` made it (a parser thread's work, kept as it came).
 */
export type LogEntry = { add: number; key: string; print: string; record: AnalyzedRecord | Uint8Array } | { remove: number };

/**
 * A record as a log keeps it, what a parser thread hands over ready to append: its counts of terms,
 * positions and checkpoints and the byte length of its terms (u32 each), its length (f64), then its
 * weights, term starts, positions and checkpoints as they are in memory (little-endian, as every
 * machine Gloss runs on), then its terms in UTF-8, a line each (a term never holds a line break).
 * One buffer of its own (a thread can hand it over without a copy), made and read back several times
 * quicker than by v8's serializer, which a large import otherwise spends a tenth of its time in.
 */
export function recordBytes(record: AnalyzedRecord): Uint8Array {
  const terms = record.terms.join('\n');
  const termBytes = Buffer.byteLength(terms);
  const arrays = [record.weights, record.starts, record.positions, record.checkpoints];
  const out = Buffer.allocUnsafeSlow(RECORD_HEAD + arrays.reduce((n, a) => n + a.byteLength, 0) + termBytes);
  const head = new DataView(out.buffer, out.byteOffset, RECORD_HEAD);
  head.setUint32(0, record.terms.length, true);
  head.setUint32(4, record.positions.length, true);
  head.setUint32(8, record.checkpoints.length, true);
  head.setUint32(12, termBytes, true);
  head.setFloat64(16, record.length, true);
  let at = RECORD_HEAD;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  out.write(terms, at, 'utf8');
  return out;
}

const RECORD_HEAD = 24;

/** A record from `recordBytes`'s bytes (copied out: it keeps nothing of them); throws on bytes that do not add up. */
export function recordFrom(bytes: Uint8Array): AnalyzedRecord {
  if (bytes.byteLength < RECORD_HEAD) throw new Error('a search record cut short');
  const head = new DataView(bytes.buffer, bytes.byteOffset, RECORD_HEAD);
  const [termCount, positionCount, checkpointCount, termBytes] = [0, 4, 8, 12].map((at) => head.getUint32(at, true)) as [
    number,
    number,
    number,
    number,
  ];
  if (RECORD_HEAD + 4 * (2 * termCount + 1 + positionCount + checkpointCount) + termBytes !== bytes.byteLength)
    throw new Error('a damaged search record');
  let at = bytes.byteOffset + RECORD_HEAD;
  const take = <T extends Float32Array | Int32Array>(Kind: { new (length: number): T }, length: number): T => {
    const array = new Kind(length);
    new Uint8Array(array.buffer).set(new Uint8Array(bytes.buffer, at, length * 4));
    at += length * 4;
    return array;
  };
  const weights = take(Float32Array, termCount);
  const starts = take(Int32Array, termCount + 1);
  const positions = take(Int32Array, positionCount);
  const checkpoints = take(Int32Array, checkpointCount);
  const terms = termCount === 0 ? [] : Buffer.from(bytes.buffer, at, termBytes).toString('utf8').split('\n');
  if (terms.length !== termCount) throw new Error('a damaged search record');
  return { terms, weights, starts, positions, length: head.getFloat64(16, true), checkpoints };
}

const recordOf = (record: AnalyzedRecord | Uint8Array): AnalyzedRecord => (record instanceof Uint8Array ? recordFrom(record) : record);

/** How many keys are looked up by a scan before the map of keys is made (IndexState.idOf). */
const FEW_SCANS = 4;
/** How many strings a snapshot's column takes in before it reads all of its own (Column.set). */
const FEW_CHANGES = 16;

interface Manifest {
  format: number;
  snapshot: string | null;
  logs: string[];
  /** the number the next file's name takes */
  next: number;
}

/**
 * Strings by record id: what records stand for, or their fingerprints. A snapshot's are kept as the
 * JSON text it holds them in, with where each starts: one is read when asked for, and all of them
 * only once they are gone through or more than a few are changed (a command that only searches
 * reads a handful).
 */
export class Column {
  /** strings set since the snapshot, by id, while they are few (its text stays as it was) */
  private changed: Map<number, string> | null = null;

  private constructor(
    private list: string[] | null,
    private text: string,
    /** where each string's JSON starts in `text`, and one more entry: past the end */
    private starts: Int32Array,
  ) {}

  static of(list: string[] = []): Column {
    return new Column(list, '', new Int32Array(0));
  }

  /** From `encode`'s text and starts (a snapshot's). */
  static fromText(text: string, starts: Int32Array): Column {
    // (no strings: "[]", and the one start there is, 1)
    const adds = starts.length === 1 ? text === '[]' && starts[0] === 1 : starts[0] === 1 && starts[starts.length - 1] === text.length;
    if (!adds) throw new Error('the snapshot does not add up');
    return new Column(null, text, starts);
  }

  /** The strings as a JSON array, with where each starts (each is followed by "," or "]"). */
  static encode(list: string[]): { text: string; starts: Int32Array } {
    const starts = new Int32Array(list.length + 1);
    let at = 1;
    const parts = list.map((s, i) => {
      const json = JSON.stringify(s ?? '');
      starts[i] = at;
      at += json.length + 1;
      return json;
    });
    starts[list.length] = at;
    return { text: `[${parts.join(',')}]`, starts };
  }

  at(i: number): string | undefined {
    if (this.list) return this.list[i];
    const changed = this.changed?.get(i);
    if (changed !== undefined) return changed;
    return i >= 0 && i < this.starts.length - 1 ? (JSON.parse(this.text.slice(this.starts[i], this.starts[i + 1]! - 1)) as string) : undefined;
  }

  set(i: number, value: string): void {
    if (this.list) this.list[i] = value;
    else if ((this.changed ??= new Map()).set(i, value).size > FEW_CHANGES) this.values();
  }

  /** Every string (a snapshot's are all read the first time, and its text let go). */
  values(): string[] {
    if (!this.list) {
      this.list = JSON.parse(this.text) as string[];
      for (const [i, value] of this.changed ?? []) this.list[i] = value;
      this.changed = null;
      this.text = '';
      this.starts = new Int32Array(0);
    }
    return this.list;
  }

  /** The last place `value` is at, or -1; a snapshot's text is searched, not read. */
  lastIndexOf(value: string): number {
    if (this.list) return this.list.lastIndexOf(value);
    let last = -1;
    for (const [i, changed] of this.changed ?? []) if (changed === value && i > last) last = i;
    const json = JSON.stringify(value);
    for (let at = this.text.lastIndexOf(json); at > 0; at = this.text.lastIndexOf(json, at - 1)) {
      // a match is a string of its own only where one starts and ends, and was not set since
      const i = firstAtOrAfter(this.starts, at);
      if (this.starts[i] === at && this.starts[i + 1]! - 1 === at + json.length && !this.changed?.has(i)) return Math.max(i, last);
    }
    return last;
  }
}

/** The first index of `sorted` whose value is `value` or more. */
function firstAtOrAfter(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** An index with what its records stand for. */
export class IndexState {
  /** key → the record standing for it, made from `keys` when first needed (a search needs none) */
  private byKey: Map<string, number> | null = null;
  /** look-ups made without the map: a few scan `keys`, and the next one makes the map */
  private scans = 0;
  /** record id → key, and the fingerprint of what it was made from */
  keys = Column.of();
  prints = Column.of();

  constructor(
    readonly index = new SearchIndex(),
    public nextId = 0,
  ) {}

  /** Lets go of the snapshot file its postings are read from. */
  close(): void {
    this.index.close();
  }

  /** key → the record standing for it. */
  get records(): Map<string, number> {
    if (!this.byKey) {
      // A key stands at its record's id, and maybe at ids of records it stood for before: those are
      // no longer in the index (a record is removed before its key is given to another).
      this.byKey = new Map();
      const keys = this.keys.values();
      for (let id = 0; id < keys.length; id++) if (keys[id] && this.index.has(id)) this.byKey.set(keys[id]!, id);
    }
    return this.byKey;
  }

  /** The record standing for `key`: the last id the key stands at, if in the index; or from the map. */
  private idOf(key: string): number | undefined {
    if (this.byKey || ++this.scans > FEW_SCANS) return this.records.get(key);
    const at = this.keys.lastIndexOf(key);
    return at >= 0 && this.index.has(at) ? at : undefined;
  }

  /** The fingerprint of the record standing for `key`, if there is one. */
  printOf(key: string): string | undefined {
    const id = this.idOf(key);
    return id === undefined ? undefined : this.prints.at(id);
  }

  /**
   * Takes in a change. `indexed` false keeps only what the record stands for, not its words: a bulk
   * of records goes to the log alone, and into memory with the next snapshot (search.ts); that
   * needs the map of keys, as the index does not know the record.
   */
  apply(entry: LogEntry, indexed = true): void {
    if ('remove' in entry) {
      const key = this.keys.at(entry.remove);
      if (key !== undefined && this.idOf(key) === entry.remove) this.byKey?.delete(key);
      this.index.remove(entry.remove);
      return;
    }
    if (!indexed) void this.records;
    const was = this.idOf(entry.key);
    if (was !== undefined) this.index.remove(was);
    if (indexed) this.index.addAnalyzed(entry.add, recordOf(entry.record));
    this.byKey?.set(entry.key, entry.add);
    this.keys.set(entry.add, entry.key);
    this.prints.set(entry.add, entry.print);
    this.nextId = Math.max(this.nextId, entry.add + 1);
  }
}

interface SnapshotFile {
  format: number;
  index: IndexSnapshot;
  keys: Column;
  prints: Column;
  nextId: number;
}

function snapshotOf(state: IndexState): SnapshotFile {
  const keys: string[] = new Array<string>(state.nextId).fill('');
  const prints: string[] = new Array<string>(state.nextId).fill('');
  const printed = state.prints.values();
  for (const [key, id] of state.records) {
    keys[id] = key;
    prints[id] = printed[id]!;
  }
  return { format: SEARCH_FORMAT, index: state.index.toSnapshot(), keys: Column.of(keys), prints: Column.of(prints), nextId: state.nextId };
}

function stateOf(file: SnapshotFile): IndexState {
  const state = new IndexState(SearchIndex.fromSnapshot(file.index), file.nextId);
  state.keys = file.keys;
  state.prints = file.prints;
  return state;
}

/** The arrays of a snapshot file, in order: each starts at a multiple of 8 bytes. */
const ARRAYS = [
  'termStarts',
  'docs',
  'weights',
  'posStarts',
  'positions',
  'lengths',
  'checkpointIds',
  'checkpointStarts',
  'checkpointData',
  'keyStarts',
  'printStarts',
] as const;
type ArrayName = (typeof ARRAYS)[number];
const KINDS: Record<ArrayName, Int32ArrayConstructor | Float32ArrayConstructor | Float64ArrayConstructor> = {
  termStarts: Int32Array,
  docs: Int32Array,
  weights: Float32Array,
  posStarts: Int32Array,
  positions: Int32Array,
  lengths: Float64Array,
  checkpointIds: Int32Array,
  checkpointStarts: Int32Array,
  checkpointData: Int32Array,
  keyStarts: Int32Array,
  printStarts: Int32Array,
};
const SNAPSHOT_MAGIC = 'GLOSSIX1';

/**
 * A snapshot as bytes: "GLOSSIX1", a u32 header length, a JSON header (format, nextId, and where each
 * part is), then the parts, 8-byte aligned: the typed arrays as they are in memory (little-endian, as
 * every machine Gloss runs on), the terms joined by line breaks, the keys and fingerprints as JSON
 * (with where each one starts: keyStarts, printStarts; a snapshot without them is read whole).
 * A fold reads it back whole, as views over the file's bytes; a host reads all but the postings, and
 * those a term at a time (openSnapshot). Made as a list of pieces, the arrays' own bytes among them,
 * written one after another: no copy of the whole index is made.
 */
function encodeSnapshot(file: SnapshotFile): Uint8Array[] {
  const { index } = file;
  const checkpointStarts = new Int32Array(index.checkpoints.length + 1);
  index.checkpoints.forEach((c, i) => (checkpointStarts[i + 1] = checkpointStarts[i]! + c.length));
  const checkpointData = new Int32Array(checkpointStarts[index.checkpoints.length]!);
  index.checkpoints.forEach((c, i) => checkpointData.set(c, checkpointStarts[i]!));
  if ('read' in index.postings) throw new Error('a snapshot is written from postings in memory');
  const keys = Column.encode(file.keys.values());
  const prints = Column.encode(file.prints.values());
  const arrays: Record<ArrayName, ArrayBufferView> = {
    ...index,
    ...index.postings,
    checkpointStarts,
    checkpointData,
    keyStarts: keys.starts,
    printStarts: prints.starts,
  };
  const blobs = { terms: Buffer.from(index.terms.join('\n')), keys: Buffer.from(keys.text), prints: Buffer.from(prints.text) };
  const parts: [string, ArrayBufferView][] = [...ARRAYS.map((name) => [name, arrays[name]] as [string, ArrayBufferView]), ...Object.entries(blobs)];
  const where: Record<string, [number, number]> = {};
  let at = 0;
  for (const [name, view] of parts) {
    where[name] = [at, view.byteLength];
    at += Math.ceil(view.byteLength / 8) * 8;
  }
  const head = Buffer.from(JSON.stringify({ format: file.format, nextId: file.nextId, terms: index.terms.length, where }));
  const start = Math.ceil((SNAPSHOT_MAGIC.length + 4 + head.length) / 8) * 8;
  const first = Buffer.alloc(start);
  first.write(SNAPSHOT_MAGIC, 0, 'latin1');
  first.writeUInt32LE(head.length, SNAPSHOT_MAGIC.length);
  head.copy(first, SNAPSHOT_MAGIC.length + 4);
  const out: Uint8Array[] = [first];
  const padding = new Uint8Array(8);
  for (const [, view] of parts) {
    out.push(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
    if (view.byteLength % 8) out.push(padding.subarray(view.byteLength % 8));
  }
  return out;
}

/**
 * A snapshot from its bytes, read by `readAt` (a view of a whole file's bytes, or a read of the file):
 * with `reader`, the postings are left in the file and read a term at a time (see openSnapshot).
 */
function decodeSnapshot(
  size: number,
  readAt: (position: number, length: number) => Uint8Array,
  reader?: (where: PostingsPlaces, termStarts: Int32Array) => PostingsReader,
): SnapshotFile {
  const fixed = readAt(0, Math.min(size, SNAPSHOT_MAGIC.length + 4));
  if (
    fixed.length < SNAPSHOT_MAGIC.length + 4 ||
    Buffer.from(fixed.buffer, fixed.byteOffset, SNAPSHOT_MAGIC.length).toString('latin1') !== SNAPSHOT_MAGIC
  )
    throw new Error('not a search snapshot');
  const headLength = new DataView(fixed.buffer, fixed.byteOffset).getUint32(SNAPSHOT_MAGIC.length, true);
  if (SNAPSHOT_MAGIC.length + 4 + headLength > size) throw new Error('the snapshot is cut short');
  const head = JSON.parse(utf8(readAt(SNAPSHOT_MAGIC.length + 4, headLength))) as {
    format: number;
    nextId: number;
    terms: number;
    where: Record<string, [number, number]>;
  };
  if (head.format !== SEARCH_FORMAT) throw new Error(`a snapshot of format ${head.format}`);
  const start = Math.ceil((SNAPSHOT_MAGIC.length + 4 + headLength) / 8) * 8;
  const place = (name: string): [number, number] => {
    const [offset, length] = head.where[name] ?? [0, -1];
    if (length < 0 || start + offset + length > size) throw new Error(`the snapshot's ${name} is missing or cut short`);
    return [start + offset, length];
  };
  const array = <N extends ArrayName>(name: N) => {
    const bytes = readAt(...place(name));
    const Kind = KINDS[name];
    return new Kind(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength / Kind.BYTES_PER_ELEMENT);
  };
  const text = (name: string) => utf8(readAt(...place(name)));
  // Snapshots written before the starts were kept are read whole.
  const column = (name: string, starts: 'keyStarts' | 'printStarts') =>
    head.where[starts] ? Column.fromText(text(name), array(starts) as Int32Array) : Column.of(JSON.parse(text(name)) as string[]);
  const checkpointStarts = array('checkpointStarts') as Int32Array;
  const checkpointData = array('checkpointData') as Int32Array;
  const checkpointIds = array('checkpointIds') as Int32Array;
  const termStarts = array('termStarts') as Int32Array;
  const index: IndexSnapshot = {
    terms: head.terms === 0 ? [] : text('terms').split('\n'),
    termStarts,
    postings: reader
      ? reader(
          { docs: place('docs')[0], weights: place('weights')[0], posStarts: place('posStarts')[0], positions: place('positions')[0] },
          termStarts,
        )
      : {
          docs: array('docs') as Int32Array,
          weights: array('weights') as Float32Array,
          posStarts: array('posStarts') as Int32Array,
          positions: array('positions') as Int32Array,
        },
    lengths: array('lengths') as Float64Array,
    checkpointIds,
    checkpoints: Array.from(checkpointIds, (_, i) => checkpointData.subarray(checkpointStarts[i]!, checkpointStarts[i + 1]!)),
  };
  if (index.terms.length !== head.terms || index.termStarts.length !== index.terms.length + 1) throw new Error('the snapshot does not add up');
  return {
    format: head.format,
    nextId: head.nextId,
    index,
    keys: column('keys', 'keyStarts'),
    prints: column('prints', 'printStarts'),
  };
}

const utf8 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');

/** Where in a snapshot file its postings' arrays start. */
type PostingsPlaces = Record<'docs' | 'weights' | 'posStarts' | 'positions', number>;

/**
 * A snapshot read from its file but for its postings, which stay there and are read a term at a time
 * (search-index.ts keeps the latest read): a large index opens in the time it takes to read its terms,
 * and holds little memory. The file stays open until the index is closed.
 */
function openSnapshot(path: string): SnapshotFile {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    return decodeSnapshot(
      size,
      (position, length) => readPart(fd, position, length),
      (where, termStarts) => new PostingsFile(fd, where, termStarts),
    );
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/**
 * Bytes [position, position + length) of a file, in a buffer of their own (views need their element
 * size's alignment), not zeroed first: every byte is read into it, or it is not used.
 */
function readPart(fd: number, position: number, length: number): Uint8Array {
  const bytes = Buffer.allocUnsafeSlow(length);
  if (length > 0 && readSync(fd, bytes, 0, length, position) !== length) throw new Error('the snapshot is cut short');
  return bytes;
}

/**
 * A snapshot's postings, read from its file a term at a time. A class rather than closures made for
 * each snapshot: the two indexes' readers then share one optimized code that stays (closures of one
 * function called in turn sent V8's code for it back to the interpreter at each term read, a hundred
 * times in the first searches).
 */
class PostingsFile implements PostingsReader {
  constructor(
    private readonly fd: number,
    private readonly where: PostingsPlaces,
    private readonly termStarts: Int32Array,
  ) {}

  read(n: number): ReturnType<PostingsReader['read']> {
    const from = this.termStarts[n]!;
    const to = this.termStarts[n + 1]!;
    const posStarts = this.ints(this.where.posStarts, from, to + 1);
    const positionBase = posStarts[0]!;
    for (let i = 0; i < posStarts.length; i++) posStarts[i]! -= positionBase;
    const weights = new Float32Array(readPart(this.fd, this.where.weights + from * 4, (to - from) * 4).buffer as ArrayBuffer);
    return { docs: this.ints(this.where.docs, from, to), weights, posStarts, positionBase };
  }

  positions(from: number, to: number): Int32Array {
    return this.ints(this.where.positions, from, to);
  }

  close(): void {
    closeSync(this.fd);
  }

  /** Int32 [from, to) of the array that starts at `at` in the file. */
  private ints(at: number, from: number, to: number): Int32Array {
    return new Int32Array(readPart(this.fd, at + from * 4, (to - from) * 4).buffer as ArrayBuffer);
  }
}

/**
 * Each entry: its length and the length of its head (4 bytes each, little-endian), the head (the entry
 * without its record, as JSON), then the record's bytes (`recordBytes`), if it has one.
 */
function frame(entry: LogEntry): Uint8Array[] {
  const { record, ...rest } = 'add' in entry ? entry : { ...entry, record: undefined };
  const head = JSON.stringify(rest);
  const headLength = Buffer.byteLength(head);
  const body = record === undefined ? null : record instanceof Uint8Array ? record : recordBytes(record);
  const start = Buffer.allocUnsafe(8 + headLength);
  start.writeUInt32LE(headLength + (body?.byteLength ?? 0));
  start.writeUInt32LE(headLength, 4);
  start.write(head, 8, 'utf8');
  return body ? [start, body] : [start];
}

function* entriesOf(log: Buffer): Generator<LogEntry> {
  let at = 0;
  while (at + 8 <= log.length) {
    const length = log.readUInt32LE(at);
    const headLength = log.readUInt32LE(at + 4);
    if (at + 8 + length > log.length || headLength > length) return; // torn by a crash while it was written
    const head = JSON.parse(log.toString('utf8', at + 8, at + 8 + headLength)) as LogEntry;
    if ('add' in head) head.record = recordFrom(log.subarray(at + 8 + headLength, at + 8 + length));
    yield head;
    at += 8 + length;
  }
}

/** The index a snapshot and logs make (what a parser thread does to compact, and what opening does). */
export async function readIndex(dir: string, snapshot: string | null, logs: string[], whole = false): Promise<IndexState> {
  let state = new IndexState();
  if (snapshot) state = await readSnapshot(join(dir, snapshot), whole);
  try {
    for (const log of logs) {
      const bytes = await readFile(join(dir, log)).catch(() => Buffer.alloc(0));
      for (const entry of entriesOf(bytes)) state.apply(entry);
    }
  } catch (error) {
    state.close();
    throw error;
  }
  return state;
}

/**
 * The index a snapshot file holds: its postings left in the file (a host's), or read whole (a fold's,
 * which goes through them all).
 */
export async function readSnapshot(path: string, whole = false): Promise<IndexState> {
  if (!whole) return stateOf(openSnapshot(path));
  const bytes = await readFile(path);
  // Views need their element size's alignment in the underlying buffer.
  const buffer = bytes.byteOffset % 8 === 0 ? bytes : Buffer.from(bytes);
  return stateOf(
    decodeSnapshot(buffer.length, (position, length) => {
      if (position + length > buffer.length) throw new Error('the snapshot is cut short');
      return buffer.subarray(position, position + length);
    }),
  );
}

/** Files to fold into one snapshot, `out`. */
export interface CompactJob {
  dir: string;
  snapshot: string | null;
  logs: string[];
  out: string;
}

/** Writes the index a snapshot and logs make as one snapshot, `out` (in a parser thread). */
export async function compactIndex(job: CompactJob): Promise<void> {
  const state = await readIndex(job.dir, job.snapshot, job.logs, true);
  await writeWhole(join(job.dir, job.out), encodeSnapshot(snapshotOf(state)));
}

async function writeWhole(path: string, pieces: Uint8Array[]): Promise<void> {
  // named as every temp file in the data folder is, so cleanup at open knows one a crash left
  const temp = tempPathFor(path);
  const file = await open(temp, 'w');
  try {
    await file.writev(pieces);
  } finally {
    await file.close();
  }
  await rename(temp, path);
}

/** How to compact in another thread (the parser pool); absent, compaction runs here. */
export type Compactor = (job: CompactJob) => Promise<void>;

/** One index's files: `<name>.json` (the manifest), `<name>-<n>.snap` and `<name>-<n>.log`. */
export class IndexFiles {
  private manifest: Manifest = { format: SEARCH_FORMAT, snapshot: null, logs: [], next: 1 };
  /** the log this session appends to, named in the manifest once its first entry is written */
  private log: string | null = null;
  /** kept open while this session appends to its log */
  private logHandle: FileHandle | null = null;
  private buffered: Uint8Array[] = [];
  private bufferedBytes = 0;
  /** changes appended so far, and how many of them are waiting in `buffered` */
  private appended = 0;
  private waiting = 0;
  private writing: Promise<void> = Promise.resolve();
  /** a write of what is buffered is chained to `writing` and has not started */
  private writeQueued = false;
  /** writes what is buffered once changes have stopped coming for a moment */
  private writeTimer: ReturnType<typeof setTimeout> | null = null;
  private logBytes = 0;
  private snapshotBytes = 0;
  private compacting: Promise<void> | null = null;
  /** the last write or compaction that failed (the cache is then behind; the next session catches up) */
  failure: Error | null = null;
  /**
   * Told when a fold has written a new snapshot (its path) holding the first `covered` changes
   * appended this session; the fold ends when this resolves, so the snapshot is still there to read.
   */
  onFolded: ((snapshot: string, covered: number) => Promise<void>) | null = null;
  /**
   * A bulk of records is being logged without being in memory (search.ts): folds wait for more, as
   * each fold rewrites the whole index and memory needs none meanwhile; the bulk ends with one.
   */
  bulk = false;

  constructor(
    private readonly dir: string,
    private readonly name: string,
    readonly readOnly: boolean,
    private readonly compactor: Compactor = compactIndex,
  ) {}

  private get manifestPath(): string {
    return join(this.dir, `${this.name}.json`);
  }

  /** The index on disk, or an empty one when there is none that can be used. */
  async load(): Promise<IndexState> {
    try {
      const manifest = JSON.parse(await readFile(this.manifestPath, 'utf8')) as Manifest;
      if (manifest.format !== SEARCH_FORMAT || !Array.isArray(manifest.logs)) throw new Error('another format');
      const state = await readIndex(this.dir, manifest.snapshot, manifest.logs);
      this.manifest = manifest;
      if (!this.readOnly) await this.removeUnnamed();
      this.snapshotBytes = manifest.snapshot ? (await stat(join(this.dir, manifest.snapshot))).size : 0;
      for (const log of manifest.logs)
        this.logBytes += await stat(join(this.dir, log)).then(
          (s) => s.size,
          () => 0,
        );
      return state;
    } catch {
      // No cache, or one that cannot be used: start again from nothing (what was there is replaced).
      this.manifest = { format: SEARCH_FORMAT, snapshot: null, logs: [], next: 1 };
      if (!this.readOnly) await this.saveManifest().catch((error: Error) => (this.failure = error));
      return new IndexState();
    }
  }

  /**
   * Keeps a change: appended to this session's log soon after (see `flush`). Returns how many changes
   * have been appended. Changes are written LOG_WRITE_BYTES at a time, or LOG_WRITE_MS after the last:
   * an import of 10,000 files made 1,300 writes of a few changes each, a quarter of a second of the
   * host's main thread. (The log is a cache: a change not written when the host stops is indexed
   * again at the next open.)
   */
  append(entry: LogEntry): number {
    if (this.readOnly) return ++this.appended;
    for (const bytes of frame(entry)) {
      this.buffered.push(bytes);
      this.bufferedBytes += bytes.byteLength;
    }
    this.waiting++;
    if (this.bufferedBytes >= LOG_WRITE_BYTES) this.writeSoon();
    else this.writeTimer ??= setTimeout(() => this.writeSoon(), LOG_WRITE_MS);
    return ++this.appended;
  }

  /** Resolves when every change so far is in the log, and a compaction under way has finished. */
  async flush(): Promise<void> {
    this.writeSoon();
    await this.writing;
    while (this.compacting) await this.compacting;
  }

  /** Chains a write of what is buffered (one for all that comes before it starts). */
  private writeSoon(): void {
    if (this.writeTimer) clearTimeout(this.writeTimer);
    this.writeTimer = null;
    if (this.writeQueued || this.waiting === 0) return;
    this.writeQueued = true;
    this.writing = this.writing.then(() => {
      this.writeQueued = false;
      return this.writeBuffered();
    });
  }

  private async writeBuffered(): Promise<void> {
    const buffers = this.buffered.splice(0);
    this.bufferedBytes = 0;
    this.waiting = 0;
    if (buffers.length === 0) return;
    try {
      if (!this.log) {
        const log = `${this.name}-${this.manifest.next++}.log`;
        await mkdir(this.dir, { recursive: true });
        await this.closeLog();
        this.logHandle = await open(join(this.dir, log), 'a');
        this.log = log;
        this.manifest.logs.push(log);
        await this.saveManifest();
      }
      this.logHandle ??= await open(join(this.dir, this.log), 'a'); // after `close`, should anything come
      const { bytesWritten } = await this.logHandle.writev(buffers);
      this.logBytes += bytesWritten;
    } catch (error) {
      this.failure = error as Error;
      return;
    }
    this.compactIfDue();
  }

  private compactIfDue(): void {
    const due = this.bulk ? Math.max(BULK_COMPACT_AFTER_BYTES, this.snapshotBytes) : Math.max(COMPACT_AFTER_BYTES, this.snapshotBytes / 2);
    if (!this.compacting && this.logBytes > due) void this.compact();
  }

  /**
   * A burst of changes is over (an import indexed, a first build done): fold the logs now if they are
   * more than a little, so the next open reads one snapshot rather than replaying them.
   */
  quiet(): void {
    this.writeSoon();
    void this.writing.then(() => {
      if (!this.compacting && !this.bulk && this.logBytes > Math.max(QUIET_COMPACT_BYTES, this.snapshotBytes / 16)) void this.compact();
    });
  }

  /**
   * Folds the snapshot and the logs written so far into a new snapshot, in another thread; changes
   * from now on go to a new log. Resolves when the manifest names the new files.
   */
  async compact(): Promise<void> {
    if (this.readOnly || this.compacting) return this.compacting ?? undefined;
    this.compacting = this.fold().finally(() => {
      this.compacting = null;
      // what was written meanwhile may be due already (a large import goes on while a fold runs)
      if (!this.failure) this.compactIfDue();
    });
    return this.compacting;
  }

  private async fold(): Promise<void> {
    try {
      this.writeSoon(); // what is buffered goes into what is folded
      await this.writing;
      const folded = { snapshot: this.manifest.snapshot, logs: [...this.manifest.logs] };
      const covered = this.appended - this.waiting;
      this.log = null; // the next change starts a new log
      await this.closeLog(); // (an open file could not be removed on Windows)
      const out = `${this.name}-${this.manifest.next++}.snap`;
      await this.compactor({ dir: this.dir, ...folded, out });
      await (this.writing = this.writing.then(async () => {
        this.manifest.snapshot = out;
        this.manifest.logs = this.manifest.logs.filter((l) => !folded.logs.includes(l));
        await this.saveManifest();
        this.snapshotBytes = (await stat(join(this.dir, out))).size;
        this.logBytes = 0;
        for (const log of this.manifest.logs)
          this.logBytes += await stat(join(this.dir, log)).then(
            (s) => s.size,
            () => 0,
          );
      }));
      await this.onFolded?.(join(this.dir, out), covered);
      for (const old of [folded.snapshot, ...folded.logs]) if (old) await rm(join(this.dir, old), { force: true });
    } catch (error) {
      this.failure = error as Error;
    }
  }

  /** Files of this index its manifest does not name: left by a compaction or a write that was cut short. */
  private async removeUnnamed(): Promise<void> {
    const named = new Set([this.manifest.snapshot, ...this.manifest.logs]);
    for (const file of await readdir(this.dir)) {
      if (file.startsWith(`${this.name}-`) && !file.endsWith('.tmp') && !named.has(file)) await rm(join(this.dir, file), { force: true });
    }
  }

  private async closeLog(): Promise<void> {
    const handle = this.logHandle;
    this.logHandle = null;
    await handle?.close().catch(() => undefined);
  }

  /** Every change written, a fold under way finished, and the log closed. */
  async close(): Promise<void> {
    await this.flush();
    await (this.writing = this.writing.then(() => this.closeLog()));
  }

  private async saveManifest(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeWhole(this.manifestPath, [Buffer.from(JSON.stringify(this.manifest))]);
  }
}

/**
 * While changes come, logs are folded into the snapshot once they pass this, or half the snapshot;
 * once they stop, past QUIET_COMPACT_BYTES or a sixteenth of it (replaying a log at open costs far
 * more per byte than reading a snapshot, but a fold rewrites the whole index).
 */
const COMPACT_AFTER_BYTES = 4 * 1024 * 1024;
const BULK_COMPACT_AFTER_BYTES = 64 * 1024 * 1024;
const QUIET_COMPACT_BYTES = 256 * 1024;
/** Changes are written to the log this many bytes at a time, or this long after the last one (see `append`). */
const LOG_WRITE_BYTES = 1024 * 1024;
const LOG_WRITE_MS = 100;
