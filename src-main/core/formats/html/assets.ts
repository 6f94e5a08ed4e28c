// The images a web page brings with it. Only two kinds are ever stored: a file beside the page (a page
// saved "complete" with its _files folder), named by a path that stays inside the page's folder, and
// a raster image written into the page as a data: URI. Anything else (http, //host, file:, an SVG
// that could hold script) is never fetched or kept: its block shows a placeholder with its alt text.
import { imageType, MAX_ASSET_BYTES } from '../images';
import type { DraftAsset } from '../types';

const DATA_IMAGE = /^data:image\/(png|jpeg|jpg|gif|webp)(;[^,]*)?,/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const EXTENSIONS: Record<string, string> = { png: 'png', jpg: 'jpg', jpeg: 'jpg', jpe: 'jpg', gif: 'gif', webp: 'webp', avif: 'avif' };
const EXTENSION_OF_TYPE: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };
/** A data: URI's header (its type and parameters) is read from this many characters at most, never from the megabytes after it. */
const MAX_DATA_HEADER = 256;
/** An image address longer than this is no address a page needs; only a data: URI is ever this long. */
const MAX_IMAGE_ADDRESS = 4096;
/** What an inline image's place holds while the page is read: short, and kept by the sanitizer like any data: image. */
const INLINE_REF = /^data:image\/png;gloss-inline=(\d+),$/;

/** Whether an <img src> can become a stored image at all; the sanitizer drops every other src. */
export function isLocalImageSource(src: string): boolean {
  const value = src.trim();
  return DATA_IMAGE.test(value.slice(0, MAX_DATA_HEADER)) || relativeImagePath(value) !== undefined;
}

/**
 * A relative address as written in a page ("My Page_files/photo.jpg", "./img/a%20b.png?v=2") → the
 * path of the file beside the page ("My Page_files/photo.jpg", "img/a b.png"), or undefined when it
 * is not a relative path to an image or would leave the page's folder.
 */
export function relativeImagePath(src: string): string | undefined {
  let value = src.trim();
  if (value === '' || SCHEME.test(value) || value.startsWith('/') || value.startsWith('\\')) return undefined;
  value = value.replace(/[?#].*$/s, '');
  try {
    value = decodeURIComponent(value);
  } catch {
    // Left as written: a stray "%" is a legal character in a file name.
  }
  // Decoding can reveal what the escapes hid (an encoded scheme, a leading slash, a NUL).
  if (SCHEME.test(value) || /^[/\\]/.test(value) || hasControlCharacter(value)) return undefined;
  const parts: string[] = [];
  for (const part of value.split(/[/\\]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  if (parts.length === 0) return undefined;
  if (!extensionOf(parts[parts.length - 1])) return undefined;
  return parts.join('/');
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}

function extensionOf(file: string): string | undefined {
  const dot = file.lastIndexOf('.');
  return dot > 0 ? EXTENSIONS[file.slice(dot + 1).toLowerCase()] : undefined;
}

/** Collects a page's images as assets, each stored once however often the page shows it. */
export class PageAssets {
  readonly assets: DraftAsset[] = [];
  private readonly bySource = new Map<string, string | undefined>();
  /** the data: URIs taken out of the page, by the reference left in their place, and the other way round */
  private readonly inlined: string[] = [];
  private readonly refOf = new Map<string, string>();

  /**
   * An <img src> as the page wrote it → what its element carries while the page is read: a short
   * address unchanged; a long data: raster image as a short reference (the URI itself is kept here);
   * any other long address as nothing (a placeholder). An inline image is often megabytes, and a step
   * that reads an address (jsdom's URL parser behind Readability's img.src) takes seconds per megabyte.
   */
  readonly stash = (src: string): string | undefined => {
    if (src.length <= MAX_IMAGE_ADDRESS) return src;
    const value = src.trim();
    if (!DATA_IMAGE.test(value.slice(0, MAX_DATA_HEADER))) return undefined;
    let ref = this.refOf.get(value);
    if (!ref) {
      ref = `data:image/png;gloss-inline=${this.inlined.length},`;
      this.inlined.push(value);
      this.refOf.set(value, ref);
    }
    return ref;
  };

  /**
   * The page's markup with each long data: address in a quoted src attribute stashed, before the HTML
   * parser walks its megabytes one character at a time. Found with indexOf (no pattern ever runs over
   * the data); what this misses (an unquoted or escaped address) is stashed from the parsed page.
   */
  stashMarkup(markup: string): string {
    const out: string[] = [];
    let last = 0;
    let at = markup.indexOf('data:');
    while (at >= 0) {
      const quote = markup[at - 1];
      const end = quote === '"' || quote === "'" ? markup.indexOf(quote, at) : -1;
      if (end - at > MAX_IMAGE_ADDRESS && /\ssrc\s*=\s*$/i.test(markup.slice(Math.max(0, at - 32), at - 1))) {
        out.push(markup.slice(last, at), this.stash(markup.slice(at, end)) ?? '');
        last = end;
      }
      at = markup.indexOf('data:', Math.max(end, at + 1));
    }
    if (last === 0) return markup;
    out.push(markup.slice(last));
    return out.join('');
  }

  /** An <img src> as written (or as stashed) → the asset name its block refers to, or undefined for a placeholder. */
  readonly image = (src: string): string | undefined => {
    const key = src.trim();
    if (this.bySource.has(key)) return this.bySource.get(key);
    const name = this.add(key);
    this.bySource.set(key, name);
    return name;
  };

  private add(written: string): string | undefined {
    const ref = INLINE_REF.exec(written);
    const src = ref ? this.inlined[Number(ref[1])] : written;
    if (src === undefined) return undefined;
    if (DATA_IMAGE.test(src.slice(0, MAX_DATA_HEADER))) {
      const bytes = decodeDataUri(src);
      // Stored only when its bytes are the raster image it claims to be kind of (never an SVG or a program).
      const type = bytes && imageType(bytes);
      if (!bytes || !type || !EXTENSION_OF_TYPE[type]) return undefined;
      return this.push(EXTENSION_OF_TYPE[type], (name) => ({ name, bytes }));
    }
    const path = relativeImagePath(src);
    if (!path) return undefined;
    const existing = this.assets.find((a) => 'ref' in a && a.ref === path);
    if (existing) return existing.name;
    return this.push(extensionOf(path)!, (name) => ({ name, ref: path }));
  }

  private push(ext: string, make: (name: string) => DraftAsset): string {
    const asset = make(`img-${this.assets.length + 1}.${ext}`);
    this.assets.push(asset);
    return asset.name;
  }
}

/**
 * The bytes of a data: URI (base64 or percent-encoded), in a buffer of their own (assets cross threads);
 * undefined when it is damaged or larger than any image Gloss stores. No pattern runs over the
 * data: Node's base64 decoder skips white space itself.
 */
function decodeDataUri(uri: string): Uint8Array | undefined {
  const comma = uri.indexOf(',');
  const header = uri.slice(0, comma);
  const body = uri.slice(comma + 1);
  try {
    const buffer = /;base64$/i.test(header) ? Buffer.from(body, 'base64') : Buffer.from(decodeURIComponent(body), 'latin1');
    if (buffer.byteLength > MAX_ASSET_BYTES) return undefined;
    return new Uint8Array(buffer);
  } catch {
    return undefined;
  }
}
