// Heading ids the way GitHub makes them, so links written for a README on GitHub ('#getting-started')
// land on the same heading in Gloss.

/** Everything but letters, marks, digits, connector punctuation ('_'), '-' and spaces is dropped. */
const DROPPED = /[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu;

/** A heading's text as a GitHub-style slug: lower-case, punctuation dropped, each space a '-'. */
export function slugify(text: string): string {
  return text.toLowerCase().replace(DROPPED, '').replace(/ /g, '-');
}

/** Slugs unique within one document: a repeat gets -1, -2, … (as github-slugger counts them). */
export class Slugger {
  private readonly seen = new Map<string, number>();

  slug(text: string): string {
    const base = slugify(text);
    let result = base;
    while (this.seen.has(result)) {
      const count = this.seen.get(base)! + 1;
      this.seen.set(base, count);
      result = `${base}-${count}`;
    }
    this.seen.set(result, 0);
    return result;
  }

  /** An id the document gave itself (raw HTML's id=…), so no later heading is given the same one. */
  reserve(id: string): void {
    if (!this.seen.has(id)) this.seen.set(id, 0);
  }
}
