// Markdown as CommonMark and GitHub (GFM) read it: markdown-it's tokens walked into the reading model,
// front matter read for metadata, raw HTML sanitized into structure, images beside the file stored.
import type { BlockDraft } from '../blocks';
import type { DraftAsset, ParsedDocument } from '../types';
import { markdownIt } from './engine';
import { readFrontMatter } from './frontMatter';
import { localImage } from './images';
import { convertHtml } from './rawHtml';
import { slugify } from './slug';
import { walkTokens } from './walk';

export type MarkdownDocument = Pick<ParsedDocument, 'blocks' | 'meta' | 'notices' | 'assets'>;

/** Markdown text (already decoded, line ends normalized) to blocks, metadata and the images it names. */
export async function parseMarkdown(source: string): Promise<MarkdownDocument> {
  const front = readFrontMatter(source);
  const md = markdownIt();
  const tokens = md.parse(front.body, {});
  const images = new AssetNames();
  const image = (src: string) => images.nameFor(src);
  const html = await convertHtml(md, tokens, { image });
  const blocks = [...front.blocks, ...walkTokens(tokens, { html, image })];
  resolveFragmentLinks(blocks);
  const doc: MarkdownDocument = { blocks, meta: front.meta };
  if (front.notices.length > 0) doc.notices = front.notices;
  if (images.assets.length > 0) doc.assets = images.assets;
  return doc;
}

/** More image files than any real document has; past it, images show as placeholders. */
const MAX_IMAGES = 1000;

/** Images named by a path beside the Markdown file, each stored once under a name of its own. */
class AssetNames {
  readonly assets: DraftAsset[] = [];
  private readonly byPath = new Map<string, string>();

  nameFor(src: string): string | undefined {
    const found = localImage(src);
    if (!found) return undefined;
    let name = this.byPath.get(found.path);
    if (name === undefined) {
      if (this.assets.length >= MAX_IMAGES) return undefined;
      name = `img-${this.assets.length + 1}${found.extension}`;
      this.assets.push({ name, ref: found.path });
      this.byPath.set(found.path, name);
    }
    return name;
  }
}

/**
 * In-document links ('#id') point at the heading ids as this document has them. markdown-it writes
 * targets percent-encoded ('#caf%C3%A9'), and people write '#Getting Started'-style targets by hand;
 * a target that names no id as written is matched by its slug, and left as written when nothing matches.
 */
function resolveFragmentLinks(blocks: BlockDraft[]): void {
  const anchors = new Set<string>();
  for (const block of blocks) if (block.anchor) anchors.add(block.anchor);
  for (const block of blocks) {
    for (const mark of block.marks ?? []) {
      if (mark.kind !== 'link' || !mark.href?.startsWith('#')) continue;
      const target = decodeFragment(mark.href.slice(1));
      if (anchors.has(target)) mark.href = `#${target}`;
      else if (anchors.has(slugify(target))) mark.href = `#${slugify(target)}`;
    }
  }
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
