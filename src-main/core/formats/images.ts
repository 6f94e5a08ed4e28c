// The images Gloss stores with a document, known by their first bytes (never by a name or a declared
// type): raster formats a browser shows inertly. SVG is left out: it is a document that can hold script.

/** The largest image stored with a document. */
export const MAX_ASSET_BYTES = 32 * 1024 * 1024;

const starts = (bytes: Uint8Array, signature: readonly number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The MIME type of a PNG, JPEG, GIF, WebP or AVIF image, or undefined for anything else. */
export function imageType(bytes: Uint8Array): string | undefined {
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(bytes, ascii('GIF87a')) || starts(bytes, ascii('GIF89a'))) return 'image/gif';
  if (starts(bytes, ascii('RIFF')) && starts(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (starts(bytes, ascii('ftypavif'), 4) || starts(bytes, ascii('ftypavis'), 4)) return 'image/avif';
  return undefined;
}
