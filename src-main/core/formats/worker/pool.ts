// Parsing runs in worker threads, off the host's main thread: a large import never makes the app or
// the server wait (a 4 MB book or a big PDF takes a while to parse). Requests go to the least busy
// worker; a worker that dies is replaced and its requests fail with a clear message, not a hang.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { GlossError, type ErrorCode } from '../../errors';
import type { DocumentFormat } from '../../model';
import type { NormalizedDocument } from '../types';

export interface ParseOptions {
  format?: DocumentFormat;
  encoding?: string;
}

export interface ParseRequest {
  id: number;
  name: string;
  bytes: Uint8Array;
  opts: ParseOptions;
}

export type ParseResponse = { id: number; ok: true; doc: NormalizedDocument } | { id: number; ok: false; code: string; message: string };

interface Pending {
  resolve(doc: NormalizedDocument): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  /** resolves when the worker has loaded the parsers */
  ready: Promise<void>;
}

/** How a worker is started: the compiled file beside this bundle, or the TypeScript source through tsx. */
function workerEntry(): { file: string; workerData?: unknown } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    return {
      file: fileURLToPath(new URL('./boot.mjs', here)),
      workerData: { entry: new URL('./parse-worker.ts', here).href },
    };
  }
  // A build puts parse-worker.js at the top of its output folder; this code may be in a chunk below it.
  const candidates = ['./parse-worker.js', '../parse-worker.js'].map((p) => fileURLToPath(new URL(p, here)));
  const built = candidates.find((file) => existsSync(file));
  if (!built) throw new Error(`the parser thread's code is missing (${candidates[0]}); rebuild Gloss`);
  return { file: built };
}

export class ParserPool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly size = Math.max(1, Math.min(4, availableParallelism()))) {}

  parse(name: string, bytes: Uint8Array, opts: ParseOptions = {}): Promise<NormalizedDocument> {
    if (this.closed) return Promise.reject(new GlossError('internal', 'Gloss is closing; the file was not read.'));
    const slot = this.pick();
    const id = this.nextId++;
    return new Promise<NormalizedDocument>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.ref();
      // Copied, not transferred: the caller still stores these bytes as the original.
      slot.worker.postMessage({ id, name, bytes, opts } satisfies ParseRequest);
    });
  }

  private pick(): Slot {
    if (this.slots.length < this.size && !this.slots.some((s) => s.pending.size === 0)) return this.spawn();
    return this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  }

  private spawn(): Slot {
    const entry = workerEntry();
    const worker = new Worker(entry.file, { workerData: entry.workerData });
    let loaded!: () => void;
    const slot: Slot = { worker, pending: new Map(), ready: new Promise<void>((resolve) => (loaded = resolve)) };
    worker.unref();
    worker.on('message', (response: ParseResponse | { ready: true }) => {
      if ('ready' in response) return loaded();
      const waiting = slot.pending.get(response.id);
      if (!waiting) return;
      slot.pending.delete(response.id);
      if (response.ok) waiting.resolve(response.doc);
      else waiting.reject(new GlossError(response.code as ErrorCode, response.message));
      if (slot.pending.size === 0) worker.unref();
    });
    const fail = (error: Error) => {
      this.slots.splice(this.slots.indexOf(slot), 1);
      for (const waiting of slot.pending.values())
        waiting.reject(new GlossError('internal', `The file could not be read: the parser stopped (${error.message}).`));
      slot.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', () => loaded());
    worker.on('exit', (code) => {
      if (this.slots.includes(slot)) fail(new Error(`exit code ${code}`));
    });
    this.slots.push(slot);
    return slot;
  }

  /** Starts the workers now, so the first import does not wait for them (long-running hosts call it after open). */
  async warm(): Promise<void> {
    while (!this.closed && this.slots.length < this.size) this.spawn();
    await Promise.all(this.slots.map((s) => s.ready));
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
