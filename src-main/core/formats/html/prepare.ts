// Markup made cheaper and safer to parse, in one scan before jsdom sees it. Nesting absurdly deep
// (thousands of <div>s inside each other: a hostile page, or a broken generator) costs jsdom and
// Readability time that grows much faster than the page: 300 levels already take seconds, 1,000 take
// minutes, 20,000 overflow the stack. Browsers cap how deep their parser nests (Chromium at 512);
// Gloss caps it before parsing, by dropping the tags beyond the limit and keeping their text. Real
// pages nest a few dozen levels, so they pass through untouched.

/** Deeper elements than this lose their tags (not their text). */
export const MAX_NESTING = 120;

/** Elements that never hold others, or whose end tag is optional: they do not deepen the count. */
const NOT_COUNTED = new Set([
  'area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'image', 'img', 'input', 'isindex', 'keygen', 'link',
  'meta', 'param', 'source', 'track', 'wbr', 'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'rb', 'rt', 'rtc', 'rp',
  'colgroup', 'tbody', 'thead', 'tfoot', 'caption', 'head', 'body', 'html',
]); // prettier-ignore

/** Elements whose content is text to the HTML parser, so tags inside them are not tags. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

const TOKEN = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<(\/?)([A-Za-z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;

/** The only scripts whose content Gloss reads: a page's structured metadata. */
const JSON_LD = /\btype\s*=\s*["']?application\/ld\+json/i;

/**
 * The markup as Gloss parses it: elements nested deeper than `limit` unwrapped (their start and end
 * tags removed, their content kept), and the content of <style> and of every <script> but JSON-LD
 * emptied (never read, and parsing a large stylesheet costs more than the article). `xml`: a
 * self-closed `<div/>` is empty (XHTML), not an open element (HTML).
 */
export function prepareMarkup(markup: string, opts: { xml?: boolean; limit?: number } = {}): string {
  const limit = opts.limit ?? MAX_NESTING;
  const stack: { name: string; dropped: boolean }[] = [];
  let kept = 0;
  const out: string[] = [];
  let last = 0;
  const cut = (from: number, to: number) => {
    out.push(markup.slice(last, from));
    last = to;
  };
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(markup); match; match = TOKEN.exec(markup)) {
    const [token, slash, rawName, attrs] = match;
    if (rawName === undefined) continue;
    const name = rawName.toLowerCase();
    const selfClosed = !!opts.xml && attrs.trimEnd().endsWith('/');
    if (!slash) {
      if (RAW_TEXT.has(name) && !selfClosed) {
        const contentStart = TOKEN.lastIndex;
        skipRawText(markup, name);
        if (name === 'style' || (name === 'script' && !JSON_LD.test(attrs))) cut(contentStart, TOKEN.lastIndex);
      }
      if (NOT_COUNTED.has(name) || selfClosed || RAW_TEXT.has(name)) continue;
      const dropped = kept >= limit;
      stack.push({ name, dropped });
      if (dropped) cut(match.index, match.index + token.length);
      else kept++;
      continue;
    }
    if (NOT_COUNTED.has(name) || RAW_TEXT.has(name)) continue;
    let at = stack.length - 1;
    while (at >= 0 && stack[at].name !== name) at--;
    if (at < 0) continue;
    const closed = stack.splice(at);
    kept -= closed.filter((e) => !e.dropped).length;
    if (closed[0].dropped) cut(match.index, match.index + token.length);
  }
  if (last === 0) return markup;
  out.push(markup.slice(last));
  return out.join('');
}

/** Moves the scan past the end tag of a raw text element (or to the end when it has none). */
function skipRawText(markup: string, name: string): void {
  const end = new RegExp(`</${name}[\\s/>]`, 'ig');
  end.lastIndex = TOKEN.lastIndex;
  const found = end.exec(markup);
  TOKEN.lastIndex = found ? found.index : markup.length;
}

/** An internal DTD subset longer than this is not a page's: it is taken out whole, nothing it declares filled in. */
const MAX_SUBSET = 64 * 1024;
const DOCTYPE_WITH_SUBSET = /<!DOCTYPE\s+[^\s>[]+[^>[]*\[/i;
const INTERNAL_ENTITY = /<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>/g;
const XML_PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/**
 * Markup without the internal DTD subset of its DOCTYPE (`<!DOCTYPE html [<!ENTITY …>]>`), which
 * neither of Gloss's parsers reads: the XML one refuses the page, and the HTML one then shows "]>" and
 * the declarations' references as text. A reference to an entity the subset declares as plain text
 * becomes that text, once (never a reference inside it, never more text than the page had); every
 * other entity it declares (external: SYSTEM or PUBLIC, or holding markup or references) is dropped,
 * never fetched or expanded.
 */
export function withoutInternalSubset(markup: string): string {
  const head = DOCTYPE_WITH_SUBSET.exec(markup.slice(0, 4096));
  if (!head) return markup;
  const open = head.index + head[0].length;
  const doctype = markup.slice(head.index, open - 1).trimEnd();
  const close = subsetEnd(markup, open);
  if (close === undefined) {
    // Longer than a page's (or cut short): taken out up to its first end, nothing it declares filled in.
    const end = markup.indexOf(']', open);
    const gt = end < 0 ? -1 : markup.indexOf('>', end);
    return gt < 0 || markup.slice(end + 1, gt).trim() !== '' ? markup : `${markup.slice(0, head.index)}${doctype}>${markup.slice(gt + 1)}`;
  }
  const subset = markup.slice(open, close.bracket);
  const text = new Map<string, string>();
  const dropped = new Set<string>();
  for (const m of subset.matchAll(/<!ENTITY\s+([A-Za-z_][\w.-]*)\s/g)) if (!XML_PREDEFINED.has(m[1])) dropped.add(m[1]);
  for (const [, name, double, single] of subset.matchAll(INTERNAL_ENTITY)) {
    const value = double ?? single ?? '';
    if (!XML_PREDEFINED.has(name) && !/[<&"']/.test(value) && !text.has(name)) text.set(name, value);
  }
  let rest = markup.slice(close.end);
  if (dropped.size) {
    let budget = markup.length;
    rest = rest.replace(/&([A-Za-z_][\w.-]*);/g, (ref, name: string) => {
      if (!dropped.has(name)) return ref;
      const value = text.get(name) ?? '';
      if (value.length > budget) return '';
      budget -= value.length;
      return value;
    });
  }
  return `${markup.slice(0, head.index)}${doctype}>${rest}`;
}

/** Where the subset opened at `from` ends (its "]") and where its DOCTYPE does (after ">"); quoted strings and comments skipped. */
function subsetEnd(markup: string, from: number): { bracket: number; end: number } | undefined {
  const limit = Math.min(markup.length, from + MAX_SUBSET);
  for (let i = from; i < limit; i++) {
    const c = markup[i];
    if (c === '"' || c === "'") {
      const q = markup.indexOf(c, i + 1);
      if (q < 0) return undefined;
      i = q;
    } else if (c === '<' && markup.startsWith('<!--', i)) {
      const q = markup.indexOf('-->', i + 4);
      if (q < 0) return undefined;
      i = q + 2;
    } else if (c === ']') {
      let j = i + 1;
      while (j < limit && /\s/.test(markup[j])) j++;
      if (markup[j] === '>') return { bracket: i, end: j + 1 };
    }
  }
  return undefined;
}
