// Any text encoding (issue 6 §6): texts written for these tests (tests/fixtures/encodings/*.txt, UTF-8) are
// encoded at test time in the encodings their languages use, and must come back exactly, with the encoding named.
import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GlossError } from '../../src-main/core/errors';
import { normalizeFile } from '../../src-main/core/formats';
import { decodeBytes } from '../../src-main/core/formats/encoding';
import { canonicalEncoding, encodingLabel, encodingName, TEXT_ENCODINGS } from '../../src-main/core/formats/encodings';
import { encodeHz, encodeIso2022Jp, encodeUtf32 } from './helpers/text-encoders';

const FIXTURES = path.join(__dirname, '../fixtures/encodings');
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, `${name}.txt`), 'utf8');
const encode = (text: string, encoding: string): Uint8Array => new Uint8Array(iconv.encode(text, encoding));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
/** The first sentence of a fixture: one short line, where detection has least to go on. */
const firstSentence = (text: string): string => /^.+?[。.!?！？]/su.exec(text)![0];

function refusal(name: string, bytes: Uint8Array, opts?: { encoding?: string; declared?: string }): GlossError {
  try {
    decodeBytes(name, bytes, opts);
  } catch (error) {
    expect(error).toBeInstanceOf(GlossError);
    expect((error as GlossError).code).toBe('invalid_input');
    return error as GlossError;
  }
  throw new Error(`${name} was not refused`);
}

// [fixture, encoding written with, encodings that read it to the same text (the first is the one expected)]
const LEGACY: [string, string, string[]][] = [
  ['ja', 'shift_jis', ['shift_jis']],
  ['ja', 'euc-jp', ['euc-jp']],
  ['zh-hans', 'gbk', ['gb18030', 'gbk']],
  ['zh-hans', 'gb18030', ['gb18030']],
  ['zh-hant', 'big5', ['big5']],
  ['ko', 'euc-kr', ['euc-kr']],
  ['ru', 'koi8-r', ['koi8-r']],
  ['ru', 'windows-1251', ['windows-1251']],
  ['ru', 'iso-8859-5', ['iso-8859-5']],
  ['fr', 'windows-1252', ['windows-1252']],
  ['de', 'windows-1252', ['windows-1252']],
  ['es', 'windows-1252', ['windows-1252']],
  ['es', 'iso-8859-1', ['windows-1252']],
  ['pl', 'iso-8859-2', ['iso-8859-2']],
  ['cs', 'iso-8859-2', ['iso-8859-2']],
  ['pl', 'windows-1250', ['windows-1250']],
  ['cs', 'windows-1250', ['windows-1250']],
  ['el', 'iso-8859-7', ['iso-8859-7']],
  // this Greek text uses no letter the two encodings place differently, so either reads it right
  ['el', 'windows-1253', ['iso-8859-7', 'windows-1253']],
  ['tr', 'windows-1254', ['windows-1254']],
  ['tr', 'iso-8859-9', ['windows-1254']],
];

describe('legacy encodings are detected and read back exactly', () => {
  it.each(LEGACY)('%s written in %s', (name, written, readAs) => {
    const text = fixture(name);
    const bytes = encode(text, written);
    expect(new TextDecoder().decode(bytes)).not.toBe(text); // the bytes really are not UTF-8
    const decoded = decodeBytes(`${name}.txt`, bytes);
    expect(decoded.text).toBe(text);
    expect(readAs).toContain(decoded.encoding);
    expect(decoded.encoding).toBe(readAs[0]);
    expect(decoded.notices).toEqual([]);
  });

  it.each([
    ['ja', 'shift_jis'],
    ['ja', 'euc-jp'],
    ['zh-hans', 'gb18030'],
    ['zh-hant', 'big5'],
    ['ko', 'euc-kr'],
    ['ru', 'koi8-r'],
    ['ru', 'windows-1251'],
    ['fr', 'windows-1252'],
    ['de', 'windows-1252'],
    ['el', 'iso-8859-7'],
    ['cs', 'iso-8859-2'],
  ])('one line of %s in %s', (name, encoding) => {
    const line = firstSentence(fixture(name));
    expect(line.length).toBeLessThan(120);
    const decoded = decodeBytes('line.txt', encode(line, encoding));
    expect(decoded.text).toBe(line);
    expect(decoded.encoding).toBe(encoding);
  });

  it('tells Windows-1253 from ISO-8859-7 by its curly quotes', () => {
    const text = `${fixture('el')}\n“Διάβασέ το ξανά”, μου είπε η Άννα.\n`;
    const decoded = decodeBytes('el.txt', encode(text, 'windows-1253'));
    expect(decoded).toEqual({ text, encoding: 'windows-1253', notices: [] });
  });

  it('finds the encoding from the middle of a large file whose first 64 KB are ASCII', () => {
    const front = "Produced from the author's own notes; plain ASCII front matter.\n\n".repeat(1200);
    const body = `${fixture('ru')}\n`.repeat(400);
    const text = `${front}${body}`;
    expect(text.length).toBeGreaterThan(200_000);
    const decoded = decodeBytes('book.txt', encode(text, 'windows-1251'));
    expect(decoded.encoding).toBe('windows-1251');
    expect(decoded.text).toBe(text);
  });

  it('reads CRLF and lone CR line ends as LF in any encoding', () => {
    const text = fixture('fr');
    expect(decodeBytes('crlf.txt', encode(text.replace(/\n/g, '\r\n'), 'windows-1252')).text).toBe(text);
    expect(decodeBytes('cr.txt', encode(text.replace(/\n/g, '\r'), 'utf-16le')).text).toBe(text);
    const japanese = fixture('ja');
    expect(decodeBytes('crlf.txt', encode(japanese.replace(/\n/g, '\r\n'), 'shift_jis')).text).toBe(japanese);
  });
});

describe('escape encodings (7-bit, so valid UTF-8 too) are recognised first', () => {
  it('ISO-2022-JP', () => {
    const text = fixture('ja');
    const bytes = encodeIso2022Jp(text);
    expect(bytes.every((b) => b < 0x80)).toBe(true);
    expect(decodeBytes('mail.txt', bytes)).toEqual({ text, encoding: 'iso-2022-jp', notices: [] });
    const line = firstSentence(text);
    expect(decodeBytes('line.txt', encodeIso2022Jp(line))).toEqual({ text: line, encoding: 'iso-2022-jp', notices: [] });
  });

  it('HZ, with "~~" for a tilde and "~" + line end joining wrapped lines', () => {
    const text = fixture('zh-hans');
    expect(decodeBytes('post.txt', encodeHz(text))).toEqual({ text, encoding: 'hz-gb-2312', notices: [] });
    const mixed = `Reading list ~ spring: ${firstSentence(text)} and some English words after it, long enough to be wrapped by the mailer.\n`;
    const wrapped = encodeHz(mixed, { wrap: 40 });
    expect(new TextDecoder().decode(wrapped)).toContain('~\n');
    expect(new TextDecoder().decode(wrapped)).toContain('~~');
    expect(decodeBytes('post.txt', wrapped)).toEqual({ text: mixed, encoding: 'hz-gb-2312', notices: [] });
  });

  it('ASCII with a stray "~{" or an escape byte stays UTF-8', () => {
    const code = 'let f = x => ~{a: 1}.a; // not HZ\nprintf "\x1b[1mbold\x1b[0m"\n';
    expect(decodeBytes('code.md', utf8(code))).toEqual({ text: code, encoding: 'utf-8', notices: [] });
  });
});

describe('UTF-16 and UTF-32, with and without a BOM', () => {
  const texts = ['ja', 'zh-hans', 'zh-hant', 'ko', 'ru', 'fr', 'el'];
  const forms: [string, (text: string) => Uint8Array, Uint8Array][] = [
    ['utf-16le', (t) => encode(t, 'utf-16le'), Uint8Array.of(0xff, 0xfe)],
    ['utf-16be', (t) => encode(t, 'utf-16be'), Uint8Array.of(0xfe, 0xff)],
    ['utf-32le', (t) => encodeUtf32(t, true), Uint8Array.of(0xff, 0xfe, 0, 0)],
    ['utf-32be', (t) => encodeUtf32(t, false), Uint8Array.of(0, 0, 0xfe, 0xff)],
  ];
  for (const [encoding, write, bom] of forms) {
    it.each(texts)(`%s in ${encoding}`, (name) => {
      const text = fixture(name);
      const bare = write(text);
      expect(decodeBytes(`${name}.txt`, bare)).toEqual({ text, encoding, notices: [] });
      expect(decodeBytes(`${name}.txt`, Uint8Array.from([...bom, ...bare]))).toEqual({ text, encoding, notices: [] });
    });
  }

  it.each(['ja', 'zh-hans', 'zh-hant'])('one line of %s in UTF-16 without a BOM (few or no zero bytes)', (name) => {
    const line = firstSentence(fixture(name));
    for (const encoding of ['utf-16le', 'utf-16be']) {
      const bytes = encode(line, encoding);
      if (name !== 'zh-hant') expect(bytes.includes(0)).toBe(false);
      expect(decodeBytes('line.txt', bytes)).toEqual({ text: line, encoding, notices: [] });
    }
  });

  it('UTF-8 with a BOM, and a text whose only character is a BOM is empty', () => {
    const text = fixture('ja');
    expect(decodeBytes('bom.txt', Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(text)]))).toEqual({ text, encoding: 'utf-8', notices: [] });
    expect(refusal('bom.txt', Uint8Array.of(0xff, 0xfe, 0x20, 0, 0x0a, 0)).message).toBe('bom.txt is empty');
  });
});

describe('the user’s choice ("Reopen with encoding…")', () => {
  it('wins over detection, under any of its names', () => {
    const russian = encode(fixture('ru'), 'windows-1251');
    const asKoi = decodeBytes('ru.txt', russian, { encoding: 'KOI8-R' });
    expect(asKoi.encoding).toBe('koi8-r');
    expect(asKoi.text).toBe(new TextDecoder('koi8-r').decode(russian));
    expect(asKoi.text).not.toBe(fixture('ru'));
    const japanese = encode(fixture('ja'), 'shift_jis');
    for (const label of ['sjis', 'Shift-JIS', 'shift_jis', 'MS932', 'windows-31j']) {
      expect(decodeBytes('ja.txt', japanese, { encoding: label })).toEqual({ text: fixture('ja'), encoding: 'shift_jis', notices: [] });
    }
    // UTF-8 read as Latin-1 on purpose: the user sees what they asked for
    expect(decodeBytes('cafe.txt', utf8('Café'), { encoding: 'latin1' })).toEqual({ text: 'CafÃ©', encoding: 'windows-1252', notices: [] });
  });

  it('a BOM settles the byte order of "UTF-16" and is not text', () => {
    const text = fixture('ko');
    const bytes = Uint8Array.from([0xfe, 0xff, ...encode(text, 'utf-16be')]);
    expect(decodeBytes('ko.txt', bytes, { encoding: 'UTF-16' })).toEqual({ text, encoding: 'utf-16be', notices: [] });
  });

  it('reads UTF-32 and HZ, which browsers do not', () => {
    const text = fixture('zh-hans');
    expect(decodeBytes('a.txt', encodeUtf32(text, false), { encoding: 'utf-32be' }).text).toBe(text);
    expect(decodeBytes('a.txt', encodeHz(text), { encoding: 'HZ' }).text).toBe(text);
  });

  it('refuses an encoding Gloss does not know, by name', () => {
    expect(refusal('notes.txt', utf8('hello'), { encoding: 'klingon-8' }).message).toBe(
      'notes.txt cannot be read as "klingon-8": Gloss does not know that encoding',
    );
    expect(refusal('notes.txt', utf8('hello'), { encoding: 'replacement' }).message).toContain('does not know that encoding');
  });

  it('refuses a choice that leaves most of the text unreadable', () => {
    const error = refusal('ja.txt', encode(fixture('ja'), 'shift_jis'), { encoding: 'utf-8' });
    expect(error.message).toMatch(/^ja\.txt cannot be read as UTF-8: \d+ of its characters \(\d+%\) are not valid UTF-8$/);
  });
});

describe('invalid bytes are counted, never hidden and never thrown', () => {
  it('a few bad bytes in Shift_JIS show as U+FFFD with a notice', () => {
    const text = fixture('ja');
    const sjis = (part: string): number[] => [...encode(part, 'shift_jis')];
    // two lead bytes left without their second byte, as a careless cut and paste leaves them
    const damaged = Uint8Array.from([...sjis(text.slice(0, 15)), 0x82, 0x0a, ...sjis(text.slice(15, 100)), 0x83, 0x0a, ...sjis(text.slice(100))]);
    const decoded = decodeBytes('notes.txt', damaged);
    expect(decoded.encoding).toBe('shift_jis');
    expect(decoded.text.match(/\uFFFD/g)).toHaveLength(2);
    expect(decoded.text.replace(/\uFFFD\n/g, '')).toBe(text);
    expect(decoded.notices).toEqual(['2 characters in notes.txt could not be read as Shift_JIS and show as \uFFFD']);
  });

  it('a stray byte in a UTF-8 file keeps it UTF-8, with a notice; a U+FFFD the file holds is not counted', () => {
    const text = `${fixture('de')}Ein Zeichen, das schon im Text steht: \uFFFD.\n`;
    const bytes = utf8(text);
    const damaged = Uint8Array.from([...bytes.subarray(0, 10), 0xff, ...bytes.subarray(10)]);
    const decoded = decodeBytes('de.txt', damaged);
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toBe(`${text.slice(0, 10)}\uFFFD${text.slice(10)}`);
    expect(decoded.notices).toEqual(['1 character in de.txt could not be read as UTF-8 and show as \uFFFD']);
  });

  it('a stray zero byte in a text (a damaged copy) shows as U+FFFD with a notice, the file not taken for binary', () => {
    const text = `${fixture('de')}`.repeat(20);
    const bytes = utf8(text);
    const damaged = Uint8Array.from([...bytes.subarray(0, 5000), 0, ...bytes.subarray(5000)]);
    const decoded = decodeBytes('de.txt', damaged);
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toBe(`${Buffer.from(bytes.subarray(0, 5000)).toString()}\uFFFD${Buffer.from(bytes.subarray(5000)).toString()}`);
    expect(decoded.notices).toEqual(['1 character in de.txt could not be read as UTF-8 and show as \uFFFD']);
    // in a one-byte encoding, and in a short note
    const latin = Uint8Array.from([
      ...encode('Caf\u00e9 cr\u00e8me, na\u00efve r\u00e9sum\u00e9 \u201cquoted\u201d.\n'.repeat(30), 'windows-1252'),
      0,
    ]);
    expect(decodeBytes('fr.txt', latin)).toMatchObject({ encoding: 'windows-1252', notices: [expect.stringMatching(/^1 character in fr\.txt/)] });
    expect(decodeBytes('hi.txt', utf8('Hello\0 world.\n')).text).toBe('Hello\uFFFD world.\n');
  });

  it('the same bad bytes under the user’s choice give the same notice', () => {
    const decoded = decodeBytes('x.txt', Uint8Array.from([...encode('こんにちは、世界。', 'euc-jp'), 0xa4]), { encoding: 'euc-jp' });
    expect(decoded.text).toBe('こんにちは、世界。\uFFFD');
    expect(decoded.notices).toEqual(['1 character in x.txt could not be read as EUC-JP and show as \uFFFD']);
  });
});

describe('refusals', () => {
  it('binary files: by signature, by zero bytes, by control characters', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...utf8('IHDR and then some pixels')]);
    expect(refusal('image.txt', png).message).toBe('image.txt looks like a binary file, not text');
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, ...utf8('mimetypeapplication/epub+zip')]);
    expect(refusal('book.txt', zip).message).toBe('book.txt looks like a binary file, not text');
    const elf = Uint8Array.from({ length: 4096 }, (_, i) => (i < 4 ? [0x7f, 0x45, 0x4c, 0x46][i]! : (i * 7919) % 256));
    expect(refusal('a.out.txt', elf).message).toContain('looks like a binary file');
    // no signature: zero bytes that do not make UTF-16 or UTF-32 text
    const blob = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24);
    expect(refusal('blob.md', blob).message).toBe('blob.md looks like a binary file, not text');
    const text = utf8('A perfectly ordinary line of text.\n'.repeat(200));
    for (let i = 1; i <= 20; i++) text[text.length - 5 * i] = 0;
    expect(refusal('late-nuls.txt', text).message).toMatch(/binary/);
    // valid UTF-8, but control characters
    expect(
      refusal(
        'ctl.txt',
        Uint8Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x41 : (i % 7) + 1)),
      ).message,
    ).toMatch(/binary/);
  });

  it('empty and whitespace-only files, in any encoding', () => {
    expect(refusal('empty.txt', new Uint8Array()).message).toBe('empty.txt is empty');
    expect(refusal('blank.txt', utf8(' \r\n\t\n\u00a0\n')).message).toBe('blank.txt is empty');
    expect(refusal('blank16.txt', encode('  \r\n \u3000\n', 'utf-16le')).message).toBe('blank16.txt is empty');
    expect(refusal('bom.txt', Uint8Array.of(0xef, 0xbb, 0xbf)).message).toBe('bom.txt is empty');
  });

  it('Latin-1 that is not UTF-8 is read, not refused', () => {
    const bytes = Uint8Array.from([...utf8('Caf'), 0xe9, ...utf8(' au lait, latin-1 style\n')]);
    expect(decodeBytes('latin1.txt', bytes)).toEqual({ text: 'Café au lait, latin-1 style\n', encoding: 'windows-1252', notices: [] });
  });
});

describe('what the file declares', () => {
  it('is trusted when it reads cleanly', () => {
    const text = fixture('ja');
    expect(decodeBytes('page.html', encode(text, 'euc-jp'), { declared: 'EUC-JP' })).toEqual({ text, encoding: 'euc-jp', notices: [] });
    // a declaration decides between encodings detection cannot tell apart
    const polish = firstSentence(fixture('pl'));
    expect(decodeBytes('page.html', encode(polish, 'windows-1250'), { declared: 'windows-1250' }).text).toBe(polish);
    // browsers read "iso-8859-1" as windows-1252, curly quotes and all
    expect(decodeBytes('page.html', encode(fixture('fr'), 'windows-1252'), { declared: 'ISO-8859-1' })).toEqual({
      text: fixture('fr'),
      encoding: 'windows-1252',
      notices: [],
    });
  });

  it('is overruled, with a notice, when the bytes say otherwise', () => {
    const text = fixture('ru');
    const decoded = decodeBytes('page.html', encode(text, 'koi8-r'), { declared: 'utf-8' });
    expect(decoded.text).toBe(text);
    expect(decoded.encoding).toBe('koi8-r');
    expect(decoded.notices).toEqual(['page.html says it is UTF-8, but it is not valid UTF-8; Gloss worked out its encoding instead.']);
    const unknown = decodeBytes('page.html', utf8('plain'), { declared: 'x-unheard-of' });
    expect(unknown.encoding).toBe('utf-8');
    expect(unknown.notices[0]).toContain('an encoding Gloss does not know');
  });
});

describe('the list of encodings and their names', () => {
  it('canonical ids from the labels people and files use', () => {
    const cases: Record<string, string> = {
      sjis: 'shift_jis',
      'Shift-JIS': 'shift_jis',
      latin1: 'windows-1252',
      'Latin-1': 'windows-1252',
      'ISO-8859-1': 'windows-1252',
      cp1252: 'windows-1252',
      utf8: 'utf-8',
      'UTF-8': 'utf-8',
      'UTF-16': 'utf-16le',
      'utf-16be': 'utf-16be',
      'UTF-32': 'utf-32le',
      'x-sjis': 'shift_jis',
      gb2312: 'gbk',
      'EUC-CN': 'gbk',
      GB18030: 'gb18030',
      hz: 'hz-gb-2312',
      'HZ-GB-2312': 'hz-gb-2312',
      'Big5-HKSCS': 'big5',
      'ks_c_5601-1987': 'euc-kr',
      'KOI8-R': 'koi8-r',
      'iso-8859-9': 'windows-1254',
      ' Windows-1251 ': 'windows-1251',
      'tis-620': 'windows-874',
    };
    for (const [label, id] of Object.entries(cases)) expect(canonicalEncoding(label), label).toBe(id);
    for (const unknown of ['klingon-8', 'replacement', 'utf-7', '', 'x-user-defined']) expect(canonicalEncoding(unknown), unknown).toBeUndefined();
  });

  it('agrees with the WHATWG labels TextDecoder knows', () => {
    const labels = [
      'unicode-1-1-utf-8',
      'csshiftjis',
      'ms_kanji',
      'x-euc-jp',
      'csiso2022jp',
      'x-gbk',
      'chinese',
      'cn-big5',
      'korean',
      'windows-949',
      'cskoi8r',
    ];
    const more = [
      'koi8-ru',
      'x-mac-ukrainian',
      'mac',
      'dos-874',
      'l2',
      'latin5',
      'csisolatingreek',
      'visual',
      'logical',
      'ibm819',
      'us-ascii',
      'iso_8859-15',
    ];
    for (const label of [...labels, ...more]) expect(canonicalEncoding(label), label).toBe(new TextDecoder(label).encoding);
  });

  it('offers every encoding the issue lists, each readable, with a label and a short name', () => {
    const ids = TEXT_ENCODINGS.map((e) => e.id);
    for (const id of [
      'utf-8',
      'utf-16le',
      'utf-16be',
      'utf-32le',
      'utf-32be',
      'windows-1252',
      'iso-8859-2',
      'iso-8859-15',
      'shift_jis',
      'euc-jp',
      'iso-2022-jp',
      'gb18030',
      'gbk',
      'hz-gb-2312',
      'big5',
      'euc-kr',
      'koi8-r',
      'windows-1251',
    ]) {
      expect(ids).toContain(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
    const sample = utf8('Gloss reads this line.\n');
    for (const { id, label } of TEXT_ENCODINGS) {
      expect(canonicalEncoding(id)).toBe(id);
      expect(label).toMatch(/^[A-Z][\w -]+ \(.+\)$/);
      expect(decodeBytes('a.txt', id.startsWith('utf-16') || id.startsWith('utf-32') ? encodeAscii(id) : sample, { encoding: id }).text).toBe(
        'Gloss reads this line.\n',
      );
    }
    expect(encodingLabel('sjis')).toBe('Japanese (Shift_JIS)');
    expect(encodingName('shift_jis')).toBe('Shift_JIS');
    expect(encodingName('windows-1252')).toBe('Windows-1252');
    expect(encodingName('x-unknown')).toBe('x-unknown');
  });

  it('is pure (the renderer imports it): no imports at all', () => {
    const source = readFileSync(path.join(__dirname, '../../src-main/core/formats/encodings.ts'), 'utf8');
    expect(source).not.toMatch(/^\s*import\s/m);
    expect(source).not.toMatch(/require\(/);
  });
});

function encodeAscii(id: string): Uint8Array {
  const text = 'Gloss reads this line.\n';
  if (id === 'utf-32le' || id === 'utf-32be') return encodeUtf32(text, id === 'utf-32le');
  return encode(text, id);
}

describe('through the importer', () => {
  it('records the encoding, hashes the text (one document in any encoding) and reopens with the user’s choice', async () => {
    const text = fixture('zh-hant');
    const original = await normalizeFile('書店.txt', utf8(text));
    const big5 = await normalizeFile('書店.txt', encode(text, 'big5'));
    expect(big5.meta.encoding).toBe('big5');
    expect(big5.text).toBe(original.text);
    expect(big5.hash).toBe(original.hash);
    const reopened = await normalizeFile('書店.txt', encode(text, 'big5'), { encoding: 'gbk' });
    expect(reopened.meta.encoding).toBe('gbk');
    expect(reopened.text).not.toBe(original.text);
    const back = await normalizeFile('書店.txt', encode(text, 'big5'), { encoding: 'big5' });
    expect(back.text).toBe(original.text);
  });

  it('passes invalid-byte notices on to the document', async () => {
    const bytes = Uint8Array.from([...encode(fixture('ko'), 'euc-kr'), 0xb0]);
    const doc = await normalizeFile('ko.md', bytes);
    expect(doc.meta.encoding).toBe('euc-kr');
    expect(doc.notices).toContain('1 character in ko.md could not be read as EUC-KR and show as \uFFFD');
  });
});

describe('hostile and random bytes', () => {
  /** A small deterministic generator, so a failure can be reproduced. */
  const random = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed >>> 16;
  };

  it('never throw anything but a GlossError, detected or under any chosen encoding', () => {
    const next = random(6);
    const shapes: ((i: number) => number)[] = [
      () => next() & 0xff, // anything
      () => 0x80 | (next() & 0x7f), // only high bytes
      () => 1 + (next() % 255), // no zero bytes
      (i) => (i % 2 ? 0 : 0x20 + (next() % 0x5f)), // UTF-16-like
      (i) => (i % 4 === 3 ? 0x7e : [0x7e, 0x7b, 0x7d, 0x1b, 0x24, 0x42][next() % 6]!), // escape-sequence soup
    ];
    const outcomes = new Set<string>();
    for (const shape of shapes) {
      for (const length of [1, 2, 3, 5, 64, 4099]) {
        const bytes = Uint8Array.from({ length }, (_, i) => shape(i));
        for (const encoding of [undefined, ...TEXT_ENCODINGS.map((e) => e.id)]) {
          try {
            const decoded = decodeBytes('noise.txt', bytes, encoding ? { encoding } : {});
            expect(typeof decoded.text).toBe('string');
            expect(decoded.text).not.toMatch(/\r/);
            outcomes.add('read');
          } catch (error) {
            expect(error).toBeInstanceOf(GlossError);
            expect((error as GlossError).message).toMatch(/^noise\.txt /);
            outcomes.add('refused');
          }
        }
      }
    }
    expect([...outcomes].sort()).toEqual(['read', 'refused']);
  });
});
