// Documents: listing, reading, importing, renaming, tagging, deleting, and where the reader stopped.
import { readFile, rm, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { GlossError } from '../errors';
import { assertImportableSize, listFolder, normalizeFile, readingModelOf, unsupportedReason } from '../formats';
import type { DocumentContent, DocumentMeta, DocumentSummary, ImportReport } from '../model';
import { fsyncDir, writeNewFolder } from '../store/durable-json';
import { normalizeTags } from '../tags';
import { assertWritable, changeCatalog, findDocument, summaryOf, type LibraryContext } from './context';
import { newId } from './highlights';
import type { SearchService } from './search';
import { documentsTagged } from './tags';

/** Imports write library.json once per this many files, not once per file. */
const IMPORT_BATCH = 200;

/** One file to import: where it comes from, its size, and how to get its bytes when its turn comes. */
export interface ImportItem {
  name: string;
  source: string;
  size: number;
  bytes(): Promise<Uint8Array>;
}

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
  ) {}

  /** Every document, newest first; with a query, the matches best first, each with a snippet. */
  async list(filter: { query?: string; tag?: string } = {}): Promise<DocumentSummary[]> {
    if (filter.query?.trim()) return this.search.documents(filter.query, filter.tag);
    return documentsTagged(this.ctx, filter.tag)
      .map((d) => summaryOf(this.ctx, d))
      .sort((a, b) => b.importedAt.localeCompare(a.importedAt) || a.title.localeCompare(b.title));
  }

  async get(id: string): Promise<DocumentContent> {
    const meta = findDocument(this.ctx, id);
    const { content, notice } = await this.ctx.content.read(meta);
    const position = this.ctx.annotations.positionOf(id);
    return {
      document: summaryOf(this.ctx, meta),
      text: content.text,
      blocks: content.blocks,
      ...(position && position.offset <= content.text.length ? { readingPosition: position.offset } : {}),
      ...(notice ? { notice } : {}),
    };
  }

  /** Paths as import items: folders recursively (supported files only), files as they are. */
  async itemsFromPaths(paths: string[], report: ImportReport): Promise<ImportItem[]> {
    const items: ImportItem[] = [];
    const add = async (file: string) => {
      const info = await stat(file);
      items.push({ name: basename(file), source: file, size: info.size, bytes: () => readFile(file) });
    };
    for (const p of paths) {
      const full = resolve(p);
      try {
        const info = await stat(full);
        if (info.isDirectory()) {
          const { importable, unsupported } = await listFolder(full);
          for (const file of importable) await add(file);
          if (unsupported.length) (report.skipped ??= []).push(...unsupported);
        } else await add(full);
      } catch {
        report.failed.push({ source: full, message: `${p} does not exist or cannot be read.` });
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
   * Import items one after another; library.json is written every IMPORT_BATCH files and at the end,
   * so a cancel (`signal`) or a failure keeps everything finished before it.
   */
  async import(items: ImportItem[], opts: ImportOptions = {}): Promise<ImportReport> {
    assertWritable(this.ctx);
    const report: ImportReport = { imported: [], duplicates: [], failed: [] };
    const byHash = new Map(this.ctx.db.data.documents.map((d) => [d.hash, d]));
    let pending: DocumentMeta[] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      const added = pending;
      pending = [];
      await fsyncDir(this.ctx.paths.documentsDir);
      try {
        await changeCatalog(this.ctx, (docs) => [...docs, ...added]);
      } catch (error) {
        for (const d of added) await rm(this.ctx.paths.documentDir(d.id), { recursive: true, force: true });
        report.imported = report.imported.filter((r) => !added.some((d) => d.id === r.id));
        throw error;
      }
      this.ctx.documentsChanged();
    };
    const progress: ImportProgress = { filesDone: 0, filesTotal: items.length, bytesDone: 0, bytesTotal: items.reduce((n, i) => n + i.size, 0) };
    opts.onProgress?.({ ...progress, current: items[0]?.source });
    for (const item of items) {
      if (opts.signal?.aborted) break;
      try {
        const meta = await this.importOne(item, byHash, report);
        if (meta) pending.push(meta);
      } catch (error) {
        const message = error instanceof GlossError ? error.message : `${item.name} could not be imported: ${(error as Error).message}`;
        report.failed.push({ source: item.source, message });
      }
      progress.filesDone++;
      progress.bytesDone += item.size;
      opts.onProgress?.({ ...progress, current: items[progress.filesDone]?.source });
      if (pending.length >= IMPORT_BATCH) await flush();
    }
    await flush();
    return report;
  }

  private async importOne(item: ImportItem, byHash: Map<string, DocumentMeta>, report: ImportReport): Promise<DocumentMeta | null> {
    const reason = unsupportedReason(item.name);
    if (reason) throw new GlossError('unsupported', reason);
    assertImportableSize(item.name, item.size);
    const bytes = await item.bytes();
    const doc = await normalizeFile(item.name, bytes);
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
      bytes: bytes.byteLength,
      tags: doc.tags,
      ...doc.meta,
    };
    // Bodies first: a document only exists once its metadata is written, so a crash in between
    // leaves an unnamed folder (removed at the next open), never a document without its text.
    await writeNewFolder(this.ctx.paths.documentDir(meta.id), this.ctx.content.filesFor(meta, bytes, readingModelOf(doc)));
    byHash.set(meta.hash, meta);
    report.imported.push({ id: meta.id, title: meta.title, source: item.source });
    return meta;
  }

  async rename(id: string, title: string): Promise<DocumentSummary> {
    const clean = title.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
    if (!clean) throw new GlossError('invalid_input', 'A title needs at least one visible character.');
    const meta = await this.update(id, (d) => ({ ...d, title: clean }));
    this.ctx.documentsChanged();
    return summaryOf(this.ctx, meta);
  }

  async setTags(id: string, tags: string[]): Promise<DocumentSummary> {
    return summaryOf(this.ctx, await this.update(id, (d) => ({ ...d, tags: normalizeTags(tags) })));
  }

  async delete(id: string): Promise<void> {
    assertWritable(this.ctx);
    findDocument(this.ctx, id);
    await changeCatalog(this.ctx, (docs) => docs.filter((d) => d.id !== id));
    // The document is gone once library.json says so; what follows only frees space (and cleanup at
    // the next open finishes it if this is interrupted).
    await this.ctx.annotations.remove(id);
    await rm(this.ctx.paths.documentDir(id), { recursive: true, force: true });
    this.ctx.documentsChanged();
  }

  /** Decode the stored original again with another encoding. (Being built: see issue 6.) */
  async reopen(id: string, encoding: string): Promise<DocumentContent> {
    assertWritable(this.ctx);
    const meta = findDocument(this.ctx, id);
    throw new GlossError('unsupported', `Reopening "${meta.title}" as ${encoding} is not available yet.`);
  }

  /** Where the reader stopped in a document (an offset in its canonical text). */
  async setReadingPosition(id: string, offset: number): Promise<void> {
    assertWritable(this.ctx);
    findDocument(this.ctx, id);
    await this.ctx.annotations.change(id, () => ({ readingPosition: { offset, updatedAt: new Date().toISOString() } }));
  }

  private async update(id: string, change: (d: DocumentMeta) => DocumentMeta): Promise<DocumentMeta> {
    const before = findDocument(this.ctx, id);
    const after = change(before);
    await changeCatalog(this.ctx, (docs) => docs.map((d) => (d === before ? after : d)));
    return after;
  }
}
