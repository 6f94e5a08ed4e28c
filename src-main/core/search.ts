// Full-text search over titles and bodies (MiniSearch), built on first use and kept up to date after.
import MiniSearch from 'minisearch';

export interface SearchableDocument {
  id: string;
  title: string;
  text: string;
}

export class DocumentSearch {
  private index: MiniSearch<SearchableDocument> | null = null;

  constructor(private readonly loadAll: () => Promise<SearchableDocument[]>) {}

  async search(query: string): Promise<{ id: string; terms: string[] }[]> {
    const index = await this.ready();
    return index
      .search(query, { prefix: true, fuzzy: (term) => (term.length > 4 ? 0.2 : 0), combineWith: 'AND', boost: { title: 3 } })
      .map((hit) => ({ id: String(hit.id), terms: hit.terms }));
  }

  /** Keep a built index current; an index not built yet will read the document when it is. */
  add(doc: SearchableDocument): void {
    this.index?.add(doc);
  }

  remove(id: string): void {
    if (this.index?.has(id)) this.index.discard(id);
  }

  replace(doc: SearchableDocument): void {
    if (this.index?.has(doc.id)) this.index.replace(doc);
  }

  private building: Promise<MiniSearch<SearchableDocument>> | null = null;

  private ready(): Promise<MiniSearch<SearchableDocument>> {
    if (this.index) return Promise.resolve(this.index);
    this.building ??= this.loadAll().then((docs) => {
      const index = new MiniSearch<SearchableDocument>({ fields: ['title', 'text'], idField: 'id' });
      index.addAll(docs);
      this.index = index;
      return index;
    });
    return this.building;
  }
}

/** A short excerpt of `text` around the first place any of `terms` occurs. */
export function snippetFor(text: string, terms: string[], radius = 80): string | undefined {
  const lower = text.toLowerCase();
  let at = -1;
  let length = 0;
  for (const term of terms) {
    const i = lower.indexOf(term.toLowerCase());
    if (i >= 0 && (at < 0 || i < at)) {
      at = i;
      length = term.length;
    }
  }
  if (at < 0) return undefined;
  const from = Math.max(0, at - radius);
  const to = Math.min(text.length, at + length + radius);
  const body = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}
