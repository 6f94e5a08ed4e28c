// The notebook: every highlight of the documents in the library (not those in the Trash), filtered by
// tag, colour, document, date and words, sorted by date or in document order, read a page at a time.
//
// At 100,000 highlights a page must not cost a pass over all of them: the highlights are laid out once
// in document order with a newest-first order beside it (the index), and each filter's sorted list of
// matches is kept, so the next page is a slice. The index is rebuilt after a change to any highlight
// (the annotation store says which document changed) or to the catalog (a rename, the Trash, an import).
import { renderHighlightGroups, whereIs, type HighlightGroup, type Landmarks } from '../export/markdown';
import { GlossError } from '../errors';
import { inReadingOrder } from '../highlight-order';
import { COLORS, type DocumentMeta, type Highlight } from '../model';
import {
  NOTEBOOK_NOTE_LENGTH,
  NOTEBOOK_QUOTE_LENGTH,
  type NotebookFacets,
  type NotebookFilter,
  type NotebookPage,
  type NotebookQuery,
  type NotebookRow,
  type NotebookSelection,
  type NotebookSort,
} from '../notebook';
import { foldTag } from '../tags';
import { liveDocuments, type LibraryContext } from './context';
import { landmarksOf } from './export';

/** Ids of the highlights whose quote or note matches the words; null when the query asks for nothing. */
export type FindMarks = (query: string) => Promise<Set<string> | null>;

interface Entry {
  h: Highlight;
  doc: DocumentMeta;
  /** the highlight's tags folded (foldTag), for the tag filter */
  tagKeys: string[];
}

interface Index {
  /** the catalog it was built from: a rename, the Trash or an import replaces that array */
  catalog: DocumentMeta[];
  /** each document's highlights array as indexed (the store replaces a document's array on every change) */
  arrays: Map<string, Highlight[]>;
  /** every highlight in document order: by title, then in reading order */
  entries: Entry[];
  /** positions in `entries`, newest first */
  newestFirst: Uint32Array;
  /** matches per filter and sort, most recently used last */
  orders: Map<string, Uint32Array>;
  facets?: NotebookFacets;
}

/** Filters whose matches are kept (a user goes back and forth between a few). */
const KEPT_ORDERS = 16;
/** Documents whose landmarks are kept for the rows' "p. 12" (a page of rows spans at most a few hundred). */
const KEPT_LANDMARKS = 512;

const titles = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const NO_TAGS: string[] = [];

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** An instant as createdAt is written (toISOString), so the two compare as strings. */
function instant(value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new GlossError('invalid_input', `Not a date: ${value}`);
  return new Date(time).toISOString();
}

function buildIndex(ctx: LibraryContext): Index {
  const catalog = ctx.db.data.documents;
  const arrays = new Map<string, Highlight[]>();
  for (const doc of liveDocuments(ctx)) {
    const highlights = ctx.annotations.of(doc.id);
    if (highlights.length > 0) arrays.set(doc.id, highlights);
  }
  const docs = liveDocuments(ctx)
    .filter((d) => arrays.has(d.id))
    .sort((a, b) => titles.compare(a.title, b.title) || compareCodeUnits(a.id, b.id));
  // A library has a few dozen tags on 100,000 highlights: each is folded once.
  const folded = new Map<string, string>();
  const fold = (tag: string) => folded.get(tag) ?? folded.set(tag, foldTag(tag)).get(tag)!;
  const entries: Entry[] = [];
  for (const doc of docs) {
    for (const h of inReadingOrder(arrays.get(doc.id)!)) entries.push({ h, doc, tagKeys: h.tags.length > 0 ? h.tags.map(fold) : NO_TAGS });
  }
  // Sorted on numbers: comparing 100,000 date strings takes twice as long.
  const times = Float64Array.from(entries, (e) => Date.parse(e.h.createdAt) || 0);
  const newestFirst = Uint32Array.from(entries.keys()).sort((i, j) => times[j]! - times[i]! || compareCodeUnits(entries[j]!.h.id, entries[i]!.h.id));
  return { catalog, arrays, entries, newestFirst, orders: new Map() };
}

/** The filter as a key: the same choices in another order are the same filter. */
function keyOf(filter: NotebookFilter, sort: NotebookSort): string {
  const sorted = (xs: readonly string[] | undefined) => [...(xs ?? [])].sort();
  return JSON.stringify([
    sort,
    sorted(filter.tags?.map(foldTag)),
    sorted(filter.colors),
    sorted(filter.documentIds),
    filter.from ?? '',
    filter.to ?? '',
    filter.query?.trim() ?? '',
  ]);
}

/** Positions in `index.entries` of the highlights the filter lets through, in `sort` order. */
function select(index: Index, filter: NotebookFilter, sort: NotebookSort, marks: Set<string> | null): Uint32Array {
  const tags = filter.tags?.length ? new Set(filter.tags.map(foldTag)) : null;
  const colors = filter.colors?.length ? new Set<string>(filter.colors) : null;
  const documents = filter.documentIds?.length ? new Set(filter.documentIds) : null;
  const from = filter.from ? instant(filter.from) : null;
  const to = filter.to ? instant(filter.to) : null;
  const tests: ((entry: Entry) => boolean)[] = [];
  if (colors) tests.push(({ h }) => colors.has(h.color));
  if (documents) tests.push(({ doc }) => documents.has(doc.id));
  if (tags) tests.push(({ tagKeys }) => tagKeys.some((t) => tags.has(t)));
  if (from !== null) tests.push(({ h }) => h.createdAt >= from);
  if (to !== null) tests.push(({ h }) => h.createdAt < to);
  if (marks) tests.push(({ h }) => marks.has(h.id));
  const { entries, newestFirst } = index;
  // Which pass, a tight loop a test in document order; then the passes in the order asked for.
  const keep = new Uint8Array(entries.length).fill(1);
  for (const test of tests) for (let i = 0; i < entries.length; i++) if (keep[i] && !test(entries[i]!)) keep[i] = 0;
  const out = new Uint32Array(entries.length);
  let n = 0;
  const take = (i: number) => {
    if (keep[i]) out[n++] = i;
  };
  if (sort === 'document') for (let i = 0; i < entries.length; i++) take(i);
  else if (sort === 'date-desc') for (let k = 0; k < newestFirst.length; k++) take(newestFirst[k]!);
  else for (let k = newestFirst.length - 1; k >= 0; k--) take(newestFirst[k]!);
  return out.slice(0, n);
}

function facetsOf(entries: Entry[]): NotebookFacets {
  const tags = new Map<string, { name: string; count: number }>();
  const colors = new Map<string, number>();
  const documents: NotebookFacets['documents'] = [];
  for (const { h, doc, tagKeys } of entries) {
    h.tags.forEach((name, i) => {
      const tag = tags.get(tagKeys[i]!);
      if (tag) tag.count++;
      else tags.set(tagKeys[i]!, { name, count: 1 });
    });
    colors.set(h.color, (colors.get(h.color) ?? 0) + 1);
    const last = documents[documents.length - 1];
    if (last?.id === doc.id) last.count++;
    else documents.push({ id: doc.id, title: doc.title, count: 1 });
  }
  return {
    total: entries.length,
    tags: [...tags.values()].sort((a, b) => titles.compare(a.name, b.name)),
    colors: COLORS.filter((c) => colors.has(c)).map((color) => ({ color, count: colors.get(color)! })),
    documents,
  };
}

export class NotebookService {
  private index: Index | null = null;
  private readonly landmarks = new Map<string, { hash: string; landmarks: Promise<Landmarks | undefined> }>();

  constructor(
    private readonly ctx: LibraryContext,
    private readonly findMarks: FindMarks,
  ) {
    // A reading position or a document note changes the file too, but not its highlights array.
    ctx.annotations.onChange((documentId) => {
      const was = this.index?.arrays.get(documentId);
      const now = ctx.annotations.of(documentId);
      if (now !== was && (now.length > 0 || was !== undefined)) this.index = null;
    });
  }

  /** Rows [offset, offset + limit) of the highlights the filter matches, in its order, and how many match. */
  async list(query: NotebookQuery): Promise<NotebookPage> {
    const { sort, offset, limit, ...filter } = query;
    // A first page with words asks the search engine again: it indexes in the background and may have
    // caught up with a change since. The next pages slice what the first one found.
    const { index, order } = await this.ordered(filter, sort, offset === 0 && !!filter.query?.trim());
    const page = Array.from(order.subarray(offset, offset + limit), (i) => index.entries[i]!);
    return { total: order.length, rows: await Promise.all(page.map((entry) => this.rowOf(entry))) };
  }

  /** The tags, colours and documents the highlights have, with how many of each, for the filters. */
  async facets(): Promise<NotebookFacets> {
    const index = this.current();
    index.facets ??= facetsOf(index.entries);
    return index.facets;
  }

  /** The chosen highlights as Markdown, grouped by document (by title), each as the Markdown export writes it. */
  async markdown(selection: NotebookSelection): Promise<{ markdown: string; count: number }> {
    let chosen: Entry[];
    if ('ids' in selection) {
      const ids = new Set(selection.ids);
      chosen = this.current().entries.filter((e) => ids.has(e.h.id));
    } else {
      const { index, order } = await this.ordered(selection.filter, 'document');
      const except = new Set(selection.except);
      chosen = Array.from(order, (i) => index.entries[i]!).filter((e) => !except.has(e.h.id));
    }
    // In document order, so each document's highlights are together.
    const groups: HighlightGroup[] = [];
    for (const { h, doc } of chosen) {
      const last = groups[groups.length - 1];
      if (last?.doc === doc) last.highlights.push(h);
      else groups.push({ doc, highlights: [h] });
    }
    await Promise.all(groups.map(async (g) => (g.landmarks = await this.landmarksOf(g.doc))));
    return { markdown: renderHighlightGroups(groups), count: chosen.length };
  }

  private current(): Index {
    if (this.index?.catalog !== this.ctx.db.data.documents) this.index = buildIndex(this.ctx);
    return this.index;
  }

  /** The matches of a filter in a sort order: kept, so that turning pages does not filter again. */
  private async ordered(filter: NotebookFilter, sort: NotebookSort, again = false): Promise<{ index: Index; order: Uint32Array }> {
    const key = keyOf(filter, sort);
    const { orders } = this.current();
    const kept = orders.get(key);
    if (kept && !again) {
      orders.delete(key);
      orders.set(key, kept);
      return { index: this.current(), order: kept };
    }
    const query = filter.query?.trim();
    const marks = query ? await this.findMarks(query) : null;
    // After the search: the index may have been rebuilt while it ran.
    const index = this.current();
    const order = select(index, filter, sort, marks);
    index.orders.delete(key);
    index.orders.set(key, order);
    if (index.orders.size > KEPT_ORDERS) index.orders.delete(index.orders.keys().next().value!);
    return { index, order };
  }

  private async rowOf({ h, doc }: Entry): Promise<NotebookRow> {
    const where = whereIs(h, await this.landmarksOf(doc));
    return {
      id: h.id,
      documentId: doc.id,
      documentTitle: doc.title,
      quote: cut(h.quote.exact, NOTEBOOK_QUOTE_LENGTH),
      note: cut(h.note, NOTEBOOK_NOTE_LENGTH),
      color: h.color,
      tags: h.tags,
      createdAt: h.createdAt,
      ...(where ? { where } : {}),
      ...(h.orphaned ? { orphaned: true } : {}),
    };
  }

  /** A document's landmarks, read once per version of its text. */
  private landmarksOf(doc: DocumentMeta): Promise<Landmarks | undefined> {
    const kept = this.landmarks.get(doc.id);
    if (kept?.hash === doc.hash) return kept.landmarks;
    if (this.landmarks.size >= KEPT_LANDMARKS) this.landmarks.clear();
    const landmarks = landmarksOf(this.ctx, doc);
    this.landmarks.set(doc.id, { hash: doc.hash, landmarks });
    return landmarks;
  }
}
