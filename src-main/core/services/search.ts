// One search over the library (issue 8 §1): documents (the best passage of each, matched words
// marked), and highlights and notes as results of their own. Words go through the search engine
// (../search.ts); tags (`#tag`, `tag:name`, or the library's tag filter) and the Trash narrow what it
// may answer; a query that finds nothing as typed offers the nearest known spelling.
import { rm } from 'node:fs/promises';
import type { DocumentMeta, DocumentSummary, Highlight, MarkHit, SearchResults } from '../model';
import { parseQuery, type ParsedQuery } from '../query';
import { SearchEngine, type SearchableMark, type SearchSource } from '../search';
import type { Compactor } from '../search-files';
import type { AnalyzedRecord, IndexedField } from '../search-index';
import { foldTag } from '../tags';
import { isTrashed, liveDocuments, newestFirst, storedDocument, summaryOf, type LibraryContext } from './context';

/** Results that get a snippet: about what the first screen of the list shows. */
const SNIPPETS = 10;
/** At most this many documents per search, and this many highlights and notes (the notebook has them all). */
const MAX_RESULTS = 200;
const MAX_MARKS = 50;

export interface SearchOptions {
  /** the library's tag filter, besides any #tag in the query */
  tag?: string;
  /** the query is being typed: its last word also matches the words it begins */
  typing?: boolean;
  limit?: number;
}

/** What the engine needs of the host: a parser thread to analyze and compact in. */
export interface SearchThreads {
  analyze(fields: IndexedField[], size: number): Promise<AnalyzedRecord>;
  compact: Compactor;
}

export class SearchService {
  private readonly engine: SearchEngine;
  /** documents by id, for the many look-ups of one search, and whether any is in the Trash; made again when the catalog changes */
  private catalog: { of: DocumentMeta[]; byId: Map<string, DocumentMeta>; anyTrashed: boolean } | null = null;

  constructor(
    private readonly ctx: LibraryContext,
    private readonly inBackground: boolean,
    threads?: SearchThreads,
  ) {
    const source: SearchSource = {
      documents: () => ctx.db.data.documents,
      content: async (id) => {
        const meta = storedDocument(ctx, id);
        if (!meta) return { text: '', headings: '' };
        const { content } = await ctx.content.read(meta);
        const headings = content.blocks.filter((b) => b.kind === 'heading').map((b) => b.text);
        return { text: content.text, headings: headings.join('\n') };
      },
      markedDocuments: () =>
        ctx.db.data.documents.filter((d) => ctx.annotations.of(d.id).length > 0 || ctx.annotations.noteOf(d.id)).map((d) => d.id),
      marks: (documentId) => marksOf(ctx, documentId),
      markStamp: (documentId) => ctx.annotations.fileStamp(documentId),
      marksFolderStamp: () => ctx.annotations.folderStamp(),
      dir: ctx.paths.searchDir,
      readOnly: ctx.readOnlyReason !== null,
      ...(threads ? { analyze: threads.analyze, compact: threads.compact } : {}),
    };
    this.engine = new SearchEngine(source);
    ctx.annotations.onChange((documentId) => this.engine.marksChanged(documentId));
    // The index earlier builds kept (MiniSearch's, one JSON file) is of no more use.
    if (!ctx.readOnlyReason) void rm(ctx.paths.oldSearchIndex, { force: true }).catch(() => undefined);
  }

  /** In a long-running host: start reading the index now, while the rest of the library is read. */
  preload(onError: (message: string) => void): void {
    if (this.inBackground) this.engine.load().catch((error: Error) => onError(`The search index could not be read: ${error.message}`));
  }

  /** In a long-running host: read the index and catch up with the library now, in the background. */
  start(onError: (message: string) => void): void {
    if (!this.inBackground) return;
    this.engine.start().catch((error: Error) => onError(`The search index could not be read: ${error.message}`));
  }

  /** A document being imported, with its words (analyzed by the parser thread that read it, as a log keeps them): indexed as it is stored. */
  adopt(doc: DocumentMeta, words: Uint8Array): void {
    this.engine.adopt(doc, words);
  }

  /** An import has ended: the documents it handed over are made searchable (see SearchEngine.importEnded). */
  importEnded(): void {
    void this.engine.importEnded();
  }

  /** The library's documents changed (import, rename, delete, restore): the index catches up in the background. */
  documentsChanged(): void {
    this.engine.documentsChanged();
  }

  /** Resolves once the index holds the whole library (a command line waits for this before it exits). */
  settle(): Promise<void> {
    return this.engine.settle();
  }

  /** Told how far the index has caught up, while it catches up. */
  onProgress(listener: (p: { done: number; total: number }) => void): () => void {
    return this.engine.onProgress(listener);
  }

  close(): Promise<void> {
    return this.engine.close();
  }

  /** Documents that match, best first, each with its best passage (what the library's list shows). */
  async documents(query: string, tag?: string): Promise<DocumentSummary[]> {
    return (await this.search(query, { tag })).documents;
  }

  async search(text: string, opts: SearchOptions = {}): Promise<SearchResults> {
    const query = parseQuery(text, { typing: opts.typing ?? false });
    const limit = Math.min(opts.limit ?? MAX_RESULTS, MAX_RESULTS);
    const tags = [...query.tags, ...(opts.tag?.trim() ? [opts.tag.trim()] : [])].map(foldTag);
    const hasWords = query.all.length > 0 || query.phrases.length > 0;
    if (!hasWords && tags.length === 0) return { documents: [], marks: [] };
    const docTagged = (meta: DocumentMeta) => tags.every((t) => meta.tags.some((own) => foldTag(own) === t));
    const markTagged = (meta: DocumentMeta, h: Highlight | undefined) =>
      tags.every((t) => (h ? h.tags : meta.tags).some((own) => foldTag(own) === t));
    const acceptDocument = (id: string) => {
      const meta = this.document(id);
      return meta !== undefined && !isTrashed(meta) && (docTagged(meta) || this.ctx.annotations.of(id).some((h) => markTagged(meta, h)));
    };
    const acceptMark = (key: string) => {
      const found = this.markAt(key);
      return found !== undefined && markTagged(found.meta, found.highlight);
    };
    if (!hasWords) return this.tagged(acceptDocument, acceptMark, limit);

    // A one-shot command answers from the whole library; a long-running host at once, from what is indexed.
    if (!this.inBackground) await this.engine.settle();
    // Without tags or anything in the Trash every indexed record will do: nothing to look up per candidate.
    const narrow = tags.length > 0 || this.currentCatalog().anyTrashed;
    const found = await this.engine.search(query, {
      limit,
      markLimit: Math.min(limit, MAX_MARKS),
      ...(narrow ? { acceptDocument, acceptMark } : {}),
    });
    const terms = this.engine.matchedTerms(query);
    const documents = await Promise.all(
      found.documents
        .filter(({ id }) => this.document(id))
        .map(async ({ id }, i) => {
          const meta = this.document(id)!;
          const summary = summaryOf(this.ctx, meta);
          if (i >= SNIPPETS) return summary;
          const snippet = await this.engine.documentSnippet(id, terms, this.textReader(meta)).catch(() => undefined);
          return snippet ? { ...summary, snippet } : summary;
        }),
    );
    // A mark changed a moment ago may still be in the index as it was: only those still there are shown.
    const marks = found.marks.filter(({ key }) => this.markAt(key)).map(({ key }) => this.markHit(key, terms));
    const results: SearchResults = { documents, marks };
    const behind = this.engine.behind;
    if (behind) results.indexing = behind;
    if (documents.length === 0 && marks.length === 0) {
      const suggestion = await this.suggestion(text, query);
      if (suggestion) results.suggestion = suggestion;
    }
    return results;
  }

  /**
   * Every highlight whose quote or note matches the words (the notebook's search box), not only the
   * best: null when the query asks for nothing. A #tag in it keeps the highlights that carry the tag.
   */
  async highlightIds(text: string): Promise<Set<string> | null> {
    const query = parseQuery(text, { typing: true });
    const tags = query.tags.map(foldTag);
    if (query.all.length === 0 && query.phrases.length === 0 && tags.length === 0) return null;
    if (!this.inBackground) await this.engine.settle();
    const tagged = (key: string) => {
      const h = this.markAt(key)?.highlight;
      return h !== undefined && tags.every((t) => h.tags.some((own) => foldTag(own) === t));
    };
    if (query.all.length === 0 && query.phrases.length === 0)
      return new Set(
        liveDocuments(this.ctx).flatMap((d) =>
          marksOf(this.ctx, d.id)
            .filter((m) => m.highlightId && tagged(m.key))
            .map((m) => m.highlightId!),
        ),
      );
    const found = await this.engine.search(query, { limit: Number.MAX_SAFE_INTEGER, acceptMark: tagged, only: 'marks' });
    return new Set(found.marks.map(({ key }) => key.slice(key.indexOf('/') + 1)));
  }

  /** A query of tags only: what carries them, the newest first. */
  private tagged(acceptDocument: (id: string) => boolean, acceptMark: (key: string) => boolean, limit: number): SearchResults {
    const documents = newestFirst(liveDocuments(this.ctx).filter((d) => acceptDocument(d.id)))
      .slice(0, limit)
      .map((d) => summaryOf(this.ctx, d));
    const marks = liveDocuments(this.ctx)
      .flatMap((d) => marksOf(this.ctx, d.id))
      .filter((m) => acceptMark(m.key))
      .map((m) => ({ key: m.key, created: (m.highlightId && this.markAt(m.key)?.highlight?.createdAt) || '' }))
      .sort((a, b) => b.created.localeCompare(a.created))
      .slice(0, Math.min(limit, MAX_MARKS))
      .map((m) => this.markHit(m.key, []));
    return { documents, marks };
  }

  /** The query with each word found nowhere replaced by the nearest known one, as it is written in the library. */
  private async suggestion(text: string, query: ParsedQuery): Promise<string | undefined> {
    const bare = [...text.matchAll(/(?<=^|\s)(?!-|#|tag:|")\S+/giu)].map((m) => m[0]);
    const nearest = await this.engine.suggest(bare);
    if (!nearest) return undefined;
    // The nearest terms are folded and stemmed: show each as a text that holds it writes it.
    const corrected = parseQuery(nearest.join(' '));
    const found = await this.engine.search({ ...corrected, none: query.none }, { limit: 1 });
    const top = found.documents[0];
    const meta = top && this.document(top.id);
    const snippet = meta ? await this.engine.documentSnippet(top.id, corrected.all, this.textReader(meta)).catch(() => undefined) : undefined;
    const written = new Map<string, string>();
    for (const [a, b] of snippet?.marks ?? []) {
      const word = snippet!.text.slice(a, b);
      const term = SearchEngine.termOf(word);
      if (term && !written.has(term)) written.set(term, word);
    }
    let out = text;
    bare.forEach((word, i) => {
      if (nearest[i] === word) return;
      const shown = written.get(nearest[i]!) ?? nearest[i]!;
      // Its first letter cased as the user typed theirs: "trawlrs" → "trawlers", even where a sentence starts with it.
      const first = word[0] === word[0]!.toLowerCase() ? shown[0]!.toLowerCase() : shown[0]!.toUpperCase();
      out = out.replace(word, first + shown.slice(1));
    });
    return out;
  }

  /** Bytes of a document's text, read from its pack (at once when it can be); a body stored otherwise is read whole once. */
  private textReader(meta: DocumentMeta): (from: number, length: number) => string | Promise<string> {
    const { content } = this.ctx;
    let whole: Promise<Buffer> | undefined;
    const readSlowly = async (from: number, length: number) => {
      const range = await content.textRange(meta, from, length);
      if (range !== undefined) return range;
      whole ??= content.read(meta).then((c) => Buffer.from(c.content.text));
      return (await whole).toString('utf8', from, from + length);
    };
    return (from, length) => content.textRangeAtOnce(meta, from, length) ?? readSlowly(from, length);
  }

  /** The catalog as this service looks at it (every change to it replaces the list: see changeCatalog). */
  private currentCatalog(): NonNullable<SearchService['catalog']> {
    const docs = this.ctx.db.data.documents;
    if (this.catalog?.of !== docs || this.catalog.byId.size !== docs.length)
      this.catalog = { of: docs, byId: new Map(docs.map((d) => [d.id, d])), anyTrashed: docs.some(isTrashed) };
    return this.catalog;
  }

  private document(id: string): DocumentMeta | undefined {
    return this.currentCatalog().byId.get(id);
  }

  private markAt(key: string): { meta: DocumentMeta; highlight?: Highlight } | undefined {
    const slash = key.indexOf('/');
    const meta = this.document(key.slice(0, slash));
    if (!meta || isTrashed(meta)) return undefined;
    const rest = key.slice(slash + 1);
    if (rest === NOTE) return this.ctx.annotations.noteOf(meta.id) ? { meta } : undefined;
    const highlight = this.ctx.annotations.of(meta.id).find((h) => h.id === rest);
    return highlight ? { meta, highlight } : undefined;
  }

  private markHit(key: string, terms: string[]): MarkHit {
    const { meta, highlight } = this.markAt(key)!;
    const note = highlight ? highlight.note : this.ctx.annotations.noteOf(meta.id);
    return {
      documentId: meta.id,
      documentTitle: meta.title,
      ...(highlight
        ? {
            highlightId: highlight.id,
            color: highlight.color,
            quote: this.engine.markSnippet(highlight.quote.exact, terms),
            createdAt: highlight.createdAt,
          }
        : {}),
      ...(note ? { note: this.engine.markSnippet(note, terms) } : {}),
      tags: highlight ? highlight.tags : meta.tags,
    };
  }
}

const NOTE = 'note';

function marksOf(ctx: LibraryContext, documentId: string): SearchableMark[] {
  const marks: SearchableMark[] = ctx.annotations
    .of(documentId)
    .map((h) => ({ key: `${documentId}/${h.id}`, documentId, highlightId: h.id, quote: h.quote.exact, note: h.note }));
  const note = ctx.annotations.noteOf(documentId);
  if (note) marks.push({ key: `${documentId}/${NOTE}`, documentId, quote: '', note });
  return marks;
}
