// PDF to the reading model, text first: pdf.js reads each page's text with its positions; lines are
// rebuilt from them, put in reading order (columns), stripped of running headers and footers, and
// joined into paragraphs and headings. Every page stays known as a landmark ("p. 12").
import { GlossError } from '../../errors';
import type { ParsedDocument, ParseInput } from '../types';
import { extractPdf, type PdfContent } from './extract';
import { collectEvidence } from './hyphen';
import { linesOf, readingOrder, type Line } from './lines';
import { usableAuthor, usableLanguage, usableTitle } from './meta';
import { buildBlocks } from './paragraphs';
import { removeRunningLines } from './running';

export async function parsePdf(input: ParseInput): Promise<ParsedDocument> {
  const content = await extractPdf(input);
  let row = 0;
  const pages = content.pages.map((page) => {
    const lines = readingOrder(linesOf(page, row));
    row += page.runs.length + 1;
    return { lines, height: page.height };
  });
  const all = pages.flatMap((p) => p.lines);
  const bodySize = bodySizeOf(all);
  const kept = removeRunningLines(pages, bodySize);
  refuseUnreadable(input.name, content, kept.flat());

  const built = buildBlocks(
    kept.map((lines, i) => ({ label: content.pages[i].label, lines })),
    { bodySize, leading: leadingOf(kept, bodySize), evidence: collectEvidence(all.map((l) => l.text)) },
  );
  const title = content.info.titles.map((t) => usableTitle(t, input.name)).find((t) => t !== undefined) ?? built.firstPageTitle;
  const author = usableAuthor(content.info.author);
  const language = usableLanguage(content.info.language);
  const notices: string[] = [];
  if (content.unreadablePages.length > 0) {
    const list = content.unreadablePages.map((n) => content.pages[n - 1].label);
    notices.push(
      `${input.name} is damaged: ${list.length === 1 ? `page ${list[0]} could` : `pages ${list.join(', ')} could`} not be read, so ${list.length === 1 ? 'its' : 'their'} text is missing.`,
    );
  }
  return {
    blocks: built.blocks,
    meta: { ...(title ? { title } : {}), ...(author ? { author } : {}), ...(language ? { language } : {}) },
    pages: built.pages,
    ...(notices.length ? { notices } : {}),
  };
}

/** No letters left is a scan (or a PDF of pictures); mostly unmapped glyphs is text pdf.js cannot spell. */
function refuseUnreadable(name: string, content: PdfContent, lines: Line[]): void {
  let letters = 0;
  let unmapped = 0;
  for (const line of lines) {
    for (const ch of line.text) {
      if (/[\p{L}\p{N}]/u.test(ch)) letters++;
      else if (/[\ufffd\ue000-\uf8ff]/u.test(ch)) unmapped++;
    }
  }
  if (letters === 0 && unmapped === 0) {
    throw new GlossError('invalid_input', `${name} has no text layer — it looks like a scanned image; Gloss cannot read scanned PDFs yet`);
  }
  if (unmapped > letters) {
    throw new GlossError(
      'invalid_input',
      `${name}'s text cannot be read: its fonts do not say which letters they draw (${content.pages.length === 1 ? 'the page' : 'the pages'} would show as symbols)`,
    );
  }
}

/** The size most characters are set in. */
function bodySizeOf(lines: Line[]): number {
  const chars = new Map<number, number>();
  for (const l of lines) chars.set(l.size, (chars.get(l.size) ?? 0) + l.text.length);
  let best = 0;
  let most = -1;
  for (const [size, n] of chars) if (n > most) [best, most] = [size, n];
  return best || 10;
}

/** Baseline-to-baseline distance of consecutive body lines, as a multiple of the body size (1.2 when unknown). */
function leadingOf(pages: Line[][], bodySize: number): number {
  const steps: number[] = [];
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i++) {
      const [a, b] = [lines[i - 1], lines[i]];
      if (Math.abs(a.size - bodySize) > 0.05 * bodySize || Math.abs(b.size - bodySize) > 0.05 * bodySize) continue;
      const step = b.y - a.y;
      if (step > 0.8 * bodySize && step < 2.5 * bodySize && a.x0 < b.x1 && b.x0 < a.x1) steps.push(step);
    }
  }
  if (steps.length === 0) return 1.2;
  steps.sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)] / bodySize;
}
