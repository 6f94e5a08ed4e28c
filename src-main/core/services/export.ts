// Export: the library's documents and highlights written out by an exporter from the registry.
import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { GlossError } from '../errors';
import type { ExportFormatId } from '../export/catalog';
import { EXPORTERS, type ExportOptions } from '../export';
import { inReadingOrder } from '../highlight-order';
import type { Landmarks } from '../export/markdown';
import type { DocumentMeta, ExportReport } from '../model';
import { findDocument, liveDocuments, type LibraryContext } from './context';

/** The real path of `path`, or of its nearest existing ancestor joined with the rest (symlinks resolved). */
async function realPathOf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : resolve(await realPathOf(parent), relative(parent, path));
  }
}

const isInside = (child: string, parent: string): boolean => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

export class ExportService {
  constructor(private readonly ctx: LibraryContext) {}

  async run(format: ExportFormatId, outDir: string, documentIds?: string[], opts: ExportOptions = {}): Promise<ExportReport> {
    if (!isAbsolute(outDir)) throw new GlossError('invalid_input', 'Choose an export folder by its full path, not a relative one.');
    const [target, data] = await Promise.all([realPathOf(resolve(outDir)), realPathOf(this.ctx.paths.dataDir)]);
    if (isInside(target, data)) {
      throw new GlossError('invalid_input', `Choose an export folder outside Gloss's data folder (${this.ctx.paths.dataDir}).`);
    }
    // Documents in the Trash are not exported (and naming one is refused, as for any missing document).
    const docs = documentIds ? documentIds.map((id) => findDocument(this.ctx, id)) : liveDocuments(this.ctx);
    const items = await Promise.all(
      docs.map(async (meta) => {
        const highlights = inReadingOrder(this.ctx.annotations.of(meta.id));
        const note = this.ctx.annotations.noteOf(meta.id);
        return {
          meta,
          highlights,
          ...(note.trim() !== '' ? { note } : {}),
          ...(highlights.length > 0 ? { landmarks: await landmarksOf(this.ctx, meta) } : {}),
        };
      }),
    );
    return EXPORTERS[format](outDir, items, opts);
  }
}

/** A PDF's pages or a book's chapters, so a highlight can say where it is (only formats that have them: reading a body costs). */
export async function landmarksOf(ctx: LibraryContext, meta: DocumentMeta): Promise<Landmarks | undefined> {
  if (meta.format !== 'pdf' && meta.format !== 'epub') return undefined;
  const { content } = await ctx.content.read(meta).catch(() => ({ content: undefined }));
  return content ? { pages: content.pages, sections: content.sections } : undefined;
}
