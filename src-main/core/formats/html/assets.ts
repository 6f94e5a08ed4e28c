// The images a web page brings with it. Only two kinds are ever stored: a file beside the page (a page
// saved "complete" with its _files folder), named by a path that stays inside the page's folder, and
// a raster image written into the page as a data: URI. Anything else (http, //host, file:, an SVG
// that could hold script) is never fetched or kept: its block shows a placeholder with its alt text.
import type { DraftAsset } from '../types';

const DATA_IMAGE = /^data:image\/(png|jpeg|jpg|gif|webp)(;[^,]*)?,/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const EXTENSIONS: Record<string, string> = { png: 'png', jpg: 'jpg', jpeg: 'jpg', jpe: 'jpg', gif: 'gif', webp: 'webp', avif: 'avif' };
/** A data: image larger than this is left a placeholder (the whole page is at most 128 MB anyway). */
const MAX_DATA_IMAGE_CHARS = 16 * 1024 * 1024;

/** Whether an <img src> can become a stored image at all; the sanitizer drops every other src. */
export function isLocalImageSource(src: string): boolean {
  const value = src.trim();
  return DATA_IMAGE.test(value) || relativeImagePath(value) !== undefined;
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

  /** An <img src> as written → the asset name its block refers to, or undefined for a placeholder. */
  readonly image = (src: string): string | undefined => {
    const key = src.trim();
    if (this.bySource.has(key)) return this.bySource.get(key);
    const name = this.add(key);
    this.bySource.set(key, name);
    return name;
  };

  private add(src: string): string | undefined {
    const data = DATA_IMAGE.exec(src);
    if (data) {
      const bytes = src.length <= MAX_DATA_IMAGE_CHARS ? decodeDataUri(src) : undefined;
      if (!bytes || bytes.byteLength === 0) return undefined;
      return this.push(EXTENSIONS[data[1].toLowerCase()], (name) => ({ name, bytes }));
    }
    const ref = relativeImagePath(src);
    if (!ref) return undefined;
    const existing = this.assets.find((a) => 'ref' in a && a.ref === ref);
    if (existing) return existing.name;
    return this.push(extensionOf(ref)!, (name) => ({ name, ref }));
  }

  private push(ext: string, make: (name: string) => DraftAsset): string {
    const asset = make(`img-${this.assets.length + 1}.${ext}`);
    this.assets.push(asset);
    return asset.name;
  }
}

/** The bytes of a data: URI (base64 or percent-encoded), in a buffer of their own (assets cross threads). */
function decodeDataUri(uri: string): Uint8Array | undefined {
  const comma = uri.indexOf(',');
  const header = uri.slice(0, comma);
  const body = uri.slice(comma + 1);
  try {
    const buffer = /;base64$/i.test(header) ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : Buffer.from(decodeURIComponent(body), 'latin1');
    return new Uint8Array(buffer);
  } catch {
    return undefined;
  }
}
