// markdown-it's token stream to the reading model's blocks. One pass, no lookbehind: what encloses a
// block (quotes, list items, a table) is kept on small stacks while walking.
import type { Token } from 'markdown-it';
import { TABLE_CELL, TABLE_ROW } from '../../text-joins';
import type { BlockDraft } from '../blocks';
import { joinInline, renderInline, trimInline, type InlineText } from '../inline';
import { Slugger } from './slug';

/** Raw HTML already sanitized and converted (rawHtml.ts), looked up by the token that held it. */
export interface ConvertedHtml {
  blocks: Map<Token, BlockDraft[]>;
  inline: Map<Token, InlineText>;
}

export interface WalkOptions {
  html: ConvertedHtml;
  /** an image's src as written → the name of the asset stored for it, or undefined (a placeholder) */
  image?: (src: string) => string | undefined;
}

/** The model's nesting fields stop at 9; deeper structure is shown at the deepest level. */
const MAX_DEPTH = 9;
const depth = (n: number) => Math.min(Math.max(n, 1), MAX_DEPTH);

interface ListState {
  ordered: boolean;
  next: number;
}

interface ItemState {
  ordered: boolean;
  number?: number;
  level: number;
  /** how many drafts there were when the item opened: its first paragraph can be a task only if it comes first */
  openedAt: number;
  /** index in the drafts of the block holding this item's text, once it has one */
  blockIndex?: number;
}

interface TableState {
  rows: InlineText[][];
  head: number;
  inHead: boolean;
  row?: InlineText[];
}

type Container = { kind: 'quote' } | { kind: 'item'; item: ItemState };

/** A task list item's marker as GFM has it: '[ ]', '[x]' or '[X]' and a space, opening the item's first paragraph. */
const TASK = /^\[([ xX])\][ \t]+/;
/** A code block's language as a reader would name it; anything else in an info string is not kept. */
const LANGUAGE = /^[\w+#.-]{1,40}$/;

export function walkTokens(tokens: readonly Token[], opts: WalkOptions): BlockDraft[] {
  const drafts: BlockDraft[] = [];
  const lists: ListState[] = [];
  const containers: Container[] = [];
  const slugger = new Slugger();
  let quoteDepth = 0;
  let headingLevel: number | undefined;
  let table: TableState | undefined;

  const quoted = <T extends BlockDraft>(draft: T): T => {
    if (quoteDepth > 0) draft.quote = depth(quoteDepth);
    return draft;
  };
  const withMarks = (draft: BlockDraft, marks: InlineText['marks']): BlockDraft => {
    if (marks.length > 0) draft.marks = marks;
    return draft;
  };
  const inlineOf = (token: Token): InlineText => opts.html.inline.get(token) ?? renderInline(token.children);
  /** A paragraph that belongs to no list item's first line: a quote's paragraph is a quote block. */
  const paragraph = (piece: InlineText): BlockDraft =>
    withMarks(quoteDepth > 0 ? { kind: 'quote', level: depth(quoteDepth), text: piece.text } : { kind: 'paragraph', text: piece.text }, piece.marks);
  const currentItem = (): ItemState | undefined => {
    const top = containers[containers.length - 1];
    return top?.kind === 'item' ? top.item : undefined;
  };

  const listItem = (item: ItemState, piece: InlineText, checked?: boolean): BlockDraft => {
    const draft = withMarks({ kind: 'listItem', text: piece.text, ordered: item.ordered, level: item.level }, piece.marks);
    if (item.number !== undefined) draft.number = item.number;
    if (checked !== undefined) draft.checked = checked;
    return quoted(draft);
  };

  const emitInline = (token: Token) => {
    const image = opts.html.inline.has(token) ? undefined : loneImage(token.children);
    if (image) {
      const draft: BlockDraft = { kind: 'image', text: renderInline(image.children).text.trim() };
      const src = opts.image?.(String(image.attrGet('src') ?? ''));
      if (src) draft.src = src;
      drafts.push(quoted(draft));
      return;
    }
    let piece = trimInline(inlineOf(token));
    if (piece.text === '') return;
    if (headingLevel !== undefined) {
      const draft = withMarks({ kind: 'heading', level: headingLevel, text: piece.text }, piece.marks);
      const anchor = slugger.slug(piece.text);
      if (anchor) draft.anchor = anchor;
      drafts.push(quoted(draft));
      return;
    }
    const item = currentItem();
    if (!item) {
      drafts.push(paragraph(piece));
      return;
    }
    if (item.blockIndex === undefined) {
      let checked: boolean | undefined;
      const task = drafts.length === item.openedAt && TASK.test(token.content) ? TASK.exec(piece.text) : null;
      if (task) {
        checked = task[1] !== ' ';
        piece = sliceInline(piece, task[0].length);
      }
      item.blockIndex = drafts.length;
      drafts.push(listItem(item, piece, checked));
    } else if (item.blockIndex === drafts.length - 1) {
      // A second paragraph of the same item stays in that item, on its own line.
      const previous = drafts[item.blockIndex];
      const merged = joinInline([{ text: previous.text, marks: previous.marks ?? [] }, piece], '\n');
      drafts[item.blockIndex] = withMarks({ ...previous, text: merged.text }, merged.marks);
    } else {
      // After a nested list or a code block the item's text can no longer sit beside its first line.
      drafts.push(paragraph(piece));
    }
  };

  const emitTable = (state: TableState) => {
    const rows = state.rows.filter((row) => row.length > 0);
    if (!rows.some((row) => row.some((cell) => cell.text !== ''))) return;
    const { text, marks } = joinInline(
      rows.map((row) => joinInline(row.map(cellText), TABLE_CELL)),
      TABLE_ROW,
    );
    const draft = withMarks({ kind: 'table', text }, marks);
    draft.head = Math.min(state.head, rows.length);
    drafts.push(quoted(draft));
  };

  /** Blocks from raw HTML take the place of the Markdown around them: inside its quotes and lists. */
  const emitHtmlBlocks = (blocks: readonly BlockDraft[]) => {
    for (const converted of blocks) {
      let block: BlockDraft = { ...converted };
      const item = currentItem();
      if (item && item.blockIndex === undefined && block.kind === 'paragraph') {
        item.blockIndex = drafts.length;
        drafts.push(listItem(item, { text: block.text, marks: block.marks ?? [] }));
        continue;
      }
      if (quoteDepth > 0) {
        if (block.kind === 'paragraph') block = { ...block, kind: 'quote', level: depth(quoteDepth) };
        else if (block.kind === 'quote') block.level = depth((block.level ?? 1) + quoteDepth);
        else block.quote = depth((block.quote ?? 0) + quoteDepth);
      }
      if (block.kind === 'listItem' && lists.length > 0) block.level = depth((block.level ?? 1) + lists.length);
      if (block.anchor) slugger.reserve(block.anchor);
      else if (block.kind === 'heading' && block.text.trim()) {
        const anchor = slugger.slug(block.text.trim());
        if (anchor) block.anchor = anchor;
      }
      drafts.push(block);
    }
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
        if (table?.row) table.row.push(trimInline(inlineOf(token)));
        else emitInline(token);
        break;
      case 'bullet_list_open':
        lists.push({ ordered: false, next: 1 });
        break;
      case 'ordered_list_open': {
        // CommonMark: the first item's number starts the list and the rest count up from it,
        // whatever numbers they were written with ("1. 1. 1." reads 1, 2, 3).
        const start = Number(token.attrGet('start') ?? 1);
        lists.push({ ordered: true, next: Number.isSafeInteger(start) ? start : 1 });
        break;
      }
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open': {
        const list = lists[lists.length - 1] ?? { ordered: false, next: 1 };
        const item: ItemState = { ordered: list.ordered, level: depth(lists.length), openedAt: drafts.length };
        if (list.ordered) item.number = list.next++;
        containers.push({ kind: 'item', item });
        break;
      }
      case 'list_item_close':
        containers.pop();
        break;
      case 'blockquote_open':
        quoteDepth++;
        containers.push({ kind: 'quote' });
        break;
      case 'blockquote_close':
        quoteDepth = Math.max(0, quoteDepth - 1);
        containers.pop();
        break;
      case 'fence':
      case 'code_block': {
        const text = token.content.replace(/\n$/, '');
        if (text.trim() === '') break;
        const draft: BlockDraft = { kind: 'code', text };
        const lang = token.info.trim().split(/\s+/)[0];
        if (lang && LANGUAGE.test(lang)) draft.lang = lang;
        drafts.push(quoted(draft));
        break;
      }
      case 'hr':
        drafts.push(quoted({ kind: 'break', text: '' }));
        break;
      case 'table_open':
        table = { rows: [], head: 0, inHead: false };
        break;
      case 'thead_open':
        if (table) table.inHead = true;
        break;
      case 'thead_close':
        if (table) table.inHead = false;
        break;
      case 'tr_open':
        if (table) table.row = [];
        break;
      case 'tr_close':
        if (table?.row) {
          table.rows.push(table.row);
          if (table.inHead) table.head++;
          table.row = undefined;
        }
        break;
      case 'table_close':
        if (table) emitTable(table);
        table = undefined;
        break;
      case 'html_block':
        emitHtmlBlocks(opts.html.blocks.get(token) ?? []);
        break;
      default:
        break;
    }
  }
  return drafts;
}

/** A cell's text with the table's own separators (tab, line break) turned into spaces, marks unmoved. */
function cellText(cell: InlineText): InlineText {
  return /[\t\n]/.test(cell.text) ? { text: cell.text.replace(/[\t\n]/g, ' '), marks: cell.marks } : cell;
}

/** The piece from `from` on, its marks moved along (and cut where they began before it). */
function sliceInline(piece: InlineText, from: number): InlineText {
  const text = piece.text.slice(from);
  const marks = piece.marks.map((m) => ({ ...m, start: Math.max(0, m.start - from), end: m.end - from })).filter((m) => m.end > m.start && m.end > 0);
  return { text, marks };
}

/** The image token when a paragraph holds nothing but one image (whitespace aside). */
function loneImage(children: readonly Token[] | null): Token | undefined {
  const meaningful = (children ?? []).filter((t) => !(t.type === 'text' && t.content.trim() === '') && t.type !== 'softbreak');
  return meaningful.length === 1 && meaningful[0].type === 'image' ? meaningful[0] : undefined;
}
