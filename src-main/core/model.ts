// The reading model and the annotation model, as zod schemas. Pure: no Node, no Electron, so the
// contract (and through it the renderer) can share these types.
import { z } from 'zod';

/** The highlight colours, in the toolbar's order (keys 1-5): the one list every layer uses. */
export const COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export const Color = z.enum(COLORS);
export type Color = z.infer<typeof Color>;

/** A tag as the user typed it, trimmed; tags compare case-insensitively. */
export const TagName = z.string().trim().min(1, 'A tag cannot be empty').max(64, 'A tag is at most 64 characters');
export const TagList = z.array(TagName).max(100);

/** What a Gloss id looks like. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/;
export const Id = z.string().regex(ID_PATTERN, 'Not a Gloss id');

/** Inline formatting inside one block; offsets are relative to the block's text (UTF-16 units). */
export const InlineMark = z.object({
  kind: z.enum(['em', 'strong', 'code', 'link', 'strike']),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  href: z.string().optional(),
});
export type InlineMark = z.infer<typeof InlineMark>;

/**
 * heading, paragraph, listItem, quote and code as their names say; `pre` is text whose line breaks and
 * runs of spaces carry meaning but is not code (verse, ASCII art, a table drawn in text, an indented
 * passage); `table` holds its cells in its text (cells joined by TABLE_CELL, rows by TABLE_ROW); `image`
 * is a figure whose text is its caption or alt text; `break` is a thematic or section break.
 */
export const BlockKind = z.enum(['heading', 'paragraph', 'listItem', 'quote', 'code', 'pre', 'table', 'image', 'break']);
export type BlockKind = z.infer<typeof BlockKind>;

/**
 * One block of the reading model. `start` is where `text` begins in the document's canonical text,
 * which is every block's text joined with BLOCK_SEPARATOR.
 */
export const Block = z.object({
  kind: BlockKind,
  start: z.number().int().nonnegative(),
  text: z.string(),
  /** heading level (1-6), list nesting depth or quote depth (1 = top level) */
  level: z.number().int().min(1).max(9).optional(),
  /** list items: numbered list? */
  ordered: z.boolean().optional(),
  /** ordered list items: the item's number */
  number: z.number().int().optional(),
  /** code blocks: the info string's language */
  lang: z.string().optional(),
  marks: z.array(InlineMark).optional(),
  /** how many block quotes enclose this block (a heading, list or code inside a quote); absent = none */
  quote: z.number().int().min(1).max(9).optional(),
  /** task list items: ticked or not */
  checked: z.boolean().optional(),
  /** tables: how many of the first rows are header rows */
  head: z.number().int().nonnegative().optional(),
  /** images: the stored asset's name (documents are never given remote addresses to fetch) */
  src: z.string().optional(),
  /** images: the alt text, when the block's text is a caption */
  alt: z.string().optional(),
  /** an id in-document links ('#id' hrefs) and tables of contents point at */
  anchor: z.string().optional(),
  /** where the block's own direction or natural language (BCP 47) differs from the document's */
  dir: z.enum(['ltr', 'rtl']).optional(),
  language: z.string().optional(),
});
export type Block = z.infer<typeof Block>;

export { BLOCK_SEPARATOR, TABLE_CELL, TABLE_ROW } from './text-joins';

/** A place in the canonical text with a name: a table-of-contents entry, a chapter, a page. */
export const TextLandmark = z.object({
  /** what a reader calls it: a heading, a chapter title, a page label ("12", "iv") */
  label: z.string(),
  /** offset in the canonical text */
  start: z.number().int().nonnegative(),
  /** table of contents: nesting depth, 1 = top */
  level: z.number().int().min(1).max(9).optional(),
});
export type TextLandmark = z.infer<typeof TextLandmark>;

export const DocumentFormat = z.enum(['text', 'markdown', 'html', 'epub', 'pdf']);
export type DocumentFormat = z.infer<typeof DocumentFormat>;

export const DocumentMeta = z.object({
  id: Id,
  title: z.string(),
  /** where it was imported from: a path, or a file name in browser mode */
  source: z.string(),
  format: DocumentFormat,
  /** sha256 of the decoded text with line endings normalized: the same content is never imported twice */
  hash: z.string(),
  importedAt: z.string(),
  words: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  tags: z.array(z.string()),
  /** what the file says about itself (front matter, a page's metadata, an EPUB's package, a PDF's info) */
  author: z.string().optional(),
  /** when it was published, as the file gives it */
  published: z.string().optional(),
  siteName: z.string().optional(),
  /** BCP 47 language tag */
  language: z.string().optional(),
  dir: z.enum(['ltr', 'rtl']).optional(),
  /** the text encoding its bytes were decoded with (text formats and web pages; WHATWG names) */
  encoding: z.string().optional(),
  /** where the body is stored when it is inside a pack file (see store/packs.ts), not a folder of its own */
  body: z.object({ pack: z.string(), offset: z.number().int().nonnegative(), length: z.number().int().positive() }).optional(),
  /**
   * when it was moved to the Trash (data version 5): a document in the Trash is in no list, search,
   * tag count or export, keeps its body and highlights, and comes back as it was when restored
   */
  trashedAt: z.string().optional(),
});
export type DocumentMeta = z.infer<typeof DocumentMeta>;

/** A short passage where a search matched, with the matched words' places in it ([start, end)). */
export const Snippet = z.object({
  text: z.string(),
  marks: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])),
});
export type Snippet = z.infer<typeof Snippet>;

export const DocumentSummary = DocumentMeta.extend({
  highlights: z.number().int().nonnegative(),
  /** with a search query: the passage where it matched best */
  snippet: Snippet.optional(),
  /** true when the document has a note of its own (document:getNote answers it) */
  hasNote: z.boolean().optional(),
  /** how far through it the reader has got, 0 to 1, when it has been opened */
  progress: z.number().min(0).max(1).optional(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

/** Where the reader stopped: an offset in the canonical text, so it survives another window size or font. */
export const ReadingPosition = z.object({
  offset: z.number().int().nonnegative(),
  updatedAt: z.string(),
  /** how far through the text that is, 0 to 1 (for the library's list) */
  progress: z.number().min(0).max(1).optional(),
});
export type ReadingPosition = z.infer<typeof ReadingPosition>;

/** A document's reading model with its landmarks, as stored (content.json) and served to the reader. */
export const ReadingModel = z.object({
  text: z.string(),
  blocks: z.array(Block),
  /** the table of contents when the file has one of its own (EPUB navigation); else headings make it */
  toc: z.array(TextLandmark).optional(),
  /** chapters (an EPUB's spine documents), each from where it starts */
  sections: z.array(TextLandmark).optional(),
  /** a PDF's pages, each from where its text starts */
  pages: z.array(TextLandmark).optional(),
});
export type ReadingModel = z.infer<typeof ReadingModel>;

export const DocumentContent = ReadingModel.extend({
  document: DocumentSummary,
  /** where the reader stopped last time (any host, any window) */
  readingPosition: z.number().int().nonnegative().optional(),
  /** something the reader should be told about this document (its text was rebuilt, …) */
  notice: z.string().optional(),
  /** the document's own note (Markdown; '' when it has none) */
  note: z.string().optional(),
});
export type DocumentContent = z.infer<typeof DocumentContent>;

/** W3C TextPositionSelector: offsets in the canonical text, UTF-16 code units, end exclusive. */
export const TextPosition = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });
export type TextPosition = z.infer<typeof TextPosition>;

/** W3C TextQuoteSelector: the highlighted text and ~32 characters either side. */
export const TextQuote = z.object({ exact: z.string(), prefix: z.string(), suffix: z.string() });
export type TextQuote = z.infer<typeof TextQuote>;

export const Highlight = z.object({
  id: Id,
  documentId: Id,
  position: TextPosition,
  quote: TextQuote,
  color: Color,
  /** Markdown */
  note: z.string(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** set when re-anchoring could not place it safely: kept and shown, never moved onto a lookalike */
  orphaned: z.boolean().optional(),
});
export type Highlight = z.infer<typeof Highlight>;

/** A highlight or a document note that a search found: what it says, with the matched words marked. */
export const MarkHit = z.object({
  documentId: Id,
  documentTitle: z.string(),
  /** absent for the document's own note */
  highlightId: Id.optional(),
  color: Color.optional(),
  quote: Snippet.optional(),
  note: Snippet.optional(),
  tags: z.array(z.string()),
  createdAt: z.string().optional(),
});
export type MarkHit = z.infer<typeof MarkHit>;

/** One search over the library: documents, then highlights and notes. */
export const SearchResults = z.object({
  documents: z.array(DocumentSummary),
  marks: z.array(MarkHit),
  /** nothing matched as typed, but this query (misspelt words replaced) would: "did you mean" */
  suggestion: z.string().optional(),
  /** the index is still catching up with the library: results may be missing some documents */
  indexing: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).optional(),
});
export type SearchResults = z.infer<typeof SearchResults>;

export const DocRef = z.object({ id: Id, title: z.string() });
export type DocRef = z.infer<typeof DocRef>;

export const ImportReport = z.object({
  /** `notices`: what the user should know of how the file was read (bytes shown as �, chapters skipped, …) */
  imported: z.array(DocRef.extend({ source: z.string(), notices: z.array(z.string()).optional() })),
  duplicates: z.array(z.object({ source: z.string(), existing: DocRef })),
  failed: z.array(z.object({ source: z.string(), message: z.string() })),
  /** files inside imported folders that are not of a supported type: left alone, but named */
  skipped: z.array(z.string()).optional(),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const TagCount = z.object({ name: z.string(), documents: z.number().int(), highlights: z.number().int() });
export type TagCount = z.infer<typeof TagCount>;

export const ExportReport = z.object({
  dir: z.string(),
  files: z.array(z.object({ documentId: Id, path: z.string() })),
});
export type ExportReport = z.infer<typeof ExportReport>;

/** Long work the core runs with progress and Cancel, the same in every host. */
export const JobKind = z.enum(['import', 'export']);
export type JobKind = z.infer<typeof JobKind>;

export const JobProgress = z.object({
  jobId: z.string(),
  kind: JobKind,
  filesDone: z.number().int().nonnegative(),
  filesTotal: z.number().int().nonnegative(),
  bytesDone: z.number().nonnegative(),
  bytesTotal: z.number().nonnegative(),
  /** the file being worked on */
  current: z.string().optional(),
  /** an estimate of the time left, once there is a rate to go by */
  secondsLeft: z.number().int().nonnegative().optional(),
});
export type JobProgress = z.infer<typeof JobProgress>;

export const JobResult = z.object({
  jobId: z.string(),
  kind: JobKind,
  outcome: z.enum(['done', 'cancelled', 'failed']),
  /** one line for the status bar: what happened */
  message: z.string(),
  importReport: ImportReport.optional(),
  exportReport: ExportReport.optional(),
});
export type JobResult = z.infer<typeof JobResult>;

/**
 * What the user can take back, one kind per command: highlight create, colour, note, tags (several at
 * once: 'highlight:update'), delete; document rename, tags, note, delete (to the Trash) and restore.
 */
export const HistoryKind = z.enum([
  'highlight:create',
  'highlight:color',
  'highlight:note',
  'highlight:tags',
  'highlight:update',
  'highlight:delete',
  'document:rename',
  'document:tags',
  'document:note',
  'document:delete',
  'document:restore',
]);
export type HistoryKind = z.infer<typeof HistoryKind>;

/** Whether Undo and Redo can do anything, and what, as an Edit menu says it ("Undo highlight colour"). */
export const HistoryState = z.object({
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  undoLabel: z.string().optional(),
  redoLabel: z.string().optional(),
});
export type HistoryState = z.infer<typeof HistoryState>;

/** What one Undo or Redo did; `done: false` when there was nothing to undo or redo (not an error). */
export const HistoryStep = z.object({
  done: z.boolean(),
  /** "Undo highlight colour", "Redo delete document" */
  label: z.string().optional(),
  kind: HistoryKind.optional(),
  /** the document the step changed, and the highlight, if it was one */
  documentId: Id.optional(),
  highlightId: Id.optional(),
  /** Undo and Redo as they are after this step */
  state: HistoryState,
});
export type HistoryStep = z.infer<typeof HistoryStep>;
