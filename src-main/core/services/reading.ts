// The reader's way to a document: an outline first, then slices of blocks as it scrolls, and find in
// the text. The reading model of the few documents open lately is kept in memory, so a slice is a copy
// of part of an array, not a read of the whole body.
import { GlossError } from '../errors';
import { findAll, foldText, type FoldedText } from '../find-in-text';
import type { Block, ReadingModel, TextLandmark } from '../model';
import { MAX_SLICE_BLOCKS, MAX_SLICE_CHARS, OUTLINE_KINDS, type DocumentOutline, type FindResult } from '../outline';
import { findDocument, summaryOf, type LibraryContext } from './context';
import type { DocumentService } from './documents';

/** How many documents' reading models stay in memory. */
const KEPT = 3;
/** A heading's label in the table of contents is cut to this length. */
const MAX_LABEL = 200;

interface Open {
  /** which stored body this is (a reopened document gets a new one) */
  key: string;
  model: ReadingModel;
  notice?: string;
  folded?: FoldedText;
}

export class ReadingService {
  private readonly open = new Map<string, Open>();

  constructor(
    private readonly ctx: LibraryContext,
    private readonly documents: DocumentService,
  ) {}

  private async load(id: string): Promise<Open> {
    const meta = findDocument(this.ctx, id);
    const key = meta.body ? `${meta.body.pack}@${meta.body.offset}` : `folder:${meta.id}`;
    const known = this.open.get(id);
    if (known?.key === key) {
      // most recently used last
      this.open.delete(id);
      this.open.set(id, known);
      return known;
    }
    const { content, notice } = await this.ctx.content.read(meta);
    const entry: Open = { key, model: content, ...(notice ? { notice } : {}) };
    this.open.delete(id);
    this.open.set(id, entry);
    while (this.open.size > KEPT) this.open.delete(this.open.keys().next().value!);
    return entry;
  }

  async outline(id: string): Promise<DocumentOutline> {
    const { model, notice } = await this.load(id);
    const meta = findDocument(this.ctx, id);
    const starts: number[] = [];
    const lines: number[] = [];
    const levels: number[] = [];
    let kinds = '';
    // Headings shown from level 1, whatever level the document's top ones have, and never more than one below the one before.
    let top = 9;
    for (const block of model.blocks) if (block.kind === 'heading') top = Math.min(top, block.level ?? 1);
    let previous = 0;
    for (const block of model.blocks) {
      starts.push(block.start);
      kinds += OUTLINE_KINDS[block.kind] ?? 'p';
      lines.push(countLines(block.text));
      if (block.kind === 'heading') previous = Math.min(6, (block.level ?? 1) - top + 1, previous + 1);
      levels.push(block.kind === 'heading' ? previous : 0);
    }
    const position = this.ctx.annotations.positionOf(id);
    return {
      document: summaryOf(this.ctx, meta),
      length: model.text.length,
      starts,
      kinds,
      lines,
      levels,
      toc: model.toc ?? headingsOf(model.blocks),
      ...(model.sections ? { sections: model.sections } : {}),
      ...(model.pages ? { pages: model.pages } : {}),
      ...(position && position.offset <= model.text.length ? { readingPosition: position.offset } : {}),
      ...(notice ? { notice } : {}),
    };
  }

  /** Blocks [from, to) of the document; fewer when they would carry more than a slice may. */
  async blocks(id: string, from: number, to: number): Promise<Block[]> {
    const { model } = await this.load(id);
    if (from > model.blocks.length) throw new GlossError('invalid_input', `The document has ${model.blocks.length} blocks, not ${from}.`);
    const out: Block[] = [];
    let chars = 0;
    for (let i = from; i < Math.min(to, model.blocks.length, from + MAX_SLICE_BLOCKS); i++) {
      const block = model.blocks[i]!;
      if (out.length > 0 && chars + block.text.length > MAX_SLICE_CHARS) break;
      chars += block.text.length;
      out.push(block);
    }
    return out;
  }

  /** Every place `query` occurs, ignoring case and accents; a space matches any whitespace. */
  async find(id: string, query: string, limit: number): Promise<FindResult> {
    const entry = await this.load(id);
    entry.folded ??= foldText(entry.model.text);
    return findAll(entry.folded, query, limit);
  }

  /** Where the reader stopped, with how far through the text that is (the library lists it). */
  async setPosition(id: string, offset: number): Promise<void> {
    const { model } = await this.load(id);
    const at = Math.min(offset, model.text.length);
    await this.documents.setReadingPosition(id, at, model.text.length > 0 ? Math.round((at / model.text.length) * 1000) / 1000 : 0);
  }

  /** A document left the library, or its text changed: forget what was kept of it. */
  forget(id: string): void {
    this.open.delete(id);
  }
}

function countLines(text: string): number {
  let n = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/** The headings as a table of contents, for documents without one of their own. */
function headingsOf(blocks: readonly Block[]): TextLandmark[] {
  const out: TextLandmark[] = [];
  for (const block of blocks) {
    if (block.kind !== 'heading' || !block.text.trim()) continue;
    const label = block.text.replace(/\s+/g, ' ').trim();
    out.push({ label: label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label, start: block.start, level: block.level ?? 1 });
  }
  return out;
}
