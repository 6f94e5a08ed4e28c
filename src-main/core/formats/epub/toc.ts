// A book's own table of contents: EPUB 3's navigation document (<nav epub:type="toc"> with nested <ol>)
// or EPUB 2's NCX (nested <navPoint>). Entries keep their nesting as a level and their target as a path in
// the book plus a fragment; placing them on blocks happens once the chapters are read.
import { resolveHref } from './paths';
import { attr, children, elements, firstElement, localName, textOf } from './xml';

export interface TocEntry {
  label: string;
  level: number;
  path: string;
  fragment?: string;
}

const MAX_LEVEL = 9;
/** A table of contents longer than this is not one a reader uses; the rest is dropped, not parsed forever. */
const MAX_ENTRIES = 5000;
/** Lists nested deeper than this are a hostile file's, not a book's: not descended into (no stack overflow). */
const MAX_DEPTH = 64;

/** Entries of the navigation document's toc nav (the first nav when none is marked), or [] when it has none. */
export function readNav(root: Element, navPath: string): TocEntry[] {
  const navs = elements(root, 'nav');
  const nav = navs.find((n) => (attr(n, 'type') ?? '').split(/\s+/).includes('toc')) ?? navs[0];
  const list = nav && firstElement(nav, 'ol');
  const out: TocEntry[] = [];
  if (list) walkList(list, 1, navPath, out);
  return out;
}

function walkList(list: Element, level: number, from: string, out: TocEntry[]): void {
  for (const li of children(list, 'li')) {
    if (out.length >= MAX_ENTRIES) return;
    const link = Array.from(li.children).find((c) => localName(c) === 'a' || localName(c) === 'span');
    const href = link && localName(link) === 'a' ? attr(link, 'href') : undefined;
    const target = href ? resolveHref(from, href) : undefined;
    const label = textOf(link) || (link ? (attr(link, 'title') ?? '') : '');
    // A heading without a link (a span) still groups its children: they keep their depth.
    if (target?.inBook && label) out.push({ label, level: Math.min(level, MAX_LEVEL), path: target.path, ...fragmentOf(target.fragment) });
    const nested = children(li, 'ol')[0];
    if (nested && level < MAX_DEPTH) walkList(nested, level + 1, from, out);
  }
}

/** Entries of an NCX's navMap, nesting of navPoints as levels. */
export function readNcx(root: Element, ncxPath: string): TocEntry[] {
  const map = firstElement(root, 'navmap');
  const out: TocEntry[] = [];
  if (!map) return out;
  // Depth is counted from navPoint ancestors, not children lists: the HTML fallback parse of a sloppy NCX
  // nests siblings inside unclosed <content/> elements, but never changes which navPoints enclose which.
  for (const point of elements(map, 'navpoint')) {
    if (out.length >= MAX_ENTRIES) break;
    let level = 0;
    for (let el: Element | null = point; el && el !== map; el = el.parentElement) if (localName(el) === 'navpoint') level++;
    const label = textOf(firstOwn(point, 'text'));
    const content = firstOwn(point, 'content');
    const src = content && attr(content, 'src');
    const target = src ? resolveHref(ncxPath, src) : undefined;
    if (target?.inBook && label) out.push({ label, level: Math.min(level, MAX_LEVEL), path: target.path, ...fragmentOf(target.fragment) });
  }
  return out;
}

/** The first descendant with this name that belongs to `point` itself, not to a navPoint nested in it. */
function firstOwn(point: Element, name: string): Element | undefined {
  return elements(point, name).find((el) => {
    for (let up = el.parentElement; up; up = up.parentElement) {
      if (up === point) return true;
      if (localName(up) === 'navpoint') return false;
    }
    return false;
  });
}

const fragmentOf = (fragment: string | undefined) => (fragment ? { fragment } : {});
