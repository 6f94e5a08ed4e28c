// The reading model rendered as HTML. Each block element carries data-start/data-end and holds exactly
// its block text (see offsets.ts), so nothing else may put text inside a block: decorations use CSS.
import { forwardRef, memo, type ReactNode } from 'react';
import type { Block } from '../../src-main/ipc/contract';
import { renderInline } from './inline';

function blockProps(block: Block) {
  return { 'data-start': block.start, 'data-end': block.start + block.text.length };
}

/** The document's title is the page's h1; its own headings go one level down (h2–h6). */
function headingTag(level: number | undefined): 'h2' | 'h3' | 'h4' | 'h5' | 'h6' {
  const shifted = Math.min(6, Math.max(2, (level ?? 1) + 1));
  return `h${shifted}` as 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
}

const normalized = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** How far down a saved page's header (site name, dates, repeated headline) may reach. */
const MASTHEAD_BLOCKS = 12;

interface Masthead {
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
function findMasthead(blocks: Block[], title: string): Masthead {
  const wanted = normalized(title);
  const top = blocks.slice(0, MASTHEAD_BLOCKS);
  const echoes = top.filter((b) => (b.kind === 'heading' || b.kind === 'paragraph') && normalized(b.text) === wanted);
  const last = echoes.length > 0 ? top.indexOf(echoes[echoes.length - 1]!) : -1;
  // A document that is nothing but its headline keeps it: the text never looks empty.
  if (last < 0 || !blocks.slice(last + 1).some((b) => b.text.trim() !== '' && !echoes.includes(b)))
    return { echoes: new Set(), furniture: new Set() };
  return { echoes: new Set(echoes), furniture: new Set(top.slice(0, Math.max(0, last)).filter((b) => !echoes.includes(b))) };
}

function renderBlock(block: Block, key: string | number, masthead: Masthead): ReactNode {
  const content = renderInline(block.text, block.marks);
  if (masthead.echoes.has(block)) {
    return (
      <p key={key} {...blockProps(block)} className="title-echo" hidden>
        {content}
      </p>
    );
  }
  const furniture = masthead.furniture.has(block) ? 'page-furniture' : undefined;
  switch (block.kind) {
    case 'heading': {
      const Tag = headingTag(block.level);
      return (
        <Tag key={key} {...blockProps(block)} className={furniture}>
          {content}
        </Tag>
      );
    }
    case 'quote':
      return (
        <blockquote key={key} {...blockProps(block)} className={furniture}>
          {content}
        </blockquote>
      );
    case 'code':
      return (
        <pre key={key} {...blockProps(block)} data-lang={block.lang || undefined}>
          <code>{content}</code>
        </pre>
      );
    case 'break':
      return <hr key={key} {...blockProps(block)} />;
    case 'image':
      // Never fetched: imported documents stay offline. The label's brackets come from CSS.
      return (
        <figure key={key} className="image-placeholder" {...blockProps(block)}>
          <span className="image-alt">{block.text}</span>
        </figure>
      );
    case 'listItem':
      return (
        <li
          key={key}
          {...blockProps(block)}
          value={block.ordered ? block.number : undefined}
          className={[block.level && block.level > 1 ? `depth-${Math.min(block.level, 6)}` : '', furniture ?? ''].join(' ').trim() || undefined}
        >
          {content}
        </li>
      );
    case 'paragraph':
    default:
      return (
        <p key={key} {...blockProps(block)} className={furniture}>
          {content}
        </p>
      );
  }
}

/** Consecutive list items of the same kind share one list element. */
function renderBlocks(blocks: Block[], title: string): ReactNode[] {
  const masthead = findMasthead(blocks, title);
  const out: ReactNode[] = [];
  let i = 0;
  while (i < blocks.length) {
    const block = blocks[i]!;
    if (block.kind !== 'listItem') {
      out.push(renderBlock(block, block.start, masthead));
      i++;
      continue;
    }
    const ordered = Boolean(block.ordered);
    const items: ReactNode[] = [];
    let j = i;
    while (j < blocks.length && blocks[j]!.kind === 'listItem' && Boolean(blocks[j]!.ordered) === ordered) {
      items.push(renderBlock(blocks[j]!, blocks[j]!.start, masthead));
      j++;
    }
    out.push(ordered ? <ol key={`ol${block.start}`}>{items}</ol> : <ul key={`ul${block.start}`}>{items}</ul>);
    i = j;
  }
  return out;
}

interface Props {
  blocks: Block[];
  /** the title shown above the body */
  title: string;
}

export const DocumentBody = memo(
  forwardRef<HTMLDivElement, Props>(function DocumentBody({ blocks, title }, ref) {
    return (
      <div className="document-body" ref={ref}>
        {renderBlocks(blocks, title)}
      </div>
    );
  }),
);
