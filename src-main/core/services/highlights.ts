// Highlights: made on a document's canonical text, changed, deleted. Each write touches only the
// document's own annotation file.
import { randomBytes } from 'node:crypto';
import { quoteAt, validateRange } from '../anchoring';
import { GlossError } from '../errors';
import { inReadingOrder } from '../highlight-order';
import type { Color, Highlight } from '../model';
import { normalizeTags } from '../tags';
import { assertWritable, findDocument, type LibraryContext } from './context';

export const newId = (): string => randomBytes(12).toString('base64url');

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
