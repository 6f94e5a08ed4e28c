// The notebook: every highlight of the library in one list, filtered, searched and sorted, read a page at
// a time (services/notebook.ts answers it). Pure schemas and limits, so the contract and the renderer
// share them.
import { z } from 'zod';
import { Color, Id } from './model';

export const NOTEBOOK_SORTS = ['date-desc', 'date-asc', 'document'] as const;
export const NotebookSort = z.enum(NOTEBOOK_SORTS);
export type NotebookSort = z.infer<typeof NotebookSort>;

/** The most rows one notebook:list answers: a library's 100,000 highlights never cross in one answer. */
export const MAX_NOTEBOOK_PAGE = 500;
/** The most highlights one Markdown copy or export names by id. */
export const MAX_NOTEBOOK_SELECTION = 100_000;
/** How much of a quote a row carries (the reader shows the rest). */
export const NOTEBOOK_QUOTE_LENGTH = 300;
/** How much of a note a row carries. */
export const NOTEBOOK_NOTE_LENGTH = 500;

/**
 * Which highlights: each field narrows the list, a list field to any of its values (tags compare as
 * tags do, without regard to case). `from` and `to` are instants: made at or after `from`, before `to`.
 */
export interface NotebookFilter {
  tags?: string[];
  colors?: Color[];
  documentIds?: string[];
  from?: string;
  to?: string;
  /** words in the quote or the note */
  query?: string;
}

export interface NotebookQuery extends NotebookFilter {
  sort: NotebookSort;
  offset: number;
  limit: number;
}

export const NotebookRow = z.object({
  id: Id,
  documentId: Id,
  documentTitle: z.string(),
  /** the quote, cut to NOTEBOOK_QUOTE_LENGTH (ending in "…" when cut) */
  quote: z.string(),
  /** the note (Markdown), cut to NOTEBOOK_NOTE_LENGTH */
  note: z.string(),
  color: Color,
  tags: z.array(z.string()),
  createdAt: z.string(),
  /** where it is in its document: a PDF's page ("p. 12") or a book's chapter */
  where: z.string().optional(),
  orphaned: z.boolean().optional(),
});
export type NotebookRow = z.infer<typeof NotebookRow>;

export const NotebookPage = z.object({
  /** how many highlights match in all */
  total: z.number().int().nonnegative(),
  /** rows [offset, offset + limit) of them */
  rows: z.array(NotebookRow),
});
export type NotebookPage = z.infer<typeof NotebookPage>;

/** What the filters can choose from: the tags, colours and documents the library's highlights have, with counts. */
export const NotebookFacets = z.object({
  total: z.number().int().nonnegative(),
  tags: z.array(z.object({ name: z.string(), count: z.number().int().nonnegative() })),
  colors: z.array(z.object({ color: Color, count: z.number().int().nonnegative() })),
  documents: z.array(z.object({ id: Id, title: z.string(), count: z.number().int().nonnegative() })),
});
export type NotebookFacets = z.infer<typeof NotebookFacets>;

/** Highlights to write as Markdown: these ids, or every one the filter matches but those in `except`. */
export type NotebookSelection = { ids: string[] } | { filter: NotebookFilter; except?: string[] };
