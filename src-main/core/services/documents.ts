// Documents: listing, reading, importing, renaming, tagging, noting, deleting (to the Trash), and where
// the reader stopped. Renames, tags, notes and deletes are commands the history can take back.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { reanchor } from '../anchoring';
import { GlossError } from '../errors';
import { imageType } from '../formats/images';
import { assertImportableSize, listFolder, readingModelOf, unsupportedReason } from '../formats';
import type { DocumentContent, DocumentMeta, DocumentSummary, ImportReport } from '../model';
import { normalizeTags } from '../tags';
import { assertWritable, changeCatalog, findDocument, isTrashed, newestFirst, storedDocument, summaryOf, type LibraryContext } from './context';
import { newId } from './highlights';
import type { CommandHistory } from './history';
import type { SearchService } from './search';
import type { PreparedFile } from '../formats/worker/prepare';
import { addFileItems, ReadAhead, type ImportItem } from './import-items';
import { documentsTagged } from './tags';
import { moveToTrash, takeOutOfTrash, withoutTrash } from './trash';

export type { ImportItem } from './import-items';

/** The promise's value, or undefined as soon as the signal aborts (Cancel does not wait for a slow file). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | undefined> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise<T | undefined>((resolve, reject) => {
    const stop = () => resolve(undefined);
    signal.addEventListener('abort', stop, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', stop);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(error);
      },
    );
  });
}

/** Formats whose bytes are decoded as text, so a user can choose the encoding. */
const REENCODABLE = new Set<DocumentMeta['format']>(['text', 'markdown', 'html']);

/**
 * An import makes its documents durable and names them in library.json at least this often. Each
 * flush rewrites the whole catalog, so the count is high: time bounds what a crash can undo.
 */
const FLUSH_DOCS = 10_000;
const FLUSH_BYTES = 64 * 1024 * 1024;
const FLUSH_MS = 2000;

/** How far an import has got: files and bytes done, of how many, and the file in hand. */
export interface ImportProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  current?: string;
}

export interface ImportOptions {
  /** before the first file and after each one */
  onProgress?: (progress: ImportProgress) => void;
  /** stop before the next file; everything finished so far is kept */
  signal?: AbortSignal;
}

/** Control characters (C0, DEL, C1) and the invisible format characters that make a title look empty. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

export class DocumentService {
  constructor(
    private readonly ctx: LibraryContext,
    private readonly search: SearchService,
    private readonly history: CommandHistory,
  ) {}

  /** Every document, newest first; with a query, the matches best first, each with a snippet. */
  async list(filter: { query?: string; tag?: string } = {}): Promise<DocumentSummary[]> {
    if (filter.query?.trim()) return this.search.documents(filter.query, filter.tag);
    return newestFirst(documentsTagged(this.ctx, filter.tag)).map((d) => summaryOf(this.ctx, d));
  }

  async get(id: string): Promise<DocumentContent> {
    const meta = findDocument(this.ctx, id);
    const { content, notice } = await this.ctx.content.read(meta);
    const position = this.ctx.annotations.positionOf(id);
    return {
      document: summaryOf(this.ctx, meta),
      ...readingModelOf(content),
      ...(position && position.offset <= content.text.length ? { readingPosition: position.offset } : {}),
      ...(notice ? { notice } : {}),
      note: this.ctx.annotations.noteOf(id),
    };
  }

  /** Paths as import items: folders recursively (supported files only), files as they are. */
  async itemsFromPaths(paths: string[], report: ImportReport): Promise<ImportItem[]> {
    const items: ImportItem[] = [];
    const unreadable = (file: string, message = `${file} does not exist or cannot be read.`) => report.failed.push({ source: file, message });
    for (const p of paths) {
      const full = resolve(p);
      try {
        const info = await stat(full);
        if (info.isDirectory()) {
          const { importable, unsupported, notFiles } = await listFolder(full);
          for (const { path, message } of notFiles) unreadable(path, message);
          await addFileItems(items, importable, unreadable);
          if (unsupported.length) report.skipped = (report.skipped ?? []).concat(unsupported);
        } else await addFileItems(items, [full], (file, message) => unreadable(file, message ?? `${p} does not exist or cannot be read.`));
      } catch {
        unreadable(full, `${p} does not exist or cannot be read.`);
      }
    }
    return items;
  }

  /** Import files and folders by path (what a job does, without the job: for tests and tools). */
  async importPaths(paths: string[], opts: ImportOptions = {}): Promise<ImportReport> {
    const report: ImportReport = { imported: [], duplicates: [], failed: [] };
    const part = await this.import(await this.itemsFromPaths(paths, report), opts);
    return { ...part, failed: [...report.failed, ...part.failed], ...(report.skipped ? { skipped: report.skipped } : {}) };
  }

  /** Import files whose bytes are in hand. */
  importBytes(files: { name: string; source: string; bytes: Uint8Array }[], opts: ImportOptions = {}): Promise<ImportReport> {
    return this.import(
      files.map((f) => ({ name: f.name, source: f.source, size: f.bytes.byteLength, bytes: async () => f.bytes })),
      opts,
    );
  }

  /**
   * Import items in order. Files are read and parsed a few ahead of the one being stored, so reading,
   * parsing (in worker threads, see formats/worker/pool.ts) and storing overlap. Bodies go into a pack; every
   * FLUSH_DOCS documents, FLUSH_BYTES bytes or FLUSH_MS, and at the end, the pack is made durable and
   * then library.json names the new documents, so a cancel (`signal`) or a failure keeps everything
   * finished before it.
   */
  async import(all: ImportItem[], opts: ImportOptions = {}): Promise<ImportReport> {
    assertWritable(this.ctx);
    const report: ImportReport = { imported: [], duplicates: [], failed: [] };
    const byHash = new Map(this.ctx.db.data.documents.map((d) => [d.hash, d]));
    let pending: DocumentMeta[] = [];
    let pendingBytes = 0;
    /** documents in the Trash imported again: they come back, with their highlights and note */
    let revived = new Map<string, DocumentMeta>();
    let lastFlush = Date.now();
    const flush = async () => {
      if (pending.length === 0 && revived.size === 0) return;
      const added = pending;
      const back = revived;
      pending = [];
      revived = new Map();
      pendingBytes = 0;
      lastFlush = Date.now();
      try {
        await this.ctx.content.sync();
        await changeCatalog(this.ctx, (docs) => [...docs.map((d) => (back.has(d.id) && isTrashed(d) ? withoutTrash(d) : d)), ...added]);
      } catch (error) {
        const gone = new Set([...added.map((d) => d.id), ...back.keys()]);
        report.imported = report.imported.filter((r) => !gone.has(r.id));
        for (const d of added) byHash.delete(d.hash);
        for (const d of back.values()) byHash.set(d.hash, d);
        throw error;
      }
      this.ctx.documentsChanged();
    };
    const progress: ImportProgress = { filesDone: 0, filesTotal: all.length, bytesDone: 0, bytesTotal: all.reduce((n, i) => n + i.size, 0) };
    // Files of a type Gloss does not read are not failures: the summary names them with their kind.
    const items = all.filter((item) => {
      if (!unsupportedReason(item.name)) return true;
      (report.skipped ??= []).push(item.source);
      progress.filesDone++;
      progress.bytesDone += item.size;
      return false;
    });
    opts.onProgress?.({ ...progress, current: items[0]?.source });
    const ahead = new ReadAhead(items, (item) => this.prepare(item));
    try {
      for (let i = 0; i < items.length; i++) {
        if (opts.signal?.aborted) break;
        const item = items[i]!;
        try {
          const prepared = await untilAborted(ahead.take(i), opts.signal);
          if (!prepared) break;
          const trashed = byHash.get(prepared.doc.hash);
          if (trashed && isTrashed(trashed)) {
            // The same text is in the Trash: bring that document back rather than keep two.
            revived.set(trashed.id, trashed);
            byHash.set(trashed.hash, withoutTrash(trashed));
            report.imported.push({ id: trashed.id, title: trashed.title, source: item.source });
          } else {
            const meta = this.store(item, prepared, byHash, report);
            if (meta) {
              pending.push(meta);
              pendingBytes += meta.bytes;
            }
          }
        } catch (error) {
          const message = error instanceof GlossError ? error.message : `${item.name} could not be imported: ${(error as Error).message}`;
          report.failed.push({ source: item.source, message });
        }
        progress.filesDone++;
        progress.bytesDone += item.size;
        opts.onProgress?.({ ...progress, current: items[i + 1]?.source });
        if (pending.length >= FLUSH_DOCS || pendingBytes >= FLUSH_BYTES || Date.now() - lastFlush >= FLUSH_MS) await flush();
        else await this.ctx.content.packs.writeSome();
      }
    } finally {
      ahead.stop();
    }
    try {
      await flush();
    } finally {
      this.search.importEnded();
    }
    return report;
  }

  /** Reads, parses and serializes one file in a parser thread (what runs ahead of storing). */
  private async prepare(item: ImportItem): Promise<PreparedFile> {
    assertImportableSize(item.name, item.size);
    const job =
      item.path !== undefined
        ? { name: item.name, path: item.path, ...(item.regular !== undefined ? { listed: { size: item.size, regular: item.regular } } : {}) }
        : { name: item.name, bytes: await item.bytes!() };
    return this.ctx.prepare(job, item.size);
  }

  private store(item: ImportItem, prepared: PreparedFile, byHash: Map<string, DocumentMeta>, report: ImportReport): DocumentMeta | null {
    const { doc, source } = prepared;
    const existing = byHash.get(doc.hash);
    if (existing) {
      report.duplicates.push({ source: item.source, existing: { id: existing.id, title: existing.title } });
      return null;
    }
    const meta: DocumentMeta = {
      id: newId(),
      title: doc.title,
      source: item.source,
      format: doc.format,
      hash: doc.hash,
      importedAt: new Date().toISOString(),
      words: doc.words,
      bytes: source.byteLength,
      tags: doc.tags,
      ...doc.meta,
    };
    meta.body = this.ctx.content.add(meta, { source, content: prepared.content, assets: prepared.assets });
    this.search.adopt(meta, prepared.words);
    byHash.set(meta.hash, meta);
    report.imported.push({ id: meta.id, title: meta.title, source: item.source, ...(doc.notices.length ? { notices: doc.notices } : {}) });
    return meta;
  }

  async rename(id: string, title: string): Promise<DocumentSummary> {
    assertWritable(this.ctx);
    const clean = title.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
    if (!clean) throw new GlossError('invalid_input', 'A title needs at least one visible character.');
    const was = findDocument(this.ctx, id).title;
    const meta = await this.retitle(id, clean);
    if (was !== clean) {
      this.history.record({
        kind: 'document:rename',
        documentId: id,
        undo: () => this.retitle(id, was).then(noValue),
        redo: () => this.retitle(id, clean).then(noValue),
      });
    }
    return summaryOf(this.ctx, meta);
  }

  async setTags(id: string, tags: string[]): Promise<DocumentSummary> {
    assertWritable(this.ctx);
    const was = findDocument(this.ctx, id).tags;
    const now = normalizeTags(tags);
    const meta = await this.retag(id, now);
    if (was.length !== now.length || was.some((t, i) => t !== now[i])) {
      this.history.record({
        kind: 'document:tags',
        documentId: id,
        undo: () => this.retag(id, was).then(noValue),
        redo: () => this.retag(id, now).then(noValue),
      });
    }
    return summaryOf(this.ctx, meta);
  }

  /** The document's own note ('' when it has none). */
  async note(id: string): Promise<string> {
    findDocument(this.ctx, id);
    return this.ctx.annotations.noteOf(id);
  }

  /** Sets the document's note (Markdown); '' (or only blanks) clears it. */
  async setNote(id: string, note: string): Promise<DocumentSummary> {
    assertWritable(this.ctx);
    findDocument(this.ctx, id);
    const was = this.ctx.annotations.noteOf(id);
    const now = note.trim() === '' ? '' : note;
    await this.writeNote(id, now);
    if (was !== now) {
      this.history.record({ kind: 'document:note', documentId: id, undo: () => this.writeNote(id, was), redo: () => this.writeNote(id, now) });
    }
    return summaryOf(this.ctx, findDocument(this.ctx, id));
  }

  /**
   * Moves the document to the Trash: it leaves every list, search and export, and keeps its body,
   * highlights and note until the Trash is emptied. library.json is written first and is the only
   * write, so a crash leaves it either in the library or in the Trash, never lost.
   */
  async delete(id: string): Promise<void> {
    await moveToTrash(this.ctx, id);
    this.history.record({
      kind: 'document:delete',
      documentId: id,
      undo: () => takeOutOfTrash(this.ctx, id).then(noValue),
      redo: () => moveToTrash(this.ctx, id),
    });
  }

  /** An image stored with a document, with its type (checked from its bytes), or undefined. */
  async asset(id: string, name: string): Promise<{ bytes: Uint8Array; type: string } | undefined> {
    const found = storedDocument(this.ctx, id);
    const meta = found && !isTrashed(found) ? found : undefined;
    const bytes = meta ? await this.ctx.content.asset(meta, name) : undefined;
    const type = bytes && imageType(bytes);
    return bytes && type ? { bytes, type } : undefined;
  }

  /** The original bytes of a document, as they were imported. */
  original(id: string): Promise<Uint8Array> {
    return this.ctx.content.source(findDocument(this.ctx, id));
  }

  /**
   * "Reopen with encoding…": the stored original decoded again with the user's choice. Highlights are
   * re-anchored in the new text (orphaned, never moved onto a lookalike, where it changed too much);
   * the title follows the text unless the user renamed the document.
   */
  async reopen(id: string, encoding: string): Promise<DocumentContent> {
    assertWritable(this.ctx);
    const meta = findDocument(this.ctx, id);
    if (!REENCODABLE.has(meta.format)) {
      throw new GlossError(
        'invalid_input',
        `"${meta.title}" is ${meta.format === 'pdf' ? 'a PDF' : 'an EPUB'}: its text encoding is set inside the file and cannot be chosen.`,
      );
    }
    const source = await this.ctx.content.source(meta);
    const [doc, before] = await Promise.all([
      this.ctx.parse(meta.title, source, { format: meta.format, encoding }),
      this.ctx.parse(meta.title, source, { format: meta.format, ...(meta.encoding ? { encoding: meta.encoding } : {}) }).catch(() => undefined),
    ]);
    const assets: { name: string; bytes: Uint8Array }[] = [];
    for (const name of new Set(doc.blocks.map((b) => b.src).filter((n) => n !== undefined))) {
      const bytes = await this.ctx.content.asset(meta, name);
      if (bytes) assets.push({ name, bytes });
    }
    const kept = new Set(assets.map((a) => a.name));
    for (const block of doc.blocks) if (block.src !== undefined && !kept.has(block.src)) delete block.src;
    const { encoding: _old, ...rest } = meta;
    const after: DocumentMeta = {
      ...rest,
      ...doc.meta,
      title: before && before.title === meta.title ? doc.title : meta.title,
      hash: doc.hash,
      words: doc.words,
    };
    after.body = this.ctx.content.add(after, { source, content: doc, assets });
    await this.ctx.content.sync();
    const highlights = this.ctx.annotations.of(id);
    if (highlights.length > 0) {
      await this.ctx.annotations.change(id, () => ({
        highlights: highlights.map((h) => {
          const placed = reanchor(doc.text, h.position, h.quote);
          const { orphaned: _was, ...rest } = h;
          return { ...rest, position: placed.position, ...(placed.orphaned ? { orphaned: true } : {}) };
        }),
      }));
    }
    await changeCatalog(this.ctx, (docs) => docs.map((d) => (d.id === id ? after : d)));
    // The text as it was read before is not kept: the stored original is, in the new record.
    if (meta.body) await this.ctx.content.packs.erase(meta.body);
    this.ctx.documentsChanged();
    return this.get(id);
  }

  /** Where the reader stopped in a document (an offset in its canonical text). */
  /** Where the reader stopped, and how far through the text that is (when the caller knows its length). */
  async setReadingPosition(id: string, offset: number, progress?: number): Promise<void> {
    assertWritable(this.ctx);
    findDocument(this.ctx, id);
    const readingPosition = { offset, updatedAt: new Date().toISOString(), ...(progress !== undefined ? { progress } : {}) };
    await this.ctx.annotations.change(id, () => ({ readingPosition }));
  }

  /** The primitives behind rename, tags and note and their undo and redo: they record nothing. */
  private async retitle(id: string, title: string): Promise<DocumentMeta> {
    const meta = await this.update(id, (d) => ({ ...d, title }));
    this.ctx.documentsChanged();
    return meta;
  }

  private retag(id: string, tags: string[]): Promise<DocumentMeta> {
    return this.update(id, (d) => ({ ...d, tags }));
  }

  private async writeNote(id: string, note: string): Promise<void> {
    assertWritable(this.ctx);
    findDocument(this.ctx, id);
    await this.ctx.annotations.setNote(id, note);
  }

  private async update(id: string, change: (d: DocumentMeta) => DocumentMeta): Promise<DocumentMeta> {
    assertWritable(this.ctx);
    const before = findDocument(this.ctx, id);
    const after = change(before);
    await changeCatalog(this.ctx, (docs) => docs.map((d) => (d === before ? after : d)));
    return after;
  }
}

const noValue = (): void => undefined;
