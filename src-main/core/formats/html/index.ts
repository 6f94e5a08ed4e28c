/// <reference lib="dom" />
// A saved web page to the reading model: bytes decoded as the page declares (BOM, <meta charset>, or
// detection), parsed by jsdom with nothing able to run or load, the article found by Readability (on
// a copy; the whole body when it finds none), made inert by DOMPurify, then walked into blocks.
import { GlossError } from '../../errors';
import type { BlockDraft } from '../blocks';
import { decodeBytes } from '../encoding';
import type { ParsedDocument, ParseInput } from '../types';
import { PageAssets } from './assets';
import { declaredCharset } from './charset';
import { domToBlocks } from './dom-blocks';
import { noteTaskItems, removeClutter, restoreTaskItems } from './clutter';
import { cleanAuthor, cleanField, cleanLanguage, isRtlLanguage, pageMeta, pageTitle } from './metadata';
import { domRuntime, emptyDocument } from './runtime';
import { inheritDocumentLanguage, parseTolerantly, sanitize } from './sanitize';

export type { DomToBlocksOptions } from './dom-blocks';
export { domToBlocks, domToInline } from './dom-blocks';
export { htmlToBlocks, htmlToInline, sanitizedDocument } from './sanitize';

/** Past this many characters a page is a book-sized dump, not an article: parsing it would take minutes and gigabytes. */
const MAX_PAGE_CHARS = 48 * 1024 * 1024;
/**
 * More visible text than any article has (a long read is some 60,000 characters): a book or a
 * document saved as one page, all of it content. Readability would take seconds on it, and could
 * drop chapters it judged too link-heavy or too short, so it is read whole.
 */
const MAX_ARTICLE_CHARS = 250_000;
/** Landmarks around an article; a page without any is all article, whatever Readability thinks. */
const CHROME = 'nav, header, footer, aside, form, [role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"]';

/** HTML and XHTML pages to the reading model. */
export async function parseHtml(input: ParseInput): Promise<ParsedDocument> {
  try {
    return readPage(input);
  } catch (error) {
    if (error instanceof GlossError) throw error;
    // A DOM library's own words ("Cannot create CDATA sections…") name neither the file nor what to do.
    const detail = error instanceof Error && error.message ? ` (${error.message})` : '';
    throw new GlossError('internal', `${input.name} could not be read: Gloss met markup in this web page it does not handle${detail}`);
  }
}

function readPage(input: ParseInput): ParsedDocument {
  const declared = declaredCharset(input.bytes);
  const decoded = decodeBytes(input.name, input.bytes, {
    ...(input.encoding ? { encoding: input.encoding } : {}),
    ...(declared ? { declared } : {}),
  });
  const notices = [...decoded.notices];
  if (decoded.text.length > MAX_PAGE_CHARS) {
    throw new GlossError(
      'too_large',
      `${input.name} is a web page of ${Math.round(decoded.text.length / 1e6)} million characters, more than Gloss can read as one page`,
    );
  }
  const xhtml = /\.(?:xhtml|xht)$/i.test(input.name);
  const assets = new PageAssets();
  const markup = assets.stashMarkup(decoded.text);
  const load = () => loadPage(markup, xhtml, assets);
  const { document, readAsXml } = load();
  if (xhtml && !readAsXml) {
    notices.push(`${input.name} is not well-formed XHTML; Gloss read it as HTML.`);
  }
  const saved = pageMeta(document);
  const titles = pageTitle(document, saved);
  const read = (from: { document: Document }, reload: () => { document: Document }) => {
    const { root, article } = extractArticle(from.document, reload);
    const clean = sanitize(root);
    const language = saved.language ?? cleanLanguage(article?.lang);
    let dir = saved.dir ?? (article?.dir === 'rtl' || article?.dir === 'ltr' ? article.dir : undefined);
    if (!dir && isRtlLanguage(language)) dir = 'rtl';
    // The article's blocks are told apart from the page's own direction and language, not from nothing.
    if (language && !clean.hasAttribute('lang')) clean.setAttribute('lang', language);
    if (dir && !clean.hasAttribute('dir')) clean.setAttribute('dir', dir);
    const blocks = domToBlocks(clean, { image: assets.image });
    dir ??= directionOfText(blocks);
    return { article, blocks, language, dir };
  };
  let page = read({ document }, load);
  if (!page.blocks.some((b) => b.text.trim() !== '' || b.kind === 'image')) {
    // Gloss never runs scripts, so a page that shows its article only by script may hold it in a
    // <noscript> or a <template>: read with those opened. Only then: on other pages <noscript> holds
    // "enable JavaScript" notices and tracking pixels.
    const reveal = () => loadPage(markup, xhtml, assets, true);
    page = read(reveal(), reveal);
  }
  const { article, blocks, language, dir } = page;

  const title = titles.best ?? cleanField(article?.title) ?? titles.raw;
  const author = cleanAuthor(article?.byline) ?? saved.author;
  const siteName = cleanField(article?.siteName) ?? saved.siteName;
  const published = cleanField(article?.publishedTime) ?? saved.published;
  return {
    blocks,
    meta: {
      ...(title ? { title } : {}),
      ...(author ? { author } : {}),
      ...(siteName ? { siteName } : {}),
      ...(published ? { published } : {}),
      ...(language ? { language } : {}),
      ...(dir ? { dir } : {}),
      encoding: decoded.encoding,
    },
    assets: assets.assets,
    notices,
    hashText: decoded.text,
  };
}

/**
 * The page as a document ready for extraction: XHTML parsed as XML (so <a id="x"/> is the empty element
 * it says) and moved into an HTML document (Readability expects HTML's upper-case tag names); its
 * inline images put aside (see PageAssets.stash); without its <base> (so no relative address turns
 * into a remote one) or its clutter; task checkboxes noted (Readability drops inputs); the <html>
 * element's language on the body. `reveal`: what <noscript> and <template> hold taken out of them.
 */
function loadPage(text: string, xhtml: boolean, assets: PageAssets, reveal = false): { document: Document; readAsXml: boolean } {
  const parsed = parseTolerantly(text, xhtml ? 'application/xhtml+xml' : 'text/html');
  const readAsXml = parsed.contentType !== 'text/html';
  let document = parsed;
  if (readAsXml && parsed.documentElement) {
    document = emptyDocument();
    document.replaceChild(document.importNode(parsed.documentElement, true), document.documentElement);
  }
  if (reveal) revealHidden(document);
  for (const base of Array.from(document.getElementsByTagName('base'))) base.remove();
  for (const img of Array.from(document.getElementsByTagName('img'))) {
    const src = img.getAttribute('src');
    if (src === null) continue;
    const kept = assets.stash(src);
    if (kept === undefined) img.removeAttribute('src');
    else if (kept !== src) img.setAttribute('src', kept);
  }
  removeClutter(document);
  noteTaskItems(document);
  inheritDocumentLanguage(document.body ?? document.documentElement, document.documentElement);
  return { document, readAsXml };
}

/** Nested more than this, templates are left shut (a page needs one or two). */
const MAX_REVEAL_ROUNDS = 8;

/**
 * Each <template>'s content and each <noscript>'s put in their place. A <noscript> holds elements when
 * the parser ran without scripting (as Gloss's does), else its markup as text, which is parsed here
 * the way every page is. A <template>'s content sits apart from the document and may hold templates.
 */
function revealHidden(document: Document): void {
  for (let round = 0; round < MAX_REVEAL_ROUNDS; round++) {
    const hidden = Array.from(document.querySelectorAll('template, noscript'));
    if (hidden.length === 0) return;
    for (const el of hidden) {
      if (!el.isConnected) continue;
      const content = (el as HTMLTemplateElement).content;
      if (content && content.nodeType === 11) el.before(content);
      if (el.localName.toLowerCase() === 'noscript' && el.children.length === 0 && (el.textContent ?? '').includes('<')) {
        const inner = parseTolerantly(el.textContent ?? '', 'text/html').body;
        if (inner) el.before(...Array.from(inner.childNodes).map((n) => document.importNode(n, true)));
        el.remove();
        continue;
      }
      el.replaceWith(...Array.from(el.childNodes));
    }
  }
}

interface Article {
  title?: string | null;
  byline?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
  lang?: string | null;
  dir?: string | null;
  content?: Element | null;
}

/**
 * The element holding the page's article: Readability's pick; the whole body when there is no article
 * to find, or when the page is all article (no navigation, header, footer or sidebar around it) and
 * Readability kept less than half of it, or when the page is book-sized. Readability changes the document it reads, so the body is
 * then taken from a fresh reading (`reload`); that is rarer, and cheaper overall, than copying every page.
 */
function extractArticle(document: Document, reload: () => { document: Document }): { root: Element; article: Article | undefined } {
  const body = document.body ?? document.documentElement;
  const bodyLength = visibleLength(body);
  if (bodyLength > MAX_ARTICLE_CHARS) {
    // Its navigation is the one part that is not content (headings make Gloss's own table of contents).
    for (const nav of Array.from(body.querySelectorAll('nav, [role="navigation"]'))) nav.remove();
    return { root: body, article: undefined };
  }
  const allArticle = !document.querySelector(CHROME);
  let article: Article | undefined;
  try {
    const { Readability } = domRuntime();
    article = new Readability<Element>(document, { keepClasses: true, serializer: (el) => el as Element }).parse() ?? undefined;
  } catch {
    // A page Readability cannot handle is read whole.
    article = undefined;
  }
  const content = article?.content;
  const length = content ? visibleLength(content) : 0;
  if (!content || length === 0 || (allArticle && length < bodyLength * 0.5)) {
    const fresh = reload().document;
    return { root: fresh.body ?? fresh.documentElement, article };
  }
  for (const el of Array.from(content.querySelectorAll('[id^="readability-"]'))) el.removeAttribute('id');
  if (content.id.startsWith('readability-')) content.removeAttribute('id');
  restoreTaskItems(content);
  return { root: content, article };
}

/** How much text a reader would see in an element (scripts and styles are not text). */
function visibleLength(el: Element): number {
  let n = 0;
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) n += (child as CharacterData).data.replace(/\s+/g, '').length;
      else if (child.nodeType === 1 && !/^(?:script|style|noscript|template|svg)$/i.test((child as Element).localName)) walk(child);
    }
  };
  walk(el);
  return n;
}

const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/gu;
const LETTER = /\p{L}/gu;

/** A page that says nothing of its direction: right to left when most of its letters are. */
function directionOfText(blocks: readonly BlockDraft[]): 'rtl' | undefined {
  const sample = blocks
    .map((b) => b.text)
    .join(' ')
    .slice(0, 4000);
  const rtl = sample.match(RTL_LETTER)?.length ?? 0;
  const letters = sample.match(LETTER)?.length ?? 0;
  return rtl > letters - rtl ? 'rtl' : undefined;
}
