/// <reference lib="dom" />
// What a web page says about itself, read from the page as it was saved (before extraction changes
// it): JSON-LD (schema.org Article and its kinds), OpenGraph and other <meta> conventions, <html lang>
// and dir. Readability reads most of these too; these are the fallbacks and the parts it leaves out.

export interface PageMeta {
  /** the title the page gives in its metadata (JSON-LD, OpenGraph, Twitter, Dublin Core), site name taken off */
  title?: string;
  author?: string;
  siteName?: string;
  published?: string;
  language?: string;
  dir?: 'ltr' | 'rtl';
}

const ARTICLE_TYPES =
  /^(?:Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|SocialMediaPosting|ScholarlyArticle|Report|TechArticle|WebPage|Blog|LiveBlogPosting)$/;
/** JSON-LD larger than this is not metadata worth parsing. */
const MAX_JSON_LD = 256 * 1024;
const MAX_FIELD = 300;

type Json = unknown;

/**
 * A short plain string from metadata: whitespace collapsed, not absurdly long. Its text is taken as it
 * is: a title such as "Using <div> in HTML" (written &lt;div&gt; in the page) means those characters,
 * and nothing Gloss shows a title in reads markup.
 */
export function cleanField(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\s+/g, ' ').trim();
  if (text === '' || text.length > MAX_FIELD) return undefined;
  return text;
}

/** "By Jane Doe" → "Jane Doe"; a URL (article:author often is one) is no name. */
export function cleanAuthor(value: unknown): string | undefined {
  const text = cleanField(value)
    ?.replace(/^(?:by|von|par|por|door|di|av)\s*[:\-–]?\s+/i, '')
    .trim();
  if (!text || /^(?:https?:)?\/\//i.test(text) || /^[\w.+-]+@[\w.-]+$/.test(text)) return undefined;
  return text;
}

/** A BCP 47 tag from what pages write ("en_US", "EN-us", "ar"), or undefined when it is not one. */
export function cleanLanguage(value: unknown): string | undefined {
  const text = cleanField(value)?.replace(/_/g, '-');
  if (!text || !/^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/.test(text)) return undefined;
  try {
    return Intl.getCanonicalLocales(text)[0];
  } catch {
    return undefined;
  }
}

const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ku-arab', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

/** Whether a language is written right to left (its primary subtag, or a -Arab / -Hebr script subtag). */
export function isRtlLanguage(language: string | undefined): boolean {
  if (!language) return false;
  const lower = language.toLowerCase();
  return RTL_LANGUAGES.has(lower.split('-')[0]) || /-(?:arab|hebr|syrc|thaa|nkoo|adlm|rohg)(?:-|$)/.test(lower);
}

export function pageMeta(document: Document): PageMeta {
  const meta = metaTags(document);
  const ld = jsonLdArticle(document);
  const pick = (...names: string[]) => names.map((n) => meta.get(n)).find((v) => v !== undefined);
  const html = document.documentElement;
  const out: PageMeta = {};
  const author =
    ldAuthor(ld?.author) ?? cleanAuthor(pick('author', 'article:author', 'citation_author', 'dc.creator', 'parsely-author', 'sailthru.author'));
  if (author) out.author = author;
  const siteName = cleanField(pick('og:site_name', 'application-name', 'publisher')) ?? ldName(ld?.publisher);
  if (siteName) out.siteName = siteName;
  const title = cleanField(ld?.headline) ?? cleanField(pick('og:title', 'twitter:title', 'dc.title'));
  if (title) out.title = withoutSiteName(title, siteName);
  const published =
    cleanField(ld?.datePublished) ??
    cleanField(
      pick(
        'article:published_time',
        'og:published_time',
        'datepublished',
        'citation_publication_date',
        'dc.date',
        'date',
        'parsely-pub-date',
        'sailthru.date',
        'pubdate',
        'publish-date',
      ),
    ) ??
    timeDatePublished(document);
  if (published) out.published = published;
  const language =
    cleanLanguage(html?.getAttribute('lang') ?? html?.getAttribute('xml:lang')) ??
    cleanLanguage(document.body?.getAttribute('lang')) ??
    cleanLanguage(pick('content-language', 'dc.language', 'og:locale')) ??
    cleanLanguage(typeof ld?.inLanguage === 'string' ? ld.inLanguage : undefined);
  if (language) out.language = language;
  const dir = [html?.getAttribute('dir'), document.body?.getAttribute('dir')]
    .map((d) => d?.trim().toLowerCase())
    .find((d) => d === 'rtl' || d === 'ltr');
  if (dir === 'rtl' || dir === 'ltr') out.dir = dir;
  else if (isRtlLanguage(out.language)) out.dir = 'rtl';
  return out;
}

/** <meta> values by lower-cased name, property, itemprop or http-equiv; the first of each wins. */
function metaTags(document: Document): Map<string, string> {
  const out = new Map<string, string>();
  for (const el of Array.from(document.getElementsByTagName('meta'))) {
    const content = el.getAttribute('content');
    if (content === null) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key && !out.has(key)) out.set(key, content);
    }
  }
  return out;
}

/** The first schema.org article described in the page's JSON-LD blocks (inside @graph too). */
function jsonLdArticle(document: Document): Record<string, Json> | undefined {
  for (const script of Array.from(document.getElementsByTagName('script'))) {
    if (script.getAttribute('type')?.trim().toLowerCase() !== 'application/ld+json') continue;
    const source = script.textContent ?? '';
    if (source.length > MAX_JSON_LD) continue;
    let data: Json;
    try {
      data = JSON.parse(source.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, ''));
    } catch {
      continue;
    }
    const found = findArticle(data, 0);
    if (found) return found;
  }
  return undefined;
}

function findArticle(data: Json, depth: number): Record<string, Json> | undefined {
  if (depth > 4 || data === null || typeof data !== 'object') return undefined;
  if (Array.isArray(data)) {
    for (const entry of data) {
      const found = findArticle(entry, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  const record = data as Record<string, Json>;
  const types = Array.isArray(record['@type']) ? record['@type'] : [record['@type']];
  if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t)) && (record.headline || record.datePublished || record.author)) return record;
  return findArticle(record['@graph'], depth + 1);
}

function ldName(value: Json): string | undefined {
  if (typeof value === 'string') return cleanField(value);
  if (Array.isArray(value)) return ldName(value[0]);
  if (value && typeof value === 'object') return cleanField((value as Record<string, Json>).name);
  return undefined;
}

/** One name, or several joined with commas ("Ana Lima, Ben Okafor"). */
function ldAuthor(value: Json): string | undefined {
  const list = Array.isArray(value) ? value : [value];
  const names = list.map((v) => (typeof v === 'string' ? cleanAuthor(v) : ldName(v) && cleanAuthor(ldName(v)))).filter((n): n is string => !!n);
  return names.length ? cleanField([...new Set(names)].join(', ')) : undefined;
}

function timeDatePublished(document: Document): string | undefined {
  const time = Array.from(document.getElementsByTagName('time')).find(
    (t) => t.hasAttribute('pubdate') || /(?:^|\s)datePublished(?:\s|$)/.test(t.getAttribute('itemprop') ?? ''),
  );
  return cleanField(time?.getAttribute('datetime') ?? time?.textContent ?? undefined);
}

const SEPARATOR = '\\s*[|\\-\u2013\u2014:\u00b7\u2022\u00bb/~]\\s*';
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "Glimmerfen Lighthouse - Openpedia" → "Glimmerfen Lighthouse" when the site is Openpedia. */
export function withoutSiteName(title: string, siteName: string | undefined): string {
  if (!siteName) return title;
  const site = escapeRegExp(siteName);
  const suffix = new RegExp(`^(.+?)${SEPARATOR}${site}$`, 'i').exec(title);
  if (suffix) return suffix[1].trim();
  const prefix = new RegExp(`^${site}${SEPARATOR}(.+)$`, 'i').exec(title);
  return prefix ? prefix[1].trim() : title;
}

const LEADING_SEPARATOR = new RegExp(`^${SEPARATOR}`);
const TRAILING_SEPARATOR = new RegExp(`${SEPARATOR}$`);

/**
 * Whether a heading is what a <title> names: the whole title, or a part of it set off by a separator
 * ("Heading | Site", "Site – Section: Heading"). Found inside a word ("Trav" in "Traversal") or as the
 * first words of a longer title ("Intro" of "Introduction to …", "Gardening" of "Gardening in Small
 * Spaces"), it is a short label, and the title says more.
 */
function isTitleSegment(heading: string, title: string): boolean {
  const h = heading.toLowerCase();
  const t = title.toLowerCase();
  for (let at = t.indexOf(h); at >= 0; at = t.indexOf(h, at + 1)) {
    const before = t.slice(0, at);
    const after = t.slice(at + h.length);
    if ((before === '' || TRAILING_SEPARATOR.test(before)) && (after === '' || LEADING_SEPARATOR.test(after))) return true;
  }
  return false;
}

/**
 * The article's title as the page states it: `best`, the one its metadata gives, else a top heading
 * that the <title> names as one of its parts (the <title> adds the site's name, sometimes a
 * section's), else the <title> without the site's name when that could be told; `raw`, the <title> as it is (after Readability's
 * guess, the last resort).
 */
export function pageTitle(document: Document, meta: PageMeta): { best?: string; raw?: string } {
  const raw = cleanField(document.title);
  const out: { best?: string; raw?: string } = raw ? { raw } : {};
  if (meta.title) return { ...out, best: meta.title };
  const headings = Array.from(document.getElementsByTagName('h1'))
    .map((h) => cleanField(h.textContent))
    .filter((h): h is string => !!h && h.length >= 3 && !!raw && isTitleSegment(h, raw));
  if (headings.length) return { ...out, best: headings.sort((a, b) => b.length - a.length)[0] };
  if (raw && meta.siteName) {
    const stripped = withoutSiteName(raw, meta.siteName);
    if (stripped !== raw) return { ...out, best: stripped };
  }
  return out;
}
