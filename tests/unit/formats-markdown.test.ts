import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeFile } from '../../src-main/core/formats';
import { nestingDepth } from '../../src-main/core/formats/markdown/rawHtml';
import { Library } from '../../src-main/core/library';
import type { Block, InlineMark } from '../../src-main/core/model';
import { encode, expectConsistent } from './helpers/reading-model';
import { SEEDS_DIR as SEEDS, tempDir } from './helpers/temp';
import { tinyPng } from './helpers/png';

const marked = (block: Block, kind: InlineMark['kind']) =>
  (block.marks ?? []).filter((m) => m.kind === kind).map((m) => block.text.slice(m.start, m.end));

const RICH = `Some intro before the title.

# Field notes on *reading*

## A smaller heading

Text with **bold words**, _leaning_, \`inline code\`, a [safe link](https://example.org/a?b=1), a [mail](mailto:me@example.org),
a [bad one](javascript:alert(1)), a [relative](./other.md) and ~~struck~~ text.
Soft wrapped line  
then a hard break.

- top item with **strong**
- second item
  - nested item
    1. deep numbered

  continued paragraph of the second item

3. third
4. fourth

> A quoted **claim**.
>
> Its second paragraph.

| Name | Role |
| ---- | ---- |
| Ada  | *Analyst* |

![A chart of *results*](https://example.org/chart.png)

\`\`\`ts title="x"
const x = 1;

console.log(x);
\`\`\`

    indented code

---

<b>raw html</b> &amp; <script>alert(1)</script>
`;

const doc = await normalizeFile('notes.md', encode(RICH));

describe('markdown normalization', () => {
  const find = (predicate: (b: Block) => boolean) => {
    const block = doc.blocks.find(predicate);
    expect(block).toBeDefined();
    return block!;
  };

  it('keeps the canonical text and offsets consistent', async () => {
    expect(doc.format).toBe('markdown');
    expectConsistent(doc);
  });

  it('renders text without Markdown syntax', async () => {
    expect(doc.text).not.toContain('**');
    expect(doc.text).not.toMatch(/^#+ /m);
    expect(doc.text).not.toContain('](');
    expect(doc.text).not.toContain('~~');
    expect(doc.text).not.toContain('```');
    expect(doc.text).not.toMatch(/^> /m);
  });

  it('produces headings with levels and picks the h1 as title', async () => {
    const headings = doc.blocks.filter((b) => b.kind === 'heading');
    expect(headings.map((h) => [h.level, h.text])).toEqual([
      [1, 'Field notes on reading'],
      [2, 'A smaller heading'],
    ]);
    expect(marked(headings[0], 'em')).toEqual(['reading']);
    expect(doc.title).toBe('Field notes on reading');
  });

  it('marks emphasis, code, strike and safe links only', async () => {
    const para = find((b) => b.kind === 'paragraph' && b.text.startsWith('Text with'));
    expect(marked(para, 'strong')).toEqual(['bold words']);
    expect(marked(para, 'em')).toEqual(['leaning']);
    expect(marked(para, 'code')).toEqual(['inline code']);
    expect(marked(para, 'strike')).toEqual(['struck']);
    const links = (para.marks ?? []).filter((m) => m.kind === 'link');
    expect(links.map((m) => [para.text.slice(m.start, m.end), m.href])).toEqual([
      ['safe link', 'https://example.org/a?b=1'],
      ['mail', 'mailto:me@example.org'],
    ]);
    expect(para.text).toContain('a bad one, a relative and struck text.');
    expect(JSON.stringify(doc.blocks)).not.toContain('javascript:');
    // a soft break reads as a space, a hard break as a new line
    expect(para.text).toContain('Soft wrapped line\nthen a hard break.');
    expect(para.text).toContain('a mail, a bad one');
  });

  it('makes list items with nesting depth and numbers', async () => {
    const items = doc.blocks.filter((b) => b.kind === 'listItem');
    expect(items.map((b) => [b.text.split('\n')[0], b.level, b.ordered, b.number])).toEqual([
      ['top item with strong', 1, false, undefined],
      ['second item', 1, false, undefined],
      ['nested item', 2, false, undefined],
      ['deep numbered', 3, true, 1],
      ['third', 1, true, 3],
      ['fourth', 1, true, 4],
    ]);
    expect(marked(items[0], 'strong')).toEqual(['strong']);
    expect(doc.text).toContain('continued paragraph of the second item');
  });

  it('makes each quoted paragraph a quote block', async () => {
    const quotes = doc.blocks.filter((b) => b.kind === 'quote');
    expect(quotes.map((q) => q.text)).toEqual(['A quoted claim.', 'Its second paragraph.']);
    expect(marked(quotes[0], 'strong')).toEqual(['claim']);
  });

  it('makes a table one table block: cells by tab, rows by line, the header row counted', async () => {
    const table = find((b) => b.kind === 'table');
    expect(table.text).toBe('Name\tRole\nAda\tAnalyst');
    expect(table.head).toBe(1);
    expect(marked(table, 'em')).toEqual(['Analyst']);
    expect(doc.text).not.toContain('| ---');
  });

  it('keeps an image as its alt text, never its address', async () => {
    const image = find((b) => b.kind === 'image');
    expect(image.text).toBe('A chart of results');
    expect(JSON.stringify(doc.blocks)).not.toContain('chart.png');
  });

  it('keeps code blocks verbatim with their language', async () => {
    const code = doc.blocks.filter((b) => b.kind === 'code');
    expect(code.map((c) => [c.text, c.lang])).toEqual([
      ['const x = 1;\n\nconsole.log(x);', 'ts'],
      ['indented code', undefined],
    ]);
  });

  it('turns a rule into a break and reads raw HTML as what it is, without its script', async () => {
    expect(doc.blocks.filter((b) => b.kind === 'break').map((b) => b.text)).toEqual(['']);
    const last = doc.blocks[doc.blocks.length - 1];
    expect(last).toMatchObject({ kind: 'paragraph', text: 'raw html &' });
    expect(marked(last, 'strong')).toEqual(['raw html']);
    expect(JSON.stringify(doc.blocks)).not.toMatch(/<b>|<script|alert/);
  });

  it('takes the first heading when there is no h1, and .markdown is markdown', async () => {
    const other = await normalizeFile('x.markdown', encode('Intro line here.\n\n### Only a third-level heading\n\nBody.\n'));
    expect(other.format).toBe('markdown');
    expect(other.title).toBe('Only a third-level heading');
  });

  it('stays consistent when every seed is read as Markdown', async () => {
    for (const file of readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))) {
      const asMarkdown = await normalizeFile(file.replace(/\.txt$/, '.md'), readFileSync(path.join(SEEDS, file)));
      expectConsistent(asMarkdown);
      expect(asMarkdown.words).toBeGreaterThan(100);
      expect(asMarkdown.title.length).toBeLessThanOrEqual(150);
    }
  });

  it('same Markdown with CRLF and BOM gives the same document', async () => {
    const crlf = await normalizeFile('n.md', new Uint8Array([0xef, 0xbb, 0xbf, ...encode(RICH.replace(/\n/g, '\r\n'))]));
    expect(crlf.hash).toBe(doc.hash);
    expect(crlf.blocks).toEqual(doc.blocks);
  });
});

/** A Markdown file through the real registry (decode, parse, assemble), checked for the anchoring invariant. */
async function read(markdown: string, name = 'note.md') {
  const parsed = await normalizeFile(name, encode(markdown));
  expectConsistent(parsed);
  return parsed;
}
const shape = (blocks: Block[], ...keys: (keyof Block)[]) =>
  blocks.map((b) => Object.fromEntries([['kind', b.kind], ['text', b.text], ...keys.filter((k) => b[k] !== undefined).map((k) => [k, b[k]])]));

describe('Markdown lists', () => {
  it('numbers an ordered list from its first item whatever the others say', async () => {
    const d = await read('1. one\n1. two\n1. three\n\nA paragraph.\n\n3. three\n3. four\n\nAnother.\n\n0) zero\n7) one\n');
    expect(d.blocks.filter((b) => b.kind === 'listItem').map((b) => [b.text, b.number])).toEqual([
      ['one', 1],
      ['two', 2],
      ['three', 3],
      ['three', 3],
      ['four', 4],
      ['zero', 0],
      ['one', 1],
    ]);
  });

  it('starts a new list where the delimiter or bullet changes (CommonMark)', async () => {
    const d = await read('1. a\n2. b\n3) c\n4) d\n- e\n+ f\n');
    expect(d.blocks.map((b) => [b.text, b.ordered, b.number])).toEqual([
      ['a', true, 1],
      ['b', true, 2],
      ['c', true, 3],
      ['d', true, 4],
      ['e', false, undefined],
      ['f', false, undefined],
    ]);
  });

  it('keeps code and nested lists inside an item in order, at their depth', async () => {
    const d = await read('1. Install it:\n\n   ```sh\n   npm i gloss\n   ```\n\n   Then run it.\n   - nested\n     - deeper\n2. Done\n');
    expect(shape(d.blocks, 'level', 'number', 'lang')).toEqual([
      { kind: 'listItem', text: 'Install it:', level: 1, number: 1 },
      { kind: 'code', text: 'npm i gloss', lang: 'sh' },
      { kind: 'paragraph', text: 'Then run it.' },
      { kind: 'listItem', text: 'nested', level: 2 },
      { kind: 'listItem', text: 'deeper', level: 3 },
      { kind: 'listItem', text: 'Done', level: 1, number: 2 },
    ]);
  });

  it('reads task list items as ticked or not, without the brackets in the text', async () => {
    const d = await read(
      '- [ ] write the *draft*\n- [x] read the notes\n- [X] file them\n- [x]no space is not a task\n- \\[ ] escaped is not a task\n- plain [ ] in the middle\n\n1. [x] numbered task\n   - [ ] nested task\n\n> - [ ] quoted task\n',
    );
    expect(shape(d.blocks, 'checked', 'level', 'quote')).toEqual([
      { kind: 'listItem', text: 'write the draft', checked: false, level: 1 },
      { kind: 'listItem', text: 'read the notes', checked: true, level: 1 },
      { kind: 'listItem', text: 'file them', checked: true, level: 1 },
      { kind: 'listItem', text: '[x]no space is not a task', level: 1 },
      { kind: 'listItem', text: '[ ] escaped is not a task', level: 1 },
      { kind: 'listItem', text: 'plain [ ] in the middle', level: 1 },
      { kind: 'listItem', text: 'numbered task', checked: true, level: 1 },
      { kind: 'listItem', text: 'nested task', checked: false, level: 2 },
      { kind: 'listItem', text: 'quoted task', checked: false, level: 1, quote: 1 },
    ]);
    expect(marked(d.blocks[0], 'em')).toEqual(['draft']);
    expect(d.text).not.toMatch(/\[[xX ]\] (write|read|file|numbered|nested|quoted)/);
  });
});

describe('Markdown quotes', () => {
  it('keeps the depth of nested quotes, and what sits inside them stays quoted', async () => {
    const d = await read(
      '> Outer words.\n>\n> > Inner words\n> > that wrap lazily.\n> >\n> > > Deepest.\n>\n> ## A quoted heading\n>\n> - a quoted item\n>   1. numbered inside\n>\n> ```js\n> quoted(code)\n> ```\n>\n> | k | v |\n> |---|---|\n> | 1 | 2 |\n\nOutside again.\n',
    );
    expect(shape(d.blocks, 'level', 'quote', 'number', 'head')).toEqual([
      { kind: 'quote', text: 'Outer words.', level: 1 },
      { kind: 'quote', text: 'Inner words that wrap lazily.', level: 2 },
      { kind: 'quote', text: 'Deepest.', level: 3 },
      { kind: 'heading', text: 'A quoted heading', level: 2, quote: 1 },
      { kind: 'listItem', text: 'a quoted item', level: 1, quote: 1 },
      { kind: 'listItem', text: 'numbered inside', level: 2, quote: 1, number: 1 },
      { kind: 'code', text: 'quoted(code)', quote: 1 },
      { kind: 'table', text: 'k\tv\n1\t2', quote: 1, head: 1 },
      { kind: 'paragraph', text: 'Outside again.' },
    ]);
  });

  it('reads a quote inside a list item as a quote, and a list inside a quote inside a list as quoted', async () => {
    const d = await read('- item text\n\n  > said inside the item\n  > - and listed\n');
    expect(shape(d.blocks, 'level', 'quote')).toEqual([
      { kind: 'listItem', text: 'item text', level: 1 },
      { kind: 'quote', text: 'said inside the item', level: 1 },
      { kind: 'listItem', text: 'and listed', level: 2, quote: 1 },
    ]);
  });

  it('stops at the deepest level the model has, however deep the file nests', async () => {
    const d = await read(`${'>'.repeat(40)} very deep\n\n${Array.from({ length: 30 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n')}\n`);
    const deep = d.blocks.find((b) => b.text === 'very deep')!;
    expect(deep).toMatchObject({ kind: 'quote', level: 9 });
    expect(Math.max(...d.blocks.filter((b) => b.kind === 'listItem').map((b) => b.level!))).toBe(9);
  });
});

describe('GFM tables', () => {
  it('keeps alignment rows out of the text, inline marks in cells, escaped pipes as pipes, empty and missing cells', async () => {
    const d = await read(
      'Before.\n\n| Left | Centre | Right |\n|:-----|:------:|------:|\n| **bold** | `a \\| b` | [link](https://example.org) |\n| | only middle? |\n| x \\| y | ~~gone~~ | 3 | extra cell dropped |\n\nAfter.\n',
    );
    const table = d.blocks.find((b) => b.kind === 'table')!;
    expect(table.text).toBe(['Left\tCentre\tRight', 'bold\ta | b\tlink', '\tonly middle?\t', 'x | y\tgone\t3'].join('\n'));
    expect(table.head).toBe(1);
    expect(marked(table, 'strong')).toEqual(['bold']);
    expect(marked(table, 'code')).toEqual(['a | b']);
    expect(marked(table, 'strike')).toEqual(['gone']);
    expect(table.marks!.find((m) => m.kind === 'link')!.href).toBe('https://example.org');
    expect(d.text).not.toMatch(/:-+:|-{3}/);
    expect(d.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph']);
  });

  it('never lets a tab or line break inside a cell pass for a separator', async () => {
    const d = await read('| a | b |\n|---|---|\n| one&#9;tab | two<br>lines |\n');
    const table = d.blocks.find((b) => b.kind === 'table')!;
    expect(table.text.split('\n').map((row) => row.split('\t').length)).toEqual([2, 2]);
    expect(table.text).toBe('a\tb\none tab\ttwo lines');
  });
});

describe('GFM inline extensions', () => {
  it('strikes through ~~text~~', async () => {
    const d = await read('Keep ~~drop this~~ and ~~more~~.\n');
    expect(marked(d.blocks[0], 'strike')).toEqual(['drop this', 'more']);
    expect(d.text).toBe('Keep drop this and more.');
  });

  it('autolinks www. and https:// addresses and e-mail, not bare names or unsafe schemes', async () => {
    const d = await read(
      'See www.example.org/path?q=1, https://example.com/a_(b) and <https://angle.example>. Mail me@example.net. Not notes.md, e.g. this, sub.www.example.org, ftp://old.example or <javascript:alert(1)>.\n',
    );
    const links = (d.blocks[0].marks ?? []).filter((m) => m.kind === 'link').map((m) => [d.blocks[0].text.slice(m.start, m.end), m.href]);
    expect(links).toEqual([
      ['www.example.org/path?q=1', 'http://www.example.org/path?q=1'],
      ['https://example.com/a_(b)', 'https://example.com/a_(b)'],
      ['https://angle.example', 'https://angle.example'],
      ['me@example.net', 'mailto:me@example.net'],
    ]);
    expect(d.blocks[0].text).toContain('<javascript:alert(1)>'.replace(/[<>]/g, ''));
    expect(JSON.stringify(d.blocks)).not.toContain('"href":"javascript');
  });

  it('resolves reference links, full, collapsed and shortcut, with labels in any case; definitions are not text', async () => {
    const d = await read(
      'Read [the guide][Guide], the [guide][] and [GUIDE], or [missing][nowhere].\n\n[guide]: https://example.org/guide "Title"\n',
    );
    expect(d.blocks).toHaveLength(1);
    const links = (d.blocks[0].marks ?? []).filter((m) => m.kind === 'link');
    expect(links.map((m) => [d.blocks[0].text.slice(m.start, m.end), m.href])).toEqual([
      ['the guide', 'https://example.org/guide'],
      ['guide', 'https://example.org/guide'],
      ['GUIDE', 'https://example.org/guide'],
    ]);
    expect(d.text).toBe('Read the guide, the guide and GUIDE, or [missing][nowhere].');
  });
});

describe('headings', () => {
  it('reads setext headings (=== and ---), over several lines too', async () => {
    const d = await read('Big Title\n=========\n\nSmaller one\nover two lines\n---\n\nText.\n');
    expect(shape(d.blocks, 'level')).toEqual([
      { kind: 'heading', text: 'Big Title', level: 1 },
      { kind: 'heading', text: 'Smaller one over two lines', level: 2 },
      { kind: 'paragraph', text: 'Text.' },
    ]);
    expect(d.title).toBe('Big Title');
  });

  it('gives headings GitHub-style ids, repeats numbered, and in-document links land on them', async () => {
    const d = await read(
      [
        '# Getting Started!',
        '## What’s *new* in 2.0?',
        '## Café & Crème',
        '## Getting started',
        '## Getting Started',
        '## getting-started-1',
        '## 日本語の見出し',
        '## 🚀 Launch',
        '',
        'Jump to [start](#getting-started), [the second](#getting-started-1), [new](#whats-new-in-20), [café](#café-crème),',
        '[by title](#Getting-Started), [spaced](<#Café & Crème>), [Japanese](#日本語の見出し), [nowhere](#no-such-place) and [out](https://example.org/#x).',
      ].join('\n\n'),
    );
    expect(d.blocks.filter((b) => b.kind === 'heading').map((b) => b.anchor)).toEqual([
      'getting-started',
      'whats-new-in-20',
      'café--crème',
      'getting-started-1',
      'getting-started-2',
      'getting-started-1-1',
      '日本語の見出し',
      '-launch',
    ]);
    const links = d.blocks.flatMap((b) => (b.marks ?? []).filter((m) => m.kind === 'link').map((m) => [b.text.slice(m.start, m.end), m.href]));
    expect(links).toEqual([
      ['start', '#getting-started'],
      ['the second', '#getting-started-1'],
      ['new', '#whats-new-in-20'],
      ['café', '#café-crème'], // no such heading: kept, readable
      ['by title', '#getting-started'],
      ['spaced', '#café--crème'],
      ['Japanese', '#日本語の見出し'],
      ['nowhere', '#no-such-place'],
      ['out', 'https://example.org/#x'],
    ]);
  });
});

describe('front matter', () => {
  it('gives the title, YAML-list tags, an author list and the date, and is not shown as text', async () => {
    const d = await read(
      '---\ntitle: "Reading log: spring"\ntags:\n  - reading\n  - "#notes"\n  - Reading\nauthor:\n  - Ana Ruiz\n  - name: Bo Chen\ndate: 2024-03-09\nlang: es\n---\n\n# A heading that is not the title\n\nBody text.\n',
    );
    expect(d.title).toBe('Reading log: spring');
    expect(d.tags).toEqual(['reading', 'notes']);
    expect(d.meta).toMatchObject({ author: 'Ana Ruiz, Bo Chen', published: '2024-03-09', language: 'es' });
    expect(d.text).toBe('A heading that is not the title\n\nBody text.');
    expect(d.notices).toEqual([]);
  });

  it('takes comma-separated tags, a single author, other spellings of the keys, and "..." as the closing line', async () => {
    const d = await read('---\nTitle: Field notes\nTags: alpha, beta ,  gamma\nAuthor: Kim Lee\npublished: 2023-11-30T08:00:00Z\n...\nText.\n');
    expect(d.title).toBe('Field notes');
    expect(d.tags).toEqual(['alpha', 'beta', 'gamma']);
    expect(d.meta).toMatchObject({ author: 'Kim Lee', published: '2023-11-30T08:00:00Z' });
    expect(d.text).toBe('Text.');
  });

  it('shows broken front matter as a code block with a notice, never losing it', async () => {
    const d = await read('---\ntitle: [unclosed\ntags: a\n---\n\n# Real heading\n');
    expect(d.blocks[0]).toMatchObject({ kind: 'code', lang: 'yaml', text: 'title: [unclosed\ntags: a' });
    expect(d.notices).toHaveLength(1);
    expect(d.notices[0]).toMatch(/front matter.*not valid YAML.*shown as text/);
    expect(d.title).toBe('Real heading');
    expect(d.tags).toEqual([]);
  });

  it('reads YAML safely: no custom or language tags run, aliases cannot explode, size is capped', async () => {
    const tagged = await read('---\ntitle: !!js/function "function () { return 1 }"\ntags: !custom [a]\n---\nText.\n');
    expect(tagged.title).toBe('function () { return 1 }');
    expect(tagged.tags).toEqual(['a']);
    const laughs = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      laughs.push(
        `${'abcdefghij'[i]}: &${'abcdefghij'[i]} [*${'abcdefghij'[i - 1]}, *${'abcdefghij'[i - 1]}, *${'abcdefghij'[i - 1]}, *${'abcdefghij'[i - 1]}, *${'abcdefghij'[i - 1]}, *${'abcdefghij'[i - 1]}, *${'abcdefghij'[i - 1]}, *${'abcdefghij'[i - 1]}, *${'abcdefghij'[i - 1]}]`,
      );
    const bomb = await read(`---\n${laughs.join('\n')}\ntitle: Laughs\n---\nText.\n`);
    expect(bomb.blocks[0]).toMatchObject({ kind: 'code', lang: 'yaml' });
    expect(bomb.notices[0]).toMatch(/front matter/);
    const huge = await read(`---\ntitle: Big\nfiller: "${'x'.repeat(70_000)}"\n---\nText.\n`);
    expect(huge.title).not.toBe('Big');
    expect(huge.notices[0]).toMatch(/larger than 64 KB/);
  });

  it('reads TOML front matter between +++ lines (Hugo, Zola) as YAML is read, and shows broken TOML as text', async () => {
    const d = await read(
      '+++\ntitle = "Pruning notes"\ndate = 2024-02-03\ntags = ["garden", "#trees"]\n[author]\nname = "Ana Ruiz"\n+++\n\n# Not the title\n\nBody.\n',
    );
    expect(d.title).toBe('Pruning notes');
    expect(d.tags).toEqual(['garden', 'trees']);
    expect(d.meta).toMatchObject({ author: 'Ana Ruiz', published: '2024-02-03' });
    expect(d.text).toBe('Not the title\n\nBody.');
    expect(d.notices).toEqual([]);
    const broken = await read('+++\ntitle = "unclosed\n+++\n\n# Real heading\n');
    expect(broken.blocks[0]).toMatchObject({ kind: 'code', lang: 'toml', text: 'title = "unclosed' });
    expect(broken.notices[0]).toMatch(/between the \+\+\+ lines.*not valid TOML.*shown as text/);
    expect(broken.title).toBe('Real heading');
    const unclosed = await read('+++\ntitle = "no"\n\nText.\n');
    expect(unclosed.title).not.toBe('no');
    expect(unclosed.text).toContain('title = "no"');
  });

  it('is only front matter at the very top, closed, and a mapping; otherwise the Markdown is read as written', async () => {
    const later = await read('Intro.\n\n---\ntitle: no\n---\n');
    expect(later.title).not.toBe('no');
    expect(later.blocks.map((b) => b.kind)).toEqual(['paragraph', 'break', 'heading']);
    const unclosed = await read('---\ntitle: no\n\nJust a rule and text.\n');
    expect(unclosed.blocks.map((b) => b.kind)).toEqual(['break', 'paragraph', 'paragraph']);
    const scalar = await read('---\nA setext heading\n---\n\nText.\n');
    expect(scalar.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['break', ''],
      ['heading', 'A setext heading'],
      ['paragraph', 'Text.'],
    ]);
    const empty = await read('---\n---\n\n# Only this\n');
    expect(empty.blocks.map((b) => b.text)).toEqual(['Only this']);
  });
});

describe('raw HTML in Markdown', () => {
  const HOSTILE = [
    '# Notes',
    '<table>\n  <thead><tr><th>Term</th><th>Meaning</th></tr></thead>\n  <tbody><tr><td><b>gloss</b></td><td>a note in the margin</td></tr></tbody>\n</table>',
    '<ol start="4">\n  <li>fourth</li>\n  <li>fifth <em>point</em></li>\n</ol>',
    '<details>\n<summary>More detail</summary>\n\nHidden *Markdown* paragraph.\n\n</details>',
    '<pre>  kept   spacing\n    and lines</pre>',
    '<script>document.title = "pwned"</script>',
    '<style>body { background: url(https://tracker.example/bg.png) }</style>',
    '<iframe src="https://evil.example/frame"></iframe>',
    '<img src="http://tracker.example/pixel.gif" alt="tracking pixel" onerror="alert(1)">',
    'Inline <img src=x onerror=alert(2)> image, <a href="javascript:alert(3)">a bad link</a>, <a href="https://example.org" onclick="alert(4)">a good one</a>, <span style="background:url(https://tracker.example/s)">styled</span>, <b>bold\n*and emphasis*</b> over lines and a line<br>break.',
    '<div onmouseover="alert(5)"><h3 id="custom-id">Raw heading</h3><p>Raw paragraph with <svg onload="alert(6)"><script>alert(7)</script></svg>text.</p></div>',
    '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/y"><form action="https://evil.example"><input name="q" value="typed"></form>',
    '<!-- a comment that is not text -->',
    '<meta http-equiv="refresh" content="0;url=https://evil.example"><link rel="stylesheet" href="https://evil.example/s.css"><base href="https://evil.example/">',
    'See [the raw heading](#custom-id).',
  ].join('\n\n');

  it('renders HTML blocks as the structure they are: tables, numbered lists, details, pre, headings', async () => {
    const d = await read(HOSTILE);
    const table = d.blocks.find((b) => b.kind === 'table')!;
    expect(table).toMatchObject({ text: 'Term\tMeaning\ngloss\ta note in the margin', head: 1 });
    expect(marked(table, 'strong')).toEqual(['gloss']);
    expect(d.blocks.filter((b) => b.kind === 'listItem').map((b) => [b.text, b.ordered, b.number])).toEqual([
      ['fourth', true, 4],
      ['fifth point', true, 5],
    ]);
    expect(d.text).toContain('More detail\n\nHidden Markdown paragraph.');
    expect(d.blocks.some((b) => (b.kind === 'pre' || b.kind === 'code') && b.text === '  kept   spacing\n    and lines')).toBe(true);
    expect(d.blocks.find((b) => b.text === 'Raw heading')).toMatchObject({ kind: 'heading', level: 3, anchor: 'custom-id' });
    const inline = d.blocks.find((b) => b.text.startsWith('Inline'))!;
    expect(inline.text).toBe('Inline image, a bad link, a good one, styled, bold and emphasis over lines and a line\nbreak.');
    expect(marked(inline, 'strong')).toEqual(['bold and emphasis']);
    expect(marked(inline, 'em')).toEqual(['and emphasis']);
    expect(inline.marks!.filter((m) => m.kind === 'link').map((m) => m.href)).toEqual(['https://example.org']);
    const link = d.blocks[d.blocks.length - 1];
    expect(link.marks).toEqual([{ kind: 'link', start: 4, end: 19, href: '#custom-id' }]);
  });

  it('lets nothing executable or remote through, and shows no tags', async () => {
    const d = await read(HOSTILE);
    const json = JSON.stringify(d);
    for (const bad of [
      '<',
      'script',
      'pwned',
      'alert',
      'onerror',
      'onclick',
      'onload',
      'javascript',
      'tracker.example',
      'evil.example',
      'url(',
      'comment',
      'typed',
    ]) {
      expect(json, bad).not.toContain(bad);
    }
    expect(d.text).toContain('tracking pixel');
  });

  it('keeps raw HTML inside quotes and list items where it was written', async () => {
    const d = await read('> <p>quoted html</p>\n>\n> <ul><li>quoted item</li></ul>\n\n- <p>item as html</p>\n- second\n');
    expect(shape(d.blocks, 'level', 'quote')).toEqual([
      { kind: 'quote', text: 'quoted html', level: 1 },
      { kind: 'listItem', text: 'quoted item', level: 1, quote: 1 },
      { kind: 'listItem', text: 'item as html', level: 1 },
      { kind: 'listItem', text: 'second', level: 1 },
    ]);
  });

  it('does not load the HTML sanitizer for Markdown without HTML', async () => {
    const { holdsHtml } = await import('../../src-main/core/formats/markdown/rawHtml');
    const { markdownIt } = await import('../../src-main/core/formats/markdown/engine');
    expect(holdsHtml(markdownIt().parse('# Plain\n\nText with a < b and a > c, `<code>` and\n\n    <indented>\n', {}))).toBe(false);
    expect(holdsHtml(markdownIt().parse('Text with <kbd>Ctrl</kbd>.\n', {}))).toBe(true);
  });
});

describe('images', () => {
  it('stores images named by a path beside the file (once each) and never anything remote, absolute or above it', async () => {
    const d = await read(
      [
        '![Local chart](images/chart%201.png "A chart")',
        '![Same again](./images/../images/chart%201.png)',
        '![Remote](https://example.org/a.png)',
        '![Absolute](/etc/passwd.png)',
        '![Above](../secret.png)',
        '![Vector](diagram.svg)',
        '![Data](data:image/png;base64,iVBORw0KGgo=)',
        '<img src="shots/screen.jpg" alt="From HTML">',
      ].join('\n\n'),
    );
    expect(d.assets).toEqual([
      { name: 'img-1.png', ref: 'images/chart 1.png' },
      { name: 'img-2.jpg', ref: 'shots/screen.jpg' },
    ]);
    expect(d.blocks.map((b) => [b.kind, b.text, b.src])).toEqual([
      ['image', 'Local chart', 'img-1.png'],
      ['image', 'Same again', 'img-1.png'],
      ['image', 'Remote', undefined],
      ['image', 'Absolute', undefined],
      ['image', 'Above', undefined],
      ['image', 'Vector', undefined],
      ['image', 'Data', undefined],
      ['image', 'From HTML', 'img-2.jpg'],
    ]);
    expect(JSON.stringify(d)).not.toMatch(/example\.org|passwd|secret|svg|base64/);
  });

  it('imports a note with its attachment into a library, the image stored with it', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'attachments'));
    await writeFile(path.join(dir, 'attachments', 'dot.png'), tinyPng());
    await writeFile(path.join(dir, 'note.md'), '# With a picture\n\n![A dot](attachments/dot.png)\n\n![Gone](attachments/missing.png)\n');
    const lib = await Library.open(path.join(dir, 'data'), { holder: 'command line' });
    try {
      const report = await lib.documents.importPaths([path.join(dir, 'note.md')]);
      expect(report.failed).toEqual([]);
      const content = await lib.documents.get(report.imported[0].id);
      expect(content.blocks.filter((b) => b.kind === 'image').map((b) => [b.text, b.src])).toEqual([
        ['A dot', 'img-1.png'],
        ['Gone', undefined],
      ]);
    } finally {
      await lib.close();
    }
  });
});

describe('hostile Markdown', () => {
  it('leaves out HTML nested deeper than any real file, quickly, and says so', async () => {
    const d = await read(`# Deep\n\n${'<div>'.repeat(20_000)}\n\nAfter the block.\n\nInline ${'<b>'.repeat(20_000)}words stay.\n`);
    expect(d.blocks.map((b) => b.text)).toEqual(['Deep', 'After the block.', 'Inline words stay.']);
    expect(d.notices).toEqual([expect.stringMatching(/^2 pieces of HTML in this file nest more than 200 elements deep/)]);
    expect(nestingDepth('<div><p>a<p>b<br><img src=x><span>c</span></div>')).toBe(2);
  });

  it('keeps every link target and image address safe', async () => {
    const d = await read(
      '[js](javascript:alert(1)) [vb](vbscript:x) [data](data:text/html,<script>alert(1)</script>) [file](file:///etc/passwd) <javascript:alert(2)>\n\n![img](javascript:alert(3))\n\n[ref]\n\n[ref]: javascript:alert(4)\n',
    );
    // the words stay as the author wrote them, but nothing is a link or an address
    expect(d.text).toBe('js vb data file javascript:alert(2)\n\nimg\n\nref');
    expect(d.blocks.flatMap((b) => b.marks ?? [])).toEqual([]);
    expect(d.blocks.find((b) => b.kind === 'image')!.src).toBeUndefined();
    expect(d.assets).toEqual([]);
  });
});

describe('a whole field-notes file (tests/fixtures/markdown/field-notes.md)', () => {
  it('reads as its author meant: metadata, structure, links and tables', async () => {
    const bytes = readFileSync(path.join(__dirname, '../fixtures/markdown/field-notes.md'));
    const d = await normalizeFile('field-notes.md', bytes);
    expectConsistent(d);
    expect(d.title).toBe('Field notes on the river survey');
    expect(d.tags).toEqual(['fieldwork', 'rivers', 'survey']);
    expect(d.meta).toMatchObject({ author: 'Maren Olsen, Tomás Quiroga', published: '2025-04-18' });
    expect(d.blocks.filter((b) => b.kind === 'heading').map((b) => b.anchor)).toEqual([
      'field-notes-on-the-river-survey',
      'method',
      'note-on-the-weather',
      'results',
      'open-tasks',
      'results-1',
    ]);
    expect(d.blocks.filter((b) => b.kind === 'listItem').map((b) => [b.text.split('\n')[0], b.number ?? b.checked ?? null, b.quote ?? 0])).toEqual([
      ['Walk the bank from the bridge to the weir.', 1, 0],
      ['Count every heron, then every cormorant.', 2, 0],
      ['Write the counts down before lunch:', 3, 0],
      ['the weir was rebuilt', null, 2],
      ['the ford is gone', null, 2],
      ['Send the counts to www.example.org/survey', true, 0],
      ['Ask about the ford before May', false, 0],
      ['Compare with the method', false, 0],
    ]);
    expect(d.blocks.filter((b) => b.kind === 'table').map((b) => [b.text, b.head])).toEqual([
      ['Site\tHerons\tCormorants\tNote\nA\t3\t1\tcalm water\nB\t0\t4\tfish | ladder\nC\t2\t\tflooded dry', 1],
      ['Hour\tCount\n09\t2\n10\t3', 1],
    ]);
    expect(d.blocks.find((b) => b.kind === 'image')).toMatchObject({ text: 'Sketch of the weir', src: 'img-1.png' });
    expect(d.assets).toEqual([{ name: 'img-1.png', ref: 'sketches/weir.png' }]);
    const hrefs = d.blocks.flatMap((b) => (b.marks ?? []).filter((m) => m.kind === 'link').map((m) => m.href));
    expect(hrefs).toEqual(['#results', '#open-tasks', 'http://www.example.org/survey', '#method']);
    expect(d.text).not.toMatch(/[<>]|\[[ x]\]|---|:-/);
  });
});
