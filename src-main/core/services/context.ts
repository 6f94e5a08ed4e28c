// What the Library's services share: the data folder's stores, the rule for writing, and the hooks a
// change fires. Each service takes only this, never another service's internals.
import type { Low } from 'lowdb';
import { GlossError } from '../errors';
import { DocumentMeta, type DocumentSummary } from '../model';
import type { NormalizedDocument } from '../formats/types';
import type { ParseOptions } from '../formats/worker/pool';
import type { PrepareJob, PreparedFile } from '../formats/worker/prepare';
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
  /** a file's bytes to the reading model, in a parser thread */
  parse(name: string, bytes: Uint8Array, opts?: ParseOptions): Promise<NormalizedDocument>;
  /** a file read, parsed and serialized for storing, in a parser thread */
  prepare(job: PrepareJob, size: number): Promise<PreparedFile>;
  /** a document's text or title changed: the search index catches up */
  documentsChanged(): void;
}

export function assertWritable(ctx: LibraryContext): void {
  if (ctx.readOnlyReason) throw new GlossError('read_only', ctx.readOnlyReason);
}

/** A document in the library or in the Trash, or undefined. */
export function storedDocument(ctx: LibraryContext, id: string): DocumentMeta | undefined {
  return ctx.db.data.documents.find((d) => d.id === id);
}

export const isTrashed = (meta: DocumentMeta): boolean => meta.trashedAt !== undefined;

/** The documents in the library: every stored one but those in the Trash. */
export function liveDocuments(ctx: LibraryContext): DocumentMeta[] {
  const docs = ctx.db.data.documents;
  return docs.some(isTrashed) ? docs.filter((d) => !isTrashed(d)) : docs;
}

/**
 * Documents newest first. Those stamped in the same millisecond (a fast import) keep their import
 * order too, the last one first: the catalog lists documents in the order they were imported.
 */
export function newestFirst(docs: readonly DocumentMeta[]): DocumentMeta[] {
  return [...docs].reverse().sort((a, b) => (a.importedAt < b.importedAt ? 1 : a.importedAt > b.importedAt ? -1 : 0));
}

/** A document in the library; one in the Trash is refused as if it were not there (restore it first). */
export function findDocument(ctx: LibraryContext, id: string): DocumentMeta {
  const meta = storedDocument(ctx, id);
  if (!meta) throw new GlossError('not_found', 'That document is not in the library (it may have been deleted).');
  if (isTrashed(meta)) throw new GlossError('not_found', `"${meta.title}" is in the Trash: restore it to open or change it.`);
  return meta;
}

/** Every metadata field but where the body is stored (the hosts have no use for it). */
const SHOWN_FIELDS = Object.keys(DocumentMeta.shape).filter((k) => k !== 'body') as (keyof DocumentMeta)[];

/** A document as lists show it: the model's fields only (a newer Gloss's extra fields stay in the store). */
export function summaryOf(ctx: LibraryContext, meta: DocumentMeta): DocumentSummary {
  const shown: Record<string, unknown> = { highlights: ctx.annotations.of(meta.id).length };
  for (const key of SHOWN_FIELDS) if (meta[key] !== undefined) shown[key] = meta[key];
  if (ctx.annotations.noteOf(meta.id).trim() !== '') shown.hasNote = true;
  const progress = ctx.annotations.positionOf(meta.id)?.progress;
  if (progress !== undefined) shown.progress = progress;
  return shown as DocumentSummary;
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
