// What an import works through: the files (from paths, or bytes a host was handed), prepared by the
// parser threads a few ahead of the one being stored.
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * One file to import: where it comes from, its size, and where its bytes are: a path (the parser
 * thread reads it, and the images a saved page names beside it) or bytes a host was handed.
 */
export interface ImportItem {
  name: string;
  source: string;
  size: number;
  path?: string;
  /** with a path: whether it was a regular file when it was listed (not a pipe, say) */
  regular?: boolean;
  bytes?(): Promise<Uint8Array>;
}

/** How many files are looked at between two turns of the event loop while a folder's files are listed. */
const STAT_TURN = 256;

/**
 * Files on disk as import items, in order. Looked at synchronously, a few hundred per turn: a
 * promise per file costs a round trip to the thread pool each, which for 10,000 files was a good part
 * of a second before the first one could be parsed; other requests still get their turn between groups.
 * They are appended to `items`; a file that cannot be looked at or read is passed to `failed`, with
 * why when it is there but is not a file.
 */
export async function addFileItems(items: ImportItem[], files: readonly string[], failed: (file: string, message?: string) => void): Promise<void> {
  for (let i = 0; i < files.length; i++) {
    if (i > 0 && i % STAT_TURN === 0) await nextTurn();
    const file = files[i]!;
    const info = statSync(file, { throwIfNoEntry: false });
    if (!info) failed(file);
    // A device or a socket has no end to read to (/dev/zero named notes.txt); a pipe ends when its writer closes.
    else if (info.isCharacterDevice() || info.isBlockDevice() || info.isSocket())
      failed(file, `${basename(file)} is a device or a socket, not a file; Gloss imports files.`);
    else items.push({ name: basename(file), source: file, size: info.size, path: file, regular: info.isFile() });
  }
}

/** How many files may be prepared ahead of the one being stored, and how many bytes they may hold. */
const AHEAD_FILES = 128;
const AHEAD_BYTES = 64 * 1024 * 1024;

/**
 * Runs `prepare` on the items a little ahead of `take`, in order, within a bound on files and bytes,
 * so parsing in worker threads overlaps storing without a whole folder ever being in memory.
 */
export class ReadAhead<T> {
  private readonly started = new Map<number, Promise<T>>();
  private next = 0;
  private bytes = 0;
  private stopped = false;

  constructor(
    private readonly items: readonly ImportItem[],
    private readonly prepare: (item: ImportItem) => Promise<T>,
  ) {}

  take(index: number): Promise<T> {
    this.fill(index);
    const result = this.started.get(index) ?? this.start(index);
    this.started.delete(index);
    this.bytes -= this.items[index]!.size;
    this.fill(index + 1);
    return result;
  }

  private fill(from: number): void {
    if (this.next < from) this.next = from;
    while (!this.stopped && this.next < this.items.length && this.started.size < AHEAD_FILES) {
      const size = this.items[this.next]!.size;
      if (this.started.size > 0 && this.bytes + size > AHEAD_BYTES) break;
      this.started.set(this.next, this.start(this.next));
      this.next++;
    }
  }

  private start(index: number): Promise<T> {
    this.bytes += this.items[index]!.size;
    const promise = this.prepare(this.items[index]!);
    promise.catch(() => undefined); // taken later (or never, after a cancel)
    return promise;
  }

  stop(): void {
    this.stopped = true;
    this.started.clear();
  }
}
