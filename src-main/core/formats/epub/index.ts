// EPUB 2 and 3 to the reading model: the archive opened with every guard (zip.ts), the package read
// (package.ts), each spine document converted in reading order (chapter.ts), then the book's own table
// of contents and each chapter's start placed on blocks. Tolerant where real books bend the rules (no
// mimetype or a misplaced one, junk entries, a missing optional file or chapter: skipped and said), strict
// where the file is really broken or hostile (refused with the file named).
import { GlossError } from '../../errors';
import type { BlockDraft } from '../blocks';
import { fileNameTitle } from '../title';
import type { DraftLandmark, ParsedDocument, ParseInput } from '../types';
import { DamagedEntryError, openZip, type ZipArchive } from '../zip';
import { BookAnchors } from './anchors';
import { BookImages, chapterBlocks, type ChapterContext } from './chapter';
import { MAX_PACKAGE_FILE_BYTES, readPackage, type BookPackage, type ManifestItem } from './package';
import { readNav, readNcx, type TocEntry } from './toc';
import { attr, BookDom, decodeMarkup, elements } from './xml';

const HTML_TYPES = new Set(['application/xhtml+xml', 'text/html']);
const RASTER_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
/** A chapter file larger than this would take gigabytes as a DOM; a book's are far smaller. */
const MAX_CHAPTER_BYTES = 32 * 1024 * 1024;

/** Encryption that only scrambles embedded fonts (a publisher's font licence), never the text. */
const FONT_OBFUSCATION = new Set(['http://www.idpf.org/2008/embedding', 'http://ns.adobe.com/pdf/enc#rc']);

/** A chapter read: where its blocks start in the book's list, and what it was. */
interface ReadChapter {
  path: string;
  key: string;
  position: number;
  first: number;
  count: number;
}

/** EPUB to the reading model. Async: chapters go through the HTML importer's sanitizer. */
export async function parseEpub(input: ParseInput): Promise<ParsedDocument> {
  const zip = openZip(input.name, input.bytes, { kind: 'an EPUB' });
  const dom = new BookDom();
  try {
    return await readBook(input.name, zip, dom);
  } finally {
    dom.close();
  }
}

async function readBook(name: string, zip: ZipArchive, dom: BookDom): Promise<ParsedDocument> {
  const notices: string[] = [];
  const pkg = readPackage(name, zip, dom, notices);
  refuseDrm(name, zip, pkg, dom);
  for (const idref of pkg.unknownIdrefs) notices.push(`A chapter the book lists ("${idref}") is not among its files; it was skipped.`);

  // Non-linear documents (notes, answers, pop-ups a reader reaches through links) come after the reading
  // order rather than interrupting it; their text is kept and the links to them still arrive.
  const order = [...pkg.spine.filter((s) => s.linear), ...pkg.spine.filter((s) => !s.linear)];
  const anchors = new BookAnchors();
  const contents = order.map((s) => contentItem(pkg, s.item));
  contents.forEach((item, i) => {
    if (item && !anchors.keyOf(item.path)) anchors.addChapter(item.path, i + 1);
  });

  const images = new BookImages(zip);
  const blocks: BlockDraft[] = [];
  const chapters: ReadChapter[] = [];
  const seen = new Set<string>();
  let missing = 0;
  for (let i = 0; i < order.length; i++) {
    const item = contents[i];
    const spineItem = order[i].item;
    if (!item) {
      notices.push(`${spineItem.path} is a kind of file Gloss cannot show (${spineItem.mediaType || 'unknown type'}); it was skipped.`);
      continue;
    }
    const key = anchors.keyOf(item.path)!;
    // A file listed twice in the spine is read once.
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = zip.find(item.path);
    if (!entry || entry.directory) {
      missing++;
      notices.push(`${item.path} is listed in the book but missing from it; it was skipped.`);
      continue;
    }
    if (entry.size > MAX_CHAPTER_BYTES) {
      notices.push(`${item.path} is too large to read (${Math.round(entry.size / 1024 / 1024)} MB); it was skipped.`);
      continue;
    }
    let chapter: BlockDraft[];
    try {
      chapter = await readChapter(zip, item, { path: item.path, key, anchors, images, contentType: 'application/xhtml+xml' }, pkg, notices);
    } catch (error) {
      if (!(error instanceof DamagedEntryError)) throw error;
      missing++;
      notices.push(`${item.path} is damaged and could not be read; it was skipped.`);
      continue;
    }
    anchors.settleChapter(key, chapter);
    if (!chapter.length) continue;
    chapters.push({ path: item.path, key, position: i + 1, first: blocks.length, count: chapter.length });
    for (const block of chapter) blocks.push(block);
  }
  if (!chapters.length && missing > 0 && missing === order.length) {
    throw new GlossError('invalid_input', `${name} is damaged (none of the chapters it lists can be read)`);
  }

  settleLinks(blocks, anchors);
  const blockOf = new Map<string, number>();
  blocks.forEach((b, i) => {
    if (b.anchor !== undefined && !blockOf.has(b.anchor)) blockOf.set(b.anchor, i);
  });
  const entries = readToc(zip, pkg, notices, dom);
  const toc = placeToc(entries, anchors, blockOf);
  const sections = chapters.map((c, n): DraftLandmark => ({ label: sectionLabel(c, entries, blocks, n), block: c.first }));

  // A book without a usable title is named by its file, as any document is when it says nothing of itself: a
  // book's first sentence (a copyright line, a dedication) names it worse than the name it was saved under.
  const meta = pkg.meta.title ? pkg.meta : { ...pkg.meta, title: fileNameTitle(name) };
  const parsed: ParsedDocument = { blocks, meta, sections, assets: images.assets, notices };
  if (toc.length) parsed.toc = toc;
  if (!sections.length) delete parsed.sections;
  return parsed;
}

/** The spine item's own file when Gloss can read it, else the first readable one of its fallbacks. */
function contentItem(pkg: BookPackage, item: ManifestItem): ManifestItem | undefined {
  const seen = new Set<string>();
  for (let at: ManifestItem | undefined = item; at && !seen.has(at.id); at = at.fallback ? pkg.manifest.get(at.fallback) : undefined) {
    seen.add(at.id);
    if (HTML_TYPES.has(at.mediaType) || RASTER_TYPES.has(at.mediaType)) return at;
    // A wrong or missing media-type on an obvious chapter file is a packer's slip, not a different format.
    if (!at.mediaType.startsWith('image/') && /\.(x?html?|xml)$/i.test(at.path)) return at;
  }
  return undefined;
}

async function readChapter(zip: ZipArchive, item: ManifestItem, ctx: ChapterContext, pkg: BookPackage, notices: string[]): Promise<BlockDraft[]> {
  if (RASTER_TYPES.has(item.mediaType)) {
    // An image as a spine item (a cover, a plate): one image block.
    const src = ctx.images.nameFor(item.path);
    return src ? [{ kind: 'image', text: '', src }] : [];
  }
  const markup = decodeMarkup(zip.read(item.path), item.path, notices);
  const contentType = item.mediaType === 'text/html' || /\.html?$/i.test(item.path) ? 'text/html' : 'application/xhtml+xml';
  const { blocks, lang, dir } = await chapterBlocks(markup, { ...ctx, contentType });
  const kept = trimChapter(blocks);
  // A chapter in another language or direction than the book says so on its blocks.
  const bookLang = pkg.meta.language?.toLowerCase();
  const bookDir = pkg.meta.dir ?? 'ltr';
  for (const block of kept) {
    if (lang && bookLang && lang.toLowerCase() !== bookLang && block.language === undefined) block.language = lang;
    if (dir && dir !== bookDir && block.dir === undefined) block.dir = dir;
  }
  return kept;
}

/**
 * What a chapter adds: nothing when it has no text and no stored image (an empty page, a cover whose
 * image is not stored), and never a section break at its edges (the chapter boundary is one already).
 */
function trimChapter(blocks: BlockDraft[]): BlockDraft[] {
  const shows = (b: BlockDraft) => (b.kind === 'image' ? b.src !== undefined || b.text.trim() !== '' : b.kind !== 'break' && b.text.trim() !== '');
  if (!blocks.some(shows)) return [];
  let start = 0;
  let end = blocks.length;
  while (blocks[start].kind === 'break') start++;
  while (blocks[end - 1].kind === 'break') end--;
  const kept = blocks.slice(start, end);
  // An anchor on a dropped break (a chapter's id on its opening <hr>) moves to the block after it.
  if (start > 0 && kept[0].anchor === undefined) {
    const anchor = blocks.slice(0, start).find((b) => b.anchor)?.anchor;
    if (anchor) kept[0].anchor = anchor;
  }
  return kept;
}

/** In-book links written during conversion now point where their targets landed; links to nowhere keep their text only. */
function settleLinks(blocks: BlockDraft[], anchors: BookAnchors): void {
  for (const block of blocks) {
    if (!block.marks) continue;
    block.marks = block.marks.filter((mark) => {
      if (mark.kind !== 'link' || !mark.href?.startsWith('#')) return true;
      const target = anchors.resolve(mark.href.slice(1));
      if (!target) return false;
      mark.href = `#${target}`;
      return true;
    });
    if (!block.marks.length) delete block.marks;
  }
}

/** The navigation document's table of contents, else the NCX's; [] when neither has one (the reader then uses headings). */
function readToc(zip: ZipArchive, pkg: BookPackage, notices: string[], dom: BookDom): TocEntry[] {
  for (const [item, read] of [
    [pkg.nav, readNav],
    [pkg.ncx, readNcx],
  ] as const) {
    if (!item) continue;
    if ((zip.find(item.path)?.size ?? 0) > MAX_PACKAGE_FILE_BYTES) {
      notices.push(`The book's table of contents (${item.path}) is too large to read; its headings are used instead.`);
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = zip.read(item.path);
    } catch (error) {
      if (!(error instanceof DamagedEntryError)) throw error;
      notices.push(`The book's table of contents (${item.path}) could not be read; its headings are used instead.`);
      continue;
    }
    const entries = read(dom.parse(decodeMarkup(bytes, item.path, notices)).root, item.path);
    if (entries.length) return entries;
  }
  return [];
}

function placeToc(entries: TocEntry[], anchors: BookAnchors, blockOf: Map<string, number>): DraftLandmark[] {
  const out: DraftLandmark[] = [];
  for (const entry of entries) {
    const key = anchors.keyOf(entry.path);
    if (!key) continue;
    const anchor = anchors.resolve(entry.fragment ? anchors.nameOf(key, entry.fragment) : key);
    const block = anchor === undefined ? undefined : blockOf.get(anchor);
    if (block === undefined) continue;
    out.push({ label: entry.label, block, level: entry.level });
  }
  return out;
}

/** A chapter's name: its entry in the book's table of contents, else its first heading, else "Chapter n". */
function sectionLabel(chapter: ReadChapter, entries: TocEntry[], blocks: BlockDraft[], n: number): string {
  const entry = entries.find((e) => e.path === chapter.path && !e.fragment) ?? entries.find((e) => e.path === chapter.path);
  if (entry) return entry.label;
  const heading = blocks.slice(chapter.first, chapter.first + chapter.count).find((b) => b.kind === 'heading' && b.text.trim() !== '');
  if (heading) return heading.text.replace(/\s+/g, ' ').trim().slice(0, 200);
  return `Chapter ${n + 1}`;
}

/**
 * A book whose chapters are encrypted (DRM) cannot be read; saying so beats importing ciphertext as text.
 * Encrypted fonts alone (publishers' font obfuscation) are harmless: the text is readable.
 */
function refuseDrm(name: string, zip: ZipArchive, pkg: BookPackage, dom: BookDom): void {
  const entry = zip.find('META-INF/encryption.xml');
  if (!entry || entry.size > MAX_PACKAGE_FILE_BYTES) return;
  let root: Element;
  try {
    root = dom.parse(decodeMarkup(zip.read(entry), entry.name)).root;
  } catch (error) {
    if (error instanceof DamagedEntryError) return;
    throw error;
  }
  const chapterPaths = new Set(pkg.spine.map((s) => s.item.path.toLowerCase()));
  for (const data of elements(root, 'encrypteddata')) {
    const method = elements(data, 'encryptionmethod')[0];
    const algorithm = (method && attr(method, 'algorithm'))?.trim().toLowerCase() ?? '';
    if (FONT_OBFUSCATION.has(algorithm)) continue;
    const reference = elements(data, 'cipherreference')[0];
    const uri = (reference && attr(reference, 'uri')) ?? '';
    let path = uri;
    try {
      path = decodeURIComponent(uri);
    } catch {
      // as written
    }
    if (chapterPaths.has(path.replace(/^\/+/, '').toLowerCase())) {
      throw new GlossError('unsupported', `${name} is protected by DRM (its chapters are encrypted); Gloss can only read books without DRM`);
    }
  }
}
