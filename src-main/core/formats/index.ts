// The importer registry: each supported format (catalog.ts) with the parser that turns its bytes into
// the reading model. Adding a format = an entry in the catalog and a parser here.
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { GlossError } from '../errors';
import type { DocumentFormat, ReadingModel } from '../model';
import { normalizeTags } from '../tags';
import { assembleDocument, countWords } from './blocks';
import {
  extensionOf,
  formatSize,
  IMPORT_FORMATS_TEXT,
  importFormatFor,
  isJunk,
  isPageFilesFolder,
  isSupportedFile,
  MAX_IMPORT_BYTES,
} from './catalog';
import { parsePlainText } from './plainText';
import { chooseTitle, plainLine } from './title';
import type { NormalizedDocument, ParsedDocument, Parser } from './types';

export type { NormalizedDocument } from './types';
export { chooseTitle } from './title';

interface Importer {
  format: DocumentFormat;
  /** the stored original's extension (source.<ext>) */
  sourceExtension: string;
  parse: Parser;
}

/**
 * The decoders (encoding detection, iconv-lite's tables) are loaded when the first text is read, not
 * with this module: a process that never parses (a search from the command line) never loads them.
 */
let decoder: Promise<typeof import('./decode')> | undefined;

/** Text formats: bytes decoded (detected encoding, or the user's), then parsed. */
function textParser(parse: (text: string) => Omit<ParsedDocument, 'hashText'> | Promise<Omit<ParsedDocument, 'hashText'>>): Parser {
  return async (input) => {
    const { decodeBytes } = await (decoder ??= import('./decode'));
    const { text, encoding, notices } = decodeBytes(input.name, input.bytes, input.encoding ? { encoding: input.encoding } : {});
    const parsed = await parse(text);
    const allNotices = [...notices, ...(parsed.notices ?? [])];
    return { ...parsed, meta: { ...parsed.meta, encoding }, hashText: text, ...(allNotices.length ? { notices: allNotices } : {}) };
  };
}

// Plain text is most of what a large import holds, so its parser is loaded with this module (its
// decoders with the first text); the others (markdown-it, DOMPurify, jsdom, pdf.js: far more code)
// when a file of theirs first comes, so a parser thread starts in a few milliseconds.
const IMPORTERS: Record<DocumentFormat, Importer> = {
  text: { format: 'text', sourceExtension: 'txt', parse: textParser(parsePlainText) },
  markdown: { format: 'markdown', sourceExtension: 'md', parse: textParser(async (text) => (await import('./markdown')).parseMarkdown(text)) },
  html: { format: 'html', sourceExtension: 'html', parse: async (input) => (await import('./html')).parseHtml(input) },
  epub: { format: 'epub', sourceExtension: 'epub', parse: async (input) => (await import('./epub')).parseEpub(input) },
  pdf: { format: 'pdf', sourceExtension: 'pdf', parse: async (input) => (await import('./pdf')).parsePdf(input) },
};

export const sourceExtensionOf = (format: DocumentFormat): string => IMPORTERS[format].sourceExtension;

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() || name;
}

export { isSupportedFile } from './catalog';

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
 * Files under a folder, recursively, in a stable order: the ones Gloss can import, the ones it
 * cannot (so an import can say what it left out), and what is there but is no file (a named pipe, a
 * device, a socket), with why it is not read. Junk is ignored, and so is the folder of files a
 * browser saves beside a page ("Page_files" next to "Page.html"): those are the page's images.
 */
export async function listFolder(
  dir: string,
): Promise<{ importable: string[]; unsupported: string[]; notFiles: { path: string; message: string }[] }> {
  const out = { importable: [] as string[], unsupported: [] as string[], notFiles: [] as { path: string; message: string }[] };
  const walk = async (folder: string): Promise<void> => {
    const entries = (await readdir(folder, { withFileTypes: true })).filter((e) => !isJunk(e.name));
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const names = entries.map((e) => e.name);
    for (const entry of entries) {
      const full = join(folder, entry.name);
      // A link is taken for what it points to: a file is imported (or refused) like any other; a
      // folder is not followed, so a link back up the tree cannot make a walk without end.
      const kind = entry.isSymbolicLink() ? await stat(full).catch(() => undefined) : entry;
      if (entry.isDirectory()) {
        if (!isPageFilesFolder(entry.name, names)) await walk(full);
      } else if (kind?.isDirectory()) continue;
      else if (!kind || kind.isFile()) {
        // (a link to nothing is listed too: reading it says what is wrong)
        (isSupportedFile(entry.name) ? out.importable : out.unsupported).push(full);
      } else {
        // Not read: a pipe found in a folder would keep the import waiting for a writer.
        const what = kind.isFIFO() ? 'a named pipe' : 'a device or a socket';
        out.notFiles.push({ path: full, message: `${full} is ${what}, not a file; Gloss imports the files in a folder.` });
      }
    }
  };
  await walk(dir);
  return out;
}

/** The part of a normalized document that is stored as its reading model. */
export function readingModelOf(doc: ReadingModel): ReadingModel {
  const { text, blocks, toc, sections, pages } = doc;
  return { text, blocks, ...(toc ? { toc } : {}), ...(sections ? { sections } : {}), ...(pages ? { pages } : {}) };
}

/**
 * A file's bytes turned into Gloss's reading model (a stored original re-read, too: a damaged
 * content.json rebuilt, or "Reopen with encoding…"). Throws GlossError with a message naming the file
 * when it is refused: wrong type, too large, binary, undecodable, broken, or empty.
 */
export async function normalizeFile(
  name: string,
  bytes: Uint8Array,
  opts: { format?: DocumentFormat; encoding?: string } = {},
): Promise<NormalizedDocument> {
  const displayName = baseName(name);
  const format = opts.format ?? importFormatFor(name)?.format;
  if (!format) throw new GlossError('unsupported', unsupportedReason(name)!);
  assertImportableSize(name, bytes.byteLength);
  const parsed = await IMPORTERS[format].parse({ name: displayName, bytes, ...(opts.encoding ? { encoding: opts.encoding } : {}) });
  const model = assembleDocument(parsed);
  if (model.text.trim() === '' && !model.blocks.some((b) => b.kind === 'image')) {
    throw new GlossError('invalid_input', `${displayName} has no text Gloss can show`);
  }
  const { title, tags, ...found } = parsed.meta;
  const meta = withPlainNames(found);
  const hash = createHash('sha256');
  if (parsed.hashText !== undefined) hash.update(parsed.hashText, 'utf8');
  else hash.update(bytes);
  return {
    format,
    ...model,
    // The one place a document's title is settled: whatever the format or the file said, it is plain text.
    title: plainLine(title ?? '') || plainLine(chooseTitle(model.blocks, model.text, format, displayName)) || 'Untitled',
    words: countWords(model.text),
    hash: hash.digest('hex'),
    meta,
    tags: normalizeTags((tags ?? []).map(plainLine)),
    assets: parsed.assets ?? [],
    notices: parsed.notices ?? [],
  };
}

/** What a file says of its author and site as plain lines (no control characters); one left empty is dropped. */
function withPlainNames(meta: NormalizedDocument['meta']): NormalizedDocument['meta'] {
  const out = { ...meta };
  for (const key of ['author', 'siteName', 'published'] as const) {
    const value = out[key] === undefined ? undefined : plainLine(out[key]);
    if (value) out[key] = value;
    else delete out[key];
  }
  return out;
}
