import type { Token } from 'markdown-it';
import type { InlineMark } from '../model';

/** Rendered inline text with its formatting, offsets relative to `text`. */
export interface InlineText {
  text: string;
  marks: InlineMark[];
}

const SAFE_HREF = /^(?:https?:|mailto:)/i;
/** An in-document link: '#' and an id (a heading's anchor). */
const FRAGMENT = /^#[^\s#]+$/;

/**
 * Only links a person could safely open from the reader keep their target (http, https, mailto, and
 * '#id' links within the document); the text stays either way.
 */
export function safeHref(href: string | null | undefined): string | undefined {
  const trimmed = (href ?? '').trim();
  return SAFE_HREF.test(trimmed) || FRAGMENT.test(trimmed) ? trimmed : undefined;
}

const OPENERS: Record<string, InlineMark['kind']> = { em_open: 'em', strong_open: 'strong', s_open: 'strike', link_open: 'link' };
const CLOSERS: Record<string, InlineMark['kind']> = { em_close: 'em', strong_close: 'strong', s_close: 'strike', link_close: 'link' };

/** Walks an inline token's children into plain text (no Markdown syntax left) plus marks. */
export function renderInline(children: readonly Token[] | null): InlineText {
  let text = '';
  const marks: InlineMark[] = [];
  const open: { kind: InlineMark['kind']; start: number; href?: string }[] = [];
  for (const token of children ?? []) {
    const opened = OPENERS[token.type];
    if (opened) {
      const entry: { kind: InlineMark['kind']; start: number; href?: string } = { kind: opened, start: text.length };
      if (opened === 'link') entry.href = safeHref(String(token.attrGet('href') ?? ''));
      open.push(entry);
      continue;
    }
    const closed = CLOSERS[token.type];
    if (closed) {
      const index = findLast(open, closed);
      if (index < 0) continue;
      const [entry] = open.splice(index, 1);
      // A link whose target was refused is kept as plain text: no mark at all.
      if (entry.kind === 'link' && !entry.href) continue;
      if (text.length > entry.start) {
        const mark: InlineMark = { kind: entry.kind, start: entry.start, end: text.length };
        if (entry.href) mark.href = entry.href;
        marks.push(mark);
      }
      continue;
    }
    switch (token.type) {
      case 'text':
        text += token.content;
        break;
      case 'html_inline':
        // Raw HTML is read by the sanitizer (markdown/rawHtml.ts); where it was not, a tag is never shown as text.
        break;
      case 'code_inline':
        if (token.content.length > 0) {
          marks.push({ kind: 'code', start: text.length, end: text.length + token.content.length });
          text += token.content;
        }
        break;
      case 'softbreak':
        text += ' ';
        break;
      case 'hardbreak':
        text += '\n';
        break;
      case 'image':
        // Images are never fetched; inside running text they read as their alt text.
        text += renderInline(token.children).text;
        break;
      default:
        text += token.content ?? '';
    }
  }
  marks.sort((a, b) => a.start - b.start || b.end - a.end);
  return { text, marks };
}

function findLast(open: readonly { kind: InlineMark['kind'] }[], kind: InlineMark['kind']): number {
  for (let i = open.length - 1; i >= 0; i--) if (open[i].kind === kind) return i;
  return -1;
}

/** Joins rendered pieces with a separator, shifting each piece's marks to its new place. */
export function joinInline(pieces: readonly InlineText[], separator: string): InlineText {
  let text = '';
  const marks: InlineMark[] = [];
  pieces.forEach((piece, i) => {
    if (i > 0) text += separator;
    for (const m of piece.marks) marks.push({ ...m, start: m.start + text.length, end: m.end + text.length });
    text += piece.text;
  });
  return { text, marks };
}

/** Removes leading/trailing whitespace and keeps the marks on the same characters. */
export function trimInline(piece: InlineText): InlineText {
  const lead = piece.text.length - piece.text.trimStart().length;
  const text = piece.text.trim();
  const marks = piece.marks
    .map((m) => ({ ...m, start: Math.max(0, m.start - lead), end: Math.min(text.length, m.end - lead) }))
    .filter((m) => m.end > m.start);
  return { text, marks };
}
