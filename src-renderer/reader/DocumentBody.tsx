// The reading model rendered as HTML. Each block element carries data-start/data-end and holds exactly
// its block text (see offsets.ts), so nothing else may put text inside a block: decorations use CSS, and
// the elements that group blocks (lists, quotes, a table's frame) hold no text of their own.
import { forwardRef, memo, type ReactNode } from 'react';
import type { Block, TextLandmark } from '../../src-main/ipc/contract';
import { anchorId } from './anchors';
import { ImageBlock } from './ImageBlock';
import { renderInline } from './inline';
import { pageStarts, quoteDepth } from './layout';
import { findMasthead, type Masthead } from './masthead';
import { needsAlignment } from './preformat';
import { TableBlock } from './TableBlock';
import './blocks.css';

interface RenderContext {
  masthead: Masthead;
  /** page labels shown where a page starts (CSS draws them from data-page) */
  pageAt: Map<Block, string>;
  documentId: string | undefined;
  /** the document says nothing about its direction: let each block find its own (an Arabic line in a plain text file) */
  autoDir: boolean;
  /** the level a heading is shown at, when the document's outline says (else its own) */
  headingLevel?: (block: Block) => number | undefined;
}

/** What every block element carries: its place in the canonical text, and its own id, direction and language. */
function blockAttributes(block: Block, ctx: RenderContext): Record<string, unknown> {
  const attributes: Record<string, unknown> = { 'data-start': block.start, 'data-end': block.start + block.text.length };
  if (block.anchor) attributes.id = anchorId(block.anchor);
  const dir = block.dir ?? (ctx.autoDir && block.kind !== 'code' ? 'auto' : undefined);
  if (dir) attributes.dir = dir;
  if (block.language) attributes.lang = block.language;
  return attributes;
}

/** The document's title is the page's h1; its own headings go one level down (h2–h6). */
function headingTag(level: number | undefined): 'h2' | 'h3' | 'h4' | 'h5' | 'h6' {
  const shifted = Math.min(6, Math.max(2, (level ?? 1) + 1));
  return `h${shifted}` as 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
}

const classes = (...names: (string | undefined | false)[]) => names.filter(Boolean).join(' ') || undefined;

function renderBlock(block: Block, ctx: RenderContext): ReactNode {
  const key = block.start;
  const content = renderInline(block.text, block.marks);
  const attributes = blockAttributes(block, ctx);
  if (ctx.masthead.echoes.has(block)) {
    return (
      <p key={key} {...attributes} className="title-echo" hidden>
        {content}
      </p>
    );
  }
  const page = ctx.pageAt.get(block);
  if (page !== undefined) attributes['data-page'] = page;
  const furniture = ctx.masthead.furniture.has(block) ? 'page-furniture' : undefined;
  switch (block.kind) {
    case 'heading': {
      const Tag = headingTag(ctx.headingLevel?.(block) || block.level);
      return (
        <Tag key={key} {...attributes} className={furniture}>
          {content}
        </Tag>
      );
    }
    case 'code':
      return (
        <pre key={key} {...attributes} data-lang={block.lang || undefined}>
          <code>{content}</code>
        </pre>
      );
    case 'pre':
      // Verse keeps the reading font; text laid out in columns needs monospace and must not wrap.
      return (
        <pre key={key} {...attributes} className={needsAlignment(block.text) ? 'text-art' : 'verse'}>
          {content}
        </pre>
      );
    case 'table': {
      const { 'data-page': pageLabel, ...tableAttributes } = attributes;
      return (
        <TableBlock key={key} block={block} attributes={tableAttributes} frame={pageLabel !== undefined ? { 'data-page': pageLabel } : undefined} />
      );
    }
    case 'break':
      return <hr key={key} {...attributes} />;
    case 'image':
      return <ImageBlock key={key} block={block} content={content} attributes={attributes} documentId={ctx.documentId} className={furniture} />;
    case 'listItem': {
      const task = block.checked !== undefined;
      return (
        <li
          key={key}
          {...attributes}
          value={block.ordered ? block.number : undefined}
          className={classes((block.level ?? 1) > 1 && `depth-${Math.min(block.level ?? 1, 6)}`, task && 'task', furniture)}
        >
          {/* A task's box is state, not text: it has no text nodes, so offsets are untouched. */}
          {task && <input type="checkbox" className="task-box" checked={block.checked} readOnly disabled aria-label="Task" />}
          {content}
        </li>
      );
    }
    // A quote's paragraphs sit inside the blockquote elements renderSequence wraps them in.
    case 'quote':
    case 'paragraph':
    default:
      return (
        <p key={key} {...attributes} className={furniture}>
          {content}
        </p>
      );
  }
}

/**
 * Blocks at one quote depth: deeper runs go into a nested blockquote, and consecutive list items of the
 * same kind share one list element.
 */
function renderSequence(blocks: Block[], depth: number, ctx: RenderContext): ReactNode[] {
  const out: ReactNode[] = [];
  let i = 0;
  while (i < blocks.length) {
    const block = blocks[i]!;
    if (quoteDepth(block) > depth) {
      let j = i + 1;
      while (j < blocks.length && quoteDepth(blocks[j]!) > depth) j++;
      out.push(<blockquote key={`q${block.start}`}>{renderSequence(blocks.slice(i, j), depth + 1, ctx)}</blockquote>);
      i = j;
      continue;
    }
    if (block.kind !== 'listItem') {
      out.push(renderBlock(block, ctx));
      i++;
      continue;
    }
    const ordered = Boolean(block.ordered);
    const items: ReactNode[] = [];
    let j = i;
    while (j < blocks.length && blocks[j]!.kind === 'listItem' && Boolean(blocks[j]!.ordered) === ordered && quoteDepth(blocks[j]!) === depth) {
      items.push(renderBlock(blocks[j]!, ctx));
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
  /** whose stored images the body shows */
  documentId?: string;
  /** the document's language (BCP 47) and direction, for the whole body */
  language?: string;
  dir?: 'ltr' | 'rtl';
  /** a PDF's pages */
  pages?: TextLandmark[];
  /** the header found at the top of the whole document, when `blocks` are only part of it */
  masthead?: Masthead;
  headingLevel?: (block: Block) => number | undefined;
}

export const DocumentBody = memo(
  forwardRef<HTMLDivElement, Props>(function DocumentBody({ blocks, title, documentId, language, dir, pages, masthead, headingLevel }, ref) {
    const ctx: RenderContext = {
      masthead: masthead ?? findMasthead(blocks, title),
      pageAt: pageStarts(blocks, pages),
      documentId,
      autoDir: !dir,
      ...(headingLevel ? { headingLevel } : {}),
    };
    return (
      <div className="document-body" ref={ref} lang={language || undefined} dir={dir}>
        {renderSequence(blocks, 0, ctx)}
      </div>
    );
  }),
);
