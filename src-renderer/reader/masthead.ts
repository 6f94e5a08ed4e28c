// A saved page's header above its text: the headline repeated under the title, and the page furniture
// before it.
import type { Block } from '../../src-main/ipc/contract';

const normalized = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** How far down a saved page's header (site name, dates, repeated headline) may reach. */
const MASTHEAD_BLOCKS = 12;

export interface Masthead {
  /** blocks that repeat the title shown above the text */
  echoes: Set<Block>;
  /** what a saved page prints before its headline ("logo", dates, section names): shown small and muted */
  furniture: Set<Block>;
}

/**
 * Scraped pages and Markdown files start with their headline, often after page furniture and
 * sometimes twice. The title above the text already says it, so the repeats are hidden, and what
 * came before the last one is shown quietly. Everything stays in the DOM, because text offsets count
 * every block.
 */
export function findMasthead(blocks: Block[], title: string): Masthead {
  const wanted = normalized(title);
  const top = blocks.slice(0, MASTHEAD_BLOCKS);
  const echoes = top.filter((b) => (b.kind === 'heading' || b.kind === 'paragraph') && normalized(b.text) === wanted);
  const last = echoes.length > 0 ? top.indexOf(echoes[echoes.length - 1]!) : -1;
  // A document that is nothing but its headline keeps it: the text never looks empty.
  if (last < 0 || !blocks.slice(last + 1).some((b) => b.text.trim() !== '' && !echoes.includes(b)))
    return { echoes: new Set(), furniture: new Set() };
  return { echoes: new Set(echoes), furniture: new Set(top.slice(0, Math.max(0, last)).filter((b) => !echoes.includes(b))) };
}
