// What an import works through: the files (from paths, or bytes a host was handed), read and parsed a
// few ahead of the one being stored, with the images a page names beside it.
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, resolve, sep } from 'node:path';
import { imageType, MAX_ASSET_BYTES } from '../formats/images';
import type { NormalizedDocument } from '../formats/types';

/** One file to import: where it comes from, its size, and how to get its bytes when its turn comes. */
export interface ImportItem {
  name: string;
  source: string;
  size: number;
  bytes(): Promise<Uint8Array>;
  /** a file beside this one (a saved page's images), by a path relative to its folder; undefined when there is none */
  sibling?(relativePath: string): Promise<Uint8Array | undefined>;
}

const SYNC_READ_BYTES = 256 * 1024;

export interface Prepared {
  bytes: Uint8Array;
  doc: NormalizedDocument;
  assets: { name: string; bytes: Uint8Array }[];
}

/** A file on disk as an import item; the images it names are looked for in its own folder and below, never above. */
export async function fileItem(file: string): Promise<ImportItem> {
  const info = await stat(file);
  const folder = dirname(file);
  return {
    name: basename(file),
    source: file,
    size: info.size,
    // Small files are read in one synchronous call: much cheaper than the promise API's open, stat,
    // read and close round trips, and too short to hold anything up. Large ones are read asynchronously.
    bytes: async () => (info.size <= SYNC_READ_BYTES ? readFileSync(file) : readFile(file)),
    async sibling(relativePath) {
      const target = resolve(folder, relativePath);
      if (!target.startsWith(folder + sep)) return undefined;
      try {
        const found = await stat(target);
        return found.isFile() && found.size <= MAX_ASSET_BYTES ? await readFile(target) : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * The images a parser named, as bytes: its own, or the files beside the source it referred to. Only
 * real images (checked by their first bytes, not their names) are kept; a block whose image is missing
 * keeps its alt text or caption and shows as a placeholder.
 */
export async function resolveAssets(doc: NormalizedDocument, item: ImportItem): Promise<Prepared['assets']> {
  const out: Prepared['assets'] = [];
  for (const asset of doc.assets) {
    const bytes = 'bytes' in asset ? asset.bytes : await item.sibling?.(asset.ref);
    if (bytes && bytes.byteLength <= MAX_ASSET_BYTES && imageType(bytes)) out.push({ name: asset.name, bytes });
  }
  const found = new Set(out.map((a) => a.name));
  for (const block of doc.blocks) if (block.src !== undefined && !found.has(block.src)) delete block.src;
  return out;
}

/** How many files may be read and parsed ahead of the one being stored, and how many bytes they may hold. */
const AHEAD_FILES = 16;
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
