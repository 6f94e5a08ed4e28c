// Bytes to text in whatever encoding a file was written in: the user's choice, a byte order mark, what the file
// declares, or detection, in that order of trust. Invalid bytes never throw and are never hidden: a few are
// shown as U+FFFD and counted in a notice; a file that is mostly invalid is refused.
import { GlossError } from '../../errors';
import { canonicalEncoding, encodingName } from '../encodings';
import { countInvalid, decodeAs, decodeCleanly, SINGLE_BYTE } from './decoders';
import { CJK_MULTIBYTE, detectUtf16, detectUtf32, mostlyUtf8, rankedCandidates } from './detect';
import { looksLikeHz } from './hz';
import { hasBinarySignature, hasIso2022JpEscapes, isSevenBit, sampleOf, sniffBom } from './sniff';

export { canonicalEncoding, encodingLabel, encodingName, TEXT_ENCODINGS } from '../encodings';

export interface DecodedText {
  text: string;
  /** the canonical id of the encoding it was read with (WHATWG name, lower-case): 'utf-8', 'shift_jis', 'hz-gb-2312', 'utf-32le'… */
  encoding: string;
  /** what the reader should know about how it was read (bytes that were not valid, a declaration that was wrong) */
  notices: string[];
}

export interface DecodeOptions {
  /** the user's choice ("Reopen with encoding…"): used as given */
  encoding?: string;
  /** what the file declares (an HTML meta charset, an XML declaration): trusted when it decodes cleanly */
  declared?: string;
}

/**
 * Bytes to text. `encoding` = the user's choice ("Reopen with encoding…"): used as given (refused with a clear
 * message if unknown). `declared` = what the file itself declares (an HTML meta charset, an XML declaration):
 * trusted when it decodes cleanly, else detection decides. Line ends CRLF/CR → LF, BOM removed.
 */
export function decodeBytes(name: string, bytes: Uint8Array, opts: DecodeOptions = {}): DecodedText {
  if (bytes.length === 0) throw new GlossError('invalid_input', `${name} is empty`);
  if (opts.encoding !== undefined) return decodeForced(name, bytes, opts.encoding);

  const bom = sniffBom(bytes);
  if (bom) {
    const body = bytes.subarray(bom.length);
    return finish(name, body, bom.encoding, decodeAs(bom.encoding, body), { checked: false });
  }
  if (hasBinarySignature(bytes)) throw binary(name);

  const notices: string[] = [];
  if (opts.declared) {
    const declared = canonicalEncoding(opts.declared);
    // A page that declares UTF-16 but has no BOM is 8-bit in practice (browsers read it as UTF-8 too).
    if (declared && !/^utf-(16|32)/.test(declared)) {
      const text = decodeCleanly(declared, bytes);
      if (text !== undefined) return finish(name, bytes, declared, text, { checked: true });
      notices.push(
        `${name} says it is ${encodingName(declared)}, but it is not valid ${encodingName(declared)}; Gloss worked out its encoding instead.`,
      );
    } else if (!declared) {
      notices.push(`${name} says it is "${opts.declared}", an encoding Gloss does not know; Gloss worked out its encoding instead.`);
    }
  }
  const found = detect(name, bytes);
  return { ...found, notices: [...notices, ...found.notices] };
}

function detect(name: string, bytes: Uint8Array): DecodedText {
  const sample = sampleOf(bytes);
  // ISO-2022-JP and HZ are 7-bit and so valid UTF-8 too: they are recognised by their escapes first. Neither can
  // be recognised without an ESC or a "~" (what the loop below looks for), so most text skips the 7-bit scan.
  if ((sample.includes(0x1b) || sample.includes(0x7e)) && isSevenBit(sample)) {
    for (const id of ['iso-2022-jp', 'hz-gb-2312'] as const) {
      const looks = id === 'iso-2022-jp' ? hasIso2022JpEscapes(sample) : sample.includes(0x7e) && looksLikeHz(sample);
      const text = looks ? decodeCleanly(id, bytes) : undefined;
      if (text !== undefined) return finish(name, bytes, id, text, { checked: true });
    }
  }
  const strayLimit = Math.max(STRAY_NULS, bytes.length / 1000);
  const nuls = countNuls(bytes, strayLimit);
  if (nuls > 0) {
    const wide = (bytes.length % 4 === 0 ? detectUtf32(sample) : undefined) ?? detectUtf16(sample, true);
    if (wide) return finish(name, bytes, wide, decodeAs(wide, bytes), { checked: false });
    // Zero bytes that are not UTF-16 or UTF-32 are a binary file's, but for a stray few in what is otherwise text
    // (a damaged file), which read on as that text and show as \uFFFD (see finish).
    if (nuls > strayLimit) throw binary(name);
  }
  // The common case, plain ASCII or UTF-8, costs one decoding pass.
  const utf8 = decodeCleanly('utf-8', bytes);
  if (utf8 !== undefined) return finish(name, bytes, 'utf-8', utf8, { checked: true });
  if (mostlyUtf8(sample, sample === bytes)) return finish(name, bytes, 'utf-8', decodeAs('utf-8', bytes), { checked: false });
  // Shift_JIS or GBK can pass for UTF-16 without zero bytes; chardet is sure of them where UTF-16 is not.
  const ranked = rankedCandidates(sample);
  const top = ranked[0];
  if (top && CJK_MULTIBYTE.has(top.id) && top.confidence >= 50) {
    const cjk = decodeCleanly(top.id, bytes);
    if (cjk !== undefined) return finish(name, bytes, top.id, cjk, { checked: true });
  }
  const wide = nuls === 0 ? detectUtf16(sample, false) : undefined;
  if (wide) return finish(name, bytes, wide, decodeAs(wide, bytes), { checked: false });

  // chardet's best guess that reads cleanly; but a far less likely encoding that reads cleanly only because it
  // reads any byte (KOI8-R, Windows-1252) loses to a sure guess with a few bad bytes (a damaged Shift_JIS file).
  let damagedTop: { text: string; invalid: number } | undefined;
  if (top && top.confidence >= 50) {
    const text = decodeAs(top.id, bytes);
    const invalid = countInvalid(top.id, bytes, text);
    if (invalid === 0) return finish(name, bytes, top.id, text, { checked: true });
    if (!tooDamaged(invalid, text.length)) damagedTop = { text, invalid };
  }
  for (const candidate of ranked) {
    if (candidate === top && top.confidence >= 50) continue;
    if (damagedTop && candidate.confidence * 2 < top!.confidence) break;
    // a one-byte encoding is judged on the sample first (no character straddles its cuts), not on all of a large file
    if (SINGLE_BYTE.has(candidate.id) && sample !== bytes && decodeCleanly(candidate.id, sample) === undefined) continue;
    const text = decodeCleanly(candidate.id, bytes);
    if (text !== undefined) return finish(name, bytes, candidate.id, text, { checked: true });
  }
  if (damagedTop) return finish(name, bytes, top!.id, damagedTop.text, { checked: false });
  // Nothing reads it cleanly: the best of chardet's first guesses, if only a few of its bytes are bad.
  let best: { id: string; text: string; invalid: number } | undefined;
  for (const { id } of ranked.slice(0, 3)) {
    const text = decodeAs(id, bytes);
    const invalid = countInvalid(id, bytes, text);
    if (!best || invalid < best.invalid) best = { id, text, invalid };
  }
  if (best && !tooDamaged(best.invalid, best.text.length)) return finish(name, bytes, best.id, best.text, { checked: false });
  throw new GlossError(
    'invalid_input',
    `${name} could not be read as text: it is not UTF-8, and no encoding Gloss knows reads it without many invalid bytes`,
  );
}

/** At most this many zero bytes (or one in a thousand) in a file that is not UTF-16 or UTF-32: a damaged text, not a binary file. */
const STRAY_NULS = 2;

/** How many zero bytes `bytes` holds, counted up to one more than `enough`. */
function countNuls(bytes: Uint8Array, enough: number): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let n = 0;
  for (let i = buffer.indexOf(0); i !== -1 && n <= enough; i = buffer.indexOf(0, i + 1)) n++;
  return n;
}

function decodeForced(name: string, bytes: Uint8Array, label: string): DecodedText {
  let id = canonicalEncoding(label);
  if (!id) throw new GlossError('invalid_input', `${name} cannot be read as "${label}": Gloss does not know that encoding`);
  let body = bytes;
  const bom = sniffBom(bytes);
  // A BOM of the chosen family settles the byte order ("UTF-16" chosen for a big-endian file) and is not text.
  if (bom && bom.encoding.slice(0, 6) === id.slice(0, 6)) {
    id = bom.encoding;
    body = bytes.subarray(bom.length);
  }
  return finish(name, body, id, decodeAs(id, body), { checked: false, forced: true });
}

/** More invalid characters than a damaged file has: the file is not in this encoding at all. */
function tooDamaged(invalid: number, length: number): boolean {
  return invalid > Math.max(2, length * 0.05);
}

/**
 * The last checks on decoded text, and its final form (no BOM, LF line ends). `checked`: the decoder already
 * proved every byte valid, so there is nothing to count.
 */
function finish(name: string, bytes: Uint8Array, encoding: string, decoded: string, how: { checked: boolean; forced?: boolean }): DecodedText {
  let text = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  let invalid = how.checked ? 0 : countInvalid(encoding, bytes, text);
  // A zero character (a stray zero byte in a damaged text) is no text either: it shows as \uFFFD, counted as invalid.
  if (text.includes('\0')) {
    const parts = text.split('\0');
    invalid += parts.length - 1;
    text = parts.join('\uFFFD');
  }
  if (!/\S/.test(text)) throw new GlossError('invalid_input', `${name} is empty`);
  if (controlCharacterShare(text) > 0.1) throw binary(name);
  const notices: string[] = [];
  if (invalid === 0) return { text, encoding, notices };
  // The encoding's name is looked up only for what is said about invalid characters.
  const label = encodingName(encoding);
  if (tooDamaged(invalid, text.length)) {
    const share = Math.max(1, Math.round((invalid / text.length) * 100));
    throw new GlossError(
      'invalid_input',
      how.forced
        ? `${name} cannot be read as ${label}: ${invalid} of its characters (${share}%) are not valid ${label}`
        : `${name} could not be read as text: read as ${label}, the most likely encoding, ${invalid} of its characters (${share}%) are not valid`,
    );
  }
  notices.push(`${invalid} ${invalid === 1 ? 'character' : 'characters'} in ${name} could not be read as ${label} and show as \uFFFD`);
  return { text, encoding, notices };
}

/** What `controlCharacterShare` counts: control characters other than tab, line ends, form feed and escape (as a negated class, which scans fastest). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this must find
const CONTROL = /[^\t\n\f\x1b\x20-\x7e\x80-\uffff]/;
/** The same characters one by one. */
const CONTROL_CHARACTERS = [...Array.from({ length: 0x20 }, (_, c) => c), 0x7f]
  .filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x1b)
  .map((c) => String.fromCharCode(c));
/** A character beyond Latin-1: a pattern that looks for one fails at once on a text stored one byte a character. */
const BEYOND_LATIN1 = /[^\0-\xff]/;

/** Whether a text has a character `controlCharacterShare` counts. */
function hasControlCharacter(text: string): boolean {
  // In Latin-1 text (most text), each is looked for with indexOf, a memchr-like search: all 29 take a third of
  // the time of one pattern scan.
  if (BEYOND_LATIN1.test(text)) return CONTROL.test(text);
  return CONTROL_CHARACTERS.some((c) => text.includes(c));
}

/** Control characters (other than tab, line ends, form feed and escape) among the first 64K characters. */
function controlCharacterShare(text: string): number {
  const n = Math.min(text.length, 65536);
  // Most text has none, which is found out without looking at the characters one at a time.
  if (!hasControlCharacter(n < text.length ? text.slice(0, n) : text)) return 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x1b) || c === 0x7f) control++;
  }
  return n ? control / n : 0;
}

function binary(name: string): GlossError {
  return new GlossError('invalid_input', `${name} looks like a binary file, not text`);
}
