// Highlights: made on a document's canonical text, changed, deleted. Each write touches only the
// document's own annotation file. Every change is a command the history can take back and make again.
import { randomFillSync } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { quoteAt, reanchor, validateRange } from '../anchoring';
import { GlossError } from '../errors';
import { inReadingOrder } from '../highlight-order';
import type { Color, Highlight, HistoryKind } from '../model';
import { normalizeTags } from '../tags';
import { assertWritable, findDocument, type LibraryContext } from './context';
import type { CommandHistory } from './history';

// Random bytes drawn 256 ids at a time: a call to the system's generator for every id cost more than
// the rest of storing a small imported file.
const ID_BYTES = 12;
const idPool = Buffer.alloc(ID_BYTES * 256);
let idAt = idPool.length;

export function newId(): string {
  if (idAt === idPool.length) {
    randomFillSync(idPool);
    idAt = 0;
  }
  idAt += ID_BYTES;
  const id = idPool.toString('base64url', idAt - ID_BYTES, idAt);
  // never "-" first, so an id can be typed after a command in a terminal without being taken for an option
  return id.startsWith('-') ? `G${id.slice(1)}` : id;
}

export interface NewHighlight {
  documentId: string;
  start: number;
  end: number;
  color: Color;
  note?: string;
  tags?: string[];
}

export interface HighlightChange {
  documentId: string;
  id: string;
  color?: Color;
  note?: string;
  tags?: string[];
}

/** What a highlight change can set. */
type Editable = Pick<Highlight, 'color' | 'note' | 'tags'>;

const GONE = 'That highlight no longer exists.';

export class HighlightService {
  constructor(
    private readonly ctx: LibraryContext,
    private readonly history: CommandHistory,
  ) {}

  async list(documentId: string): Promise<Highlight[]> {
    findDocument(this.ctx, documentId);
    return inReadingOrder(this.ctx.annotations.of(documentId));
  }

  async create(input: NewHighlight): Promise<Highlight> {
    assertWritable(this.ctx);
    const meta = findDocument(this.ctx, input.documentId);
    const { text } = (await this.ctx.content.read(meta)).content;
    const range = validateRange(text, input.start, input.end);
    const now = new Date().toISOString();
    const highlight: Highlight = {
      id: newId(),
      documentId: input.documentId,
      position: range,
      quote: quoteAt(text, range.start, range.end),
      color: input.color,
      note: input.note ?? '',
      tags: normalizeTags(input.tags ?? []),
      createdAt: now,
      updatedAt: now,
    };
    await this.ctx.annotations.change(input.documentId, (file) => ({ highlights: [...file.highlights, highlight] }));
    this.history.record({
      kind: 'highlight:create',
      documentId: highlight.documentId,
      highlightId: highlight.id,
      undo: () => this.remove(highlight.documentId, highlight.id).then(() => undefined),
      redo: () => this.restore(highlight, meta.hash),
    });
    return highlight;
  }

  async update(change: HighlightChange): Promise<Highlight> {
    assertWritable(this.ctx);
    const before = this.find(change.documentId, change.id);
    const was: Editable = { color: before.color, note: before.note, tags: before.tags };
    const now: Editable = {
      color: change.color ?? before.color,
      note: change.note ?? before.note,
      tags: change.tags ? normalizeTags(change.tags) : before.tags,
    };
    const after = await this.edit(change.documentId, change.id, now);
    const kind = kindOfEdit(was, now);
    if (kind) {
      this.history.record({
        kind,
        documentId: change.documentId,
        highlightId: change.id,
        undo: () => this.edit(change.documentId, change.id, was).then(() => undefined),
        redo: () => this.edit(change.documentId, change.id, now).then(() => undefined),
      });
    }
    return after;
  }

  async delete(documentId: string, id: string): Promise<void> {
    assertWritable(this.ctx);
    const hash = findDocument(this.ctx, documentId).hash;
    const doomed = await this.remove(documentId, id);
    this.history.record({
      kind: 'highlight:delete',
      documentId,
      highlightId: id,
      undo: () => this.restore(doomed, hash),
      redo: () => this.remove(documentId, id).then(() => undefined),
    });
  }

  private find(documentId: string, id: string): Highlight {
    findDocument(this.ctx, documentId);
    const found = this.ctx.annotations.of(documentId).find((h) => h.id === id);
    if (!found) throw new GlossError('not_found', GONE);
    return found;
  }

  /** Sets a highlight's colour, note and tags (the primitive behind update, undo and redo). */
  private async edit(documentId: string, id: string, fields: Editable): Promise<Highlight> {
    assertWritable(this.ctx);
    const before = this.find(documentId, id);
    const after: Highlight = { ...before, ...fields, updatedAt: new Date().toISOString() };
    await this.ctx.annotations.change(documentId, (file) => ({ highlights: file.highlights.map((h) => (h === before ? after : h)) }));
    return after;
  }

  /** Takes a highlight off its document (the primitive behind delete, and undoing a create). */
  private async remove(documentId: string, id: string): Promise<Highlight> {
    assertWritable(this.ctx);
    const doomed = this.find(documentId, id);
    await this.ctx.annotations.change(documentId, (file) => ({ highlights: file.highlights.filter((h) => h !== doomed) }));
    return doomed;
  }

  /**
   * Puts a highlight back as it was, with its id (undoing a delete, redoing a create). `hash` is the
   * document's content hash when the highlight was taken off: if the text has changed since (it was
   * decoded again with another encoding), the highlight is placed again the way that change placed
   * every other one (orphaned rather than moved onto a lookalike).
   */
  private async restore(highlight: Highlight, hash: string): Promise<void> {
    assertWritable(this.ctx);
    const meta = findDocument(this.ctx, highlight.documentId);
    let placed = highlight;
    if (meta.hash !== hash) {
      const { text } = (await this.ctx.content.read(meta)).content;
      const anchored = reanchor(text, highlight.position, highlight.quote);
      const { orphaned: _was, ...rest } = highlight;
      placed = { ...rest, position: anchored.position, ...(anchored.orphaned ? { orphaned: true } : {}) };
    }
    await this.ctx.annotations.change(highlight.documentId, (file) => ({
      highlights: [...file.highlights.filter((h) => h.id !== highlight.id), placed],
    }));
  }
}

/** Which change an edit was (nothing changed: none, and no step in the history). */
function kindOfEdit(was: Editable, now: Editable): HistoryKind | null {
  const changed = (['color', 'note', 'tags'] as const).filter((key) => !isDeepStrictEqual(was[key], now[key]));
  if (changed.length === 0) return null;
  if (changed.length > 1) return 'highlight:update';
  return changed[0] === 'color' ? 'highlight:color' : changed[0] === 'note' ? 'highlight:note' : 'highlight:tags';
}
