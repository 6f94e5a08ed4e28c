import { createRequire } from 'node:module';
import type MarkdownItType from 'markdown-it';

export type MarkdownIt = InstanceType<typeof MarkdownItType>;

// html: true so raw HTML arrives as html_block/html_inline tokens, which are sanitized and converted
// (rawHtml.ts), never passed through or shown as literal tags. Every link target is let through the
// parser so that a refused one (say javascript:) still reads as its link text rather than as
// "[text](...)"; renderInline then keeps only safe targets (safeHref).
// Loaded on first use, so commands that never parse Markdown (gloss list) start without it.
let parser: MarkdownIt | undefined;

export function markdownIt(): MarkdownIt {
  if (!parser) {
    const MarkdownIt = createRequire(import.meta.url)('markdown-it') as typeof MarkdownItType;
    const md = new MarkdownIt({ html: true, linkify: true, typographer: false });
    md.validateLink = () => true;
    addWwwAutolinks(md);
    parser = md;
  }
  return parser;
}

interface LinkifyMatch {
  url: string;
}
interface LinkifyRe {
  get_url_host_port(): RegExp;
  get_path(): RegExp;
}

/**
 * GFM autolinks 'www.example.org' as well as 'https://…'; linkify-it 6 only does the latter unless
 * fuzzy links are on, which would also link every "file.md" and "e.g." look-alike. So 'www.' becomes
 * a schema of its own, followed by a host (and optional path) as linkify-it defines them.
 */
function addWwwAutolinks(md: MarkdownIt): void {
  let tail: RegExp | undefined;
  md.linkify.add('www.', {
    validate(text: string, pos: number, self: unknown): number {
      // GFM: 'www.' starts a link only at the start of a word ("foo.www.example.org" is not one)
      if (pos > 4 && /[\p{L}\p{N}._@/-]/u.test(text[pos - 5])) return 0;
      const re = (self as { re: LinkifyRe }).re;
      tail ??= new RegExp(re.get_url_host_port().source + re.get_path().source, 'iy');
      tail.lastIndex = pos;
      const match = tail.exec(text);
      // 'www.' alone, or followed by a bare word without a dot ("www.x"), is not a link
      return match && match[0].includes('.') ? match[0].length : 0;
    },
    normalize(match: LinkifyMatch): void {
      match.url = `http://${match.url}`;
    },
  } as never);
}
