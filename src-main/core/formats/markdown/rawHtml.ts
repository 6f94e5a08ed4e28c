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

/**
 * Deeper than real HTML in a Markdown file ever nests. An HTML parser's work grows with the square of
 * the nesting (parse5 walks its stack of open elements for each new one: 20,000 nested <div>s take
 * a minute), so a deeper piece is left out, with a notice, rather than parsed.
 */
export const MAX_HTML_DEPTH = 200;

/** Elements that never hold others, or that the parser closes by itself when the next one opens. */
const NOT_NESTING = new Set(
  'area base br col embed hr img input link meta param source track wbr p li dt dd tr td th thead tbody tfoot option optgroup rp rt colgroup caption'.split(
    ' ',
  ),
);
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)/g;

/** How deep a piece of HTML can nest at most, read from its tags alone (an upper bound, in one linear pass). */
export function nestingDepth(html: string): number {
  let depth = 0;
  let max = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(html); match; match = TAG.exec(html)) {
    if (NOT_NESTING.has(match[2].toLowerCase())) continue;
    depth = match[1] ? Math.max(0, depth - 1) : depth + 1;
    if (depth > max) max = depth;
  }
  return max;
}

const hasInlineHtml = (token: Token): boolean => token.type === 'inline' && (token.children ?? []).some((child) => child.type === 'html_inline');

/** Whether any token holds raw HTML (an HTML block, or a tag inside a paragraph, heading or cell). */
export function holdsHtml(tokens: readonly Token[]): boolean {
  return tokens.some((token) => token.type === 'html_block' || hasInlineHtml(token));
}

/**
 * Every piece of raw HTML converted, keyed by its token. An inline run is rendered whole (its
 * Markdown too) and converted as one, because a tag is often split over several tokens
 * ('<b>' … '</b>' with Markdown between them) and only the whole run is well-formed HTML.
 * A piece nested too deeply is left unconverted: an HTML block then shows nothing, an inline run its
 * text without the tags.
 */
export async function convertHtml(
  md: MarkdownIt,
  tokens: readonly Token[],
  opts: DomToBlocksOptions,
): Promise<ConvertedHtml & { notices: string[] }> {
  const converted: ConvertedHtml & { notices: string[] } = { blocks: new Map(), inline: new Map(), notices: [] };
  if (!holdsHtml(tokens)) return converted;
  const { htmlToBlocks, htmlToInline } = await loadSanitizer();
  const work: Promise<void>[] = [];
  let tooDeep = 0;
  for (const token of tokens) {
    if (token.type === 'html_block') {
      if (nestingDepth(token.content) > MAX_HTML_DEPTH) tooDeep++;
      else work.push(htmlToBlocks(token.content, opts).then((blocks) => void converted.blocks.set(token, blocks)));
    } else if (hasInlineHtml(token)) {
      const html = md.renderer.renderInline(token.children ?? [], md.options, {});
      if (nestingDepth(html) > MAX_HTML_DEPTH) tooDeep++;
      else work.push(htmlToInline(html).then((piece) => void converted.inline.set(token, piece)));
    }
  }
  await Promise.all(work);
  if (tooDeep > 0) {
    converted.notices.push(
      `${tooDeep === 1 ? 'A piece' : `${tooDeep} pieces`} of HTML in this file nest more than ${MAX_HTML_DEPTH} elements deep; ${tooDeep === 1 ? 'it was' : 'they were'} left out (text inside a paragraph is kept without its tags).`,
    );
  }
  return converted;
}
