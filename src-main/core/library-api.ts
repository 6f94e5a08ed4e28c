// What the core offers every host: the library's operations, by the reader's names.
import type {
  Color,
  DocRef,
  DocumentContent,
  DocumentSummary,
  ExportReport,
  Highlight,
  ImportReport,
  TagCount,
} from './model';

export type HolderKind = 'desktop app' | 'browser mode' | 'command line';

export interface OpenOptions {
  /** who is opening it: told to a second writer that finds the folder locked */
  holder: HolderKind;
  /** read without taking the writer's lock (CLI list/search); every write then fails */
  readOnly?: boolean;
  /** folder holding welcome.md; defaults to the repository's resources/ */
  resourcesDir?: string;
  /**
   * keep the full-text index current in the background (after opening and after each change), so
   * searches answer at once; for long-running hosts, not for one-shot commands
   */
  indexInBackground?: boolean;
}

export interface ImportProgress {
  done: number;
  total: number;
  source: string;
}

export interface NewHighlight {
  documentId: string;
  start: number;
  end: number;
  color: Color;
  note?: string;
  tags?: string[];
}

export interface HighlightChange {
  documentId: string;
  id: string;
  color?: Color;
  note?: string;
  tags?: string[];
}

export interface LibraryApi {
  readonly dataDir: string;
  /** problems found while opening: corrupt files moved aside, backups restored */
  readonly warnings: string[];
  close(): Promise<void>;

  /** Every document, newest first; with a query, the matches (titles, bodies, notes) best first, each with a snippet. */
  listDocuments(filter?: { query?: string; tag?: string }): Promise<DocumentSummary[]>;
  getDocument(id: string): Promise<DocumentContent>;
  /** Import files and folders (recursively: .txt, .md, .markdown). Never throws for one bad file. */
  importPaths(paths: string[], opts?: { onProgress?: (p: ImportProgress) => void; signal?: AbortSignal }): Promise<ImportReport>;
  /** Import one file's bytes; `name` decides the format, `source` is recorded. */
  importBytes(files: { name: string; source: string; bytes: Uint8Array }[]): Promise<ImportReport>;
  addWelcome(): Promise<DocRef>;
  renameDocument(id: string, title: string): Promise<DocumentSummary>;
  setDocumentTags(id: string, tags: string[]): Promise<DocumentSummary>;
  deleteDocument(id: string): Promise<void>;

  listHighlights(documentId: string): Promise<Highlight[]>;
  createHighlight(input: NewHighlight): Promise<Highlight>;
  updateHighlight(change: HighlightChange): Promise<Highlight>;
  deleteHighlight(documentId: string, id: string): Promise<void>;

  listTags(): Promise<TagCount[]>;
  exportMarkdown(outDir: string, documentIds?: string[]): Promise<ExportReport>;
}
