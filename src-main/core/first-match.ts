// Where a search first matches a text: the whole phrase the user typed if it occurs, else the first of
// its words that does. Plain code with no Node imports: the reader uses it too, to show the match.

export interface TextSpan {
  start: number;
  end: number;
}

/** Terms to look for, best first: the phrase, then its words. */
export function queryTerms(query: string): string[] {
  const phrase = query.trim().replace(/\s+/g, ' ');
  return phrase ? [phrase, ...phrase.split(' ')] : [];
}

/** Every occurrence (case-insensitive) of the first of `terms` that occurs in `text`, in order. */
export function matchesOf(text: string, terms: string[]): TextSpan[] {
  const lower = text.toLowerCase();
  for (const term of terms) {
    const needle = term.toLowerCase();
    if (!needle) continue;
    const spans: TextSpan[] = [];
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
      spans.push({ start: at, end: at + needle.length });
    }
    if (spans.length > 0) return spans;
  }
  return [];
}
