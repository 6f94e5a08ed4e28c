import { describe, expect, it } from 'vitest';
import { escapeMarkdownText } from '../../src-main/core/export/escape';
import {
  DOCUMENT_NOTE_HEADING,
  HIGHLIGHTS_HEADING,
  hashTag,
  ORPHAN_MARK,
  renderDocumentMarkdown,
  yamlString,
} from '../../src-main/core/export/markdown';
import { blockquoteTexts, blocksOfType, makeDoc, makeHighlight, prng } from './export-fixtures';

const NASTY = [
  '# Not a heading',
  '## also not',
  '1. not a list',
  '1) nor this',
  '2024. A year, then a full stop',
  '- dash item',
  '+ plus item',
  '* star item',
  '> not a quote',
  '>> nested',
  'a *starred* and **strong** word',
  'snake_case and _under_ and __dunder__',
  'a link [x](y) and ![img](src) and [ref][1]',
  '`code` and ``double `tick` code``',
  '<b>bold</b> and <https://example.com> and <!-- comment -->',
  '&amp; &lt; &#65; &#x41; AT&T & co',
  'back\\slash \\* \\ at end\\',
  '~~struck~~ and ~single~',
  '| a | b |',
  '    four leading spaces',
  '\tleading tab',
  ' one leading space',
  'trailing spaces  ',
  'trailing tab\t',
  'unicode: café, 日本語, emoji 😀👍🏽, RTL עברית',
  '\u00a0non-breaking at both ends\u00a0',
  'line one\nline two\n  indented line three',
  'first paragraph\n\nsecond paragraph',
  'three\n\n\nnewlines and\n\n\n\nfour',
  '---',
  '***',
  '___',
  '===',
  'Title\n===',
  'Title\n---',
  '```js\ncode();\n```',
  '~~~\nfenced\n~~~',
  '<div>\nhtml block\n</div>',
  '[1]: http://example.com "title"',
  'ends with newline\n',
  '\nstarts with newline',
  '\n',
  'x\n\n',
  '$math$ and ==highlight== and %%comment%% and ^block-id and [[wiki link]] and #tag',
  'carriage\rreturn',
  'a\r\nb',
  '{curly} (round) !bang. dot',
  '\\',
  '*',
  '-',
  '1.',
];

const roundTrip = (quotes: string[]): string[] => {
  const md = renderDocumentMarkdown(
    makeDoc(),
    quotes.map((q, i) => makeHighlight(q, { position: { start: i * 10, end: i * 10 + 1 } })),
  );
  return blockquoteTexts(md);
};

describe('escapeMarkdownText in a blockquote', () => {
  it.each(NASTY.map((q) => [JSON.stringify(q), q]))('gives back %s exactly', (_, quote) => {
    expect(roundTrip([quote])).toEqual([quote]);
  });

  it('gives back all the nasty quotes in one document, in order', () => {
    expect(roundTrip(NASTY)).toEqual(NASTY);
  });

  it('maps a single blank line to a paragraph break and other newlines to hard breaks', () => {
    expect(escapeMarkdownText('a\n\nb')).toBe('a\n\nb');
    expect(escapeMarkdownText('a\nb')).toBe('a\\\nb');
    expect(escapeMarkdownText('a\n\n\nb')).toBe('a\\\n\\\n\\\nb');
    expect(escapeMarkdownText('a\n')).toBe('a&#10;');
    expect(escapeMarkdownText('  a ')).toBe('&#32;&#32;a&#32;');
  });

  it('leaves ordinary prose readable', () => {
    const prose = 'The committee (after a long debate) approved it. Was it wise? Yes!';
    expect(escapeMarkdownText(prose)).toBe(prose);
  });

  it('gives back random strings of Markdown-significant characters (seeded)', () => {
    const random = prng(20240501);
    const alphabet = [
      ...'\\`*_[]<>#+-.!|~(){}&;=:$%^"\'/ \t\n\n\r1 0aZé😀\u00a0\u2003',
      '&amp;',
      '&#35;',
      'http://x.y',
      '<b>',
      '</b>',
      '```',
      '~~~',
      '    ',
      '---',
      '1.',
      '![',
      '](',
      '<!--',
      '-->',
      '\\\n',
      '  \n',
    ];
    const quotes = Array.from({ length: 600 }, () => {
      const length = 1 + Math.floor(random() * 30);
      return Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    });
    const back = roundTrip(quotes);
    const failures = quotes.filter((q, i) => back[i] !== q).map((q) => JSON.stringify(q));
    expect(failures).toEqual([]);
    expect(back).toHaveLength(quotes.length);
  });
});

describe('renderDocumentMarkdown', () => {
  const doc = makeDoc({ title: 'Notes: "on" #things\\ & more', tags: ['to read', 'a "quoted" tag'] });
  const highlights = [
    makeHighlight('second passage', { position: { start: 500, end: 514 }, color: 'green', tags: ['method', 'to read'] }),
    makeHighlight('first passage', { position: { start: 10, end: 23 }, note: 'My **own** note.\n\n- point one' }),
    makeHighlight('same start, longer', { position: { start: 500, end: 520 } }),
    makeHighlight('gone passage', { position: { start: 900, end: 912 }, orphaned: true, color: 'pink' }),
  ];

  it('writes highlights in text order with colour, #tags and the note below', () => {
    const md = renderDocumentMarkdown(doc, highlights);
    expect(blockquoteTexts(md)).toEqual(['first passage', 'second passage', 'same start, longer', 'gone passage']);
    expect(md).toContain('> second passage\n\n*Green* · #method #to-read\n');
    expect(md).toContain('> first passage\n\n*Yellow*\n\nMy **own** note.\n\n- point one\n');
    expect(md).toContain(`> gone passage\n\n*Pink* ${ORPHAN_MARK}\n`);
    expect(blocksOfType(md, 'heading', 1)).toEqual([doc.title]);
    expect(md.endsWith('\n') && !md.endsWith('\n\n')).toBe(true);
  });

  it('gives the same bytes for the same data, whatever the input order', () => {
    const once = renderDocumentMarkdown(doc, highlights);
    expect(renderDocumentMarkdown(doc, highlights)).toBe(once);
    const shuffled = [highlights[3], highlights[0], highlights[2], highlights[1]];
    expect(renderDocumentMarkdown(doc, shuffled)).toBe(once);
    expect(renderDocumentMarkdown(doc, [...highlights].reverse())).toBe(once);
  });

  it('writes front matter whose values read back exactly', () => {
    const nasty = makeDoc({
      title: 'Line\nbreak, "quotes", back\\slash, colon: yes, # hash, \u2028sep, \u0085nel, tab\t',
      source: 'C:\\Users\\me\\Documents\\file: 1.txt',
      tags: ['plain', 'with space', "it's", '- dash', '[brackets]'],
    });
    const md = renderDocumentMarkdown(nasty, []);
    const lines = md.split('\n');
    expect(lines[0]).toBe('---');
    const end = lines.indexOf('---', 1);
    const values: Record<string, unknown> = {};
    let list: string[] | null = null;
    for (const line of lines.slice(1, end)) {
      const item = /^ {2}- (".*")$/.exec(line);
      if (item && list) {
        list.push(JSON.parse(item[1]) as string);
        continue;
      }
      const pair = /^([a-z_]+): (".*"|\[\])$/.exec(line) ?? /^([a-z_]+):$/.exec(line);
      expect(pair, `front matter line ${JSON.stringify(line)}`).not.toBeNull();
      if (!pair) continue;
      if (pair[2] === undefined || pair[2] === '[]') {
        list = [];
        values[pair[1]] = list;
      } else {
        list = null;
        values[pair[1]] = JSON.parse(pair[2]);
      }
      // YAML would read an unescaped U+2028 or C1 control as a line break or reject it.
      expect(line).not.toMatch(/[\u0085\u2028\u2029\u007f-\u009f]/);
    }
    expect(values).toEqual({
      title: nasty.title,
      source: nasty.source,
      tags: nasty.tags,
      gloss_id: nasty.id,
      imported: '2024-05-01T09:30:00.000Z',
    });
    expect(yamlString('a\u2028b')).toBe('"a\\u2028b"');
    expect(renderDocumentMarkdown(makeDoc({ tags: [] }), [])).toContain('\ntags: []\n');
  });

  it('keeps an unclosed code fence or HTML comment in a note from swallowing later highlights', () => {
    const notes = ['```\nunclosed fence', '<!-- never closed', '<script>\nalert(1)', '````\n```\nstill open'];
    const hs = notes.map((note, i) => makeHighlight(`quote ${i}`, { position: { start: i, end: i + 1 }, note }));
    hs.push(makeHighlight('the last quote', { position: { start: 99, end: 100 } }));
    const md = renderDocumentMarkdown(makeDoc(), hs);
    expect(blockquoteTexts(md)).toEqual(['quote 0', 'quote 1', 'quote 2', 'quote 3', 'the last quote']);
    expect(md).toContain('unclosed fence\n```\n');
    expect(md).toContain('```\nstill open\n````\n');
  });

  it('turns tags into Obsidian #tags', () => {
    expect(hashTag('to read')).toBe('#to-read');
    expect(hashTag('  Method  ')).toBe('#Method');
    expect(hashTag('c++ / *bold*')).toBe('#c-/-bold');
    expect(hashTag('snake_case')).toBe('#snake_case');
    expect(hashTag('_edge_')).toBe('#edge');
    expect(hashTag('日本語 タグ')).toBe('#日本語-タグ');
    expect(hashTag('***')).toBe('');
    const md = renderDocumentMarkdown(makeDoc(), [makeHighlight('q', { tags: ['*emph*', 'a_b', '[x]'] })]);
    // The details line must not turn into emphasis or a link.
    const details = blocksOfType(md, 'paragraph');
    expect(details).toContain('«emph»Yellow · #emph #a_b #x');
  });

  it('gives number-only tags, which Obsidian ignores, a form it accepts, in the text and the front matter', () => {
    expect(hashTag('2024')).toBe('#_2024');
    expect(hashTag('2024/11')).toBe('#_2024/11');
    expect(hashTag('Q3 2024')).toBe('#Q3-2024');
    expect(hashTag('1984a')).toBe('#1984a');
    const md = renderDocumentMarkdown(makeDoc({ tags: ['2024', 'reading'] }), [makeHighlight('q', { tags: ['2024'] })]);
    expect(md).toContain('tags:\n  - "_2024"\n  - "reading"\n');
    expect(blocksOfType(md, 'paragraph')).toContain('«emph»Yellow · #_2024');
  });

  it('writes the document’s note first, under "Document note", then the highlights under "Highlights"', () => {
    const note = 'Why I kept this: **the tides**.\n\n- one\n- two\n\n# My own heading';
    const md = renderDocumentMarkdown(doc, highlights, undefined, note);
    expect(blocksOfType(md, 'heading', 2)).toEqual(['Document note', 'Highlights']);
    expect(blocksOfType(md, 'heading', 1)).toEqual([doc.title, 'My own heading']);
    const plain = renderDocumentMarkdown(doc, highlights);
    const firstQuote = (text: string) => text.indexOf('> first passage');
    // front matter and title, then the note, then the highlights exactly as without a note
    expect(md.slice(0, md.indexOf(DOCUMENT_NOTE_HEADING))).toBe(plain.slice(0, firstQuote(plain)));
    expect(md.slice(md.indexOf(DOCUMENT_NOTE_HEADING), firstQuote(md))).toBe(`${DOCUMENT_NOTE_HEADING}\n\n${note}\n\n${HIGHLIGHTS_HEADING}\n\n`);
    expect(md.slice(firstQuote(md))).toBe(plain.slice(firstQuote(plain)));
  });

  it('contains a document note like a highlight’s: an open fence or comment cannot swallow the highlights', () => {
    for (const note of ['```\nunclosed fence', '<!-- never closed']) {
      const md = renderDocumentMarkdown(makeDoc(), [makeHighlight('the quote', { position: { start: 1, end: 2 } })], undefined, note);
      expect(blockquoteTexts(md)).toEqual(['the quote']);
      expect(blocksOfType(md, 'heading', 2)).toEqual(['Document note', 'Highlights']);
    }
  });

  it('writes no note section for an empty or blank note, and no "Highlights" heading without highlights', () => {
    const plain = renderDocumentMarkdown(doc, highlights);
    expect(renderDocumentMarkdown(doc, highlights, undefined, '')).toBe(plain);
    expect(renderDocumentMarkdown(doc, highlights, undefined, ' \n\n ')).toBe(plain);
    expect(plain).not.toContain(DOCUMENT_NOTE_HEADING);
    const alone = renderDocumentMarkdown(makeDoc(), [], undefined, 'Only a note');
    expect(alone.endsWith(`${DOCUMENT_NOTE_HEADING}\n\nOnly a note\n`)).toBe(true);
  });
});
