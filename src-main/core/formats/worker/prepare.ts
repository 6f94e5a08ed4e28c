// What a parser thread does for an import: read the file (when it has a path), parse it, fetch the
// images it names beside it, and serialize what will be stored, so the host's main thread only has to
// append finished bytes to a pack. Runs in the worker; also callable in-thread (tests, tools).
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { encodeContent } from '../../store/content-codec';
import { recordBytes } from '../../search-files';
import { analyzeRecord, documentFields } from '../../search-index';
import { SCHEMA_VERSION } from '../../store/migrations';
import { imageType, MAX_ASSET_BYTES } from '../images';
import { normalizeFile, readingModelOf } from '../index';
import type { NormalizedDocument } from '../types';
import type { ParseOptions } from './pool';

/** A file to prepare: its bytes, or a path to read them from. */
export interface PrepareJob {
  name: string;
  path?: string;
  /** what the file was when the import listed it: a parser thread need not look at it again before reading it */
  listed?: { size: number; regular: boolean };
  bytes?: Uint8Array;
  opts?: ParseOptions;
}

/** A document ready to store: its metadata and the bytes of every part. */
export interface PreparedFile {
  doc: Omit<NormalizedDocument, 'text' | 'blocks' | 'toc' | 'sections' | 'pages' | 'assets'>;
  /** the original bytes */
  source: Uint8Array;
  /** the reading model as stored (content-codec.ts) */
  content: Uint8Array;
  assets: { name: string; bytes: Uint8Array }[];
  /** its words as the search index's log keeps them (search-files.ts `recordBytes`) */
  words: Uint8Array;
}

export async function prepareFile(job: PrepareJob): Promise<PreparedFile> {
  const bytes = job.bytes ?? readFileSync(job.path!);
  const doc = await normalizeFile(job.name, bytes, job.opts ?? {});
  const assets = resolveAssets(doc, job.path);
  const { text: _t, blocks: _b, toc: _toc, sections: _s, pages: _p, assets: _a, ...rest } = doc;
  const content = encodeContent(readingModelOf(doc), SCHEMA_VERSION);
  // Its words for search too, while its text is in hand: the host then indexes it as it stores it.
  const headings = doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.text);
  const words = recordBytes(analyzeRecord(documentFields({ text: doc.text, title: doc.title, headings: headings.join('\n') })));
  return { doc: rest, source: bytes, content, assets, words };
}

/**
 * The images a parser named, as bytes: its own (an EPUB's), or files beside the source it referred to
 * (a saved page's), looked for in the source's folder and below, never above. Only real images
 * (checked by their first bytes, not their names) are kept; a block whose image is missing keeps its
 * alt text or caption and shows as a placeholder.
 */
export function resolveAssets(doc: NormalizedDocument, sourcePath: string | undefined): PreparedFile['assets'] {
  const out: PreparedFile['assets'] = [];
  const folder = sourcePath ? dirname(sourcePath) : undefined;
  for (const asset of doc.assets) {
    const bytes = 'bytes' in asset ? asset.bytes : folder ? readBeside(folder, asset.ref) : undefined;
    if (bytes && bytes.byteLength <= MAX_ASSET_BYTES && imageType(bytes)) out.push({ name: asset.name, bytes });
  }
  const found = new Set(out.map((a) => a.name));
  for (const block of doc.blocks) if (block.src !== undefined && !found.has(block.src)) delete block.src;
  return out;
}

function readBeside(folder: string, relativePath: string): Uint8Array | undefined {
  const target = resolve(folder, relativePath);
  if (!target.startsWith(folder + sep)) return undefined;
  try {
    const info = statSync(target);
    return info.isFile() && info.size <= MAX_ASSET_BYTES ? readFileSync(target) : undefined;
  } catch {
    return undefined;
  }
}
