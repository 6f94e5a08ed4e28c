// Writing highlighted text into Markdown so that a CommonMark parser gives back exactly that text.
//
// The mapping, precisely (tests/unit/export.test.ts checks it with the commonmark parser):
// - Reading back: a paragraph's text is its text nodes, with every line break (hard or soft) read as
//   "\n"; paragraphs are joined with "\n\n".
// - A single empty line between two non-empty lines ("a\n\nb") becomes a paragraph break, so prose
//   looks like prose. Every other "\n" is a hard line break (a backslash at the end of the line),
//   except a "\n" at the very end of the text, which Markdown cannot end a paragraph with: it is
//   written as the character reference &#10;.
// - Whitespace at the start or end of a line would be dropped by the parser (and four spaces would
//   start a code block), so it is written as character references (&#32;, &#9;...). So is "\r",
//   which Markdown reads as a line ending.
// - Inside a line, characters that can start CommonMark syntax anywhere are backslash-escaped:
//   \ ` * _ [ ] < > # | ~, plus $ = ^ and doubled % which Obsidian reads as math, ==highlight==,
//   ^block-ids and %%comments%%. "&" is escaped only where it would start a character reference.
// - At the start of a line, block syntax that is not covered above is escaped: "-", "+", and the
//   "." or ")" after a number ("1." / "1)").
// - "( ) { } ! ." elsewhere are left alone: without an unescaped "[" they are never syntax, and
//   escaping them would make every exported note harder to read.
// U+0000 cannot round-trip (CommonMark replaces it with U+FFFD); it never occurs in Gloss's text.

const ALWAYS = new Set(['\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '$', '=', '^']);

const charRef = (ch: string): string => `&#${ch.codePointAt(0)};`;

/** Escapes one line (no "\n") so that it parses back, as a paragraph line, to exactly itself. */
export function escapeMarkdownLine(line: string): string {
  const [, lead, middle, trail] = /^(\s*)(.*?)(\s*)$/su.exec(line) ?? ['', '', line, ''];
  let out = '';
  for (let i = 0; i < middle.length; i++) {
    const ch = middle[i];
    if (ALWAYS.has(ch)) out += `\\${ch}`;
    else if (ch === '&' && /^&#?[A-Za-z0-9]+;/.test(middle.slice(i))) out += '\\&';
    else if (ch === '%' && (middle[i - 1] === '%' || middle[i + 1] === '%')) out += '\\%';
    else if (ch === '\r') out += '&#13;';
    else out += ch;
  }
  if (lead === '') {
    // Block syntax only matters where the line starts with it; after a character reference it cannot.
    out = out.replace(/^[-+]/, '\\$&').replace(/^(\d{1,9})([.)])/, '$1\\$2');
  }
  return Array.from(lead, charRef).join('') + out + Array.from(trail, charRef).join('');
}

/**
 * Escapes any text (several lines, blank lines) into Markdown paragraphs that parse back to exactly
 * that text; see the mapping at the top of this file. Wrap the result with `blockquote()`.
 */
export function escapeMarkdownText(text: string): string {
  const lines = text.split('\n');
  let tail = '';
  if (lines.length > 1 && lines[lines.length - 1] === '') {
    lines.pop();
    tail = '&#10;';
  }
  const paragraphs: string[][] = [[]];
  lines.forEach((line, i) => {
    const separatesProse = line === '' && i > 0 && i < lines.length - 1 && lines[i - 1] !== '' && lines[i + 1] !== '';
    if (separatesProse) paragraphs.push([]);
    else paragraphs[paragraphs.length - 1].push(escapeMarkdownLine(line));
  });
  const last = paragraphs[paragraphs.length - 1];
  last[last.length - 1] += tail;
  // A backslash before the newline is CommonMark's visible, editor-proof hard line break.
  return paragraphs.map((p) => p.join('\\\n')).join('\n\n');
}

/** Prefixes Markdown with "> " (and blank lines with ">") so it becomes one blockquote. */
export function blockquote(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
}
