// Builds the test books and hostile archives for tests/unit/epub.test.ts in memory: nothing binary is
// committed, and every text in them is written for these tests.
import { Deflate, deflateSync, zipSync, type Zippable } from 'fflate';
import { crc32 } from '../../../src-main/core/formats/zip';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export type BookFiles = Record<string, string | Uint8Array>;

export interface BookOptions {
  /** where the mimetype entry goes and what it holds ('first' = the spec's way) */
  mimetype?: 'first' | 'last' | 'missing';
  mimetypeText?: string;
  /** extra entries before the book's own (junk a packer left) */
  junk?: BookFiles;
}

/** An EPUB's bytes from its files (paths inside the archive → text or bytes), zipped by fflate. */
export function zipBook(files: BookFiles, opts: BookOptions = {}): Uint8Array {
  const entries: Zippable = {};
  const mimetype: [Uint8Array, { level: 0 }] = [utf8(opts.mimetypeText ?? 'application/epub+zip'), { level: 0 }];
  if ((opts.mimetype ?? 'first') === 'first') entries.mimetype = mimetype;
  for (const [name, data] of Object.entries(opts.junk ?? {})) entries[name] = typeof data === 'string' ? utf8(data) : data;
  for (const [name, data] of Object.entries(files)) entries[name] = typeof data === 'string' ? utf8(data) : data;
  if (opts.mimetype === 'last') entries.mimetype = mimetype;
  return zipSync(entries);
}

export const container = (opfPath = 'OEBPS/content.opf') => `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="${opfPath}" media-type="application/oebps-package+xml"/></rootfiles>
</container>`;

export interface Chapter {
  id: string;
  href: string;
  body: string;
  title?: string;
  lang?: string;
  linear?: boolean;
  /** leave it out of the archive (listed in the spine only) */
  missing?: boolean;
}

export interface PackageOptions {
  title?: string;
  creators?: { name: string; role?: string }[];
  language?: string;
  date?: string;
  version?: '2.0' | '3.0';
  direction?: 'ltr' | 'rtl';
  /** manifest items beyond the chapters (images, the nav, the NCX) */
  items?: string[];
  /** the spine's toc attribute (EPUB 2's NCX id) */
  ncxId?: string;
}

export const xhtml = (title: string, body: string, lang = 'en') => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="${lang}" lang="${lang}">
<head><title>${title}</title></head>
<body>${body}</body>
</html>`;

export function opf(chapters: Chapter[], o: PackageOptions = {}): string {
  const creators = (o.creators ?? [{ name: 'Ada Quill' }])
    .map((c, i) =>
      o.version === '2.0'
        ? `<dc:creator${c.role ? ` opf:role="${c.role}"` : ''}>${c.name}</dc:creator>`
        : `<dc:creator id="c${i}">${c.name}</dc:creator>${c.role ? `<meta refines="#c${i}" property="role" scheme="marc:relators">${c.role}</meta>` : ''}`,
    )
    .join('\n    ');
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" xmlns:opf="http://www.idpf.org/2007/opf" version="${o.version ?? '3.0'}" unique-identifier="uid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:12345678-aaaa-bbbb-cccc-1234567890ab</dc:identifier>
    <dc:title>${o.title ?? 'The Lantern Keeper'}</dc:title>
    ${creators}
    <dc:language>${o.language ?? 'en'}</dc:language>
    ${o.date ? `<dc:date>${o.date}</dc:date>` : ''}
  </metadata>
  <manifest>
    ${chapters.map((c) => `<item id="${c.id}" href="${c.href}" media-type="application/xhtml+xml"/>`).join('\n    ')}
    ${(o.items ?? []).join('\n    ')}
  </manifest>
  <spine${o.ncxId ? ` toc="${o.ncxId}"` : ''}${o.direction ? ` page-progression-direction="${o.direction}"` : ''}>
    ${chapters.map((c) => `<itemref idref="${c.id}"${c.linear === false ? ' linear="no"' : ''}/>`).join('\n    ')}
  </spine>
</package>`;
}

export interface NavEntry {
  label: string;
  href: string;
  children?: NavEntry[];
}

export function nav(entries: NavEntry[]): string {
  const list = (items: NavEntry[]): string =>
    `<ol>${items.map((e) => `<li><a href="${e.href}">${e.label}</a>${e.children?.length ? list(e.children) : ''}</li>`).join('')}</ol>`;
  return xhtml('Contents', `<nav epub:type="toc" id="toc"><h1>Contents</h1>${list(entries)}</nav>`);
}

export function ncx(entries: NavEntry[], title = 'The Lantern Keeper'): string {
  let order = 0;
  const points = (items: NavEntry[]): string =>
    items
      .map(
        (e) =>
          `<navPoint id="np${++order}" playOrder="${order}"><navLabel><text>${e.label}</text></navLabel><content src="${e.href}"/>${points(e.children ?? [])}</navPoint>`,
      )
      .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
  <head><meta name="dtb:uid" content="urn:uuid:12345678-aaaa-bbbb-cccc-1234567890ab"/></head>
  <docTitle><text>${title}</text></docTitle>
  <navMap>${points(entries)}</navMap>
</ncx>`;
}

/** A whole book: container, package, chapters (each a full XHTML file), and any other files. */
export function book(chapters: Chapter[], pkg: PackageOptions = {}, extra: BookFiles = {}, opts: BookOptions = {}): Uint8Array {
  const files: BookFiles = { 'META-INF/container.xml': container(), 'OEBPS/content.opf': opf(chapters, pkg) };
  for (const c of chapters) if (!c.missing) files[`OEBPS/${c.href}`] = xhtml(c.title ?? c.id, c.body, c.lang);
  for (const [name, data] of Object.entries(extra)) files[name] = data;
  return zipBook(files, opts);
}

/** The smallest valid PNG (1×1, one grey pixel). */
export const PNG = Uint8Array.from(
  Buffer.from(
    '89504e470d0a1a0a0000000d4948445200000001000000010800000000376ef9240000000a49444154789c636000000002000148afa4710000000049454e44ae426082',
    'hex',
  ),
);

// ---- hand-made archives: what a zip tool would never write ----

export interface RawEntry {
  name: string;
  /** the bytes as they sit in the archive (already deflated when method is 8) */
  data: Uint8Array;
  method?: 0 | 8;
  /** what the headers declare; defaults to the truth */
  size?: number;
  crc?: number;
  flags?: number;
}

/**
 * A zip written field by field, so headers can lie. `declareEntries` puts a count in a ZIP64 end record
 * (an archive "holding" a million files without the bytes of a million records).
 */
export function rawZip(entries: RawEntry[], opts: { declareEntries?: number } = {}): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = utf8(e.name);
    const size = e.size ?? e.data.length;
    const crc = e.crc ?? 0;
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(6, (e.flags ?? 0) | 0x800, true);
    local.setUint16(8, e.method ?? 0, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, e.data.length, true);
    local.setUint32(22, size, true);
    local.setUint16(26, name.length, true);
    locals.push(new Uint8Array(local.buffer), name, e.data);
    const central = new DataView(new ArrayBuffer(46));
    central.setUint32(0, 0x02014b50, true);
    central.setUint16(4, 20, true);
    central.setUint16(6, 20, true);
    central.setUint16(8, (e.flags ?? 0) | 0x800, true);
    central.setUint16(10, e.method ?? 0, true);
    central.setUint32(16, crc, true);
    central.setUint32(20, e.data.length, true);
    central.setUint32(24, size, true);
    central.setUint16(28, name.length, true);
    central.setUint32(42, offset, true);
    centrals.push(new Uint8Array(central.buffer), name);
    offset += 30 + name.length + e.data.length;
  }
  const directorySize = centrals.reduce((n, c) => n + c.length, 0);
  const tail: Uint8Array[] = [];
  const count = opts.declareEntries ?? entries.length;
  if (count > 0xffff) {
    const end64 = new DataView(new ArrayBuffer(56));
    end64.setUint32(0, 0x06064b50, true);
    end64.setBigUint64(4, 44n, true);
    end64.setUint16(12, 45, true);
    end64.setUint16(14, 45, true);
    end64.setBigUint64(24, BigInt(count), true);
    end64.setBigUint64(32, BigInt(count), true);
    end64.setBigUint64(40, BigInt(directorySize), true);
    end64.setBigUint64(48, BigInt(offset), true);
    const locator = new DataView(new ArrayBuffer(20));
    locator.setUint32(0, 0x07064b50, true);
    locator.setBigUint64(8, BigInt(offset + directorySize), true);
    locator.setUint32(16, 1, true);
    tail.push(new Uint8Array(end64.buffer), new Uint8Array(locator.buffer));
  }
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, Math.min(count, 0xffff), true);
  end.setUint16(10, Math.min(count, 0xffff), true);
  end.setUint32(12, count > 0xffff ? 0xffffffff : directorySize, true);
  end.setUint32(16, count > 0xffff ? 0xffffffff : offset, true);
  tail.push(new Uint8Array(end.buffer));
  return concat([...locals, ...centrals, ...tail]);
}

/** A stored entry with honest headers. */
export const stored = (name: string, text: string | Uint8Array): RawEntry => {
  const data = typeof text === 'string' ? utf8(text) : text;
  return { name, data, crc: crc32(data) };
};

/** A deflated entry with honest headers. */
export const deflated = (name: string, text: string | Uint8Array): RawEntry => {
  const data = typeof text === 'string' ? utf8(text) : text;
  return { name, data: deflateSync(data), method: 8, size: data.length, crc: crc32(data) };
};

/**
 * Raw deflate data that inflates to `megabytes` MB of zeros, made in a few milliseconds: one sync-flushed
 * piece of 1 MB of zeros repeated (its back-references only ever see zeros), then an empty final block.
 */
export function zerosBomb(megabytes: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const deflate = new Deflate({ level: 9 }, (chunk) => parts.push(chunk.slice()));
  deflate.push(new Uint8Array(1024 * 1024));
  deflate.flush(true);
  const first = concat(parts.splice(0));
  deflate.push(new Uint8Array(1024 * 1024));
  deflate.flush(true);
  const piece = concat(parts.splice(0));
  return concat([first, ...Array.from({ length: megabytes - 1 }, () => piece), Uint8Array.of(0x03, 0x00)]);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
