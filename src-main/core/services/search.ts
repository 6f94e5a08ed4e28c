// Finding documents: the full-text index (a cache of the store, see ../search.ts) over titles and
// bodies, then documents whose highlight notes hold the query; the first screenful gets snippets.
import { queryTerms } from '../first-match';
import type { DocumentSummary } from '../model';
import { DocumentSearch, snippetFor } from '../search';
import { summaryOf, type LibraryContext } from './context';
import { documentsTagged } from './tags';

/** Search results that get a snippet: about what the first screen of the list shows. */
const SNIPPETS = 50;

export class SearchService {
  private readonly index: DocumentSearch;

  constructor(
    private readonly ctx: LibraryContext,
    private readonly inBackground: boolean,
  ) {
    this.index = new DocumentSearch({
      documents: () => ctx.db.data.documents,
      text: async (id) => {
        const meta = ctx.db.data.documents.find((d) => d.id === id);
        return meta
          ? ctx.content.read(meta).then(
              (c) => c.content.text,
              () => '',
            )
          : '';
      },
      cachePath: ctx.paths.searchIndex,
      readOnly: ctx.readOnlyReason !== null,
    });
  }

  /** In a long-running host, bring the index up to date without making anyone wait for it. */
  refreshSoon(onError: (message: string) => void): void {
    if (!this.inBackground) return;
    this.index.refresh().catch((error: Error) => onError(`The search index could not be updated: ${error.message}`));
  }

  close(): Promise<void> {
    return this.index.close();
  }

  async documents(query: string, tag?: string): Promise<DocumentSummary[]> {
    const q = query.trim();
    const candidates = new Map(documentsTagged(this.ctx, tag).map((d) => [d.id, d]));
    const hits = (await this.index.search(q)).filter((hit) => candidates.has(hit.id));
    const terms = queryTerms(q);
    const snippets = await Promise.all(
      hits.slice(0, SNIPPETS).map((hit) =>
        this.ctx.content.read(candidates.get(hit.id)!).then(
          (c) => snippetFor(c.content.text, [...terms, ...hit.terms]),
          () => undefined,
        ),
      ),
    );
    const out = hits.map((hit, i) => ({ ...summaryOf(this.ctx, candidates.get(hit.id)!), snippet: snippets[i] }));
    for (const hit of hits) candidates.delete(hit.id);
    const needle = q.toLowerCase();
    for (const doc of candidates.values()) {
      const note = this.ctx.annotations.of(doc.id).find((h) => h.note.toLowerCase().includes(needle));
      if (note) out.push({ ...summaryOf(this.ctx, doc), snippet: `Note: ${snippetFor(note.note, [q]) ?? note.note}` });
    }
    return out;
  }
}
