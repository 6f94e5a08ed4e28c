// Guessing an encoding from the bytes when nothing declares it: UTF-16/32 by their patterns of zero bytes or by
// which byte order reads as text, damaged UTF-8 by its valid sequences, and the rest by chardet's ranking.
import { analyse } from 'chardet';
import { canonicalEncoding } from '../encodings';
import { decodeAs } from './decoders';
import { validUtf32 } from './utf32';

/** UTF-32 without a BOM: every unit of the sample a Unicode scalar value (random bytes and UTF-16 fail at once). */
export function detectUtf32(sample: Uint8Array): 'utf-32le' | 'utf-32be' | undefined {
  if (sample.length % 4 !== 0) return undefined;
  if (validUtf32(sample, true)) return 'utf-32le';
  if (validUtf32(sample, false)) return 'utf-32be';
  return undefined;
}

/**
 * UTF-16 without a BOM: both byte orders are decoded and the one that reads as text wins, clearly. Zero bytes
 * alone cannot decide (a Chinese text has ideographs like U+4E00 whose low byte is zero). Two things guard
 * against reading 8-bit text as UTF-16, which pairs of ASCII letters and the bytes of Shift_JIS or GBK make look
 * like ideographs: the text must have spaces, line ends or CJK punctuation, which such pairs never produce, and
 * without zero bytes it must read as text almost throughout.
 */
export function detectUtf16(sample: Uint8Array, hasNul: boolean): 'utf-16le' | 'utf-16be' | undefined {
  const n = sample.length - (sample.length % 2);
  if (n < 4) return undefined;
  const body = sample.subarray(0, n);
  // Zero high bytes of ASCII-range units, mostly on one side, tell the byte order when there are enough of them.
  let evenZeros = 0;
  let oddZeros = 0;
  if (hasNul) {
    for (let i = 0; i < n; i += 2) {
      if (body[i] === 0) evenZeros++;
      if (body[i + 1] === 0) oddZeros++;
    }
  }
  const byZeros = oddZeros > evenZeros ? 'utf-16le' : evenZeros > oddZeros ? 'utf-16be' : undefined;
  const many = Math.max(evenZeros, oddZeros);
  if (byZeros && many >= 8 && many >= 4 * Math.min(evenZeros, oddZeros)) {
    const text = decodeAs(byZeros, body);
    return plausibility(text) >= 0.9 && hasStructure(text) ? byZeros : undefined;
  }
  const le = decodeAs('utf-16le', body);
  const be = decodeAs('utf-16be', body);
  const pl = plausibility(le);
  const pb = plausibility(be);
  const [order, text, best, other] = pl >= pb ? (['utf-16le', le, pl, pb] as const) : (['utf-16be', be, pb, pl] as const);
  if (!hasStructure(text)) return undefined;
  if (hasNul) {
    if (best < 0.9) return undefined;
    // a few characters (a line of spaces) can read as text both ways: then the zero bytes decide
    return best - other >= 0.1 ? order : byZeros;
  }
  return best >= 0.97 && best - other >= 0.15 ? order : undefined;
}

/** Whether a text has what writing is made of besides letters: spaces, line ends, CJK or full-width punctuation. */
function hasStructure(text: string): boolean {
  return /[\t\n\r \u3000-\u303f\uff01-\uff0f\uff1a-\uff1f]/.test(text);
}

/**
 * The share of a text's characters that ordinary writing uses: letters of the living scripts, common
 * punctuation and symbols, CJK ideographs, kana and Hangul syllables. Text read in the wrong encoding falls into
 * private use, surrogates, Yi syllables, rare ideograph extensions and control characters instead.
 */
export function plausibility(text: string): number {
  let good = 0;
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    total++;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        good++;
        i++;
      }
      continue;
    }
    if (isCommon(c)) good++;
  }
  return total ? good / total : 0;
}

const COMMON: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0x24f], // Latin-1, Latin Extended A and B
  [0x370, 0x52f], // Greek, Cyrillic
  [0x590, 0x6ff], // Hebrew, Arabic
  [0x900, 0xe7f], // Indic scripts, Thai
  [0x1e00, 0x1fff], // Latin Extended Additional (Vietnamese), Greek Extended
  [0x2000, 0x206f], // general punctuation
  [0x20a0, 0x20cf], // currency
  [0x2100, 0x22ff], // letterlike symbols, arrows, maths
  [0x2460, 0x25ff], // enclosed numbers, box drawing, shapes
  [0x3000, 0x30ff], // CJK punctuation, hiragana, katakana
  [0x3130, 0x318f], // Hangul compatibility jamo
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xac00, 0xd7a3], // Hangul syllables
  [0xff00, 0xffef], // full-width and half-width forms
];

function isCommon(c: number): boolean {
  if (c === 0x09 || c === 0x0a || c === 0x0d) return true;
  for (const [lo, hi] of COMMON) if (c >= lo && c <= hi) return true;
  return false;
}

/**
 * UTF-8 with a few bad bytes (a file cut short, a stray Latin-1 byte in a UTF-8 file): its many valid multi-byte
 * sequences outweigh the invalid ones, which a legacy 8-bit file never manages by chance. A file whose only flaw
 * is a sequence cut off at its very end is UTF-8 too.
 */
export function mostlyUtf8(sample: Uint8Array, isWholeFile: boolean): boolean {
  let valid = 0;
  let invalid = 0;
  let truncated = false;
  let i = 0;
  const n = sample.length;
  while (i < n) {
    const b = sample[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = length > 0;
    let k = 1;
    for (; ok && k < length; k++) {
      if (i + k >= n) break;
      const c = sample[i + k]!;
      if (c < 0x80 || c > 0xbf) ok = false;
    }
    if (ok && i + k >= n && k < length) {
      // cut by the end: of the file, it is damage; of a sample, it means nothing
      truncated = isWholeFile;
      break;
    }
    if (ok) {
      valid++;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  if (invalid === 0) return valid > 0 || truncated;
  return valid >= 4 * invalid;
}

/**
 * chardet's candidates for the sample, best first, as canonical ids: UTF-8, UTF-16/32 and the ISO-2022 family
 * are left out (judged before), ISO-8859-1 and -9 become windows-1252 and -1254 as browsers read them, and an
 * ISO-8859 guess is followed by its Windows sibling, which a file with curly quotes or a euro sign really is.
 */
export function rankedCandidates(sample: Uint8Array): { id: string; confidence: number }[] {
  const out: { id: string; confidence: number }[] = [];
  const add = (id: string | undefined, confidence: number): void => {
    if (id && !out.some((c) => c.id === id)) out.push({ id, confidence });
  };
  for (const match of analyse(linesWithHighBytes(sample))) {
    if (match.confidence <= 0 || /^(UTF|ISO-2022|ISO_2022|ASCII|mbcs|sbcs)/i.test(match.name)) continue;
    const id = canonicalEncoding(match.name);
    add(id, match.confidence);
    if (id && SIBLING[id]) add(SIBLING[id], match.confidence);
  }
  return out;
}

/**
 * The lines of the sample that have a byte above 0x7F: only they tell one 8-bit encoding from another, and a
 * book's ASCII front matter or an English preface would otherwise drown them (chardet weighs every byte).
 * Line ends are safe places to cut: no multi-byte encoding chardet knows uses 0x0A inside a character.
 */
function linesWithHighBytes(sample: Uint8Array): Uint8Array {
  const keep: Uint8Array[] = [];
  let size = 0;
  let start = 0;
  let high = false;
  for (let i = 0; i <= sample.length; i++) {
    const b = i < sample.length ? sample[i]! : 0x0a;
    if (b >= 0x80) high = true;
    else if (b === 0x0a) {
      const end = Math.min(i + 1, sample.length);
      if (high) {
        keep.push(sample.subarray(start, end));
        size += end - start;
      }
      start = end;
      high = false;
    }
  }
  if (size === sample.length) return sample;
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of keep) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The multi-byte CJK encodings, whose chardet recognisers are sure of real text (confidence 100) even in one line. */
export const CJK_MULTIBYTE = new Set(['shift_jis', 'euc-jp', 'gbk', 'gb18030', 'big5', 'euc-kr']);

const SIBLING: Record<string, string> = {
  'iso-8859-2': 'windows-1250',
  'iso-8859-4': 'windows-1257',
  'iso-8859-13': 'windows-1257',
  'iso-8859-6': 'windows-1256',
  'iso-8859-7': 'windows-1253',
  'iso-8859-8': 'windows-1255',
  gbk: 'gb18030',
};
