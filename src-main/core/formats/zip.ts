// Reading zip archives (EPUB books, and any other zipped format) without trusting them. Imported files are
// untrusted: an archive may declare a million entries, name an entry '../../etc/passwd', or hold a few
// kilobytes that inflate to gigabytes. Everything here is bounded before it is spent: the entry count is
// checked from the end record before the central directory is walked, declared sizes are checked before
// anything is inflated, and inflation runs in small steps that stop as soon as the output passes what the
// entry declared (so a lying header costs at most one step) or a cap. Pure: bytes in, bytes out.
import { Inflate } from 'fflate';
import iconv from 'iconv-lite';
import { GlossError } from '../errors';

export interface ZipLimits {
  /** entries in the central directory */
  maxEntries: number;
  /** bytes one entry may inflate to */
  maxEntryBytes: number;
  /** bytes all entries together may inflate to (declared at open, actual across reads) */
  maxTotalBytes: number;
}

export const ZIP_LIMITS: ZipLimits = { maxEntries: 10_000, maxEntryBytes: 64 * 1024 * 1024, maxTotalBytes: 512 * 1024 * 1024 };

export interface ZipEntry {
  /** the path inside the archive, '/'-separated, checked safe */
  name: string;
  /** declared inflated size */
  size: number;
  compressedSize: number;
  /** 0 stored, 8 deflated; anything else cannot be read */
  method: number;
  encrypted: boolean;
  crc: number;
  /** where its local header starts */
  offset: number;
  directory: boolean;
}

export interface OpenZipOptions {
  /** what the file should have been, for "x is not <kind> (not a zip archive)": "an EPUB" */
  kind?: string;
  limits?: Partial<ZipLimits>;
}

/**
 * One entry that cannot be read (damaged data, an unknown compression method) while the archive as a whole
 * is sound: a caller may skip that entry and say so. Refusals of the whole archive are plain GlossErrors.
 */
export class DamagedEntryError extends GlossError {
  constructor(
    message: string,
    readonly entry: string,
  ) {
    super('invalid_input', message);
  }
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50;
const SIG_END64_LOCATOR = 0x07064b50;
const END_SIZE = 22;
const MAX_COMMENT = 0xffff;
/** Compressed bytes handed to the inflater per step: deflate expands at most ~1032×, so one step's output stays near 4 MB. */
const INFLATE_STEP = 4 * 1024;

const MB = 1024 * 1024;
const sizeText = (bytes: number): string => (bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.ceil(bytes / 1024)} KB`);

/**
 * Opens an archive: finds and checks its central directory (entry count, names, declared sizes). Throws a
 * GlossError ('invalid_input') naming the file when it is not a zip, is cut short, or is hostile.
 */
export function openZip(fileName: string, bytes: Uint8Array, opts: OpenZipOptions = {}): ZipArchive {
  const limits = { ...ZIP_LIMITS, ...opts.limits };
  const fail = (why: string): never => {
    throw new GlossError('invalid_input', `${fileName} ${why}`);
  };
  const notZip = opts.kind ? `is not ${opts.kind} (not a zip archive)` : 'is not a zip archive';
  const cutShort = 'is damaged (the archive is cut short)';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const startsLikeZip = bytes.length >= 4 && view.getUint32(0, true) === SIG_LOCAL;

  const end = findEndRecord(view);
  if (end < 0) return fail(startsLikeZip ? cutShort : notZip);

  let entryCount = view.getUint16(end + 10, true);
  let directorySize = view.getUint32(end + 12, true);
  let directoryOffset = view.getUint32(end + 16, true);
  let directoryEnd = end;
  const locator = end - 20;
  if (locator >= 0 && view.getUint32(locator, true) === SIG_END64_LOCATOR) {
    const end64 = readUint64(view, locator + 8);
    if (end64 + 56 > locator || view.getUint32(end64, true) !== SIG_END64) return fail(cutShort);
    entryCount = readUint64(view, end64 + 32);
    directorySize = readUint64(view, end64 + 40);
    directoryOffset = readUint64(view, end64 + 48);
    directoryEnd = end64;
  }
  // Before walking anything: a declared count past the cap is refused without reading a single record.
  if (entryCount > limits.maxEntries)
    return fail(
      `is refused: it holds ${entryCount.toLocaleString('en')} files, more than the ${limits.maxEntries.toLocaleString('en')} Gloss reads from one archive`,
    );
  // An archive with data prepended (a self-extractor, a download header) has every offset shifted by the same amount.
  const shift = directoryEnd - directorySize - directoryOffset;
  if (directoryOffset + directorySize > directoryEnd || shift < 0) return fail(cutShort);

  const entries: ZipEntry[] = [];
  let declaredTotal = 0;
  let at = directoryOffset + shift;
  const stop = at + directorySize;
  while (entries.length < entryCount) {
    if (at + 46 > stop || view.getUint32(at, true) !== SIG_CENTRAL) return fail('is damaged (its list of files is unreadable)');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    let compressedSize = view.getUint32(at + 20, true);
    let size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let offset = view.getUint32(at + 42, true);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > stop) return fail('is damaged (its list of files is unreadable)');
    const rawName = bytes.subarray(at + 46, at + 46 + nameLength);
    if (size === 0xffffffff || compressedSize === 0xffffffff || offset === 0xffffffff) {
      const zip64 = readZip64Extra(view, at + 46 + nameLength, extraLength, { size, compressedSize, offset });
      ({ size, compressedSize, offset } = zip64);
    }
    at = next;
    const written = decodeName(rawName, (flags & 0x800) !== 0);
    // Some Windows tools write '\' between folders, against the format: read as '/', so the one guard
    // below sees the path the entry really names ('..\..\x' climbs out like '../../x').
    const name = written.replaceAll('\\', '/');
    const unsafe = unsafePathReason(name);
    if (unsafe) return fail(`is refused: the entry "${printable(written)}" ${unsafe}`);
    const directory = name.endsWith('/');
    if (!directory && size > limits.maxEntryBytes)
      return fail(`is refused: an entry would expand to more than ${sizeText(limits.maxEntryBytes)} ("${printable(name)}")`);
    declaredTotal += directory ? 0 : size;
    if (declaredTotal > limits.maxTotalBytes) return fail(`is refused: its files would expand to more than ${sizeText(limits.maxTotalBytes)} in all`);
    entries.push({ name, size, compressedSize, method, encrypted: (flags & 1) !== 0, crc, offset: offset + shift, directory });
  }
  return new ZipArchive(fileName, bytes, entries, limits);
}

export class ZipArchive {
  private readonly byName = new Map<string, ZipEntry>();
  private readonly byFoldedName = new Map<string, ZipEntry>();
  private inflatedBytes = 0;

  constructor(
    readonly fileName: string,
    private readonly bytes: Uint8Array,
    readonly entries: readonly ZipEntry[],
    private readonly limits: ZipLimits,
  ) {
    // The first of duplicate names wins, as in the central directory's order.
    for (const entry of entries) {
      const key = canonicalPath(entry.name) ?? entry.name;
      if (!this.byName.has(key)) this.byName.set(key, entry);
      if (!this.byFoldedName.has(key.toLowerCase())) this.byFoldedName.set(key.toLowerCase(), entry);
    }
  }

  /** Bytes inflated so far by `read`, across all entries. */
  get inflated(): number {
    return this.inflatedBytes;
  }

  /** An entry by path ('a/./b' = 'a/b'), exactly or else ignoring case (books made on Windows mix cases). */
  find(path: string): ZipEntry | undefined {
    const key = canonicalPath(path);
    if (key === undefined) return undefined;
    return this.byName.get(key) ?? this.byFoldedName.get(key.toLowerCase());
  }

  /**
   * An entry's bytes, inflated with its size checked against what it declared and the caps, and its
   * checksum checked. Throws DamagedEntryError for an entry that cannot be read, GlossError for a hostile one.
   */
  read(entryOrPath: ZipEntry | string): Uint8Array {
    const entry = typeof entryOrPath === 'string' ? this.find(entryOrPath) : entryOrPath;
    if (!entry) throw new DamagedEntryError(`${this.fileName} has no file "${printable(String(entryOrPath))}"`, String(entryOrPath));
    const label = `"${printable(entry.name)}"`;
    if (entry.encrypted)
      throw new GlossError('invalid_input', `${this.fileName} is refused: ${label} is encrypted (password-protected archives cannot be read)`);
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const at = entry.offset;
    if (at + 30 > this.bytes.length) throw new GlossError('invalid_input', `${this.fileName} is damaged (the archive is cut short)`);
    if (view.getUint32(at, true) !== SIG_LOCAL)
      throw new DamagedEntryError(`${this.fileName} is damaged (${label} cannot be found where the archive says)`, entry.name);
    const dataStart = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const dataEnd = dataStart + entry.compressedSize;
    if (dataEnd > this.bytes.length) throw new GlossError('invalid_input', `${this.fileName} is damaged (the archive is cut short)`);
    const data = this.bytes.subarray(dataStart, dataEnd);

    // Both caps apply to what is really produced; the declared size is the tighter bound in practice.
    const room = Math.min(entry.size, this.limits.maxEntryBytes, this.limits.maxTotalBytes - this.inflatedBytes);
    const overflow = (produced: number): GlossError => {
      if (produced > entry.size)
        return new GlossError('invalid_input', `${this.fileName} is refused: ${label} expands to more than the ${entry.size} bytes it declares`);
      if (produced > this.limits.maxEntryBytes)
        return new GlossError(
          'invalid_input',
          `${this.fileName} is refused: an entry would expand to more than ${sizeText(this.limits.maxEntryBytes)} (${label})`,
        );
      return new GlossError(
        'invalid_input',
        `${this.fileName} is refused: its files would expand to more than ${sizeText(this.limits.maxTotalBytes)} in all`,
      );
    };

    let out: Uint8Array;
    if (entry.method === 0) {
      if (data.length > room) throw overflow(data.length);
      out = data.slice();
    } else if (entry.method === 8) {
      out = inflateBounded(
        data,
        room,
        overflow,
        () => new DamagedEntryError(`${this.fileName} is damaged (${label} cannot be decompressed)`, entry.name),
      );
    } else {
      throw new DamagedEntryError(`${this.fileName} uses a compression Gloss cannot read for ${label} (method ${entry.method})`, entry.name);
    }
    this.inflatedBytes += out.length;
    if (out.length !== entry.size || crc32(out) !== entry.crc) {
      throw new DamagedEntryError(`${this.fileName} is damaged (${label} does not match its checksum)`, entry.name);
    }
    return out;
  }
}

function inflateBounded(data: Uint8Array, room: number, overflow: (produced: number) => GlossError, damaged: () => GlossError): Uint8Array {
  const chunks: Uint8Array[] = [];
  let produced = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    produced += chunk.length;
    if (produced > room) throw overflow(produced);
    if (chunk.length) chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    let i = 0;
    do {
      inflater.push(data.subarray(i, i + INFLATE_STEP), i + INFLATE_STEP >= data.length);
      i += INFLATE_STEP;
    } while (i < data.length);
  } catch (error) {
    if (error instanceof GlossError) throw error;
    throw damaged();
  }
  if (!ended) throw damaged();
  const out = new Uint8Array(produced);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** The end-of-central-directory record's offset, searched backwards over the longest possible comment; -1 when absent. */
function findEndRecord(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - END_SIZE - MAX_COMMENT);
  for (let at = view.byteLength - END_SIZE; at >= lowest; at--) {
    if (view.getUint32(at, true) === SIG_END && at + END_SIZE + view.getUint16(at + 20, true) <= view.byteLength) return at;
  }
  return -1;
}

function readUint64(view: DataView, at: number): number {
  if (at < 0 || at + 8 > view.byteLength) return Number.MAX_SAFE_INTEGER;
  const high = view.getUint32(at + 4, true);
  // Past 2^53 nothing real fits in memory anyway: report it as "too big" rather than lose precision.
  return high >= 0x200000 ? Number.MAX_SAFE_INTEGER : high * 0x100000000 + view.getUint32(at, true);
}

function readZip64Extra(
  view: DataView,
  start: number,
  length: number,
  values: { size: number; compressedSize: number; offset: number },
): { size: number; compressedSize: number; offset: number } {
  const out = { ...values };
  for (let at = start; at + 4 <= start + length;) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      // Only the fields whose 32-bit value is saturated are present, in this order.
      let field = at + 4;
      const take = (): number => {
        const value = field + 8 <= at + 4 + size ? readUint64(view, field) : Number.MAX_SAFE_INTEGER;
        field += 8;
        return value;
      };
      if (values.size === 0xffffffff) out.size = take();
      if (values.compressedSize === 0xffffffff) out.compressedSize = take();
      if (values.offset === 0xffffffff) out.offset = take();
      return out;
    }
    at += 4 + size;
  }
  return out;
}

function decodeName(raw: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return new TextDecoder('utf-8').decode(raw);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    // Without the UTF-8 flag the format's own code page is IBM 437 (what old Windows zippers wrote).
    return iconv.decode(Buffer.from(raw), 'cp437');
  }
}

/** Why an entry's name ('/'-separated) is unsafe to treat as a path inside the archive, or undefined when it is fine. */
function unsafePathReason(name: string): string | undefined {
  if (name === '') return 'has no name';
  if (hasControlCharacter(name)) return 'has control characters in its name';
  if (/^[A-Za-z]:/.test(name)) return 'names a drive (an absolute path)';
  if (name.startsWith('/')) return 'has an absolute path';
  let depth = 0;
  for (const segment of name.split('/')) {
    if (segment === '..') depth--;
    else if (segment !== '' && segment !== '.') depth++;
    if (depth < 0) return "has a path leading outside the archive ('..')";
  }
  return undefined;
}

/** 'a/./b/../c' → 'a/c'; undefined when it climbs out of the root. */
export function canonicalPath(path: string): string | undefined {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (!out.length) return undefined;
      out.pop();
    } else out.push(segment);
  }
  return out.join('/') + (path.endsWith('/') && out.length ? '/' : '');
}

const hasControlCharacter = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true;
  return false;
};

/** An entry name fit for a message: control characters shown as '?', long names cut. */
const printable = (name: string): string => {
  const clean = Array.from(name, (c) => (c.charCodeAt(0) < 0x20 ? '?' : c)).join('');
  return clean.length > 80 ? `${clean.slice(0, 77)}…` : clean;
};

let crcTable: Uint32Array | undefined;

export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
