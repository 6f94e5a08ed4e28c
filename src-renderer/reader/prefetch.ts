// A document the pointer rests on (or the keyboard focuses) in the library is asked for before it is
// clicked: its outline and the blocks where it will open. Opening it then starts from memory. What is
// fetched this way is used once, and only for a few seconds, so the reader never shows a stale place.
import type { Block, DocumentOutline } from '../../src-main/ipc/contract';
import type { GlossClient } from '../client';
import { blockIndexAt } from './blockIndex';

/** How long a prefetched document stays usable. */
const FRESH_MS = 10_000;
/** Blocks are fetched in aligned chunks of this many. */
export const CHUNK = 200;

interface Prefetched {
  at: number;
  /** gone once used */
  outline?: Promise<DocumentOutline>;
  chunks: Map<number, Promise<Block[]>>;
}

const prefetched = new Map<string, Prefetched>();

const fresh = (entry: Prefetched | undefined) => entry && Date.now() - entry.at < FRESH_MS;

const chunkOf = (client: GlossClient, id: string, c: number) =>
  client.call('document:blocks', { id, from: c * CHUNK, to: (c + 1) * CHUNK }).then((r) => r.blocks);

export function prefetchDocument(client: GlossClient, id: string): void {
  if (fresh(prefetched.get(id))) return;
  // The first chunk (the title's header is there, and most documents open at their top) at once,
  // beside the outline; the chunk where it will open once the outline says where that is.
  const chunks = new Map<number, Promise<Block[]>>([[0, chunkOf(client, id, 0)]]);
  chunks.get(0)!.catch(() => undefined);
  const outline = client.call('document:outline', { id });
  void outline
    .then((o) => {
      const at = Math.floor(blockIndexAt(o.starts, o.readingPosition ?? 0) / CHUNK);
      if (!chunks.has(at)) chunks.set(at, chunkOf(client, id, at));
    })
    .catch(() => prefetched.delete(id));
  outline.catch(() => undefined);
  prefetched.set(id, { at: Date.now(), outline, chunks });
  for (const [key, entry] of prefetched) if (!fresh(entry)) prefetched.delete(key);
}

/** The document's outline: the prefetched one if it is fresh (once), else asked for now. */
export function takeOutline(client: GlossClient, id: string): Promise<DocumentOutline> {
  const entry = prefetched.get(id);
  const outline = fresh(entry) ? entry!.outline : undefined;
  // used once; the chunks stay for the blocks' first load
  if (entry) delete entry.outline;
  return outline ?? client.call('document:outline', { id });
}

/** A chunk of blocks: prefetched (once) if there is one, else asked for now. */
export function takeChunk(client: GlossClient, id: string, c: number): Promise<Block[]> {
  const entry = prefetched.get(id);
  const chunk = fresh(entry) ? entry!.chunks.get(c) : undefined;
  if (chunk) {
    entry!.chunks.delete(c);
    return chunk;
  }
  return chunkOf(client, id, c);
}

/** The document's text changed (read again in another encoding): nothing fetched before may be used. */
export function forgetPrefetched(id: string): void {
  prefetched.delete(id);
}
