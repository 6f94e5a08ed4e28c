// Encoders the tests need that iconv-lite lacks, built on its EUC forms: each writes text the way the
// encoding's own tools do, so the decoder is tested against the format and not against itself.
import iconv from 'iconv-lite';

/** ISO-2022-JP (RFC 1468): JIS X 0208 characters as their EUC-JP bytes minus 0x80, between ESC $ B and ESC ( B. */
export function encodeIso2022Jp(text: string): Uint8Array {
  const out: number[] = [];
  let kanji = false;
  for (const ch of text) {
    const euc = iconv.encode(ch, 'euc-jp');
    if (euc.length === 1) {
      if (kanji) out.push(0x1b, 0x28, 0x42);
      kanji = false;
      out.push(euc[0]!);
    } else if (euc.length === 2 && euc[0]! >= 0xa1) {
      if (!kanji) out.push(0x1b, 0x24, 0x42);
      kanji = true;
      out.push(euc[0]! & 0x7f, euc[1]! & 0x7f);
    } else {
      throw new Error(`${ch} has no ISO-2022-JP form`);
    }
  }
  if (kanji) out.push(0x1b, 0x28, 0x42);
  return Uint8Array.from(out);
}

/**
 * HZ (RFC 1843): GB2312 characters as their EUC-CN bytes minus 0x80 between "~{" and "~}", "~" written "~~";
 * `wrap` breaks long ASCII lines with the "~\n" continuation, as mail software did.
 */
export function encodeHz(text: string, opts: { wrap?: number } = {}): Uint8Array {
  let out = '';
  let gb = false;
  let column = 0;
  for (const ch of text) {
    const euc = iconv.encode(ch, 'gb2312');
    if (euc.length === 1) {
      if (gb) out += '~}';
      gb = false;
      out += ch === '~' ? '~~' : ch;
      column = ch === '\n' ? 0 : column + 1;
      if (opts.wrap && column >= opts.wrap && ch === ' ') {
        out += '~\n';
        column = 0;
      }
    } else if (euc.length === 2 && euc[0]! >= 0xa1 && euc[1]! >= 0xa1) {
      if (!gb) out += '~{';
      gb = true;
      out += String.fromCharCode(euc[0]! & 0x7f, euc[1]! & 0x7f);
    } else {
      throw new Error(`${ch} has no GB2312 form`);
    }
  }
  if (gb) out += '~}';
  return Uint8Array.from(out, (c) => c.charCodeAt(0));
}

/** UTF-32 (iconv-lite writes it, but adds a BOM of its own choosing): one 4-byte unit per code point. */
export function encodeUtf32(text: string, littleEndian: boolean): Uint8Array {
  const points = [...text].map((ch) => ch.codePointAt(0)!);
  const bytes = new Uint8Array(points.length * 4);
  const view = new DataView(bytes.buffer);
  points.forEach((cp, i) => view.setUint32(i * 4, cp, littleEndian));
  return bytes;
}
