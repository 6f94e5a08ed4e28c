// The blocks of one reading of a document that this window has fetched (document:blocks), in aligned
// chunks, each asked for once. The reader makes one when the outline arrives and waits for the blocks
// where it opens before it shows anything, so the first text is laid out in the same frame as the page.
import type { Block, DocumentOutline } from '../../src-main/ipc/contract';
import type { GlossClient } from '../client';
import { MASTHEAD_BLOCKS, OPEN_AROUND, rendersWhole } from './estimates';

/** Blocks are fetched in aligned chunks of this many. */
const CHUNK = 200;

let made = 0;

/** Chunk `c` of a document's blocks (which may come back short: see fetchChunk). */
export const chunkOf = (client: GlossClient, id: string, c: number): Promise<Block[]> =>
  client.call('document:blocks', { id, from: c * CHUNK, to: (c + 1) * CHUNK }).then((r) => r.blocks);

export class BlockStore {
  /** one per store: the reader renders each reading of a text afresh */
  readonly key = `blocks-${++made}`;
  private readonly blocks: (Block | undefined)[];
  private readonly loading = new Map<number, Promise<void>>();

  private readonly count: number;
  private readonly id: string;

  constructor(
    private readonly client: GlossClient,
    /** the outline of the reading these blocks belong to */
    readonly outline: DocumentOutline,
    /** chunks already asked for (with the outline, before it arrived), by chunk number */
    private readonly requested = new Map<number, Promise<Block[]>>(),
  ) {
    this.id = outline.document.id;
    this.count = outline.starts.length;
    this.blocks = new Array(this.count);
  }

  /** Fetches the chunks holding blocks [from, to); a chunk once fetched (or on its way) is not asked for again. */
  load(from: number, to: number): Promise<void> {
    const waits: Promise<void>[] = [];
    for (let c = Math.floor(Math.max(0, from) / CHUNK); c * CHUNK < Math.min(to, this.count); c++) {
      let wait = this.loading.get(c);
      if (!wait) {
        wait = this.fetchChunk(c);
        wait.catch(() => this.loading.delete(c));
        this.loading.set(c, wait);
      }
      waits.push(wait);
    }
    return Promise.all(waits).then(() => undefined);
  }

  /** What the reader needs to open at block `index`: the blocks around it and the first ones (or all of an article). */
  loadAround(index: number): Promise<void> {
    if (rendersWhole(this.outline)) return this.load(0, this.count);
    return Promise.all([this.load(0, MASTHEAD_BLOCKS), this.load(index - OPEN_AROUND, index + OPEN_AROUND)]).then(() => undefined);
  }

  /** Whether every block of [from, to) is here. */
  has(from: number, to: number): boolean {
    for (let i = Math.max(0, from); i < Math.min(to, this.count); i++) if (!this.blocks[i]) return false;
    return true;
  }

  /** The blocks of [from, to) that are here. */
  slice(from: number, to: number): Block[] {
    return this.blocks.slice(from, to).filter((b): b is Block => b !== undefined);
  }

  private async fetchChunk(c: number): Promise<void> {
    const end = Math.min(this.count, (c + 1) * CHUNK);
    let at = c * CHUNK;
    // A slice can come back short (a block of megabytes): the rest of the chunk is asked for after it.
    const asked = this.requested.get(c);
    this.requested.delete(c);
    for (let blocks = await (asked ?? chunkOf(this.client, this.id, c)); ;) {
      blocks.forEach((block, k) => (this.blocks[at + k] = block));
      at += blocks.length;
      if (at >= end || blocks.length === 0) return;
      blocks = (await this.client.call('document:blocks', { id: this.id, from: at, to: end })).blocks;
    }
  }
}
