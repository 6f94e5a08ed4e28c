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
  const notices = [...front.notices, ...html.notices];
  if (notices.length > 0) doc.notices = notices;
  const assets = images.inBlockOrder(blocks);
  if (assets.length > 0) doc.assets = assets;
  return doc;
}

/** More image files than any real document has; past it, images show as placeholders. */
const MAX_IMAGES = 1000;

/** Images named by a path beside the Markdown file, each stored once under a name of its own. */
class AssetNames {
  private readonly byName = new Map<string, { path: string; extension: string }>();
  private readonly byPath = new Map<string, string>();

  /** A provisional name (raw HTML is converted before the Markdown around it is walked). */
  nameFor(src: string): string | undefined {
    const found = localImage(src);
    if (!found) return undefined;
    let name = this.byPath.get(found.path);
    if (name === undefined) {
      if (this.byName.size >= MAX_IMAGES) return undefined;
      name = `pending-${this.byName.size}`;
      this.byName.set(name, found);
      this.byPath.set(found.path, name);
    }
    return name;
  }

  /** The images the blocks show, named img-1, img-2 … in reading order (the blocks' src renamed to match). */
  inBlockOrder(blocks: BlockDraft[]): DraftAsset[] {
    const assets: DraftAsset[] = [];
    const final = new Map<string, string>();
    for (const block of blocks) {
      if (block.src === undefined) continue;
      const found = this.byName.get(block.src);
      if (!found) {
        delete block.src;
        continue;
      }
      let name = final.get(block.src);
      if (name === undefined) {
        name = `img-${assets.length + 1}${found.extension}`;
        final.set(block.src, name);
        assets.push({ name, ref: found.path });
      }
      block.src = name;
    }
    return assets;
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
      if (anchors.has(slugify(target)) && !anchors.has(target)) mark.href = `#${slugify(target)}`;
      else if (!/[\s#]/.test(target)) mark.href = `#${target}`;
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
