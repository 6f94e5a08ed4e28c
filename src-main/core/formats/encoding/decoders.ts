// One way to turn bytes into text for every encoding Gloss offers, whichever library does it best.
import iconv from 'iconv-lite';
import { decodeHz } from './hz';
import { decodeUtf32 } from './utf32';

// Node's TextDecoder (ICU) reads windows-1252 as ISO-8859-1 (0x80–0x9F come out as C1 controls, so "’" is
// lost), reads ibm866's control bytes wrongly and lacks ISO-8859-16: iconv-lite's tables are right for these.
// It also marks the bytes a Windows code page leaves unassigned as U+FFFD, which tells detection it is wrong.
const ICONV = new Set([
  'windows-874',
  'windows-1250',
  'windows-1251',
  'windows-1252',
  'windows-1253',
  'windows-1254',
  'windows-1255',
  'windows-1256',
  'windows-1257',
  'windows-1258',
  'ibm866',
  'iso-8859-16',
]);

/** Encodings of one byte a character: a byte in 0x80–0x9F that comes out as a C1 control means the guess is wrong. */
export const SINGLE_BYTE = new Set([
  ...ICONV,
  'iso-8859-2',
  'iso-8859-3',
  'iso-8859-4',
  'iso-8859-5',
  'iso-8859-6',
  'iso-8859-7',
  'iso-8859-8',
  'iso-8859-8-i',
  'iso-8859-10',
  'iso-8859-13',
  'iso-8859-14',
  'iso-8859-15',
  'koi8-r',
  'koi8-u',
  'macintosh',
  'x-mac-cyrillic',
]);

const decoders = new Map<string, TextDecoder>();
const fatalDecoders = new Map<string, TextDecoder>();

function textDecoder(id: string, fatal: boolean): TextDecoder {
  const cache = fatal ? fatalDecoders : decoders;
  let decoder = cache.get(id);
  if (!decoder) {
    // ignoreBOM: the caller has already stepped over the BOM it recognised; one left is text
    decoder = new TextDecoder(id, { fatal, ignoreBOM: true });
    cache.set(id, decoder);
  }
  return decoder;
}

/** Bytes to text in a known encoding (a canonical id); what the encoding cannot read shows as U+FFFD, never thrown. */
export function decodeAs(id: string, bytes: Uint8Array): string {
  if (id === 'utf-32le' || id === 'utf-32be') return decodeUtf32(bytes, id === 'utf-32le');
  if (id === 'hz-gb-2312') return decodeHz(bytes);
  if (ICONV.has(id)) return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), id, { stripBOM: false });
  return textDecoder(id, false).decode(bytes);
}

/**
 * The text only if every byte is valid in the encoding (and, for a one-byte encoding, none is a C1 control);
 * undefined at the first sign that it is not. A TextDecoder in fatal mode stops at the first bad byte, so a
 * wrong guess over a large file costs little.
 */
export function decodeCleanly(id: string, bytes: Uint8Array): string | undefined {
  let text: string;
  if (id === 'utf-32le' || id === 'utf-32be' || id === 'hz-gb-2312' || ICONV.has(id)) {
    text = decodeAs(id, bytes);
    if (text.includes('\uFFFD')) return undefined;
  } else {
    try {
      text = textDecoder(id, true).decode(bytes);
    } catch {
      return undefined;
    }
  }
  if (SINGLE_BYTE.has(id) && /[\u0080-\u009f]/.test(text)) return undefined;
  return text;
}

/** How many characters of the text stand for bytes the encoding could not read (U+FFFD the file did not hold). */
export function countInvalid(id: string, bytes: Uint8Array, text: string): number {
  let count = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) count++;
  if (count && id === 'utf-8') count -= countSequence(bytes, [0xef, 0xbf, 0xbd]);
  if (SINGLE_BYTE.has(id)) for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80 && text.charCodeAt(i) <= 0x9f) count++;
  return Math.max(0, count);
}

function countSequence(bytes: Uint8Array, sequence: number[]): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const needle = Buffer.from(sequence);
  let count = 0;
  for (let i = buffer.indexOf(needle); i !== -1; i = buffer.indexOf(needle, i + needle.length)) count++;
  return count;
}
