// Which plain-text lines are headings. Plain text has no markup, so only lines that announce
// themselves are taken: a chapter or section label, a short all-capitals line standing alone, a line
// underlined with === or ---. Levels: 1 for books, parts and === titles, 2 for chapters, 3 for sections.

/** Longest line considered as a heading: also keeps every pattern below off very long lines. */
const MAX_HEADING_CHARS = 100;

const ONES = 'one|two|three|four|five|six|seven|eight|nine';
const SPELLED = `(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:${ONES}))?|${ONES}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)`;
const ORDINAL =
  '(?:the\\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|last|final)';
const NUMBER = `(?:\\d{1,4}[a-z]?|[IVXLCDM]{1,8}|${SPELLED}|${ORDINAL})`;

const LABEL_LEVELS: Record<string, number> = {
  book: 1,
  part: 1,
  volume: 1,
  vol: 1,
  chapter: 2,
  chap: 2,
  canto: 2,
  act: 2,
  letter: 2,
  lesson: 2,
  section: 3,
  article: 3,
  scene: 3,
};

/**
 * "CHAPTER IV", "Chapter 12", "Chapter the Last", "BOOK II. CHAPTER 3", "Part One: The Sea",
 * "Section 4. Definitions". What may follow the number is checked in `labelled` (case-sensitively:
 * with the i flag \p{Lu} would match any letter).
 */
const LABELLED = new RegExp(`^(book|part|volume|vol\\.|chapter|chap\\.|canto|act|letter|lesson|section|article|scene)\\s+(${NUMBER})(.*)$`, 'i');
/** After the number only a title may follow, after a separator or starting with a capital: "Chapter 12 was the hardest" is a sentence. */
const AFTER_NUMBER = /^(?:\s*[.:\u2014\u2013-]+\s*(.*)|\s+([\p{Lu}\p{N}"“‘'([].*))?$/u;
const NAMED_PART =
  /^(?:prologue|epilogue|preface|foreword|introduction|afterword|contents|table of contents|appendix(?:\s+[A-Z\d]{1,4})?|glossary|index|bibliography|notes|acknowledge?ments|dedication|conclusion|postscript|interlude)[.:]?$/i;
/** "IV", "XII." alone: how many books number their chapters. */
const ROMAN = /^(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})\.?$/;
/** A book of a larger work with its chapter number: "Psalm 23", "1 Kings 4", "Song of Songs 2". */
const BOOK_AND_CHAPTER = /^(?:[1-3] )?\p{Lu}\p{Ll}+(?: (?:of|the|and|\p{Lu}\p{Ll}+)){0,3} \d{1,3}$/u;
/** "第三章", "第12回", "第一部 海へ", "序章". */
const CJK_LABEL =
  /^(?:第[0-9０-９一二三四五六七八九十百千零〇两兩]+([章回話话節节部巻卷篇幕集])|序章|終章|终章|序幕|序言|前言|後記|后记|あとがき|まえがき|プロローグ|エピローグ)(?:[\s\u3000:：．.、]+.*)?$/u;
const CJK_LEVELS: Record<string, number> = { 部: 1, 巻: 1, 卷: 1, 篇: 1, 集: 1, 節: 3, 节: 3 };
/** "§ 4. Definitions", "§ 12": a legal section with, at most, a short title. */
const SECTION_SIGN = /^§{1,2}\s*\d{1,4}[a-z]?\.?(?:\s+(.*))?$/u;

/** Whether a line is a chapter or section label (such a line is never a document's title). */
export function isSectionLabel(text: string): boolean {
  const line = text.trim();
  if (line.length > MAX_HEADING_CHARS) return false;
  return labelled(line) !== undefined || NAMED_PART.test(line) || ROMAN.test(line) || CJK_LABEL.test(line) || SECTION_SIGN.test(line);
}

/**
 * The heading level of a chapter or section label, or undefined. These are recognised even as the
 * first line of a paragraph-like run ("CHAPTER I" directly above its first paragraph).
 */
export function labelLevel(text: string): number | undefined {
  if (text.length > MAX_HEADING_CHARS) return undefined;
  // Every pattern is anchored at its first character, which tells which of them can match: the words and Roman
  // numerals start with a Latin letter, the CJK labels and § do not. (Asked of every line of a book.)
  const first = text.charCodeAt(0);
  if ((first | 0x20) >= 0x61 && (first | 0x20) <= 0x7a) {
    const label = labelled(text);
    if (label) return isTitleLike(label.title) ? label.level : undefined;
    return NAMED_PART.test(text) || ('MDCLXVI'.includes(text.charAt(0)) && ROMAN.test(text)) ? 2 : undefined;
  }
  const cjk = CJK_LABEL.exec(text);
  if (cjk && text.length <= 40) return CJK_LEVELS[cjk[1] ?? ''] ?? 2;
  const section = SECTION_SIGN.exec(text);
  if (section && isTitleLike(section[1] ?? '')) return 3;
  return undefined;
}

/**
 * The level of a line standing alone (a blank line, or the start or end of the text, either side):
 * a label, a book with its chapter number, or a short line in capitals. Undefined for anything else.
 */
export function standaloneHeadingLevel(text: string): number | undefined {
  if (text.length > MAX_HEADING_CHARS) return undefined;
  const label = labelLevel(text);
  if (label !== undefined) return label;
  if (BOOK_AND_CHAPTER.test(text)) return 2;
  if (isCapitalsLine(text)) return 2;
  return undefined;
}

/** "THE HARBOUR LIGHT", "PART THE FIRST": short, every cased letter a capital, not a sentence fragment. */
export function isCapitalsLine(text: string): boolean {
  if (text.length > 60 || /\p{Ll}/u.test(text) || /[,;]$/.test(text)) return false;
  const letters = text.match(/\p{Lu}/gu);
  if (!letters || letters.length < 4) return false;
  return text.split(/\s+/).length <= 10;
}

function labelled(text: string): { level: number; title: string } | undefined {
  const match = LABELLED.exec(text);
  if (!match) return undefined;
  // Roman numerals in capitals only: "Section did" is not Section 500-and-something.
  if (/^[ivxlcdm]+$/i.test(match[2]) && match[2] !== match[2].toUpperCase()) return undefined;
  const after = AFTER_NUMBER.exec(match[3]);
  if (!after) return undefined;
  return { level: LABEL_LEVELS[match[1].toLowerCase().replace('.', '')] ?? 2, title: (after[1] ?? after[2] ?? '').trim() };
}

/** A title after a chapter number: short, and not a sentence that runs on. */
function isTitleLike(title: string): boolean {
  if (title === '') return true;
  const words = title.split(/\s+/).length;
  if (words > 12 || /[,;:]$/.test(title)) return false;
  return !(/[.!?]$/.test(title) && words > 6);
}

/**
 * The level a line underlined by `underline` gets (=== 1, --- 2, ~~~ or ^^^ 3), or undefined when the
 * second line is not an underline of the first (it must be one repeated character about as long).
 */
export function underlineLevel(title: string, titleWidth: number, underline: string): number | undefined {
  if (underline.length < 3 || title.length > MAX_HEADING_CHARS) return undefined;
  const ch = underline[0];
  const level = ch === '=' ? 1 : ch === '-' ? 2 : ch === '~' || ch === '^' ? 3 : undefined;
  if (level === undefined || !/[\p{L}\p{N}]/u.test(title)) return undefined;
  for (let i = 1; i < underline.length; i++) if (underline[i] !== ch) return undefined;
  return underline.length >= Math.min(titleWidth, 3) && underline.length >= titleWidth * 0.5 && underline.length <= titleWidth * 2 + 4
    ? level
    : undefined;
}
