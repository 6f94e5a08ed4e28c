// What the Library's services share: the data folder's stores, the rule for writing, and the hooks a
// change fires. Each service takes only this, never another service's internals.
import type { Low } from 'lowdb';
import { GlossError } from '../errors';
import type { DocumentMeta, DocumentSummary } from '../model';
import type { AnnotationStore } from '../store/annotations';
import type { ContentStore } from '../store/content';
import type { DataPaths, LibraryFile } from '../store/files';

export interface LibraryContext {
  readonly paths: DataPaths;
  readonly db: Low<LibraryFile>;
  readonly annotations: AnnotationStore;
  readonly content: ContentStore;
  /** why nothing may be written (a newer Gloss's library, a read-only open), or null */
  readonly readOnlyReason: string | null;
  readonly resourcesDir: string;
  /** a document's text or title changed: the search index catches up */
  documentsChanged(): void;
}

export function assertWritable(ctx: LibraryContext): void {
  if (ctx.readOnlyReason) throw new GlossError('read_only', ctx.readOnlyReason);
}

export function findDocument(ctx: LibraryContext, id: string): DocumentMeta {
  const meta = ctx.db.data.documents.find((d) => d.id === id);
  if (!meta) throw new GlossError('not_found', 'That document is not in the library (it may have been deleted).');
  return meta;
}

/** A document as lists show it: the model's fields only (a newer Gloss's extra fields stay in the store). */
export function summaryOf(ctx: LibraryContext, meta: DocumentMeta): DocumentSummary {
  const { id, title, source, format, hash, importedAt, words, bytes, tags } = meta;
  return { id, title, source, format, hash, importedAt, words, bytes, tags, highlights: ctx.annotations.of(id).length };
}

/** Write library.json after `change`; memory is put back if the write fails. */
export async function changeCatalog(ctx: LibraryContext, change: (docs: DocumentMeta[]) => DocumentMeta[]): Promise<void> {
  assertWritable(ctx);
  const before = ctx.db.data.documents;
  const after = change(before);
  ctx.db.data.documents = after;
  try {
    await ctx.db.write();
  } catch (error) {
    // Put memory back unless a later change already replaced it (its own write decides then).
    if (ctx.db.data.documents === after) ctx.db.data.documents = before;
    throw new GlossError('io', `Could not save the library: ${(error as Error).message}`);
  }
}
