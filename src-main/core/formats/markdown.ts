import { createRequire } from 'node:module';
import type MarkdownItType from 'markdown-it';
import type { Token } from 'markdown-it';
import type { BlockDraft } from './blocks';
import { joinInline, renderInline, trimInline, type InlineText } from './inline';

// html: false shows raw HTML as the text it is; nothing from the file is ever interpreted as markup
// beyond Markdown itself. Every link target is let through the parser so that a refused one (say
// javascript:) still reads as its link text rather than as "[text](...)"; renderInline then keeps
// only http(s) and mailto targets.
// Loaded on first use, so commands that never parse Markdown (gloss list) start without it.
let parser: InstanceType<typeof MarkdownItType> | undefined;
function markdownIt(): InstanceType<typeof MarkdownItType> {
  if (!parser) {
    const MarkdownIt = createRequire(import.meta.url)('markdown-it') as typeof MarkdownItType;
    parser = new MarkdownIt({ html: false, linkify: false, typographer: false });
    parser.validateLink = () => true;
  }
  return parser;
}

const MAX_LEVEL = 9;

interface ListState {
  ordered: boolean;
  next: number;
}

interface ItemState {
  ordered: boolean;
  number?: number;
  level: number;
  /** index in the drafts of the block holding this item's text, once it has one */
  blockIndex?: number;
}

/** Markdown to blocks, by walking markdown-it's token stream. */
export function parseMarkdown(source: string): BlockDraft[] {
  const tokens = markdownIt().parse(source, {});
  const drafts: BlockDraft[] = [];
  const lists: ListState[] = [];
  const items: ItemState[] = [];
  let quoteDepth = 0;
  let headingLevel: number | undefined;
  let row: InlineText[] | undefined;

  const emitText = (inline: Token) => {
    const image = loneImage(inline.children);
    if (image) {
      drafts.push({ kind: 'image', text: renderInline(image.children).text.trim() });
      return;
    }
    const { text, marks } = trimInline(renderInline(inline.children));
    if (text === '') return;
    const item = items[items.length - 1];
    if (item) {
      if (item.blockIndex === undefined) {
        item.blockIndex = drafts.length;
        const draft: BlockDraft = { kind: 'listItem', text, ordered: item.ordered, level: item.level, marks };
        if (item.number !== undefined) draft.number = item.number;
        drafts.push(draft);
      } else if (item.blockIndex === drafts.length - 1) {
        // A second paragraph of the same item stays in that item, on its own line.
        const merged = joinInline(
          [
            { text: drafts[item.blockIndex].text, marks: drafts[item.blockIndex].marks ?? [] },
            { text, marks },
          ],
          '\n',
        );
        drafts[item.blockIndex] = { ...drafts[item.blockIndex], text: merged.text, marks: merged.marks };
      } else {
        // After a nested list the item's text can no longer sit beside its first line.
        drafts.push({ kind: 'paragraph', text, marks });
      }
      return;
    }
    if (quoteDepth > 0) drafts.push({ kind: 'quote', text, marks });
    else if (headingLevel !== undefined) drafts.push({ kind: 'heading', level: headingLevel, text, marks });
    else drafts.push({ kind: 'paragraph', text, marks });
  };

  for (const token of tokens) {
    switch (token.type) {
      case 'heading_open':
        headingLevel = Number(token.tag.slice(1)) || 1;
        break;
      case 'heading_close':
        headingLevel = undefined;
        break;
      case 'inline':
        if (row) row.push(renderInline(token.children));
        else emitText(token);
        break;
      case 'bullet_list_open':
        lists.push({ ordered: false, next: 1 });
        break;
      case 'ordered_list_open':
        lists.push({ ordered: true, next: Number(token.attrGet('start') ?? 1) || 1 });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open': {
        const list = lists[lists.length - 1] ?? { ordered: false, next: 1 };
        const item: ItemState = { ordered: list.ordered, level: Math.min(Math.max(lists.length, 1), MAX_LEVEL) };
        if (list.ordered) {
          const number = token.info ? Number(token.info) : list.next;
          item.number = Number.isSafeInteger(number) ? number : list.next;
          list.next = item.number + 1;
        }
        items.push(item);
        break;
      }
      case 'list_item_close':
        items.pop();
        break;
      case 'blockquote_open':
        quoteDepth++;
        break;
      case 'blockquote_close':
        quoteDepth = Math.max(0, quoteDepth - 1);
        break;
      case 'fence':
      case 'code_block': {
        const draft: BlockDraft = { kind: 'code', text: token.content.replace(/\n$/, '') };
        const lang = token.info.trim().split(/\s+/)[0];
        if (lang) draft.lang = lang;
        drafts.push(draft);
        break;
      }
      case 'hr':
        drafts.push({ kind: 'break', text: '' });
        break;
      case 'tr_open':
        row = [];
        break;
      case 'tr_close':
        if (row && row.some((cell) => cell.text.trim() !== '')) {
          const { text, marks } = joinInline(row.map(trimInline), ' | ');
          drafts.push({ kind: 'paragraph', text, marks });
        }
        row = undefined;
        break;
      case 'html_block':
        // Only reachable if html were enabled; shown as its own text all the same.
        if (token.content.trim()) drafts.push({ kind: 'paragraph', text: token.content.trim() });
        break;
      default:
        break;
    }
  }
  return drafts;
}

/** The image token when a paragraph holds nothing but one image (whitespace aside). */
function loneImage(children: readonly Token[] | null): Token | undefined {
  const meaningful = (children ?? []).filter((t) => !(t.type === 'text' && t.content.trim() === '') && t.type !== 'softbreak');
  return meaningful.length === 1 && meaningful[0].type === 'image' ? meaningful[0] : undefined;
}
