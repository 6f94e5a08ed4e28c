// Raw HTML inside Markdown: sanitized (DOMPurify, in html/sanitize.ts) and read as the structure it is
// (a table, a list, a <details>), never shown as literal tags, never able to run or load anything.
// The sanitizer brings jsdom with it, so it is loaded only for documents that hold raw HTML.
import type { Token } from 'markdown-it';
import type { BlockDraft } from '../blocks';
import type { DomToBlocksOptions } from '../html/dom-blocks';
import type { InlineText } from '../inline';
import type { MarkdownIt } from './engine';
import type { ConvertedHtml } from './walk';

interface Sanitizer {
  htmlToBlocks(html: string, opts?: DomToBlocksOptions): Promise<BlockDraft[]>;
  htmlToInline(html: string): Promise<InlineText>;
}

const loadSanitizer = (): Promise<Sanitizer> => import('../html/sanitize');

const hasInlineHtml = (token: Token): boolean => token.type === 'inline' && (token.children ?? []).some((child) => child.type === 'html_inline');

/** Whether any token holds raw HTML (an HTML block, or a tag inside a paragraph, heading or cell). */
export function holdsHtml(tokens: readonly Token[]): boolean {
  return tokens.some((token) => token.type === 'html_block' || hasInlineHtml(token));
}

/**
 * Every piece of raw HTML converted, keyed by its token. An inline run is rendered whole (its
 * Markdown too) and converted as one, because a tag is often split over several tokens
 * ('<b>' … '</b>' with Markdown between them) and only the whole run is well-formed HTML.
 */
export async function convertHtml(md: MarkdownIt, tokens: readonly Token[], opts: DomToBlocksOptions): Promise<ConvertedHtml> {
  const converted: ConvertedHtml = { blocks: new Map(), inline: new Map() };
  if (!holdsHtml(tokens)) return converted;
  const { htmlToBlocks, htmlToInline } = await loadSanitizer();
  const work: Promise<void>[] = [];
  for (const token of tokens) {
    if (token.type === 'html_block') {
      work.push(htmlToBlocks(token.content, opts).then((blocks) => void converted.blocks.set(token, blocks)));
    } else if (hasInlineHtml(token)) {
      const html = md.renderer.renderInline(token.children ?? [], md.options, {});
      work.push(htmlToInline(html).then((piece) => void converted.inline.set(token, piece)));
    }
  }
  await Promise.all(work);
  return converted;
}
