// Document bodies in pack files. A folder of its own per document costs a directory and two file
// creations per import, each a journal write the disk makes the import wait for; a thousand small
// articles then take seconds. Packs put many bodies in one append-only file instead, written in large
// chunks and made durable with one fdatasync per batch, before library.json names them.
//
//   <data>/packs/<name>.pack   records, one per stored body, never changed once written:
//     "GLOSSPK1" | u32 LE header length | header JSON | the parts' bytes
//   header: { id, meta, parts: { <part name>: [offset from record start, length] } }
//   parts: "source" (the original bytes), "content" (the reading model, see content-codec.ts),
//   "asset:<name>" (images)
//
// A record says which document it is and carries its metadata as imported, so the bodies can be
// recovered if library.json and its backup are ever both lost. A changed body (a reading model rebuilt,
// another encoding) is a new record; the old one becomes garbage, and a pack no document points into
// any more is removed at the next open.
import { randomBytes } from 'node:crypto';
import { readSync } from 'node:fs';
import { mkdir, open, readdir, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { GlossError } from '../errors';
import type { DocumentMeta } from '../model';
import { fsyncDir } from './durable-json';

const MAGIC = Buffer.from('GLOSSPK1', 'latin1');
const PREFIX = MAGIC.length + 4;
/** Pending bytes are written out in chunks of about this size. */
const WRITE_CHUNK = 4 * 1024 * 1024;
/** A pack stops taking records past this size (a new one is started). */
const PACK_LIMIT = 256 * 1024 * 1024;
/** Reads keep at most this many packs open (more only while reads use them). */
const MAX_READERS = 8;

/** A pack's read handle and how many reads are using it. */
interface Reader {
  handle: Promise<FileHandle>;
  /** the handle's descriptor once it is open, for reads made at once (readSync) */
  fd?: number;
  users: number;
}

/** Closes a read handle once no read uses it. */
async function closeReader(reader: Reader): Promise<void> {
  const handle = await reader.handle.catch(() => null);
  while (reader.users > 0) await new Promise((resolve) => setImmediate(resolve));
  await handle?.close().catch(() => undefined);
}
/** A header larger than this is damage, not a record. */
const MAX_HEADER = 16 * 1024 * 1024;

export type BodyLocation = NonNullable<DocumentMeta['body']>;
export type PartName = 'source' | 'content' | `asset:${string}`;

export interface RecordHeader {
  id: string;
  meta: Omit<DocumentMeta, 'body'>;
  parts: Record<string, [number, number]>;
}

/** What an erased record's header says: only how long it is, so a scan can step over it. */
interface Tombstone {
  erased: true;
  length: number;
}

export const packFileName = (pack: string) => `${pack}.pack`;

/** Appends records to one new pack; `sync` makes everything appended so far durable. */
class PackWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private size = 0;
  private handle: Promise<FileHandle> | null = null;
  private created = false;

  constructor(
    private readonly dir: string,
    readonly name: string,
  ) {}

  /** Whether the pack has reached `limit` bytes and takes no more records. */
  fullAt(limit: number): boolean {
    return this.size >= limit;
  }

  append(header: Omit<RecordHeader, 'parts'>, parts: [PartName, Uint8Array][]): BodyLocation {
    // Offsets depend on the header's own length, which depends on the offsets: every number in the
    // parts table is padded with spaces (JSON allows them) to the width the largest could have, so the
    // header's length is known before its offsets are.
    const bodyLength = parts.reduce((n, [, bytes]) => n + bytes.byteLength, 0);
    const wide = String(PREFIX + MAX_HEADER + bodyLength).length;
    const names = parts.map(([name]) => JSON.stringify(name));
    const open = `${JSON.stringify(header).slice(0, -1)},"parts":{`;
    const tableLength = names.reduce((n, name) => n + Buffer.byteLength(name) + 4 + 2 * wide, 0) + names.length - 1;
    let at = PREFIX + Buffer.byteLength(open) + tableLength + 2;
    const table = parts.map(([, bytes], i) => {
      const entry = `${names[i]}:[${String(at).padEnd(wide)},${String(bytes.byteLength).padEnd(wide)}]`;
      at += bytes.byteLength;
      return entry;
    });
    const json = Buffer.from(`${open}${table.join(',')}}}`);
    const prefix = Buffer.alloc(PREFIX);
    MAGIC.copy(prefix);
    prefix.writeUInt32LE(json.length, MAGIC.length);
    const offset = this.size;
    this.push(prefix);
    this.push(json);
    for (const [, bytes] of parts) this.push(bytes);
    return { pack: this.name, offset, length: this.size - offset };
  }

  private push(bytes: Uint8Array): void {
    this.pending.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    this.pendingBytes += bytes.byteLength;
    this.size += bytes.byteLength;
  }

  /** Writes what is pending when there is a chunk's worth; `sync` writes the rest. */
  async writeSome(): Promise<void> {
    if (this.pendingBytes >= WRITE_CHUNK) await this.writePending();
  }

  private async writePending(): Promise<FileHandle> {
    this.handle ??= mkdir(this.dir, { recursive: true }).then(() => open(join(this.dir, packFileName(this.name)), 'wx'));
    const handle = await this.handle;
    if (this.pendingBytes > 0) {
      const parts = this.pending;
      const length = this.pendingBytes;
      this.pending = [];
      this.pendingBytes = 0;
      // Appends only: the handle's position is the file's end. Gathered by the kernel, not copied here.
      const { bytesWritten } = await handle.writev(parts);
      if (bytesWritten !== length) throw new Error(`only ${bytesWritten} of ${length} bytes could be written (is the disk full?)`);
    }
    return handle;
  }

  /** Everything appended so far is on disk when this resolves. */
  async sync(): Promise<void> {
    if (this.size === 0) return;
    const handle = await this.writePending();
    await handle.datasync();
    if (!this.created) {
      this.created = true;
      await fsyncDir(this.dir);
    }
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    if (handle) await (await handle).close();
  }
}

export class PackStore {
  /** read handles kept open for range reads (search snippets read many small pieces) */
  private readonly readers = new Map<string, Reader>();
  private writer: PackWriter | null = null;
  /** full packs still being written out and closed */
  private finishing: Promise<void>[] = [];
  /** headers read so far: a record never changes, so they never go stale */
  private readonly headers = new Map<string, RecordHeader>();

  constructor(
    readonly dir: string,
    /** a pack takes no more records past this size (tests make it small) */
    private readonly packLimit = PACK_LIMIT,
  ) {}

  /** Adds a body; durable only after `sync`. */
  append(meta: DocumentMeta, parts: [PartName, Uint8Array][]): BodyLocation {
    if (!this.writer || this.writer.fullAt(this.packLimit)) {
      const old = this.writer;
      // A full pack is finished in the background; the next sync waits for it, so nothing it holds
      // is named in library.json before it is on disk.
      if (old) this.finishing.push(old.sync().finally(() => old.close()));
      this.writer = new PackWriter(this.dir, newPackName());
    }
    const { body: _body, ...stored } = meta;
    return this.writer.append({ id: meta.id, meta: stored }, parts);
  }

  /** Lets large imports write as they go rather than hold everything until the next sync. */
  writeSome(): Promise<void> {
    return this.writer?.writeSome() ?? Promise.resolve();
  }

  async sync(): Promise<void> {
    const finishing = this.finishing.splice(0);
    await Promise.all([...finishing, this.writer?.sync()]);
  }

  async close(): Promise<void> {
    const readers = [...this.readers.values()];
    this.readers.clear();
    await Promise.all(readers.map((r) => closeReader(r)));
    const writer = this.writer;
    this.writer = null;
    await Promise.all(this.finishing.splice(0));
    if (writer) {
      await writer.sync();
      await writer.close();
    }
  }

  /** The packs this process is writing, which cleanup must never take for strays. */
  get open(): string[] {
    return this.writer ? [this.writer.name] : [];
  }

  async header(at: BodyLocation): Promise<RecordHeader> {
    const key = `${at.pack}@${at.offset}`;
    const known = this.headers.get(key);
    if (known) return known;
    await this.writer?.sync();
    const header = await this.reading(at.pack, (handle) => readHeader(handle, at.offset, at.length));
    if ('erased' in header) throw damaged(at);
    this.headers.set(key, header);
    return header;
  }

  /**
   * Runs `read` with a read handle on the pack, kept open for the next read. A few packs' handles are
   * kept; one is closed to make room only when no read is using it.
   */
  private async reading<T>(pack: string, read: (handle: FileHandle) => Promise<T>): Promise<T> {
    let reader = this.readers.get(pack);
    if (!reader) {
      const opened: Reader = { handle: open(join(this.dir, packFileName(pack)), 'r'), users: 0 };
      reader = opened;
      this.readers.set(pack, reader);
      opened.handle.then(
        (handle) => (opened.fd = handle.fd),
        () => this.readers.get(pack) === opened && this.readers.delete(pack),
      );
      for (const [name, idle] of this.readers) {
        if (this.readers.size <= MAX_READERS) break;
        if (idle.users > 0 || idle === reader) continue;
        this.readers.delete(name);
        void closeReader(idle);
      }
    } else {
      // most recently used last, so the first idle one is the one to close
      this.readers.delete(pack);
      this.readers.set(pack, reader);
    }
    reader.users++;
    try {
      return await read(await reader.handle);
    } finally {
      reader.users--;
    }
  }

  /**
   * Wipes a record no document points to any more (a deleted document, a body replaced): its bytes are
   * overwritten in place, so what the user deleted is gone from the disk's file, not just unlisted. The
   * header becomes a tombstone of the same size, so a scan still steps over it; the pack's space comes
   * back when none of its records is in use (cleanup at open removes it).
   */
  async erase(at: BodyLocation): Promise<void> {
    this.headers.delete(`${at.pack}@${at.offset}`);
    await this.writer?.sync();
    const handle = await open(join(this.dir, packFileName(at.pack)), 'r+');
    try {
      const header = await readHeader(handle, at.offset, at.length);
      if ('erased' in header) return;
      const prefix = Buffer.alloc(PREFIX);
      await handle.read(prefix, 0, PREFIX, at.offset);
      const headerLength = prefix.readUInt32LE(MAGIC.length);
      const tombstone = JSON.stringify({ erased: true, length: at.length } satisfies Tombstone);
      await handle.write(Buffer.from(tombstone.padEnd(headerLength, ' ')), 0, headerLength, at.offset + PREFIX);
      const zeros = Buffer.alloc(Math.min(WRITE_CHUNK, at.length));
      for (let pos = PREFIX + headerLength; pos < at.length; pos += zeros.length) {
        await handle.write(zeros, 0, Math.min(zeros.length, at.length - pos), at.offset + pos);
      }
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }

  async part(at: BodyLocation, name: PartName): Promise<Uint8Array | undefined> {
    const header = await this.header(at);
    const span = spanOf(header, at, name, 0, Infinity);
    if (!span) return undefined;
    const bytes = Buffer.alloc(span.length);
    const { bytesRead } = await this.reading(at.pack, (handle) => handle.read(bytes, 0, span.length, span.position));
    if (bytesRead !== span.length) throw damaged(at);
    return bytes;
  }

  /**
   * Up to `length` bytes of a record's part from `from` (fewer at the part's end), or undefined when
   * the record has no such part: what a search snippet reads of a long text, not the whole of it.
   */
  async partRange(at: BodyLocation, name: PartName, from: number, length: number): Promise<Uint8Array | undefined> {
    const span = spanOf(await this.header(at), at, name, from, length);
    if (!span) return undefined;
    const bytes = Buffer.alloc(span.length);
    if (span.length === 0) return bytes;
    const { bytesRead } = await this.reading(at.pack, (handle) => handle.read(bytes, 0, span.length, span.position));
    if (bytesRead !== span.length) throw damaged(at);
    return bytes;
  }

  /**
   * `partRange` at once, without a trip through the thread pool: what a search snippet reads, a few
   * kilobytes that are most likely in the system's cache already (an asynchronous read costs more than
   * that in waiting, and waits behind an import's reads). Undefined when it cannot be done at once: the
   * pack is not open for reading yet (it is opened for the next time), or the bytes are not all on
   * disk yet (a record being written); `partRange` then.
   */
  partRangeSync(at: BodyLocation, name: PartName, from: number, length: number): Uint8Array | undefined {
    const reader = this.readers.get(at.pack);
    if (reader?.fd === undefined) {
      if (!reader) void this.reading(at.pack, async () => undefined).catch(() => undefined);
      return undefined;
    }
    const read = (position: number, n: number): Buffer | undefined => {
      const bytes = Buffer.alloc(n);
      return readSync(reader.fd!, bytes, 0, n, position) === n ? bytes : undefined;
    };
    const key = `${at.pack}@${at.offset}`;
    let header = this.headers.get(key);
    if (!header) {
      const prefix = read(at.offset, PREFIX);
      let parsed: RecordHeader | Tombstone;
      try {
        const json = prefix && read(at.offset + PREFIX, headerLength(prefix, at.length));
        if (!json) return undefined;
        parsed = parseHeader(json);
      } catch {
        throw damaged(at);
      }
      if ('erased' in parsed) throw damaged(at);
      this.headers.set(key, (header = parsed));
    }
    const span = spanOf(header, at, name, from, length);
    if (!span) return undefined;
    return span.length === 0 ? Buffer.alloc(0) : read(span.position, span.length);
  }

  /**
   * A part of a small record, read with its header in one read (what a search snippet of a short
   * document needs: one trip to the disk, not three).
   */
  async partOfSmall(at: BodyLocation, name: PartName): Promise<Uint8Array | undefined> {
    if (!this.headers.has(`${at.pack}@${at.offset}`)) await this.writer?.sync();
    const bytes = Buffer.alloc(at.length);
    const { bytesRead } = await this.reading(at.pack, (handle) => handle.read(bytes, 0, at.length, at.offset));
    if (bytesRead !== at.length) throw damaged(at);
    let header: RecordHeader | Tombstone;
    try {
      const length = headerLength(bytes, at.length);
      header = parseHeader(bytes.subarray(PREFIX, PREFIX + length));
    } catch {
      throw damaged(at);
    }
    if ('erased' in header) throw damaged(at);
    const span = header.parts[name];
    if (!span) return undefined;
    if (span[0] + span[1] > at.length) throw damaged(at);
    return bytes.subarray(span[0], span[0] + span[1]);
  }

  /** Every pack file's name (without .pack). */
  async list(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names.filter((n) => n.endsWith('.pack')).map((n) => n.slice(0, -'.pack'.length));
  }

  async remove(pack: string): Promise<void> {
    const reader = this.readers.get(pack);
    this.readers.delete(pack);
    if (reader) await closeReader(reader);
    await rm(join(this.dir, packFileName(pack)), { force: true });
  }

  /** Every whole record in a pack, in order, with where it is; stops at the first damaged or cut one. */
  async *records(pack: string): AsyncGenerator<{ at: BodyLocation; header: RecordHeader }> {
    const handle = await open(join(this.dir, packFileName(pack)), 'r');
    try {
      const { size } = await handle.stat();
      let offset = 0;
      while (offset + PREFIX <= size) {
        let header: RecordHeader | Tombstone;
        let length: number;
        try {
          header = await readHeader(handle, offset, size - offset);
          length = 'erased' in header ? header.length : Math.max(PREFIX, ...Object.values(header.parts).map(([o, l]) => o + l));
        } catch {
          return;
        }
        if (offset + length > size || length <= PREFIX) return;
        if (!('erased' in header)) yield { at: { pack, offset, length }, header };
        offset += length;
      }
    } finally {
      await handle.close();
    }
  }
}

async function readHeader(handle: FileHandle, offset: number, available: number): Promise<RecordHeader | Tombstone> {
  const prefix = Buffer.alloc(PREFIX);
  await handle.read(prefix, 0, PREFIX, offset);
  const length = headerLength(prefix, available);
  const json = Buffer.alloc(length);
  const { bytesRead } = await handle.read(json, 0, length, offset + PREFIX);
  if (bytesRead !== length) throw new Error('cut short');
  return parseHeader(json);
}

/** The header's length, from the record's first bytes. */
function headerLength(prefix: Buffer, available: number): number {
  const length = prefix.readUInt32LE(MAGIC.length);
  if (!prefix.subarray(0, MAGIC.length).equals(MAGIC) || length > MAX_HEADER || PREFIX + length > available) throw new Error('not a record');
  return length;
}

function parseHeader(json: Buffer): RecordHeader | Tombstone {
  const header = JSON.parse(json.toString('utf8')) as RecordHeader | Tombstone;
  if ('erased' in header && header.erased === true && Number.isSafeInteger(header.length)) return header;
  if (
    typeof (header as RecordHeader)?.id !== 'string' ||
    typeof (header as RecordHeader).parts !== 'object' ||
    (header as RecordHeader).parts === null
  )
    throw new Error('not a record');
  return header as RecordHeader;
}

/**
 * Where in its pack bytes [from, from + length) of a record's part are (fewer at the part's end), or
 * undefined when the record has no such part.
 */
function spanOf(
  header: RecordHeader,
  at: BodyLocation,
  name: PartName,
  from: number,
  length: number,
): { position: number; length: number } | undefined {
  const span = header.parts[name];
  if (!span) return undefined;
  const [offset, size] = span;
  if (offset + size > at.length) throw damaged(at);
  return { position: at.offset + offset + from, length: Math.max(0, Math.min(length, size - from)) };
}

function damaged(at: BodyLocation): GlossError {
  return new GlossError('io', `The stored body in packs/${packFileName(at.pack)} at ${at.offset} is damaged.`);
}

function newPackName(): string {
  return `${new Date().toISOString().replace(/[-:.]/g, '').replace('T', '-')}-${randomBytes(4).toString('hex')}`;
}
