// Highlights: made on a document's canonical text, changed, deleted. Each write touches only the
// document's own annotation file.
import { randomFillSync } from 'node:crypto';
import { quoteAt, validateRange } from '../anchoring';
import { GlossError } from '../errors';
import { inReadingOrder } from '../highlight-order';
import type { Color, Highlight } from '../model';
import { normalizeTags } from '../tags';
import { assertWritable, findDocument, type LibraryContext } from './context';

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
  return idPool.toString('base64url', idAt - ID_BYTES, idAt);
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

export class HighlightService {
  constructor(private readonly ctx: LibraryContext) {}

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
    return highlight;
  }

  async update(change: HighlightChange): Promise<Highlight> {
    assertWritable(this.ctx);
    const before = this.find(change.documentId, change.id);
    const after: Highlight = {
      ...before,
      color: change.color ?? before.color,
      note: change.note ?? before.note,
      tags: change.tags ? normalizeTags(change.tags) : before.tags,
      updatedAt: new Date().toISOString(),
    };
    await this.ctx.annotations.change(change.documentId, (file) => ({ highlights: file.highlights.map((h) => (h === before ? after : h)) }));
    return after;
  }

  async delete(documentId: string, id: string): Promise<void> {
    assertWritable(this.ctx);
    const doomed = this.find(documentId, id);
    await this.ctx.annotations.change(documentId, (file) => ({ highlights: file.highlights.filter((h) => h !== doomed) }));
  }

  private find(documentId: string, id: string): Highlight {
    findDocument(this.ctx, documentId);
    const found = this.ctx.annotations.of(documentId).find((h) => h.id === id);
    if (!found) throw new GlossError('not_found', 'That highlight no longer exists.');
    return found;
  }
}
