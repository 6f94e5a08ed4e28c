// A document's reading model (content.json). It is derived data: when it is missing or damaged it is
// rebuilt from the stored original (source.<ext>), the damaged file kept aside, and the reader told.
import { readFile } from 'node:fs/promises';
import { GlossError } from '../errors';
import { normalizeFile, readingModelOf, sourceExtensionOf } from '../formats';
import type { DocumentMeta } from '../model';
import { moveAside, replaceFileSynced, type Report } from './durable-json';
import { ContentFile, SCHEMA_VERSION, type DataPaths } from './files';
import { upgradeFile } from './migrations';

export interface ReadContent {
  content: ContentFile;
  /** set when the stored reading model had to be rebuilt */
  notice?: string;
}

export class ContentStore {
  constructor(
    private readonly paths: DataPaths,
    private readonly readOnly: boolean,
    private readonly report: Report,
  ) {}

  /** The body files of a new document: its original and its reading model. */
  filesFor(meta: Pick<DocumentMeta, 'id' | 'format'>, source: Uint8Array, content: Omit<ContentFile, 'schema'>): Record<string, string | Uint8Array> {
    return {
      [`source.${sourceExtensionOf(meta.format)}`]: source,
      'content.json': JSON.stringify({ schema: SCHEMA_VERSION, ...content }),
    };
  }

  async read(meta: DocumentMeta): Promise<ReadContent> {
    const path = this.paths.content(meta.id);
    let problem: string;
    try {
      const parsed = ContentFile.safeParse(upgradeFile('content', JSON.parse(await readFile(path, 'utf8'))));
      if (parsed.success) return { content: parsed.data };
      problem = 'damaged';
    } catch (error) {
      problem = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'damaged';
    }
    return this.rebuild(meta, problem);
  }

  private async rebuild(meta: DocumentMeta, problem: string): Promise<ReadContent> {
    let source: Uint8Array;
    try {
      source = await readFile(this.paths.source(meta.id, sourceExtensionOf(meta.format)));
    } catch {
      throw new GlossError('not_found', `The text of "${meta.title}" is missing from the data folder, and so is its original.`);
    }
    const doc = await normalizeFile(meta.title, source, { format: meta.format, ...(meta.encoding ? { encoding: meta.encoding } : {}) });
    const content: ContentFile = { schema: SCHEMA_VERSION, ...readingModelOf(doc) };
    const notice = `The reading text of "${meta.title}" was ${problem}; Gloss rebuilt it from the stored original.`;
    if (!this.readOnly) {
      const path = this.paths.content(meta.id);
      if (problem === 'damaged') await moveAside(path).catch(() => undefined);
      await replaceFileSynced(path, JSON.stringify(content), this.paths.dataDir);
    }
    this.report(notice);
    return { content, notice };
  }
}
