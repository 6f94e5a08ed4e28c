// The Trash: deleting a document moves it here (library.json marks its entry `trashedAt`); its body,
// highlights and note stay where they are, so restoring it brings everything back as it was, with
// the same id. A document in the Trash is in no list, search, tag count or export. Emptying the Trash
// erases the bodies the way deleting did before there was a Trash: library.json first (a crash after
// it leaves only files the next open clears), then the annotation file and the body.
import { rm } from 'node:fs/promises';
import { GlossError } from '../errors';
import type { DocumentMeta, DocumentSummary } from '../model';
import { assertWritable, changeCatalog, findDocument, isTrashed, storedDocument, summaryOf, type LibraryContext } from './context';
import type { CommandHistory } from './history';

/** Moves a document in the library to the Trash (the primitive behind delete and its redo). */
export async function moveToTrash(ctx: LibraryContext, id: string): Promise<void> {
  assertWritable(ctx);
  findDocument(ctx, id);
  const trashedAt = new Date().toISOString();
  await changeCatalog(ctx, (docs) => docs.map((d) => (d.id === id ? { ...d, trashedAt } : d)));
}

/** Brings a document back from the Trash (the primitive behind restore and undoing a delete). */
export async function takeOutOfTrash(ctx: LibraryContext, id: string): Promise<DocumentMeta> {
  assertWritable(ctx);
  const meta = storedDocument(ctx, id);
  if (!meta) throw new GlossError('not_found', 'That document is no longer in the library or the Trash (the Trash was emptied).');
  if (!isTrashed(meta)) return meta;
  const back = withoutTrash(meta);
  await changeCatalog(ctx, (docs) => docs.map((d) => (d.id === id ? back : d)));
  return back;
}

export function withoutTrash(meta: DocumentMeta): DocumentMeta {
  const { trashedAt: _trashedAt, ...rest } = meta;
  return rest;
}

export class TrashService {
  constructor(
    private readonly ctx: LibraryContext,
    private readonly history: CommandHistory,
  ) {}

  /** The documents in the Trash, the most recently deleted first. */
  async list(): Promise<DocumentSummary[]> {
    return this.ctx.db.data.documents
      .filter(isTrashed)
      .map((d) => summaryOf(this.ctx, d))
      .sort((a, b) => b.trashedAt!.localeCompare(a.trashedAt!) || a.title.localeCompare(b.title));
  }

  /** Puts a document in the Trash back in the library, as it was. */
  async restore(id: string): Promise<DocumentSummary> {
    assertWritable(this.ctx);
    this.trashed(id);
    const meta = await takeOutOfTrash(this.ctx, id);
    this.history.record({
      kind: 'document:restore',
      documentId: id,
      undo: () => moveToTrash(this.ctx, id),
      redo: () => takeOutOfTrash(this.ctx, id).then(() => undefined),
    });
    return summaryOf(this.ctx, meta);
  }

  /**
   * Erases documents in the Trash for good (all of them without `ids`): their bodies, highlights and
   * notes. Not undoable; an Undo that would bring one of them back says it is gone.
   */
  async empty(ids?: string[]): Promise<{ erased: number }> {
    assertWritable(this.ctx);
    const doomed = ids ? [...new Set(ids)].map((id) => this.trashed(id)) : this.ctx.db.data.documents.filter(isTrashed);
    if (doomed.length === 0) return { erased: 0 };
    const gone = new Set(doomed.map((d) => d.id));
    await changeCatalog(this.ctx, (docs) => docs.filter((d) => !gone.has(d.id)));
    // The documents are gone once library.json says so; what follows wipes their bodies (a pack none
    // of whose records is in use is removed at the next open; so is a file an interruption left).
    for (const meta of doomed) {
      await this.ctx.annotations.remove(meta.id);
      if (meta.body) await this.ctx.content.packs.erase(meta.body);
      else await rm(this.ctx.paths.documentDir(meta.id), { recursive: true, force: true });
    }
    this.ctx.documentsChanged();
    return { erased: doomed.length };
  }

  private trashed(id: string): DocumentMeta {
    const meta = storedDocument(this.ctx, id);
    if (!meta || !isTrashed(meta)) {
      throw new GlossError(
        'not_found',
        meta ? `"${meta.title}" is not in the Trash.` : 'That document is not in the Trash (it may have been erased).',
      );
    }
    return meta;
  }
}
