// A document as the reader opens it: its outline (where each block starts, what kind it is, how many
// lines it has), its landmarks and where the reader stopped, without its text. The blocks come in
// slices as the reader scrolls (document:blocks), so opening a 200 MB book sends kilobytes, not the book.
import { z } from 'zod';
import { Block, DocumentSummary, TextLandmark } from './model';

/** One letter per block kind in an outline: a 4 MB book has ~20,000 blocks, sent as a short string. */
export const OUTLINE_KINDS = {
  heading: 'h',
  paragraph: 'p',
  listItem: 'l',
  quote: 'q',
  code: 'c',
  pre: 'r',
  table: 't',
  image: 'i',
  break: 'b',
} as const satisfies Record<Block['kind'], string>;

export const DocumentOutline = z.object({
  document: DocumentSummary,
  /** the canonical text's length */
  length: z.number().int().nonnegative(),
  /** per block, in order: where it starts in the canonical text */
  starts: z.array(z.number().int().nonnegative()),
  /** per block: its kind, one letter of OUTLINE_KINDS */
  kinds: z.string(),
  /** per block: how many lines its text has (a line break inside a poem, a table, a code sample) */
  lines: z.array(z.number().int().nonnegative()),
  /**
   * per block: for a heading, the level it is shown at, 1–6: its own counted from the document's top
   * level (chapters at level 2 in a text with no level 1 are shown at level 1), and never more than one
   * below the heading before it, so the page's headings go down one step at a time; 0 for other blocks
   */
  levels: z.array(z.number().int().min(0).max(6)),
  /** the table of contents: the document's own, or its headings */
  toc: z.array(TextLandmark),
  sections: z.array(TextLandmark).optional(),
  pages: z.array(TextLandmark).optional(),
  /** where the reader stopped last time (any host, any window) */
  readingPosition: z.number().int().nonnegative().optional(),
  /** something the reader should be told about this document (its text was rebuilt, …) */
  notice: z.string().optional(),
});
export type DocumentOutline = z.infer<typeof DocumentOutline>;

/** The most blocks, and characters of text, one slice carries. */
export const MAX_SLICE_BLOCKS = 2000;
export const MAX_SLICE_CHARS = 4 * 1024 * 1024;

/** Find in the document: matches as canonical offsets, at most `limit` of `total`. */
export const FindResult = z.object({
  matches: z.array(z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })),
  total: z.number().int().nonnegative(),
});
export type FindResult = z.infer<typeof FindResult>;
