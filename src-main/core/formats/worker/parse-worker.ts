// A parsing thread: batches of files in, reading models (or documents ready to store) out; see
// pool.ts. Errors travel as their code and message.
import { statSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { GlossError } from '../../errors';
import { compactIndex } from '../../search-files';
import { analyzeRecord, recordBuffers } from '../../search-index';
import { normalizeFile } from '../index';
import type { WorkerMessage, WorkerResult, WorkerTask } from './pool';
import { prepareFile } from './prepare';

async function run(task: WorkerTask): Promise<{ result: WorkerResult; transfer: ArrayBuffer[] }> {
  try {
    if (task.kind === 'parse')
      return { result: { id: task.id, ok: true, value: await normalizeFile(task.name, task.bytes, task.opts) }, transfer: [] };
    if (task.kind === 'analyze') {
      const record = analyzeRecord(task.fields);
      return { result: { id: task.id, ok: true, value: record }, transfer: recordBuffers(record) };
    }
    if (task.kind === 'compact') {
      await compactIndex(task.job);
      return { result: { id: task.id, ok: true, value: null }, transfer: [] };
    }
    const prepared = await prepareFile(task);
    // Large parts this thread made are handed over rather than copied. Only a buffer that is the whole
    // of its ArrayBuffer: small Buffers share Node's pool, which must never be transferred.
    const owned = [prepared.content, prepared.words, ...(task.path ? [prepared.source] : [])]
      .filter((b) => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer)
      .map((b) => b.buffer as ArrayBuffer);
    return { result: { id: task.id, ok: true, value: prepared }, transfer: owned };
  } catch (error) {
    const code = error instanceof GlossError ? error.code : 'internal';
    return { result: { id: task.id, ok: false, code, message: (error as Error).message ?? String(error) }, transfer: [] };
  }
}

// Which task is in hand, and since when (seconds), where the pool's watchdog can read it. Results go
// back a few at a time, a few milliseconds after they are ready at most, and before a task that may
// take long: a slow file never holds up the ones before it, and a thousand small files are not a
// thousand messages.
const inHand = new Int32Array((workerData as { inHand: SharedArrayBuffer }).inHand);
const SEND_EVERY = 8;
const SEND_WITHIN_MS = 10;
let outbox: WorkerResult[] = [];
let transfer = new Set<ArrayBuffer>();
let waitingSince = 0;

function send(): void {
  if (outbox.length === 0) return;
  // v8's own figure: process.memoryUsage() reads /proc, which costs more than parsing a small file.
  const heap = getHeapStatistics().used_heap_size;
  parentPort!.postMessage({ results: outbox, heap } satisfies WorkerMessage, [...transfer]);
  outbox = [];
  transfer = new Set();
}

/**
 * A task that may take long: anything but a small regular file (a named pipe blocks its reader until
 * someone writes; a large file takes a while to parse). Results in hand go back before it starts.
 */
function mayTakeLong(task: WorkerTask): boolean {
  if (task.kind !== 'prepare') return true;
  if (!task.path) return (task.bytes?.byteLength ?? 0) > SMALL_FILE;
  // as the import listed it (no second look), or as it is now
  const info = task.listed ?? lookAt(task.path);
  return !info?.regular || info.size > SMALL_FILE;
}

function lookAt(path: string): { size: number; regular: boolean } | undefined {
  const info = statSync(path, { throwIfNoEntry: false });
  return info && { size: info.size, regular: info.isFile() };
}
const SMALL_FILE = 256 * 1024;

parentPort!.on('message', async (tasks: WorkerTask[]) => {
  for (const task of tasks) {
    if (outbox.length > 0 && mayTakeLong(task)) send();
    Atomics.store(inHand, 1, Math.floor(Date.now() / 1000));
    Atomics.store(inHand, 0, task.id);
    const done = await run(task);
    Atomics.store(inHand, 0, 0);
    if (outbox.length === 0) waitingSince = Date.now();
    outbox.push(done.result);
    for (const buffer of done.transfer) transfer.add(buffer);
    if (outbox.length >= SEND_EVERY || Date.now() - waitingSince >= SEND_WITHIN_MS) send();
  }
  send();
});
// The parsers' code is loaded: say so (ParserPool.warm waits for it).
parentPort!.postMessage({ ready: true } satisfies WorkerMessage);
