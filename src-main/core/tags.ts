// Tags as the user typed them, compared without regard to case or width: the one home of that rule
// (pure, so the renderer's tag editor folds the same way).

/** The key two tags are compared by: "Method", "METHOD" and "method" are one tag. */
export const foldTag = (tag: string): string => tag.normalize('NFKC').toLocaleLowerCase('und');

export const sameTag = (a: string, b: string): boolean => foldTag(a) === foldTag(b);

/** A tag cleaned of a leading '#' and runs of spaces. */
export const cleanTag = (raw: string): string => raw.replace(/^#+/, '').replace(/\s+/g, ' ').trim();

/** Tags cleaned, empty ones and duplicates (by foldTag) dropped, first spelling kept. */
export function normalizeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = cleanTag(raw);
    if (!tag || seen.has(foldTag(tag))) continue;
    seen.add(foldTag(tag));
    out.push(tag);
  }
  return out;
}
