// A document the pointer rests on (or the keyboard focuses) in the library is asked for before it is
// clicked: its outline and the blocks where it will open. Opening it then starts from memory, and when
// all of that is here by the click, the reader shows the text in its very first frame. What is fetched
// this way is used once, and only for a few seconds, so the reader never shows a stale place.
import type { DocumentOutline } from '../../src-main/ipc/contract';
import type { GlossClient } from '../client';
import { blockIndexAt } from './blockIndex';
import { BlockStore, chunkOf } from './blockStore';
import { writesSettled } from '../components/historyEvents';

/** How long a prefetched document stays usable. */
const FRESH_MS = 10_000;

/** What the reader opens with: the outline, and a store holding the blocks where it opens. */
export interface Opening {
  outline: DocumentOutline;
  store: BlockStore;
}

interface Prefetched {
  at: number;
  opening: Promise<Opening>;
  /** the opening, once all of it is here */
  ready?: Opening;
}

const prefetched = new Map<string, Prefetched>();

const fresh = (entry: Prefetched | undefined): entry is Prefetched => entry !== undefined && Date.now() - entry.at < FRESH_MS;

/** Asks for the outline and the blocks where the document opens; the first blocks at once, beside the outline. */
async function fetchOpening(client: GlossClient, id: string): Promise<Opening> {
  // After the reader's last saves: the place it was just left at is where it opens again.
  await writesSettled();
  // The first chunk (the title's header is there, and most documents open at their top) with the
  // outline; the blocks around the reading position once the outline says where that is.
  const first = chunkOf(client, id, 0);
  first.catch(() => undefined);
  return client.call('document:outline', { id }).then(async (outline) => {
    const store = new BlockStore(client, outline, new Map([[0, first]]));
    await store.loadAround(blockIndexAt(outline.starts, outline.readingPosition ?? 0));
    return { outline, store };
  });
}

export function prefetchDocument(client: GlossClient, id: string): void {
  if (fresh(prefetched.get(id))) return;
  const entry: Prefetched = { at: Date.now(), opening: fetchOpening(client, id) };
  entry.opening.then(
    (opening) => (entry.ready = opening),
    () => prefetched.get(id) === entry && prefetched.delete(id),
  );
  prefetched.set(id, entry);
  for (const [key, other] of prefetched) if (!fresh(other)) prefetched.delete(key);
}

/** The document's opening: the prefetched one if it is fresh (used once), else asked for now. */
export function takeOpening(client: GlossClient, id: string): Promise<Opening> {
  const entry = prefetched.get(id);
  prefetched.delete(id);
  return fresh(entry) ? entry.opening : fetchOpening(client, id);
}

/** The prefetched opening if all of it is here now (used once), for a reader that can show it at once. */
export function takeReadyOpening(id: string): Opening | null {
  const entry = prefetched.get(id);
  if (!fresh(entry) || !entry.ready) return null;
  prefetched.delete(id);
  return entry.ready;
}

/** The document's text changed (read again in another encoding): nothing fetched before may be used. */
export function forgetPrefetched(id: string): void {
  prefetched.delete(id);
}
