// Generated texts for the bench (no one's writing): a deterministic word stream turned into sentences,
// paragraphs, articles and hard-wrapped books. The import part and the reader part read the same books.

const WORDS = (
  'the of and to in a that it was for on as with his her they at be this from had by not but what all were when we there can an your which their ' +
  'river harbour morning evening window letter winter summer garden market village station lantern orchard meadow ledger archive kettle ' +
  'quietly slowly carefully suddenly together afterwards perhaps already almost always never often usually ' +
  'walked carried noticed remembered answered wondered listened followed gathered waited opened closed turned wrote read ' +
  'old small long dark bright cold warm narrow wide empty distant familiar patient careful certain'
).split(' ');

/** A deterministic stream of words (the same corpus every run). */
export function words(seed: number): () => string {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return WORDS[(s >>> 8) % WORDS.length]!;
  };
}

export function sentence(next: () => string): string {
  const n = 8 + (next().length % 14);
  const ws = Array.from({ length: n }, next);
  ws[0] = ws[0]![0]!.toUpperCase() + ws[0]!.slice(1);
  return `${ws.join(' ')}.`;
}

export function paragraph(next: () => string): string {
  const n = 3 + (next().length % 5);
  return Array.from({ length: n }, () => sentence(next)).join(' ');
}

/** Lines of at most `width` characters, as a hard-wrapped book has them. */
export function wrap(text: string, width = 72): string {
  const lines: string[] = [];
  let line = '';
  for (const w of text.split(' ')) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** An article (one paragraph per line, as saved pages are) or a hard-wrapped chapter, of about `size` bytes. */
export function articleOrChapter(i: number, size: number): string {
  const next = words(i + 1);
  const wrapped = i % 3 === 0;
  const parts = [`${wrapped ? 'Chapter' : 'Report'} ${i + 1}: ${sentence(next).slice(0, -1)}`];
  let length = parts[0]!.length;
  while (length < size) {
    const p = paragraph(next);
    parts.push(wrapped ? wrap(p) : p);
    length += p.length + 2;
  }
  return `${parts.join(wrapped ? '\n\n' : '\n')}\n`;
}

export interface Chapter {
  heading: string;
  /** each paragraph on one line (wrapped only when the book is written out) */
  paragraphs: string[];
}

/** A book's chapters: "CHAPTER n" and `perChapter` paragraphs each. 72 chapters make the 4 MB book. */
export function bookChapters(chapters: number, perChapter = 140): Chapter[] {
  return Array.from({ length: chapters }, (_, c) => ({
    heading: `CHAPTER ${c + 1}`,
    paragraphs: Array.from({ length: perChapter }, (_, p) => paragraph(words(c * 1000 + p))),
  }));
}

/** The book as a plain-text file: hard-wrapped paragraphs, a blank line between them, two before a chapter. */
export function hardWrappedBook(chapters: Chapter[]): string {
  return chapters.map((c) => `${c.heading}\n\n${c.paragraphs.map((p) => wrap(p)).join('\n\n')}`).join('\n\n\n');
}
