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

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ne',
  'ru',
  'sa',
  'to',
  'vi',
  'de',
  'an',
  'or',
  'el',
  'ti',
  'po',
  'ba',
  'qu',
  'ist',
  'ment',
  'ing',
  'er',
  'ly',
  'al',
];

/** A generated library for search: its texts and titles, and queries drawn from them. */
export interface ZipfLibrary {
  texts: string[];
  titles: string[];
  /** the texts lower-cased (what a linear scan reads) */
  lower: string[];
  /** in how many texts each word occurs */
  documentFrequency: Map<string, number>;
  /** 30 words found in 2 to 20 texts */
  rare: string[];
  /** 30 pairs of the commonest words */
  common: string[];
  /** 30 two- and three-word phrases from the texts */
  phrases: string[];
}

/**
 * `docs` texts of about `chars` characters drawn from a 60,000-word vocabulary with Zipf frequencies
 * (as words in real writing are), with titles of four words; the same library every run.
 */
export function zipfLibrary(docs: number, chars = 5_000): ZipfLibrary {
  let state = 12345;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const vocabulary = new Set<string>();
  while (vocabulary.size < 60_000) {
    let w = '';
    for (let i = 1 + Math.floor(random() * 4); i > 0; i--) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    vocabulary.add(w);
  }
  const vocab = [...vocabulary];
  const cumulative = new Float64Array(vocab.length);
  for (let r = 0, sum = 0; r < vocab.length; r++) cumulative[r] = sum += 1 / (r + 1) ** 1.07;
  const word = () => {
    const x = random() * cumulative[cumulative.length - 1]!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return vocab[lo]!;
  };
  const texts: string[] = [];
  const titles: string[] = [];
  for (let d = 0; d < docs; d++) {
    const sentences: string[] = [];
    for (let length = 0; length < chars;) {
      const s = `${Array.from({ length: 8 + Math.floor(random() * 12) }, word).join(' ')}.`;
      sentences.push(s);
      length += s.length + 1;
    }
    texts.push(sentences.join(' '));
    titles.push(Array.from({ length: 4 }, word).join(' '));
  }
  const lower = texts.map((t) => t.toLowerCase());
  const documentFrequency = new Map<string, number>();
  for (const t of lower) for (const w of new Set(t.split(/[^a-z]+/))) if (w) documentFrequency.set(w, (documentFrequency.get(w) ?? 0) + 1);
  const byFrequency = [...documentFrequency].sort((a, b) => a[1] - b[1]);
  const rare = byFrequency
    .filter(([, n]) => n >= 2 && n <= 20)
    .filter((_, i) => i % 97 === 0)
    .slice(0, 30)
    .map(([w]) => w);
  const top = byFrequency.slice(-80).map(([w]) => w);
  const common = Array.from({ length: 30 }, (_, i) => `${top[i]} ${top[79 - i]}`);
  const phrases = Array.from({ length: 30 }, (_, i) => {
    const ws = lower[(i * 331) % docs]!.replace(/\./g, '').split(' ');
    const at = 100 + ((i * 17) % 400);
    return ws.slice(at, at + 2 + (i % 2)).join(' ');
  });
  return { texts, titles, lower, documentFrequency, rare, common, phrases };
}
