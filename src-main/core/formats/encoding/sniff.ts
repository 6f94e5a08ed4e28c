// What the bytes themselves say before any guessing: a byte order mark, a binary file's signature, the share of
// control bytes, and the bounded sample that detection looks at.

/** A byte order mark: the encoding it names and how many bytes it takes. UTF-32LE's is checked before UTF-16LE's, which it starts with. */
export function sniffBom(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return { encoding: 'utf-32le', length: 4 };
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

const ascii = (s: string): number[] => [...s].map((ch) => ch.charCodeAt(0));

/** Starts of common binary files that could otherwise pass for text in some encoding. */
const SIGNATURES: { at?: number; bytes: number[] }[] = [
  { bytes: ascii('%PDF-') },
  { bytes: [0x50, 0x4b, 0x03, 0x04] }, // zip, and so docx, epub, jar…
  { bytes: [0x50, 0x4b, 0x05, 0x06] }, // empty zip
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] }, // PNG
  { bytes: ascii('GIF87a') },
  { bytes: ascii('GIF89a') },
  { bytes: [0xff, 0xd8, 0xff] }, // JPEG
  { bytes: [0x7f, 0x45, 0x4c, 0x46] }, // ELF
  { bytes: [0x4d, 0x5a, 0x90, 0x00] }, // Windows executable
  { bytes: [0x1f, 0x8b] }, // gzip
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] }, // 7z
  { bytes: ascii('Rar!\x1a\x07') },
  { bytes: ascii('SQLite format 3\0') },
  { bytes: [0xca, 0xfe, 0xba, 0xbe] }, // Java class, Mach-O universal
  { bytes: [0xcf, 0xfa, 0xed, 0xfe] }, // Mach-O
  { bytes: [0xce, 0xfa, 0xed, 0xfe] },
  { bytes: [0x00, 0x61, 0x73, 0x6d] }, // WebAssembly
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] }, // old Office documents
  { bytes: ascii('OggS') },
  { bytes: ascii('fLaC') },
  { bytes: ascii('wOFF') },
  { bytes: ascii('wOF2') },
  { bytes: [0x49, 0x49, 0x2a, 0x00] }, // TIFF
  { bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { at: 4, bytes: ascii('ftyp') }, // MP4, QuickTime, HEIC
  { at: 8, bytes: ascii('WEBP') },
  { at: 8, bytes: ascii('WAVE') },
  { at: 8, bytes: ascii('AVI ') },
];

export function hasBinarySignature(bytes: Uint8Array): boolean {
  return SIGNATURES.some(({ at = 0, bytes: sig }) => bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b));
}

const HEAD = 64 * 1024;
const MIDDLE = 16 * 1024;

/**
 * What detection looks at: the first 64 KB and 16 KB from the middle (a book's front matter is often plain
 * ASCII), at offsets that keep UTF-16 and UTF-32 units whole. Never the whole of a large file.
 */
export function sampleOf(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= HEAD + MIDDLE * 2) return bytes;
  const middle = (Math.floor(bytes.length / 2) >> 2) << 2;
  const sample = new Uint8Array(HEAD + MIDDLE);
  sample.set(bytes.subarray(0, HEAD));
  sample.set(bytes.subarray(middle, middle + MIDDLE), HEAD);
  return sample;
}

/** Whether text is all 7-bit bytes (ISO-2022-JP and HZ are; a byte ≥ 0x80 rules them out). */
export function isSevenBit(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

/** ISO-2022-JP switches character sets with escape sequences: ESC $ @, ESC $ B (JIS X 0208), ESC ( J, ESC ( I, ESC $ ( D. */
export function hasIso2022JpEscapes(sample: Uint8Array): boolean {
  for (let i = sample.indexOf(0x1b); i !== -1; i = sample.indexOf(0x1b, i + 1)) {
    const a = sample[i + 1];
    const b = sample[i + 2];
    if (a === 0x24 && (b === 0x40 || b === 0x42 || (b === 0x28 && sample[i + 3] === 0x44))) return true;
    if (a === 0x28 && (b === 0x4a || b === 0x49)) return true;
  }
  return false;
}
