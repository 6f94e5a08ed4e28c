// Notes are untrusted text (typed, imported, synced): Markdown rendered by markdown-it with raw HTML
// off, then DOMPurify with a short list of tags. No images or anything else that fetches; links keep
// an href only when it may leave Gloss (http(s), mailto) and are opened by the caller, never followed.
import createDOMPurify, { type WindowLike } from 'dompurify';
import MarkdownIt from 'markdown-it';
import { isAllowedExternalUrl } from '../../src-main/ipc/contract';

const INLINE_TAGS = ['strong', 'em', 's', 'del', 'code', 'br'];
const FULL_TAGS = [...INLINE_TAGS, 'a', 'p', 'hr', 'blockquote', 'ul', 'ol', 'li', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
const ATTRIBUTES = ['href', 'title', 'start'];

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });
// An image in a note would be a fetch: show its alt text instead.
markdown.renderer.rules.image = (tokens, idx) => markdown.utils.escapeHtml(tokens[idx]?.content ?? '');

export type NoteVariant = 'full' | 'compact';

/**
 * A note renderer over a DOM `window` (the page's, or jsdom's in tests). `full`: block Markdown with
 * links; `compact` (inside a button, as in the Highlights list): inline Markdown, links as plain text.
 */
export function createNoteRenderer(window: WindowLike): (note: string, variant?: NoteVariant) => string {
  const purify = createDOMPurify(window);
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    const href = node.getAttribute('href');
    if (href === null || !isAllowedExternalUrl(href)) node.removeAttribute('href');
    else node.setAttribute('rel', 'noopener noreferrer');
  });
  return (note, variant = 'full') => {
    const html = variant === 'full' ? markdown.render(note) : markdown.renderInline(note);
    return purify.sanitize(html, {
      ALLOWED_TAGS: variant === 'full' ? FULL_TAGS : INLINE_TAGS,
      ALLOWED_ATTR: variant === 'full' ? ATTRIBUTES : [],
      ALLOW_DATA_ATTR: false,
      ALLOW_ARIA_ATTR: false,
      KEEP_CONTENT: true,
    });
  };
}
