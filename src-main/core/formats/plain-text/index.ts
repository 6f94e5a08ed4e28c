// Plain text read the way its author laid it out: boilerplate set apart, hard-wrapped lines joined
// into paragraphs, line breaks kept where they carry meaning, headings recognised.
import type { BlockDraft } from '../blocks';
import type { DraftMeta } from '../types';
import { separateBoilerplate } from './boilerplate';
import { preformatted } from './kinds';
import { detectLayout } from './layout';
import { analyzeLine, collapseSpaces, isBlank } from './lines';
import { readRuns } from './runs';

export interface PlainText {
  blocks: BlockDraft[];
  meta: DraftMeta;
}

/**
 * Plain text to blocks and what the text says about itself. Texts with one paragraph per line (scraped
 * articles) keep one block per line; whitespace inside a paragraph collapses to single spaces.
 * Boilerplate (a Gutenberg header, footer and licence, a leading licence or "Title:" preamble) goes
 * after the text, behind a section break, as preformatted blocks: the reader opens on the book, the
 * title chooser never sees the preamble, and nothing the file holds is dropped.
 */
export function parsePlainText(source: string): PlainText {
  // Decoded text has LF line ends already: splitting on a plain "\n" is much faster than on a pattern.
  const { body, apart, meta } = separateBoilerplate(source.includes('\r') ? source.split(/\r\n?|\n/) : source.split('\n'));
  const lines = body.map((line) => (isBlank(line) ? null : analyzeLine(line)));
  const blocks = readRuns(lines, detectLayout(lines));
  if (!meta.author) {
    const author = bylineAuthor(blocks);
    if (author) meta.author = author;
  }
  if (apart.length > 0) {
    if (blocks.length > 0 && blocks[blocks.length - 1].kind !== 'break') blocks.push({ kind: 'break', text: '' });
    for (const chunk of apart) blocks.push({ kind: 'pre', text: preformatted(chunk.map(analyzeLine)) });
  }
  return { blocks, meta };
}

/** "by Ann Example" (or "By" then the name) among the first blocks, under the title. */
function bylineAuthor(blocks: readonly BlockDraft[]): string | undefined {
  const top = blocks.slice(0, 6);
  for (let i = 0; i < top.length; i++) {
    const block = top[i];
    if (block.kind !== 'paragraph' && block.kind !== 'heading') continue;
    // Only a block that opens with "by" can be a byline: no need to tidy the spaces of every long paragraph
    // (collapsing them changes nothing before the first letters but leading space, which the test allows for).
    if (!/^\s*by/i.test(block.text)) continue;
    const text = collapseSpaces(block.text);
    const inline = /^by\s+(\p{Lu}[\p{L}.'’ -]{1,60})$/iu.exec(text);
    if (inline && inline[1].split(' ').length <= 6) return inline[1].trim();
    const next = top[i + 1];
    if (/^by$/i.test(text) && next && next.text.length <= 60 && next.text.split(' ').length <= 6) return next.text;
  }
  return undefined;
}
