// What a search box's text asks for (issue 8 §2): words that must all occur, "quoted phrases" that
// must occur as written, -words that must not, tags as #tag or tag:name, and the last word taken as
// the start of a word while it is still being typed. Words are made the way texts are (analyze.ts),
// so the query's terms are the index's; a run of Chinese or Japanese becomes a phrase of its pairs.
import { tokenize } from './analyze';
import { foldText } from './find-in-text';

export interface ParsedQuery {
  /** terms every result holds */
  all: string[];
  /** phrases every result holds, each its terms in order */
  phrases: string[][];
  /** what no result holds: a word, or a phrase (its terms in order) */
  none: string[][];
  /** tags every result carries, as typed (tags are matched without regard to case) */
  tags: string[];
  /** the last word, still being typed: results hold a term that starts with it (it is also in `all`, whole) */
  prefix?: string;
}

/** `tag:"two words"`, `tag:name`, `#name`, `"a phrase"`, `-word` or `-"a phrase"`, or a bare word. */
const PART = /(-?)(?:tag:"([^"]*)"?|tag:(\S+)|#([^\s#"]+)|"([^"]*)"?|(\S+))/giu;

/**
 * `typing`: the query is being typed, so an unfinished last word (no space after it) also matches
 * the words it begins. A query made only of exclusions asks for nothing.
 */
export function parseQuery(text: string, { typing = false }: { typing?: boolean } = {}): ParsedQuery {
  const out: ParsedQuery = { all: [], phrases: [], none: [], tags: [] };
  let lastBare: { start: number; end: number } | null = null;
  for (const m of text.matchAll(PART)) {
    const [, minus, quotedTag, tag, hashTag, phrase, bare] = m;
    const not = minus === '-';
    const tagName = quotedTag ?? tag ?? hashTag;
    if (tagName !== undefined) {
      if (!not && tagName.trim()) out.tags.push(tagName.trim());
      continue;
    }
    const words = tokenize(phrase ?? bare ?? '');
    if (words.length === 0) continue;
    const terms = words.map((w) => w.term);
    if (not) out.none.push(...(phrase !== undefined || hasRunOfPairs(words) ? [terms] : terms.map((t) => [t])));
    else if (phrase !== undefined || hasRunOfPairs(words)) {
      if (terms.length === 1) out.all.push(terms[0]!);
      else out.phrases.push(terms);
    } else {
      out.all.push(...terms);
      lastBare = { start: m.index + (minus?.length ?? 0), end: m.index + m[0].length };
    }
  }
  const tail = lastBare && lastBare.end === text.length ? tokenize(text.slice(lastBare.start, lastBare.end)).at(-1) : undefined;
  if (typing && tail) out.prefix = foldText(text.slice(lastBare!.start + tail.start, lastBare!.start + tail.end)).folded;
  return out;
}

/** Whether the words are the overlapping pairs of a Chinese or Japanese run (they then form a phrase). */
function hasRunOfPairs(words: { start: number; end: number }[]): boolean {
  return words.some((w, i) => i > 0 && w.start < words[i - 1]!.end);
}

/** Whether the query asks for anything a result must hold (a query of exclusions only does not). */
export function asksForSomething(q: ParsedQuery): boolean {
  return q.all.length > 0 || q.phrases.length > 0 || q.tags.length > 0;
}
