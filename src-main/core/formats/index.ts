import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { GlossError } from '../errors';
import type { DocumentFormat } from '../model';
import { assembleBlocks, countWords } from './blocks';
import { decodeText } from './decode';
import { parseMarkdown } from './markdown';
import { parsePlainText } from './plainText';
import { chooseTitle } from './title';
import type { NormalizedDocument } from './types';

export type { NormalizedDocument } from './types';
export { chooseTitle } from './title';

export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.markdown'] as const;

const FORMAT_BY_EXTENSION: Record<(typeof SUPPORTED_EXTENSIONS)[number], DocumentFormat> = {
  '.txt': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
};

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() || name;
}

function extensionOf(name: string): string {
  const base = baseName(name);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/** Whether Gloss can import a file of this name (decided by its extension, case-insensitively). */
export function isSupportedFile(name: string): boolean {
  return Object.hasOwn(FORMAT_BY_EXTENSION, extensionOf(name));
}

/** Importable files under a folder, recursively, skipping hidden files and folders, in a stable order. */
export async function listImportable(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listImportable(full)));
    else if (entry.isFile() && isSupportedFile(entry.name)) out.push(full);
  }
  return out;
}

/**
 * A file's bytes turned into Gloss's reading model. Throws GlossError('invalid_input') with a
 * message naming the file when it is refused: wrong type, binary, not UTF-8, or empty.
 */
export function normalizeFile(name: string, bytes: Uint8Array): NormalizedDocument {
  const displayName = baseName(name);
  const extension = extensionOf(name);
  if (!Object.hasOwn(FORMAT_BY_EXTENSION, extension)) {
    throw new GlossError('invalid_input', `${displayName} is not a supported file type (Gloss imports .txt and .md)`);
  }
  const format = FORMAT_BY_EXTENSION[extension as keyof typeof FORMAT_BY_EXTENSION];
  const source = decodeText(displayName, bytes);
  const drafts = format === 'markdown' ? parseMarkdown(source) : parsePlainText(source);
  const { text, blocks } = assembleBlocks(drafts);
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
