// The library: one data folder, its documents, highlights and tags. The one entry point to the core
// for every host (Electron, browser mode, CLI). Plain Node; paths come in as arguments.
import { randomBytes } from 'node:crypto';
import { readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Low } from 'lowdb';
import { quoteAt, validateRange } from './anchoring';
import { GlossError } from './errors';
import { exportMarkdownFiles } from './export/write';
import { listImportable, normalizeFile } from './formats';
import { defaultResourcesDir } from './paths';
import { queryTerms } from './first-match';
import { DocumentSearch, snippetFor } from './search';
import { DurableJsonFile, fsyncDir, writeNewFolder } from './store/durable-json';
import { AnnotationStore } from './store/annotations';
import { ContentFile, dataPaths, LibraryFile } from './store/files';
import { DataFolderLock } from './store/lock';
import { normalizeTags, sameTag } from './tags';
import type {
  HighlightChange,
  ImportProgress,
  LibraryApi,
  NewHighlight,
  OpenOptions,
} from './library-api';
import type {
  DocRef,
  DocumentContent,
  DocumentMeta,
  DocumentSummary,
  ExportReport,
  Highlight,
  ImportReport,
  TagCount,
} from './model';

export type { HighlightChange, HolderKind, ImportProgress, LibraryApi, NewHighlight, OpenOptions } from './library-api';

/** Folder imports write library.json once per batch, not once per file. */
const IMPORT_BATCH = 200;
/** Search results that get a snippet: about what the first screen of the list shows. */
const SNIPPETS = 50;

export const newId = (): string => randomBytes(12).toString('base64url');

export class Library implements LibraryApi {
  readonly warnings: string[] = [];
  private readonly paths: ReturnType<typeof dataPaths>;
  private readonly annotations: AnnotationStore;
  private readonly search: DocumentSearch;

  private constructor(
    readonly dataDir: string,
    private readonly db: Low<LibraryFile>,
    private readonly lock: DataFolderLock | null,
    private readonly resourcesDir: string,
    private readonly indexInBackground: boolean,
  ) {
    this.paths = dataPaths(dataDir);
    this.annotations = new AnnotationStore(this.paths, !lock, (m) => this.warnings.push(m));
    this.search = new DocumentSearch({
      documents: () => this.db.data.documents,
      text: (id) => this.readContent(id).then((c) => c.text, () => ''),
      cachePath: this.paths.searchIndex,
      readOnly: !lock,
    });
  }

  static async open(dataDir: string, opts: OpenOptions): Promise<Library> {
    const dir = resolve(dataDir);
    const lock = opts.readOnly ? null : await DataFolderLock.acquire(dir, opts.holder);
    try {
      const warnings: string[] = [];
      const report = (message: string) => warnings.push(message);
      const db = new Low<LibraryFile>(new DurableJsonFile(dataPaths(dir).library, LibraryFile, report, opts.readOnly), { schema: 1, documents: [] });
      await db.read();
      const lib = new Library(dir, db, lock, opts.resourcesDir ?? defaultResourcesDir, opts.indexInBackground ?? false);
      lib.warnings.push(...warnings);
      await lib.annotations.loadAll(new Set(db.data.documents.map((d) => d.id)));
      lib.indexSoon();
      return lib;
    } catch (error) {
      lock?.release();
      throw error;
    }
  }

  async close(): Promise<void> {
    try {
      await this.search.close();
    } finally {
      this.lock?.release();
    }
  }

  /** In a long-running host, bring the search index up to date without making anyone wait for it. */
  private indexSoon(): void {
    if (!this.indexInBackground) return;
    this.search.refresh().catch((error: Error) => this.warnings.push(`The search index could not be updated: ${error.message}`));
  }

  // ----- documents -----

  async listDocuments(filter: { query?: string; tag?: string } = {}): Promise<DocumentSummary[]> {
    return filter.query?.trim() ? this.searchDocuments(filter.query, filter.tag) : this.allDocuments(filter.tag);
  }

  private allDocuments(tag?: string): DocumentSummary[] {
    return this.documentsTagged(tag)
      .map((d) => this.summary(d))
      .sort((a, b) => b.importedAt.localeCompare(a.importedAt) || a.title.localeCompare(b.title));
  }

  /** Documents carrying the tag themselves or on one of their highlights (all without a tag). */
  private documentsTagged(tag?: string): DocumentMeta[] {
    const docs = this.db.data.documents;
    tag = tag?.trim();
    if (!tag) return docs;
    return docs.filter((d) => d.tags.some((t) => sameTag(t, tag)) || this.highlightsOf(d.id).some((h) => h.tags.some((t) => sameTag(t, tag))));
  }

  /** Best matches first; then documents whose notes contain the query. The first screenful gets snippets. */
  private async searchDocuments(query: string, tag?: string): Promise<DocumentSummary[]> {
    const q = query.trim();
    const candidates = new Map(this.documentsTagged(tag).map((d) => [d.id, d]));
    const hits = (await this.search.search(q)).filter((hit) => candidates.has(hit.id));
    const terms = queryTerms(q);
    const snippets = await Promise.all(
      hits.slice(0, SNIPPETS).map((hit) => this.readContent(hit.id).then((c) => snippetFor(c.text, [...terms, ...hit.terms]), () => undefined)),
    );
    const out = hits.map((hit, i) => ({ ...this.summary(candidates.get(hit.id)!), snippet: snippets[i] }));
    for (const hit of hits) candidates.delete(hit.id);
    const needle = q.toLowerCase();
    for (const doc of candidates.values()) {
      const note = this.highlightsOf(doc.id).find((h) => h.note.toLowerCase().includes(needle));
      if (note) out.push({ ...this.summary(doc), snippet: `Note: ${snippetFor(note.note, [q]) ?? note.note}` });
    }
    return out;
  }

  async getDocument(id: string): Promise<DocumentContent> {
    const meta = this.meta(id);
    const content = await this.readContent(id);
    return { document: this.summary(meta), text: content.text, blocks: content.blocks };
  }

  async importPaths(paths: string[], opts: { onProgress?: (p: ImportProgress) => void; signal?: AbortSignal } = {}): Promise<ImportReport> {
    const report: ImportReport = { imported: [], duplicates: [], failed: [] };
    const files: string[] = [];
    for (const p of paths) {
      const full = resolve(p);
      try {
        const info = await stat(full);
        if (info.isDirectory()) files.push(...(await listImportable(full)));
        else files.push(full);
      } catch {
        report.failed.push({ source: full, message: `${p} does not exist or cannot be read.` });
      }
    }
    for (let i = 0; i < files.length; i += IMPORT_BATCH) {
      opts.onProgress?.({ done: i, total: files.length, source: files[i] });
      if (opts.signal?.aborted) break;
      const batch: { name: string; source: string; bytes: Uint8Array }[] = [];
      for (const file of files.slice(i, i + IMPORT_BATCH)) {
        try {
          batch.push({ name: basename(file), source: file, bytes: await readFile(file) });
        } catch (error) {
          report.failed.push({ source: file, message: `${basename(file)} could not be read: ${(error as Error).message}` });
        }
      }
      const part = await this.importBytes(batch);
      report.imported.push(...part.imported);
      report.duplicates.push(...part.duplicates);
      report.failed.push(...part.failed);
    }
    if (!opts.signal?.aborted && files.length > 0) opts.onProgress?.({ done: files.length, total: files.length, source: files[files.length - 1] });
    return report;
  }

  async importBytes(files: { name: string; source: string; bytes: Uint8Array }[]): Promise<ImportReport> {
    this.assertWritable();
    const report: ImportReport = { imported: [], duplicates: [], failed: [] };
    const byHash = new Map(this.db.data.documents.map((d) => [d.hash, d]));
    const added: DocumentMeta[] = [];
    for (const file of files) {
      try {
        const doc = normalizeFile(file.name, file.bytes);
        const existing = byHash.get(doc.hash);
        if (existing) {
          report.duplicates.push({ source: file.source, existing: { id: existing.id, title: existing.title } });
          continue;
        }
        const meta: DocumentMeta = {
          id: newId(),
          title: doc.title,
          source: file.source,
          format: doc.format,
          hash: doc.hash,
          importedAt: new Date().toISOString(),
          words: doc.words,
          bytes: file.bytes.byteLength,
          tags: [],
        };
        // Bodies first: a document only exists once its metadata is written, so a crash in
        // between leaves an unused folder, never a document without its text.
        await writeNewFolder(this.paths.documentDir(meta.id), {
          [basename(this.paths.source(meta.id, meta.format))]: doc.source,
          [basename(this.paths.content(meta.id))]: JSON.stringify({ text: doc.text, blocks: doc.blocks } satisfies ContentFile),
        });
        byHash.set(meta.hash, meta);
        added.push(meta);
        report.imported.push({ id: meta.id, title: meta.title, source: file.source });
      } catch (error) {
        const message = error instanceof GlossError ? error.message : `${file.name} could not be imported: ${(error as Error).message}`;
        report.failed.push({ source: file.source, message });
      }
    }
    if (added.length) {
      await fsyncDir(dirname(this.paths.documentDir(added[0].id)));
      this.db.data.documents.push(...added);
      try {
        await this.db.write();
      } catch (error) {
        this.db.data.documents = this.db.data.documents.filter((d) => !added.includes(d));
        for (const d of added) await rm(this.paths.documentDir(d.id), { recursive: true, force: true });
        throw error;
      }
      this.indexSoon();
    }
    return report;
  }

  async addWelcome(): Promise<DocRef> {
    const path = join(this.resourcesDir, 'welcome.md');
    const report = await this.importBytes([{ name: 'welcome.md', source: 'Gloss welcome guide', bytes: await readFile(path) }]);
    const ref = report.imported[0] ?? report.duplicates[0]?.existing;
    if (!ref) throw new GlossError('internal', report.failed[0]?.message ?? 'The welcome guide could not be opened.');
    return { id: ref.id, title: ref.title };
  }

  async renameDocument(id: string, title: string): Promise<DocumentSummary> {
    const clean = title.replace(/\s+/g, ' ').trim();
    if (!clean) throw new GlossError('invalid_input', 'A title cannot be empty.');
    const meta = await this.updateMeta(id, (d) => ({ ...d, title: clean }));
    this.indexSoon();
    return this.summary(meta);
  }

  async setDocumentTags(id: string, tags: string[]): Promise<DocumentSummary> {
    return this.summary(await this.updateMeta(id, (d) => ({ ...d, tags: normalizeTags(tags) })));
  }

  async deleteDocument(id: string): Promise<void> {
    this.assertWritable();
    this.meta(id);
    this.db.data.documents = this.db.data.documents.filter((d) => d.id !== id);
    await this.db.write();
    await this.annotations.remove(id);
    await rm(this.paths.documentDir(id), { recursive: true, force: true });
  }

  // ----- highlights -----

  async listHighlights(documentId: string): Promise<Highlight[]> {
    this.meta(documentId);
    return sortByPosition(this.highlightsOf(documentId));
  }

  async createHighlight(input: NewHighlight): Promise<Highlight> {
    this.assertWritable();
    this.meta(input.documentId);
    const { text } = await this.readContent(input.documentId);
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
    await this.annotations.change(input.documentId, (all) => [...all, highlight]);
    return highlight;
  }

  async updateHighlight(change: HighlightChange): Promise<Highlight> {
    this.assertWritable();
    const before = this.highlight(change.documentId, change.id);
    const after: Highlight = {
      ...before,
      color: change.color ?? before.color,
      note: change.note ?? before.note,
      tags: change.tags ? normalizeTags(change.tags) : before.tags,
      updatedAt: new Date().toISOString(),
    };
    await this.annotations.change(change.documentId, (all) => all.map((h) => (h === before ? after : h)));
    return after;
  }

  async deleteHighlight(documentId: string, id: string): Promise<void> {
    this.assertWritable();
    const doomed = this.highlight(documentId, id);
    await this.annotations.change(documentId, (all) => all.filter((h) => h !== doomed));
  }

  // ----- tags, export -----

  async listTags(): Promise<TagCount[]> {
    const counts = new Map<string, TagCount>();
    const bump = (tag: string, key: 'documents' | 'highlights') => {
      const k = tag.toLowerCase();
      const entry = counts.get(k) ?? { name: tag, documents: 0, highlights: 0 };
      entry[key]++;
      counts.set(k, entry);
    };
    for (const d of this.db.data.documents) {
      d.tags.forEach((t) => bump(t, 'documents'));
      this.highlightsOf(d.id).forEach((h) => h.tags.forEach((t) => bump(t, 'highlights')));
    }
    return [...counts.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  async exportMarkdown(outDir: string, documentIds?: string[]): Promise<ExportReport> {
    const docs = documentIds ? documentIds.map((id) => this.meta(id)) : this.db.data.documents;
    return exportMarkdownFiles(
      outDir,
      docs.map((meta) => ({ meta, highlights: sortByPosition(this.highlightsOf(meta.id)) })),
    );
  }

  // ----- internals -----

  private meta(id: string): DocumentMeta {
    const meta = this.db.data.documents.find((d) => d.id === id);
    if (!meta) throw new GlossError('not_found', 'That document is not in the library (it may have been deleted).');
    return meta;
  }

  private summary(meta: DocumentMeta): DocumentSummary {
    return { ...meta, highlights: this.highlightsOf(meta.id).length };
  }

  private highlightsOf(documentId: string): Highlight[] {
    return this.annotations.of(documentId);
  }

  private highlight(documentId: string, id: string): Highlight {
    this.meta(documentId);
    const found = this.highlightsOf(documentId).find((h) => h.id === id);
    if (!found) throw new GlossError('not_found', 'That highlight no longer exists.');
    return found;
  }

  private async updateMeta(id: string, change: (d: DocumentMeta) => DocumentMeta): Promise<DocumentMeta> {
    this.assertWritable();
    const before = this.meta(id);
    const after = change(before);
    const docs = this.db.data.documents;
    docs[docs.indexOf(before)] = after;
    try {
      await this.db.write();
    } catch (error) {
      docs[docs.indexOf(after)] = before;
      throw error;
    }
    return after;
  }

  private async readContent(id: string): Promise<ContentFile> {
    let raw: string;
    try {
      raw = await readFile(this.paths.content(id), 'utf8');
    } catch {
      throw new GlossError('not_found', `The text of "${this.meta(id).title}" is missing from the data folder.`);
    }
    const parsed = ContentFile.safeParse(JSON.parse(raw));
    if (!parsed.success) throw new GlossError('io', `The text of "${this.meta(id).title}" could not be read.`);
    return parsed.data;
  }

  private assertWritable(): void {
    if (!this.lock) throw new GlossError('locked', 'This library was opened read-only; close the other Gloss window or process to make changes.');
  }
}

function sortByPosition(highlights: Highlight[]): Highlight[] {
  return [...highlights].sort((a, b) => a.position.start - b.position.start || a.position.end - b.position.end || a.createdAt.localeCompare(b.createdAt));
}
