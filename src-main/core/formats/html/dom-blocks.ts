/// <reference lib="dom" />
// HTML's structure as Gloss's blocks, by walking any DOM (jsdom's, a sanitized fragment's, an EPUB
// chapter's): only element names, attributes and text are read, never classes of one DOM
// implementation. What comes out is text and offsets; no block ever holds markup.
import type { InlineMark } from '../../model';
import { TABLE_CELL, TABLE_ROW } from '../../text-joins';
import type { BlockDraft } from '../blocks';
import { joinInline, safeHref, type InlineText } from '../inline';
import {
  BLOCK,
  CDATA_SECTION_NODE,
  dirOf,
  ELEMENT_NODE,
  HEADING_LEVEL,
  hidden,
  inherited,
  integer,
  isPixel,
  langOf,
  MARK_OF,
  MAX_DEPTH,
  nameOf,
  TEXT_NODE,
} from './elements';
import { InlineBuilder, oneLine } from './inline-builder';
import { isCode, languageOf, preText } from './preformatted';
import { isLayoutTable, readTable } from './tables';

export interface DomToBlocksOptions {
  /** an <img src> (as written in the page) → the asset name it is stored under, or undefined: placeholder with alt */
  image?: (src: string) => string | undefined;
  /** a link's href → the href to keep (undefined drops the link, keeps its text). Default: safeHref (formats/inline.ts: http(s), mailto, '#id') */
  link?: (href: string) => string | undefined;
  /** an element id → the block anchor to record (default: the id itself); undefined drops it */
  anchor?: (id: string) => string | undefined;
}

const MAX_LEVEL = 9;

interface ItemState {
  ordered: boolean;
  number?: number;
  level: number;
  checked?: boolean;
  /** the draft holding the item's text, once it has one */
  blockIndex?: number;
}

/** Where a block is: what encloses it decides its kind and level. */
interface Ctx {
  quote: number;
  list: number;
  item?: ItemState;
  heading?: number;
  dir?: 'ltr' | 'rtl';
  lang?: string;
}

const collapse = (text: string) => text.replace(/[\s\u00ad\u200b]+/g, ' ').trim();

class Walker {
  readonly drafts: BlockDraft[] = [];
  private buf = new InlineBuilder();
  private blockCtx: Ctx;
  /** anchors met since the last block: the next block takes the innermost, the others point to it */
  private pending: string[] = [];
  private readonly aliases = new Map<string, string>();
  private readonly base: { dir?: 'ltr' | 'rtl'; lang?: string };
  private readonly link: (href: string) => string | undefined;

  constructor(
    root: Element,
    private readonly opts: DomToBlocksOptions,
  ) {
    this.base = inherited(root);
    this.blockCtx = { quote: 0, list: 0, ...this.base };
    this.link = opts.link ?? safeHref;
  }

  run(root: Element): BlockDraft[] {
    this.container(root, this.blockCtx, 0);
    this.flush();
    this.settleAnchors();
    return this.drafts;
  }

  private children(el: Element, ctx: Ctx, depth: number): void {
    for (let node = el.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) this.buf.append((node as CharacterData).data);
      else if (node.nodeType === ELEMENT_NODE) this.element(node as Element, ctx, depth + 1);
    }
  }

  private element(el: Element, parent: Ctx, depth: number): void {
    const name = nameOf(el);
    if (hidden(el, name)) return;
    if (depth > MAX_DEPTH) {
      this.buf.append(` ${el.textContent ?? ''} `);
      return;
    }
    const ctx = this.ctxOf(el, parent);
    const heading = HEADING_LEVEL[name];
    if (heading) return this.container(el, { ...ctx, heading, item: undefined }, depth);
    switch (name) {
      case 'br':
        return this.buf.lineBreak();
      case 'img':
        return this.image(el, ctx);
      case 'input':
        return this.checkbox(el, ctx);
      case 'hr':
        this.flush();
        this.addAnchor(el);
        return this.emit({ kind: 'break', text: '' }, ctx);
      case 'pre':
      case 'listing':
      case 'xmp':
      case 'plaintext':
        this.flush();
        this.addAnchor(el);
        return this.preformatted(el, ctx);
      case 'table':
        return this.table(el, ctx, depth);
      case 'figure':
        return this.figure(el, ctx, depth);
      case 'ul':
      case 'ol':
      case 'menu':
      case 'dir':
        return this.list(el, ctx, depth);
      case 'li':
        // An item outside any list: a bullet one level in.
        return this.container(el, { ...ctx, item: { ordered: false, level: Math.min(ctx.list + 1, MAX_LEVEL) } }, depth);
      case 'blockquote':
        return this.container(el, { ...ctx, quote: ctx.quote + 1, item: undefined, heading: undefined }, depth);
      default:
        if (BLOCK.has(name)) return this.container(el, ctx, depth);
        return this.inline(el, name, ctx, depth);
    }
  }

  private ctxOf(el: Element, parent: Ctx): Ctx {
    const dir = dirOf(el);
    const lang = langOf(el);
    if (!dir && !lang) return parent;
    return { ...parent, ...(dir ? { dir } : {}), ...(lang ? { lang } : {}) };
  }

  /** A block-level element: what came before is a block of its own, and so is what it holds. */
  private container(el: Element, ctx: Ctx, depth: number): void {
    this.flush();
    this.addAnchor(el);
    const saved = this.blockCtx;
    this.blockCtx = ctx;
    this.children(el, ctx, depth);
    this.flush();
    this.blockCtx = saved;
  }

  private inline(el: Element, name: string, ctx: Ctx, depth: number): void {
    this.addAnchor(el);
    let mark: ReturnType<InlineBuilder['openMark']> | undefined;
    if (name === 'a') {
      const href = el.getAttribute('href');
      const kept = href === null ? undefined : this.link(href);
      if (kept !== undefined) mark = this.buf.openMark('link', kept);
    } else if (MARK_OF[name]) mark = this.buf.openMark(MARK_OF[name]);
    this.children(el, ctx, depth);
    if (mark) this.buf.closeMark(mark);
  }

  private list(el: Element, ctx: Ctx, depth: number): void {
    this.flush();
    this.addAnchor(el);
    const ordered = nameOf(el) === 'ol';
    const items = Array.from(el.children).filter((c) => nameOf(c) === 'li');
    const reversed = ordered && el.hasAttribute('reversed');
    const start = integer(el.getAttribute('start'));
    let next = start ?? (reversed ? items.length : 1);
    const level = Math.min(ctx.list + 1, MAX_LEVEL);
    const listCtx: Ctx = { ...ctx, list: ctx.list + 1, item: undefined, heading: undefined };
    const saved = this.blockCtx;
    this.blockCtx = listCtx;
    for (let node = el.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === TEXT_NODE) this.buf.append((node as CharacterData).data);
      if (node.nodeType !== ELEMENT_NODE) continue;
      const child = node as Element;
      if (nameOf(child) !== 'li') {
        this.element(child, listCtx, depth + 1);
        continue;
      }
      if (hidden(child, 'li')) continue;
      const item: ItemState = { ordered, level };
      if (ordered) {
        item.number = integer(child.getAttribute('value')) ?? next;
        next = reversed ? item.number - 1 : item.number + 1;
      }
      this.container(child, { ...this.ctxOf(child, listCtx), item }, depth + 1);
    }
    this.flush();
    this.blockCtx = saved;
  }

  /** A task list's checkbox, when it is the first thing in its item. */
  private checkbox(el: Element, ctx: Ctx): void {
    const item = ctx.item;
    if (el.getAttribute('type')?.toLowerCase() !== 'checkbox' || !item) return;
    if (item.blockIndex === undefined && item.checked === undefined && this.buf.isBlank) item.checked = el.hasAttribute('checked');
  }

  private image(el: Element, ctx: Ctx): void {
    const alt = collapse(el.getAttribute('alt') ?? '');
    if (isPixel(el)) return;
    // An emoji or symbol drawn as an image inside a sentence stays part of the sentence.
    if (!this.buf.isBlank && alt !== '' && [...alt].length <= 3) return this.buf.append(alt);
    const src = el.getAttribute('src');
    const asset = src ? this.opts.image?.(src) : undefined;
    if (!asset && alt === '') return;
    this.flush();
    this.addAnchor(el);
    const draft: BlockDraft = { kind: 'image', text: alt };
    if (asset) draft.src = asset;
    this.emit(draft, ctx);
  }

  private figure(el: Element, ctx: Ctx, depth: number): void {
    const images = Array.from(el.querySelectorAll('img')).filter((img) => !img.closest('figcaption') && !isPixel(img));
    if (images.length === 0) return this.container(el, ctx, depth);
    this.flush();
    this.addAnchor(el);
    const figcaption = Array.from(el.querySelectorAll('figcaption')).find((c) => c.closest('figure') === el);
    const caption = figcaption ? this.flat(figcaption) : undefined;
    images.forEach((img, i) => {
      const alt = collapse(img.getAttribute('alt') ?? '');
      const src = img.getAttribute('src');
      const asset = src ? this.opts.image?.(src) : undefined;
      const captioned = i === images.length - 1 && caption && caption.text !== '' ? caption : undefined;
      if (!asset && alt === '' && !captioned) return;
      const draft: BlockDraft = { kind: 'image', text: captioned ? captioned.text : alt };
      if (captioned) {
        if (captioned.marks.length) draft.marks = captioned.marks;
        if (alt !== '' && alt !== captioned.text) draft.alt = alt;
      }
      if (asset) draft.src = asset;
      this.emit(draft, ctx);
    });
  }

  private table(el: Element, ctx: Ctx, depth: number): void {
    if (isLayoutTable(el)) return this.container(el, ctx, depth);
    this.flush();
    const grid = readTable(el, (cell) => oneLine(this.flat(cell)));
    if (grid.caption) this.container(grid.caption, { ...ctx, item: undefined, heading: undefined }, depth + 1);
    this.addAnchor(el);
    if (grid.rows.length === 0) return;
    const { text, marks } = joinInline(
      grid.rows.map((row) => joinInline(row, TABLE_CELL)),
      TABLE_ROW,
    );
    if (text.replace(/[\t\n]/g, '').trim() === '') return;
    const draft: BlockDraft = { kind: 'table', text, head: grid.head };
    if (marks.length) draft.marks = marks;
    this.emit(draft, ctx);
  }

  /** Pre-formatted text as written: line breaks and runs of spaces kept. */
  private preformatted(el: Element, ctx: Ctx): void {
    const text = preText(el)
      .replace(/\r\n?/g, '\n')
      .replace(/^\n/, '')
      .replace(/[\u00ad\u200b]/g, '')
      .replace(/\s+$/, '');
    if (text.trim() === '') return;
    const code = isCode(el);
    const draft: BlockDraft = { kind: code ? 'code' : 'pre', text };
    const lang = code ? languageOf(el) : undefined;
    if (lang) draft.lang = lang;
    this.emit(draft, ctx);
  }

  /** An element's text on one run, marks kept (a table cell, a caption): inner blocks read as spaces. */
  private flat(el: Element): InlineText {
    const saved = this.buf;
    this.buf = new InlineBuilder();
    const walk = (node: Element, depth: number) => {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) this.buf.append((child as CharacterData).data);
        if (child.nodeType !== ELEMENT_NODE) continue;
        const inner = child as Element;
        const name = nameOf(inner);
        if (hidden(inner, name)) continue;
        this.addAnchor(inner);
        if (name === 'br') this.buf.lineBreak();
        else if (name === 'img') this.buf.append(` ${collapse(inner.getAttribute('alt') ?? '')} `);
        else if (depth > MAX_DEPTH) this.buf.append(` ${inner.textContent ?? ''} `);
        else if (BLOCK.has(name) || name === 'pre') {
          this.buf.space();
          walk(inner, depth + 1);
          this.buf.space();
        } else {
          let mark: ReturnType<InlineBuilder['openMark']> | undefined;
          const href = name === 'a' ? inner.getAttribute('href') : null;
          const kept = href === null ? undefined : this.link(href);
          if (kept !== undefined) mark = this.buf.openMark('link', kept);
          else if (MARK_OF[name]) mark = this.buf.openMark(MARK_OF[name]);
          walk(inner, depth + 1);
          if (mark) this.buf.closeMark(mark);
        }
      }
    };
    walk(el, 0);
    const out = this.buf.take();
    this.buf = saved;
    return out;
  }

  /** The text gathered so far becomes a block of the kind its place calls for. */
  private flush(): void {
    const { text, marks } = this.buf.take();
    if (text === '') return;
    const ctx = this.blockCtx;
    const item = ctx.item;
    if (ctx.heading) return this.emit({ kind: 'heading', level: ctx.heading, text: text.replace(/\n/g, ' ') }, ctx, marks);
    if (item) {
      if (item.blockIndex === undefined) {
        item.blockIndex = this.drafts.length;
        const draft: BlockDraft = { kind: 'listItem', level: item.level, ordered: item.ordered, text };
        if (item.number !== undefined) draft.number = item.number;
        if (item.checked !== undefined) draft.checked = item.checked;
        return this.emit(draft, ctx, marks);
      }
      if (item.blockIndex === this.drafts.length - 1) {
        // A second paragraph of the same item stays in that item, on its own line.
        const previous = this.drafts[item.blockIndex];
        const merged = joinInline(
          [
            { text: previous.text, marks: previous.marks ?? [] },
            { text, marks },
          ],
          '\n',
        );
        previous.text = merged.text;
        if (merged.marks.length) previous.marks = merged.marks;
        this.takeAnchor(previous);
        return;
      }
    }
    if (ctx.quote > 0 && !item) return this.emit({ kind: 'quote', level: Math.min(ctx.quote, MAX_LEVEL), text }, ctx, marks);
    this.emit({ kind: 'paragraph', text }, ctx, marks);
  }

  private emit(draft: BlockDraft, ctx: Ctx, marks?: InlineMark[]): void {
    if (marks?.length) draft.marks = marks;
    if (ctx.quote > 0 && draft.kind !== 'quote') draft.quote = Math.min(ctx.quote, MAX_LEVEL);
    if (ctx.dir && ctx.dir !== (this.base.dir ?? 'ltr')) draft.dir = ctx.dir;
    if (ctx.lang && ctx.lang.toLowerCase() !== (this.base.lang ?? '').toLowerCase()) draft.language = ctx.lang;
    this.takeAnchor(draft);
    this.drafts.push(draft);
  }

  private addAnchor(el: Element): void {
    const id = el.getAttribute('id')?.trim();
    if (!id) return;
    const anchor = this.opts.anchor ? this.opts.anchor(id) : id;
    if (anchor) this.pending.push(anchor);
  }

  private takeAnchor(draft: BlockDraft): void {
    if (this.pending.length === 0) return;
    draft.anchor ??= this.pending[this.pending.length - 1];
    for (const other of this.pending) if (other !== draft.anchor) this.aliases.set(other, draft.anchor);
    this.pending = [];
  }

  /** Ids left at the very end belong to the last block; links to ids that were folded into another follow it. */
  private settleAnchors(): void {
    const last = this.drafts[this.drafts.length - 1];
    if (last) this.takeAnchor(last);
    if (this.aliases.size === 0) return;
    for (const draft of this.drafts) {
      for (const mark of draft.marks ?? []) {
        if (mark.kind !== 'link' || !mark.href?.startsWith('#')) continue;
        const target = this.aliases.get(mark.href.slice(1));
        if (target) mark.href = `#${target}`;
      }
    }
  }
}

/** HTML (any DOM's element and what it holds) to blocks. */
export function domToBlocks(root: Element, opts: DomToBlocksOptions = {}): BlockDraft[] {
  return new Walker(root, opts).run(root);
}

/** An element's content as one run of text with its marks (inline HTML). */
export function domToInline(root: Element, opts: Pick<DomToBlocksOptions, 'link'> = {}): InlineText {
  const blocks = new Walker(root, opts).run(root);
  return joinInline(
    blocks.filter((b) => b.text !== '').map((b) => ({ text: b.text, marks: b.marks ?? [] })),
    '\n',
  );
}
