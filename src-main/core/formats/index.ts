// The importer registry: each supported format (catalog.ts) with the parser that turns its bytes into
// the reading model. Adding a format = an entry in the catalog and a parser here.
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { GlossError } from '../errors';
import type { DocumentFormat } from '../model';
import { assembleBlocks, countWords, type BlockDraft } from './blocks';
import { extensionOf, formatSize, IMPORT_FORMATS_TEXT, importFormatFor, MAX_IMPORT_BYTES } from './catalog';
import { decodeText } from './decode';
import { parseMarkdown } from './markdown';
import { parsePlainText } from './plainText';
import { chooseTitle } from './title';
import type { NormalizedDocument } from './types';

export type { NormalizedDocument } from './types';
export { chooseTitle } from './title';

interface Importer {
  format: DocumentFormat;
  /** the stored original's extension (documents/<id>/source.<ext>) */
  sourceExtension: string;
  parse(source: string): BlockDraft[];
}

const IMPORTERS: Record<DocumentFormat, Importer> = {
  text: { format: 'text', sourceExtension: 'txt', parse: parsePlainText },
  markdown: { format: 'markdown', sourceExtension: 'md', parse: parseMarkdown },
};

export const sourceExtensionOf = (format: DocumentFormat): string => IMPORTERS[format].sourceExtension;

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() || name;
}

/** Whether Gloss can import a file of this name (decided by its extension, case-insensitively). */
export function isSupportedFile(name: string): boolean {
  return importFormatFor(name) !== undefined;
}

/** Why a file of this name cannot be imported, or undefined when it can. */
export function unsupportedReason(name: string): string | undefined {
  if (isSupportedFile(name)) return undefined;
  const ext = extensionOf(name);
  return `${baseName(name)} is not a supported file type${ext ? ` (${ext})` : ''}; Gloss imports ${IMPORT_FORMATS_TEXT}`;
}

export function assertImportableSize(name: string, bytes: number): void {
  if (bytes > MAX_IMPORT_BYTES) {
    throw new GlossError(
      'too_large',
      `${baseName(name)} is ${formatSize(bytes)}, more than the ${formatSize(MAX_IMPORT_BYTES)} Gloss can import from one file; split it into parts and import those.`,
    );
  }
}

/**
 * Files under a folder, recursively, skipping hidden files and folders, in a stable order: the ones
 * Gloss can import, and the ones it cannot (so an import can say what it left out).
 */
export async function listFolder(dir: string): Promise<{ importable: string[]; unsupported: string[] }> {
  const out = { importable: [] as string[], unsupported: [] as string[] };
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) (isSupportedFile(entry.name) ? out.importable : out.unsupported).push(full);
    }
  };
  await walk(dir);
  return out;
}

/** A stored original turned (again) into the reading model: how a damaged content.json is rebuilt. */
export function parseSource(format: DocumentFormat, source: string): { text: string; blocks: NormalizedDocument['blocks'] } {
  return assembleBlocks(IMPORTERS[format].parse(source));
}

/**
 * A file's bytes turned into Gloss's reading model. Throws GlossError with a message naming the file
 * when it is refused: wrong type, too large, binary, not UTF-8, or empty.
 */
export function normalizeFile(name: string, bytes: Uint8Array): NormalizedDocument {
  const displayName = baseName(name);
  const reason = unsupportedReason(name);
  if (reason) throw new GlossError('unsupported', reason);
  assertImportableSize(name, bytes.byteLength);
  const format = importFormatFor(name)!.format;
  const source = decodeText(displayName, bytes);
  const { text, blocks } = parseSource(format, source);
  return {
    format,
    text,
    blocks,
    title: chooseTitle(blocks, text, format, displayName),
    words: countWords(text),
    hash: createHash('sha256').update(source, 'utf8').digest('hex'),
    source,
  };
}
