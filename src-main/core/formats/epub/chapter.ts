// One spine document (a chapter's XHTML) to blocks: its images resolved to the book's files first, then
// the HTML importer's sanitizer and walker, with the chapter's ids and links made book-wide.
import type { BlockDraft } from '../blocks';
import { domToBlocks } from '../html/dom-blocks';
import { sanitizedDocument } from '../html/sanitize';
import { imageType, MAX_ASSET_BYTES } from '../images';
import { safeHref } from '../inline';
import type { DraftAsset } from '../types';
import { DamagedEntryError, type ZipArchive } from '../zip';
import type { BookAnchors } from './anchors';
import { resolveHref } from './paths';
import { flattenXml } from './xml';

const EXTENSION: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/avif': 'avif' };

/** The book's images, each stored once (under a name of Gloss's making) however many chapters show it. */
export class BookImages {
  readonly assets: DraftAsset[] = [];
  private readonly byPath = new Map<string, string | undefined>();
  private readonly names = new Set<string>();

  constructor(private readonly zip: ZipArchive) {}

  /**
   * The asset name for an image file of the book, or undefined (a placeholder) when it is missing,
   * damaged, too large or not a raster image a browser shows inertly (known by its bytes, not its name).
   */
  nameFor(path: string): string | undefined {
    if (this.byPath.has(path)) return this.byPath.get(path);
    let name: string | undefined;
    const entry = this.zip.find(path);
    if (entry && !entry.directory && entry.size <= MAX_ASSET_BYTES) {
      let bytes: Uint8Array | undefined;
      try {
        bytes = this.zip.read(entry);
      } catch (error) {
        // A damaged image is a placeholder; a hostile archive is refused as a whole.
        if (!(error instanceof DamagedEntryError)) throw error;
      }
      const type = bytes && imageType(bytes);
      if (bytes && type && EXTENSION[type]) {
        name = `image-${this.assets.length + 1}.${EXTENSION[type]}`;
        this.assets.push({ name, bytes });
        this.names.add(name);
      }
    }
    this.byPath.set(path, name);
    return name;
  }

  isAsset(name: string): boolean {
    return this.names.has(name);
  }
}

export interface ChapterContext {
  /** the chapter's path in the archive */
  path: string;
  /** its key in the book's anchors */
  key: string;
  anchors: BookAnchors;
  images: BookImages;
  contentType: 'text/html' | 'application/xhtml+xml';
}

export interface ChapterBlocks {
  blocks: BlockDraft[];
  /** the chapter's own language and direction, as its root says */
  lang?: string;
  dir?: 'ltr' | 'rtl';
}

/** A chapter's markup to blocks. Nothing in it can run: the HTML importer's sanitizer sees it before it is walked. */
export async function chapterBlocks(markup: string, ctx: ChapterContext): Promise<ChapterBlocks> {
  // XHTML nested thousands deep takes jsdom minutes; the HTML importer's own scan unwraps HTML's nesting
  // but lets XML's <li> and <p> (whose end tags are optional only in HTML) through, so XML is unwrapped here.
  // Entities the chapter's own DTD declares are never expanded (the HTML importer takes its subset out).
  const prepared = resolveImages(markup, ctx);
  const root = await sanitizedDocument(ctx.contentType === 'application/xhtml+xml' ? flattenXml(prepared) : prepared, ctx.contentType);
  const blocks = domToBlocks(root, {
    image: (src) => (ctx.images.isAsset(src) ? src : undefined),
    anchor: (id) => ctx.anchors.issue(ctx.key, id),
    link: (href) => linkFor(href, ctx),
  });
  const out: ChapterBlocks = { blocks };
  const lang = (root.getAttribute('lang') ?? root.getAttribute('xml:lang'))?.trim();
  if (lang) out.lang = lang;
  const dir = root.getAttribute('dir')?.trim().toLowerCase();
  if (dir === 'rtl' || dir === 'ltr') out.dir = dir;
  return out;
}

/**
 * A link as the reading model keeps it: another place in the book becomes '#<anchor>' (settled once
 * every chapter is read), the web and mail stay as they are, anything else is dropped (its text kept).
 */
function linkFor(href: string, ctx: ChapterContext): string | undefined {
  const target = resolveHref(ctx.path, href);
  if (!target) return undefined;
  if (!target.inBook) return safeHref(target.href);
  const key = ctx.anchors.keyOf(target.path);
  if (!key) return undefined;
  return `#${target.fragment ? ctx.anchors.nameOf(key, target.fragment) : key}`;
}

const IMG_SRC = /(<(?:[\w-]+:)?img\b[^>]*?\ssrc\s*=\s*)(?:"([^"]*)"|'([^']*)')/gi;
const SVG_COVER =
  /<(?:[\w-]+:)?svg\b[^>]*>(?:(?!<\/(?:[\w-]+:)?svg\s*>)[\s\S]){0,4000}?<(?:[\w-]+:)?image\b[^>]*?\s(?:[\w-]+:)?href\s*=\s*(?:"([^"]*)"|'([^']*)')[\s\S]*?<\/(?:[\w-]+:)?svg\s*>/gi;

/**
 * Image addresses are relative to the chapter ('../Images/map.png'), which a web page's rules would
 * rightly refuse as leaving its folder; here each is resolved in the archive first and replaced by the
 * name the image is stored under (or nothing). A cover drawn as <svg><image href> becomes an <img>, since
 * the sanitizer removes SVG. This is done on the markup, before the one parse the sanitizer makes (a
 * second parse would double the cost of every chapter); an address the pattern misses is only a
 * placeholder, never a way past the sanitizer, which sees the result.
 */
function resolveImages(markup: string, ctx: ChapterContext): string {
  if (!/<(?:[\w-]+:)?(?:img|image)\b/i.test(markup)) return markup;
  const place = (src: string): string => {
    const target = resolveHref(ctx.path, decodeEntities(src));
    return (target?.inBook && ctx.images.nameFor(target.path)) || '';
  };
  const xml = ctx.contentType === 'application/xhtml+xml';
  // <img> first: the covers' new <img>s already hold stored names.
  return markup
    .replace(IMG_SRC, (_all, start: string, double?: string, single?: string) => `${start}"${place(double ?? single ?? '')}"`)
    .replace(SVG_COVER, (_all, double?: string, single?: string) => {
      const name = place(double ?? single ?? '');
      return name ? (xml ? `<img src="${name}" alt=""/>` : `<img src="${name}" alt="">`) : '';
    });
}

/** The few entities an address in markup can hold ('&amp;' mostly); the rest are left as written. */
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#(\d{1,7})|#x([\da-f]{1,6}));/gi, (all, name: string, dec?: string, hex?: string) => {
    if (dec || hex) {
      const code = dec ? Number(dec) : Number.parseInt(hex!, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name.toLowerCase()] ?? all;
  });
}
