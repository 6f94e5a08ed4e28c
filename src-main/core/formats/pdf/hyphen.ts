// Undoing end-of-line hyphenation, conservatively: "inter-" + "national" is one word, but "well-" +
// "known" keeps its hyphen. Without a dictionary, the document itself is the best witness.

/** The document's words as set inside lines (never split by a line end): what the text says a word looks like. */
export interface WordEvidence {
  /** lower-case words written without a hyphen */
  plain: Set<string>;
  /** lower-case hyphenated compounds ("well-known") */
  hyphenated: Set<string>;
}

const WORD = /[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*/gu;

export function collectEvidence(lines: Iterable<string>): WordEvidence {
  const evidence: WordEvidence = { plain: new Set(), hyphenated: new Set() };
  for (const line of lines) {
    // the last word of a line that ends in a hyphen is half a word
    const body = /[-\u2010\u00ad]$/.test(line) ? line.replace(/\S+$/, '') : line;
    for (const match of body.matchAll(WORD)) {
      const word = match[0].toLowerCase();
      (word.includes('-') ? evidence.hyphenated : evidence.plain).add(word);
    }
  }
  return evidence;
}

/**
 * Words that commonly open a hyphenated compound ("well-known", "self-aware", "twenty-five"). Only
 * whole words: "pre-", "multi-" or "high-" are as often the first half of a hyphenated word
 * ("pre-vious", "multi-ple", "high-er") and are left to the evidence and the default.
 */
const COMPOUND_FIRST = new Set(
  (
    'well self ill all half so non quasi ex anti semi cross long short full part first second third ' +
    'twenty thirty forty fifty sixty seventy eighty ninety one two three four five six seven eight nine ' +
    'much never state user world life time data'
  ).split(' '),
);

/** Endings that are a split word's tail, not a word of their own: "four-teen", "self-ish", "well-ness". */
const SUFFIX =
  /^(?:er|ers|est|ly|ness|ing|ings|ed|teen|ty|ish|tion|tions|sion|ment|ments|ful|less|able|ible|ous|ive|al|ic|y|ies|dom|ship|hood|ward|wards|ity|ize|ise|en)$/;

/**
 * How a line ending in `before` (its last word, hyphen included) joins a line starting with `after`
 * (its first word): the text to put between them, after dropping `drop` characters from the end of
 * the first line. The rule, in order:
 *   - a soft hyphen (U+00AD) is always a hyphenation: dropped;
 *   - a next line starting with a capital or a digit keeps the hyphen ("Franco-German", "COVID-19");
 *   - a word that is already a compound keeps it ("state-of-the-art");
 *   - the document decides when it uses the word elsewhere: written whole, the hyphen goes; written
 *     with a hyphen inside a line, it stays;
 *   - a common compound opener followed by a word that is not a suffix keeps it ("well-known");
 *   - otherwise the hyphen was the typesetter's and goes ("inter-national" → "international").
 */
export function hyphenJoin(before: string, after: string, evidence: WordEvidence): { drop: number; glue: string } {
  if (/\u00ad$/.test(before)) return { drop: 1, glue: '' };
  const match = /([\p{L}\p{M}]+)[-\u2010]$/u.exec(before);
  // "a -" is a dash between words, not a hyphen
  if (!match) return { drop: 0, glue: ' ' };
  const next = /^[\p{L}\p{M}]+/u.exec(after)?.[0];
  if (!next || /^\p{Lu}/u.test(next)) return { drop: 0, glue: '' };
  const head = match[1];
  if (/[\p{L}\p{M}]-[\p{L}\p{M}]+[-\u2010]$/u.test(before)) return { drop: 0, glue: '' };
  const whole = (head + next).toLowerCase();
  const compound = `${head}-${next}`.toLowerCase();
  if (evidence.plain.has(whole)) return { drop: 1, glue: '' };
  if (evidence.hyphenated.has(compound)) return { drop: 0, glue: '' };
  if (COMPOUND_FIRST.has(head.toLowerCase()) && next.length >= 3 && !SUFFIX.test(next.toLowerCase())) return { drop: 0, glue: '' };
  return { drop: 1, glue: '' };
}
