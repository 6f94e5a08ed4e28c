// Text decoding lives in ./encoding (any encoding, detected or chosen); this name stays for the parsers that use it.
import { decodeBytes } from './encoding';

export { decodeBytes, type DecodedText, type DecodeOptions } from './encoding';

/** Bytes to text (detected encoding, or `encoding` when the user chose one), without the notices. */
export function decodeText(name: string, bytes: Uint8Array, encoding?: string): string {
  return decodeBytes(name, bytes, encoding ? { encoding } : {}).text;
}
