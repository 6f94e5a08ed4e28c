import type { Block, DocumentFormat } from '../model';

/** A file turned into Gloss's reading model, ready to store. */
export interface NormalizedDocument {
  format: DocumentFormat;
  /** the canonical text: every block's text joined with BLOCK_SEPARATOR */
  text: string;
  blocks: Block[];
  /** a sensible title: never a date line, never scraped junk, never a whole paragraph */
  title: string;
  words: number;
  /** sha256 (hex) of the decoded source text with line endings normalized to LF and no BOM */
  hash: string;
  /** the decoded source text (LF line endings, no BOM), stored beside the database as the original */
  source: string;
}
