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
