// How a `pre` block is shown. Verse and indented passages read best in the body's own font with their
// line breaks and indents kept; only text whose characters line up in columns (ASCII art, a table drawn
// with spaces or box-drawing characters) needs a monospace font, and then it must not wrap.

const BOX_DRAWING = /[\u2500-\u259f]/;
/** A run of 3+ spaces, or a tab, between two non-space characters: columns. */
const WIDE_GAP = /\S(?: {3,}|\t)\S/;
/** Two spaces between words, except after a sentence's end (a typewriter habit, not alignment). */
const NARROW_GAP = /[^\s.!?:;"'’”)] {2}\S/;
/** A ruled line of a text table: +-----+----+ or |----|, or a row of === / ___ between text. */
const RULE = /(?:^|\n)[ \t]*[+|][-=+|: ]{3,}|[-=_~*#]{6,}/;

/** Whether a text only makes sense in a monospace font (its characters are placed in columns). */
export function needsAlignment(text: string): boolean {
  if (BOX_DRAWING.test(text) || RULE.test(text)) return true;
  let gaps = 0;
  for (const line of text.split('\n')) {
    const inner = line.trimStart();
    if (WIDE_GAP.test(inner)) return true;
    if (NARROW_GAP.test(inner)) gaps++;
  }
  if (gaps >= 2) return true;
  return symbolShare(text) > 0.3;
}

/** The share of visible characters that are neither letters nor digits: high in ASCII art (/\_|). */
function symbolShare(text: string): number {
  let visible = 0;
  let symbols = 0;
  // A sample is enough to tell art from prose, and keeps a huge block cheap.
  for (const ch of text.slice(0, 4000)) {
    if (/\s/.test(ch)) continue;
    visible++;
    if (!/[\p{L}\p{N}\p{M}]/u.test(ch) && !/[.,;:!?'"’“”‘()\-—–]/.test(ch)) symbols++;
  }
  return visible < 8 ? 0 : symbols / visible;
}
