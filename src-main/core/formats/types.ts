import type { Block, DocumentFormat, ReadingModel } from '../model';
import type { BlockDraft } from './blocks';

/** What a parser is given: a file's bytes, its name (for messages), and the user's encoding if they chose one. */
export interface ParseInput {
  /** the file's name, for messages ("report.pdf is …") */
  name: string;
  bytes: Uint8Array;
  /** "Reopen with encoding…": decode with this (a WHATWG label) instead of detecting */
  encoding?: string;
}

/** A place named by the parser: a block and an offset inside that block's text (0 = its start). */
export interface DraftLandmark {
  label: string;
  block: number;
  offset?: number;
  level?: number;
}

/**
 * A file stored with its document (an image of a page or a book). `bytes` when the parser has them
 * (an EPUB's entries); `ref` when they are a file beside the source, a path relative to the source's
 * folder that the importer reads and checks (a web page saved "complete" with its _files folder).
 * Blocks refer to it by `name` in `src`; an asset that cannot be found leaves its image a placeholder.
 */
export type DraftAsset = { name: string; bytes: Uint8Array } | { name: string; ref: string };

/** What the file says about itself. Every field optional: the registry fills the gaps. */
export interface DraftMeta {
  title?: string;
  author?: string;
  published?: string;
  siteName?: string;
  language?: string;
  dir?: 'ltr' | 'rtl';
  /** the encoding the text was decoded with */
  encoding?: string;
  tags?: string[];
}

/** A parser's answer: blocks plus what it learnt about the document. Pure data, so it can cross threads. */
export interface ParsedDocument {
  blocks: BlockDraft[];
  meta: DraftMeta;
  toc?: DraftLandmark[];
  sections?: DraftLandmark[];
  pages?: DraftLandmark[];
  assets?: DraftAsset[];
  /** things the reader should know about how it was read ("3 bytes were not valid Shift_JIS…") */
  notices?: string[];
  /**
   * the decoded text the duplicate check hashes (text formats: the same text in two encodings is one
   * document); when absent the file's bytes are hashed
   */
  hashText?: string;
}

export type Parser = (input: ParseInput) => ParsedDocument | Promise<ParsedDocument>;

/** A file turned into Gloss's reading model, ready to store. */
export interface NormalizedDocument extends ReadingModel {
  format: DocumentFormat;
  blocks: Block[];
  /** a sensible title: never a date line, never scraped junk, never a whole paragraph */
  title: string;
  words: number;
  /** sha256 (hex) of hashText when the parser gave one, else of the bytes */
  hash: string;
  meta: Omit<DraftMeta, 'title' | 'tags'>;
  tags: string[];
  assets: DraftAsset[];
  notices: string[];
}
