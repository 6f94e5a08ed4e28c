// The text encodings Gloss reads, and the names people and files give them. Pure data and functions (no Node
// imports): the renderer's "Reopen with encoding…" list comes from here too.

/** Every encoding a user can choose, grouped the way people look for them (by script, then by name). */
export const TEXT_ENCODINGS: readonly { id: string; label: string }[] = [
  { id: 'utf-8', label: 'Unicode (UTF-8)' },
  { id: 'utf-16le', label: 'Unicode (UTF-16LE)' },
  { id: 'utf-16be', label: 'Unicode (UTF-16BE)' },
  { id: 'utf-32le', label: 'Unicode (UTF-32LE)' },
  { id: 'utf-32be', label: 'Unicode (UTF-32BE)' },
  { id: 'windows-1252', label: 'Western (Windows-1252, ISO-8859-1)' },
  { id: 'iso-8859-15', label: 'Western (ISO-8859-15)' },
  { id: 'macintosh', label: 'Western (Mac OS Roman)' },
  { id: 'windows-1250', label: 'Central European (Windows-1250)' },
  { id: 'iso-8859-2', label: 'Central European (ISO-8859-2)' },
  { id: 'iso-8859-16', label: 'South-Eastern European (ISO-8859-16)' },
  { id: 'iso-8859-3', label: 'South European (ISO-8859-3)' },
  { id: 'iso-8859-10', label: 'Nordic (ISO-8859-10)' },
  { id: 'iso-8859-14', label: 'Celtic (ISO-8859-14)' },
  { id: 'windows-1257', label: 'Baltic (Windows-1257)' },
  { id: 'iso-8859-4', label: 'Baltic (ISO-8859-4)' },
  { id: 'iso-8859-13', label: 'Baltic (ISO-8859-13)' },
  { id: 'windows-1251', label: 'Cyrillic (Windows-1251)' },
  { id: 'koi8-r', label: 'Cyrillic (KOI8-R)' },
  { id: 'koi8-u', label: 'Cyrillic (KOI8-U)' },
  { id: 'iso-8859-5', label: 'Cyrillic (ISO-8859-5)' },
  { id: 'ibm866', label: 'Cyrillic (DOS 866)' },
  { id: 'x-mac-cyrillic', label: 'Cyrillic (Mac)' },
  { id: 'windows-1253', label: 'Greek (Windows-1253)' },
  { id: 'iso-8859-7', label: 'Greek (ISO-8859-7)' },
  { id: 'windows-1254', label: 'Turkish (Windows-1254, ISO-8859-9)' },
  { id: 'windows-1255', label: 'Hebrew (Windows-1255)' },
  { id: 'iso-8859-8', label: 'Hebrew (ISO-8859-8, visual)' },
  { id: 'iso-8859-8-i', label: 'Hebrew (ISO-8859-8-I, logical)' },
  { id: 'windows-1256', label: 'Arabic (Windows-1256)' },
  { id: 'iso-8859-6', label: 'Arabic (ISO-8859-6)' },
  { id: 'windows-1258', label: 'Vietnamese (Windows-1258)' },
  { id: 'windows-874', label: 'Thai (Windows-874, TIS-620)' },
  { id: 'shift_jis', label: 'Japanese (Shift_JIS)' },
  { id: 'euc-jp', label: 'Japanese (EUC-JP)' },
  { id: 'iso-2022-jp', label: 'Japanese (ISO-2022-JP)' },
  { id: 'gb18030', label: 'Chinese Simplified (GB18030)' },
  { id: 'gbk', label: 'Chinese Simplified (GBK, GB2312)' },
  { id: 'hz-gb-2312', label: 'Chinese Simplified (HZ)' },
  { id: 'big5', label: 'Chinese Traditional (Big5)' },
  { id: 'euc-kr', label: 'Korean (EUC-KR)' },
];

// The WHATWG Encoding Standard's labels (https://encoding.spec.whatwg.org/#names-and-labels), with three
// departures: UTF-32 and HZ are readable here (the standard drops them from the web; old files still use them),
// and the names Windows and other tools write (cp932, cp936, euc-cn…) are accepted as well.
const LABELS: Record<string, readonly string[]> = {
  'utf-8': ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf8', 'x-unicode20utf8', 'cp65001'],
  'utf-16le': ['csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16', 'ucs-2le', 'cp1200'],
  'utf-16be': ['unicodefffe', 'ucs-2be', 'cp1201'],
  'utf-32le': ['utf-32', 'ucs-4', 'ucs-4le', 'iso-10646-ucs-4', 'cp12000'],
  'utf-32be': ['ucs-4be', 'cp12001'],
  'iso-8859-2': ['iso-ir-101', 'iso_8859-2:1987', 'iso8859-2', 'iso88592', 'iso_8859-2', 'csisolatin2', 'l2', 'latin2'],
  'iso-8859-3': ['iso-ir-109', 'iso_8859-3:1988', 'iso8859-3', 'iso88593', 'iso_8859-3', 'csisolatin3', 'l3', 'latin3'],
  'iso-8859-4': ['iso-ir-110', 'iso_8859-4:1988', 'iso8859-4', 'iso88594', 'iso_8859-4', 'csisolatin4', 'l4', 'latin4'],
  'iso-8859-5': ['csisolatincyrillic', 'cyrillic', 'iso-ir-144', 'iso_8859-5:1988', 'iso8859-5', 'iso88595', 'iso_8859-5'],
  'iso-8859-6': [
    'arabic',
    'asmo-708',
    'csiso88596e',
    'csiso88596i',
    'csisolatinarabic',
    'ecma-114',
    'iso-8859-6-e',
    'iso-8859-6-i',
    'iso-ir-127',
    'iso_8859-6:1987',
    'iso8859-6',
    'iso88596',
    'iso_8859-6',
  ],
  'iso-8859-7': [
    'csisolatingreek',
    'ecma-118',
    'elot_928',
    'greek',
    'greek8',
    'iso-ir-126',
    'sun_eu_greek',
    'iso_8859-7:1987',
    'iso8859-7',
    'iso88597',
    'iso_8859-7',
  ],
  'iso-8859-8': [
    'csiso88598e',
    'csisolatinhebrew',
    'hebrew',
    'iso-8859-8-e',
    'iso-ir-138',
    'visual',
    'iso_8859-8:1988',
    'iso8859-8',
    'iso88598',
    'iso_8859-8',
  ],
  'iso-8859-8-i': ['csiso88598i', 'logical'],
  'iso-8859-10': ['iso8859-10', 'iso885910', 'csisolatin6', 'iso-ir-157', 'l6', 'latin6'],
  'iso-8859-13': ['iso8859-13', 'iso885913'],
  'iso-8859-14': ['iso8859-14', 'iso885914'],
  'iso-8859-15': ['iso8859-15', 'iso885915', 'csisolatin9', 'iso_8859-15', 'l9'],
  'iso-8859-16': [],
  'koi8-r': ['cskoi8r', 'koi', 'koi8', 'koi8_r'],
  'koi8-u': ['koi8-ru'],
  'windows-874': ['dos-874', 'iso-8859-11', 'iso8859-11', 'iso885911', 'tis-620', 'cp874'],
  ibm866: ['866', 'cp866', 'csibm866'],
  'x-mac-cyrillic': ['x-mac-ukrainian'],
  macintosh: ['csmacintosh', 'mac', 'x-mac-roman'],
  gbk: ['chinese', 'csgb2312', 'csiso58gb231280', 'gb2312', 'gb_2312', 'gb_2312-80', 'iso-ir-58', 'x-gbk', 'cp936', 'euc-cn', 'ms936', 'windows-936'],
  gb18030: [],
  'hz-gb-2312': ['hz'],
  big5: ['big5-hkscs', 'cn-big5', 'csbig5', 'x-x-big5', 'cp950', 'ms950'],
  'euc-jp': ['cseucpkdfmtjapanese', 'x-euc-jp', 'eucjp'],
  shift_jis: ['csshiftjis', 'ms932', 'ms_kanji', 'shift-jis', 'sjis', 'windows-31j', 'x-sjis', 'cp932'],
  'euc-kr': [
    'cseuckr',
    'csksc56011987',
    'iso-ir-149',
    'korean',
    'ks_c_5601-1987',
    'ks_c_5601-1989',
    'ksc5601',
    'ksc_5601',
    'windows-949',
    'cp949',
    'uhc',
  ],
  'iso-2022-jp': ['csiso2022jp'],
  'windows-1250': ['cp1250', 'x-cp1250'],
  'windows-1251': ['cp1251', 'x-cp1251'],
  'windows-1252': [
    'cp1252',
    'x-cp1252',
    'ansi_x3.4-1968',
    'ascii',
    'cp819',
    'csisolatin1',
    'ibm819',
    'iso-8859-1',
    'iso-ir-100',
    'iso8859-1',
    'iso88591',
    'iso_8859-1',
    'iso_8859-1:1987',
    'l1',
    'latin1',
    'us-ascii',
  ],
  'windows-1253': ['cp1253', 'x-cp1253'],
  'windows-1254': [
    'cp1254',
    'x-cp1254',
    'csisolatin5',
    'iso-8859-9',
    'iso-ir-148',
    'iso8859-9',
    'iso88599',
    'iso_8859-9',
    'iso_8859-9:1989',
    'l5',
    'latin5',
  ],
  'windows-1255': ['cp1255', 'x-cp1255'],
  'windows-1256': ['cp1256', 'x-cp1256'],
  'windows-1257': ['cp1257', 'x-cp1257'],
  'windows-1258': ['cp1258', 'x-cp1258'],
};

/**
 * People write the same name many ways ("Shift-JIS", "shift_jis", "UTF8", "Latin-1"): compared without case,
 * spaces, dashes, underscores, dots or colons, no two labels of different encodings collide.
 */
const squash = (label: string): string => label.toLowerCase().replace(/[\s\-_.:]/g, '');

const BY_LABEL = new Map<string, string>();
for (const [id, labels] of Object.entries(LABELS)) {
  for (const label of [id, ...labels]) BY_LABEL.set(squash(label), id);
}

/** The canonical id (a WHATWG name, lower-case) of an encoding label, or undefined when Gloss cannot read it. */
export function canonicalEncoding(label: string): string | undefined {
  return BY_LABEL.get(squash(label.trim()));
}

/** How an encoding is named to people ("Japanese (Shift_JIS)"); an id the list does not name is shown as given. */
export function encodingLabel(id: string): string {
  const canonical = canonicalEncoding(id);
  return TEXT_ENCODINGS.find((e) => e.id === canonical)?.label ?? id;
}

/** The encoding's own name, for sentences ("not valid Shift_JIS"): the first name in its label's brackets. */
export function encodingName(id: string): string {
  return /\(([^,)]+)/.exec(encodingLabel(id))?.[1] ?? id;
}
