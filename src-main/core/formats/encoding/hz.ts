// HZ (RFC 1843): GB2312 Chinese in 7-bit ASCII, once common in Usenet posts and mail. Neither TextDecoder nor
// iconv-lite reads it (the web maps its label to "replacement"), so Gloss carries this small decoder: "~{"
// switches to GB2312, whose characters are pairs of bytes 0x21–0x7E (each is its EUC form minus 0x80, decoded
// here as GBK); "~}" switches back to ASCII; "~~" is "~" and "~" before a line end joins the lines.

const TILDE = 0x7e;
const LF = 0x0a;
const CR = 0x0d;
const gbk = new TextDecoder('gbk');

/** Text in HZ to a string; bytes HZ does not allow show as U+FFFD, never thrown. */
export function decodeHz(bytes: Uint8Array): string {
  const out: string[] = [];
  let ascii = '';
  let i = 0;
  const n = bytes.length;
  const flush = (): void => {
    if (ascii) out.push(ascii);
    ascii = '';
  };
  while (i < n) {
    const b = bytes[i]!;
    if (b === TILDE) {
      const next = bytes[i + 1];
      if (next === TILDE) {
        ascii += '~';
        i += 2;
      } else if (next === LF) {
        i += 2;
      } else if (next === CR) {
        i += bytes[i + 2] === LF ? 3 : 2;
      } else if (next === 0x7b /* { */) {
        flush();
        i = decodeGbSegment(bytes, i + 2, out);
      } else {
        // "~" before anything else is not HZ; show it rather than hide a byte of the user's text
        ascii += '\uFFFD';
        i += 1;
      }
    } else if (b >= 0x80) {
      ascii += '\uFFFD';
      i += 1;
    } else {
      ascii += String.fromCharCode(b);
      i += 1;
    }
  }
  flush();
  return out.join('');
}

/** Reads GB2312 pairs from `start` up to "~}" (or a line end, where writers often forget it); returns the next index. */
function decodeGbSegment(bytes: Uint8Array, start: number, out: string[]): number {
  let i = start;
  const n = bytes.length;
  const pairs: number[] = [];
  const emit = (): void => {
    if (pairs.length) out.push(gbk.decode(Uint8Array.from(pairs)));
    pairs.length = 0;
  };
  while (i < n) {
    const b = bytes[i]!;
    if (b === TILDE && bytes[i + 1] === 0x7d /* } */) {
      emit();
      return i + 2;
    }
    if (b === LF || b === CR) {
      emit();
      return i;
    }
    const t = bytes[i + 1];
    if (b >= 0x21 && b <= 0x7e && t !== undefined && t >= 0x21 && t <= 0x7e) {
      pairs.push(b | 0x80, t | 0x80);
      i += 2;
    } else {
      emit();
      out.push('\uFFFD');
      i += 1;
    }
  }
  emit();
  return i;
}

/**
 * Whether 7-bit text is HZ: it has "~{ … ~}" segments, and every one holds whole pairs of GB2312 bytes. ASCII
 * text with a stray "~{" (code, a regular expression) fails the pairs test.
 */
export function looksLikeHz(sample: Uint8Array): boolean {
  let segments = 0;
  let i = 0;
  const n = sample.length;
  while (i < n) {
    const b = sample[i]!;
    if (b >= 0x80) return false;
    if (b !== TILDE) {
      i++;
      continue;
    }
    const next = sample[i + 1];
    if (next !== 0x7b) {
      i += 2;
      continue;
    }
    let j = i + 2;
    let length = 0;
    while (j < n && !(sample[j] === TILDE && sample[j + 1] === 0x7d)) {
      const c = sample[j]!;
      if (c < 0x21 || c > 0x7e) return false;
      j++;
      length++;
    }
    // a segment cut by the end of the sample is not held against the file
    if (j < n && (length === 0 || length % 2 !== 0)) return false;
    // GB2312 rows start at 0x21 and end at 0x77: a lead byte outside them is not a Chinese character
    for (let k = i + 2; k < j - 1; k += 2) if (sample[k]! > 0x77) return false;
    segments++;
    i = j + 2;
  }
  return segments > 0;
}
