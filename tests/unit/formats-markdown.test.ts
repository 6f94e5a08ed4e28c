import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeFile } from '../../src-main/core/formats';
import type { Block, InlineMark } from '../../src-main/core/model';
import { encode, expectConsistent } from './helpers/reading-model';
import { SEEDS_DIR as SEEDS } from './helpers/temp';

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
