import { GlossError } from '../errors';

/** How much of the file the binary sniff looks at: enough to judge, cheap on a large file. */
const SNIFF_BYTES = 8192;

/**
 * Bytes to text the way a person expects of a .txt or .md file: UTF-8 with or without a BOM,
 * any of CRLF, LF or lone CR as line ends (all become LF). `name` is only used in the messages.
 */
export function decodeText(name: string, bytes: Uint8Array): string {
  if (bytes.length === 0) throw new GlossError('invalid_input', `${name} is empty`);
  if (looksBinary(bytes)) throw new GlossError('invalid_input', `${name} looks like a binary file, not text`);
  let text: string;
  try {
    // The decoder drops a leading BOM itself (ignoreBOM defaults to false).
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new GlossError('invalid_input', `${name} is not valid UTF-8 text (save it as UTF-8 and import it again)`);
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new GlossError('invalid_input', `${name} is empty`);
  return text;
}

/**
 * A NUL byte anywhere never occurs in real text (UTF-16 files have them too, and Gloss does not read
 * those yet); otherwise a file is binary when control characters other than tab, line ends and form
 * feed make up a large share of the start of it.
 */
function looksBinary(bytes: Uint8Array): boolean {
  if (bytes.indexOf(0) !== -1) return true;
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) || b === 0x7f) control++;
  }
  return control / n > 0.1;
}
