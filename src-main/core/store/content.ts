// A document's body: its original bytes, its reading model and its images. New documents keep them in
// pack files (packs.ts); documents imported before packs keep a folder of their own
// (documents/<id>/source.<ext> and content.json), read as they always were.
//
// The reading model is derived data: when it is missing or damaged it is rebuilt from the stored
// original and the reader is told. A folder's rebuilt content.json is written back (the damaged one
// kept aside); a pack record never changes, so a rebuilt pack body is kept in memory for this session.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GlossError } from '../errors';
import { readingModelOf, sourceExtensionOf } from '../formats';
import type { NormalizedDocument } from '../formats/types';
import type { ParseOptions } from '../formats/worker/pool';
import type { DocumentMeta, ReadingModel } from '../model';
import { decodeContent, encodeContent } from './content-codec';
import { moveAside, replaceFileSynced, type Report } from './durable-json';
import { ContentFile, SCHEMA_VERSION, type DataPaths } from './files';
import { upgradeFile } from './migrations';
import { PackStore, type BodyLocation, type PartName } from './packs';

export interface ReadContent {
  content: ContentFile;
  /** set when the stored reading model had to be rebuilt */
  notice?: string;
}

/** What is stored for one document: the original, the reading model (or its stored bytes, made by a parser thread), its images. */
export interface Body {
  source: Uint8Array;
  content: ReadingModel | Uint8Array;
  assets: { name: string; bytes: Uint8Array }[];
}

/** A record this small is read whole for a piece of its text (one read instead of three). */
const SMALL_RECORD = 64 * 1024;

export class ContentStore {
  readonly packs: PackStore;
  private readonly rebuilt = new Map<string, ReadContent>();
  /** where each pack body's text starts in its content part (textRange) */
  private readonly textStarts = new Map<string, number>();

  constructor(
    private readonly paths: DataPaths,
    private readonly readOnly: boolean,
    private readonly report: Report,
    /** a stored original read again (in a parser thread: a large one must not hold up the host) */
    private readonly parse: (name: string, bytes: Uint8Array, opts: ParseOptions) => Promise<NormalizedDocument>,
  ) {
    this.packs = new PackStore(paths.packsDir);
  }

  /** Stores a body (durable after `sync`) and says where. */
  add(meta: DocumentMeta, body: Body): BodyLocation {
    const parts: [PartName, Uint8Array][] = [
      ['source', body.source],
      ['content', body.content instanceof Uint8Array ? body.content : encodeContent(readingModelOf(body.content), SCHEMA_VERSION)],
    ];
    for (const asset of body.assets) parts.push([`asset:${asset.name}`, asset.bytes]);
    return this.packs.append(meta, parts);
  }

  sync(): Promise<void> {
    return this.packs.sync();
  }

  /** The original bytes as imported. */
  async source(meta: DocumentMeta): Promise<Uint8Array> {
    try {
      const bytes = meta.body
        ? await this.packs.part(meta.body, 'source')
        : await readFile(this.paths.source(meta.id, sourceExtensionOf(meta.format)));
      if (bytes) return bytes;
    } catch {
      // reported below
    }
    throw new GlossError('not_found', `The original of "${meta.title}" is missing from the data folder.`);
  }

  /** An image stored with the document, or undefined. */
  async asset(meta: DocumentMeta, name: string): Promise<Uint8Array | undefined> {
    if (meta.body) return this.packs.part(meta.body, `asset:${name}`).catch(() => undefined);
    return readFile(join(this.paths.documentDir(meta.id), 'assets', name)).catch(() => undefined);
  }

  /**
   * `length` bytes of a document's canonical text (UTF-8) from byte `from`, read from its pack without
   * the rest of the reading model; undefined for a body that is not stored that way (read it whole).
   */
  async textRange(meta: DocumentMeta, from: number, length: number): Promise<string | undefined> {
    const at = meta.body;
    if (!at || this.rebuilt.has(`${at.pack}@${at.offset}`)) return undefined;
    const key = `${at.pack}@${at.offset}`;
    if (at.length <= SMALL_RECORD) {
      // A short document: the whole record in one read, the text found in it.
      const content = await this.packs.partOfSmall(at, 'content').catch(() => undefined);
      if (!content) return undefined;
      const start = textStartIn(content);
      return start < 0 ? undefined : utf8(content.subarray(start + from, start + from + length));
    }
    let start = this.textStarts.get(key);
    if (start === undefined) {
      // The text follows the reading model's first line (content-codec.ts): find where that line ends.
      for (let read = 4096; ; read *= 4) {
        const head = await this.packs.partRange(at, 'content', 0, read).catch(() => undefined);
        if (!head) return undefined;
        start = textStartIn(head);
        if (start >= 0) break;
        if (head.byteLength < read) return undefined; // no line break: an older whole-JSON body
      }
      this.knowTextStart(key, start);
    }
    const bytes = await this.packs.partRange(at, 'content', start + from, length);
    return bytes && utf8(bytes);
  }

  /**
   * `textRange` read at once (PackStore.partRangeSync), for a search's snippets; undefined when that
   * cannot be done (textRange then).
   */
  textRangeAtOnce(meta: DocumentMeta, from: number, length: number): string | undefined {
    const at = meta.body;
    if (!at) return undefined;
    const key = `${at.pack}@${at.offset}`;
    if (this.rebuilt.has(key)) return undefined;
    let start = this.textStarts.get(key);
    if (start === undefined) {
      const head = this.packs.partRangeSync(at, 'content', 0, 4096);
      start = head ? textStartIn(head) : -1;
      if (start < 0) return undefined;
      this.knowTextStart(key, start);
    }
    const bytes = this.packs.partRangeSync(at, 'content', start + from, length);
    return bytes && utf8(bytes);
  }

  private knowTextStart(key: string, start: number): void {
    if (this.textStarts.size >= 50_000) this.textStarts.clear();
    this.textStarts.set(key, start);
  }

  async read(meta: DocumentMeta): Promise<ReadContent> {
    const key = meta.body ? `${meta.body.pack}@${meta.body.offset}` : meta.id;
    const known = this.rebuilt.get(key);
    if (known) return known;
    let problem: string;
    try {
      const raw = meta.body ? await this.packs.part(meta.body, 'content') : await readFile(this.paths.content(meta.id));
      if (!raw) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      const parsed = ContentFile.safeParse(upgradeFile('content', decodeContent(raw)));
      if (parsed.success) return { content: parsed.data };
      problem = 'damaged';
    } catch (error) {
      problem = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'damaged';
    }
    const rebuilt = await this.rebuild(meta, problem);
    // The reader is told once; later reads this session answer from memory.
    if (meta.body) this.rebuilt.set(key, { content: rebuilt.content });
    return rebuilt;
  }

  private async rebuild(meta: DocumentMeta, problem: string): Promise<ReadContent> {
    const source = await this.source(meta).catch(() => {
      throw new GlossError('not_found', `The text of "${meta.title}" is missing from the data folder, and so is its original.`);
    });
    const doc = await this.parse(meta.title, source, { format: meta.format, ...(meta.encoding ? { encoding: meta.encoding } : {}) });
    const content: ContentFile = { schema: SCHEMA_VERSION, ...readingModelOf(doc) };
    const notice = `The reading text of "${meta.title}" was ${problem}; Gloss rebuilt it from the stored original.`;
    if (!this.readOnly && !meta.body) {
      const path = this.paths.content(meta.id);
      if (problem === 'damaged') await moveAside(path).catch(() => undefined);
      await replaceFileSynced(path, JSON.stringify(content), this.paths.dataDir);
    }
    this.report(notice);
    return { content, notice };
  }
}

/** Where the text starts in a content part's first bytes (past the reading model's line), or -1 when they hold no line break. */
function textStartIn(head: Uint8Array): number {
  const newline = Buffer.from(head.buffer, head.byteOffset, head.byteLength).indexOf(0x0a);
  return newline < 0 ? -1 : newline + 1;
}

const utf8 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
