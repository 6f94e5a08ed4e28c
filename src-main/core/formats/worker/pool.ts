// Parsing runs in worker threads, off the host's main thread: a large import never makes the app or
// the server wait (a 4 MB book or a big PDF takes a while to parse). Requests queued in the same turn
// go to a worker together, up to a batch's worth, so a thousand small files cost a few dozen messages,
// not a thousand round trips; each batch goes to the least busy worker. A worker that dies fails its
// requests with a clear message, never a hang, and the next request starts a new one.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { GlossError, type ErrorCode } from '../../errors';
import type { DocumentFormat } from '../../model';
import type { CompactJob } from '../../search-files';
import type { AnalyzedRecord, IndexedField } from '../../search-index';
import type { NormalizedDocument } from '../types';
import type { PrepareJob, PreparedFile } from './prepare';

export interface ParseOptions {
  format?: DocumentFormat;
  encoding?: string;
}

/**
 * One request in a batch: a whole document wanted (`parse`), one ready to store (`prepare`), a
 * document's words for the search index (`analyze`), or a search index's files folded into one (`compact`).
 */
export type WorkerTask =
  | { id: number; kind: 'parse'; name: string; bytes: Uint8Array; opts: ParseOptions }
  | ({ id: number; kind: 'prepare' } & PrepareJob)
  | { id: number; kind: 'analyze'; name: string; fields: IndexedField[] }
  | { id: number; kind: 'compact'; name: string; job: CompactJob };

type WorkerValue = NormalizedDocument | PreparedFile | AnalyzedRecord | null;

export type WorkerResult = { id: number; ok: true; value: WorkerValue } | { id: number; ok: false; code: string; message: string };

/** `heap`: the worker's heap after the results, so the pool can retire a worker that has grown. */
export type WorkerMessage = { ready: true } | { results: WorkerResult[]; heap: number };

interface Pending {
  resolve(value: WorkerValue): void;
  reject(error: Error): void;
}

interface Queued {
  task: WorkerTask;
  pending: Pending;
  size: number;
}

interface Slot {
  worker: Worker;
  /** in the order the worker works through them: the first is the one in hand */
  pending: Map<number, Queued>;
  /** written by the worker: [id of the task in hand (0: none), when it started, in seconds] */
  inHand: Int32Array;
  /** takes no new work; stopped once its work is done (it has grown too large) */
  retiring: boolean;
  /** resolves when the worker has loaded the parsers */
  ready: Promise<void>;
  /** stops the worker once it has had nothing to do for a while */
  rest: NodeJS.Timeout | null;
}

/** How long one file may take before its parser is stopped: generous, and more for a larger file. */
export const parseTimeLimitMs = (bytes: number) => 60_000 + (bytes / (1024 * 1024)) * 2_000;
const WATCH_EVERY_MS = 1_000;
/** A thread idle this long is stopped. */
const IDLE_MS = 30_000;
/**
 * A worker whose heap passes this is replaced once it has finished what it holds. jsdom keeps every
 * document it has walked alive for good (measured: ~3 MB per 30 KB chapter, whatever the window), so
 * a worker that reads many web pages or books would otherwise grow without end.
 */
const RETIRE_HEAP_BYTES = 768 * 1024 * 1024;

/** A batch holds at most this many files, or this many bytes. */
const BATCH_FILES = 32;
const BATCH_BYTES = 8 * 1024 * 1024;

const nameOf = (task: WorkerTask) => task.name.split(/[\\/]/).pop() || task.name;

/** How a worker is started: the compiled file beside this bundle, or the TypeScript source through tsx. */
function workerEntry(): { file: string; entry?: string } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return { file: fileURLToPath(new URL('./boot.mjs', here)), entry: new URL('./parse-worker.ts', here).href };
  // A build puts parse-worker.js at the top of its output folder; this code may be in a chunk below it.
  const candidates = ['./parse-worker.js', '../parse-worker.js'].map((p) => fileURLToPath(new URL(p, here)));
  const built = candidates.find((file) => existsSync(file));
  if (!built) throw new Error(`the parser thread's code is missing (${candidates[0]}); rebuild Gloss`);
  return { file: built };
}

export class ParserPool {
  private readonly slots: Slot[] = [];
  private queue: Queued[] = [];
  private watchdog: NodeJS.Timeout | undefined;
  private scheduled = false;
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly size = Math.max(1, Math.min(4, availableParallelism())),
    /** how long a file of so many bytes may take (tests shorten it) */
    private readonly timeLimitMs = parseTimeLimitMs,
    /** how long a thread may have nothing to do before it is stopped */
    private readonly idleMs = IDLE_MS,
  ) {}

  /** How many threads are running. */
  get threads(): number {
    return this.slots.length;
  }

  /** A file's bytes to the reading model (Reopen with encoding…, a rebuild). */
  parse(name: string, bytes: Uint8Array, opts: ParseOptions = {}): Promise<NormalizedDocument> {
    return this.submit({ id: this.nextId++, kind: 'parse', name, bytes, opts }, bytes.byteLength) as Promise<NormalizedDocument>;
  }

  /** A file read (when it has a path), parsed and serialized for storing (an import). */
  prepare(job: PrepareJob, size: number): Promise<PreparedFile> {
    return this.submit({ id: this.nextId++, kind: 'prepare', ...job }, size) as Promise<PreparedFile>;
  }

  /** A document's fields as words for the search index. */
  analyze(fields: IndexedField[], size: number): Promise<AnalyzedRecord> {
    return this.submit({ id: this.nextId++, kind: 'analyze', name: 'a document', fields }, size) as Promise<AnalyzedRecord>;
  }

  /** A search index's snapshot and logs folded into one snapshot. */
  compact(job: CompactJob): Promise<void> {
    return this.submit({ id: this.nextId++, kind: 'compact', name: 'the search index', job }, 0).then(() => undefined);
  }

  private submit(task: WorkerTask, size: number): Promise<WorkerValue> {
    if (this.closed) return Promise.reject(new GlossError('internal', 'Gloss is closing; the file was not read.'));
    return new Promise((resolve, reject) => {
      this.queue.push({ task, pending: { resolve, reject }, size });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.dispatch());
      }
    });
  }

  /** Sends what was queued this turn, in batches, each to the least busy worker. */
  private dispatch(): void {
    this.scheduled = false;
    while (this.queue.length > 0) {
      let bytes = 0;
      let n = 0;
      while (n < this.queue.length && n < BATCH_FILES && (n === 0 || bytes + this.queue[n]!.size <= BATCH_BYTES)) bytes += this.queue[n++]!.size;
      const batch = this.queue.splice(0, n);
      let slot: Slot;
      try {
        slot = this.pick();
      } catch (error) {
        for (const { pending } of batch) pending.reject(new GlossError('internal', `The file could not be read: ${(error as Error).message}`));
        continue;
      }
      for (const queued of batch) slot.pending.set(queued.task.id, queued);
      if (slot.rest) clearTimeout(slot.rest);
      slot.rest = null;
      slot.worker.ref();
      this.watch();
      // Copied, not transferred: the caller may still need the bytes it handed over.
      slot.worker.postMessage(batch.map((b) => b.task));
    }
  }

  /**
   * A thread with nothing to do is stopped after a while (each holds tens of MB): a host keeps none
   * while the library is only read, and the next import starts them again.
   */
  private restWhenIdle(slot: Slot): void {
    if (slot.rest) clearTimeout(slot.rest);
    slot.rest = setTimeout(() => {
      slot.rest = null;
      const at = this.slots.indexOf(slot);
      if (at < 0 || slot.pending.size > 0) return;
      this.slots.splice(at, 1);
      void slot.worker.terminate();
    }, this.idleMs);
    slot.rest.unref();
  }

  private pick(): Slot {
    const working = this.slots.filter((s) => !s.retiring);
    if (working.length < this.size && !working.some((s) => s.pending.size === 0)) return this.spawn();
    return working.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  }

  private spawn(): Slot {
    const entry = workerEntry();
    const inHand = new SharedArrayBuffer(8);
    const worker = new Worker(entry.file, { workerData: { entry: entry.entry, inHand } });
    let loaded!: () => void;
    const slot: Slot = {
      worker,
      pending: new Map(),
      inHand: new Int32Array(inHand),
      retiring: false,
      ready: new Promise<void>((resolve) => (loaded = resolve)),
      rest: null,
    };
    worker.unref();
    worker.on('message', (message: WorkerMessage) => {
      if ('ready' in message) {
        if (slot.pending.size === 0) this.restWhenIdle(slot);
        return loaded();
      }
      for (const result of message.results) {
        const waiting = slot.pending.get(result.id);
        if (!waiting) continue;
        slot.pending.delete(result.id);
        if (result.ok) waiting.pending.resolve(result.value);
        else waiting.pending.reject(new GlossError(result.code as ErrorCode, result.message));
      }
      if (message.heap > RETIRE_HEAP_BYTES) slot.retiring = true;
      if (slot.pending.size === 0) {
        worker.unref();
        if (slot.retiring) {
          this.slots.splice(this.slots.indexOf(slot), 1);
          void worker.terminate();
        } else this.restWhenIdle(slot);
      }
    });
    const fail = (error: Error) => {
      const at = this.slots.indexOf(slot);
      if (at >= 0) this.slots.splice(at, 1);
      for (const waiting of slot.pending.values())
        waiting.pending.reject(new GlossError('internal', `${nameOf(waiting.task)} could not be read: the parser stopped (${error.message}).`));
      slot.pending.clear();
      loaded();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    this.slots.push(slot);
    return slot;
  }

  /**
   * A parser that runs past its time (a file built to make it loop, or simply too much for it) is
   * stopped: that file fails with a message saying so, and the files queued behind it go to a new worker.
   */
  private watch(): void {
    if (this.watchdog) return;
    this.watchdog = setInterval(() => {
      const now = Date.now();
      for (const slot of [...this.slots]) {
        const first = slot.pending.get(Atomics.load(slot.inHand, 0));
        if (!first || now - Atomics.load(slot.inHand, 1) * 1000 <= this.timeLimitMs(first.size)) continue;
        this.slots.splice(this.slots.indexOf(slot), 1);
        slot.pending.delete(first.task.id);
        const rest = [...slot.pending.values()];
        slot.pending.clear();
        void slot.worker.terminate();
        first.pending.reject(
          new GlossError(
            'invalid_input',
            `${nameOf(first.task)} took too long to read (over ${Math.round(this.timeLimitMs(first.size) / 1000)} s); Gloss stopped reading it.`,
          ),
        );
        this.queue.unshift(...rest);
        if (rest.length) setImmediate(() => this.dispatch());
      }
      if (this.slots.every((s) => s.pending.size === 0)) {
        clearInterval(this.watchdog);
        this.watchdog = undefined;
      }
    }, WATCH_EVERY_MS);
    this.watchdog.unref();
  }

  /** Starts the workers now, so the first import does not wait for them (long-running hosts call it after open). */
  async warm(): Promise<void> {
    while (!this.closed && this.slots.length < this.size) this.spawn();
    await Promise.all(this.slots.map((s) => s.ready));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchdog);
    for (const { pending } of this.queue.splice(0)) pending.reject(new GlossError('internal', 'Gloss is closing; the file was not read.'));
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
