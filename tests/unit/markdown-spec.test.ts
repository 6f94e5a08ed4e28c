// CommonMark conformance of the Markdown importer, judged by the reference implementation
// (commonmark.js, a devDependency): each case below is written in the shape of a CommonMark spec
// section's examples (tabs, breaks, ATX and setext headings, code, quotes, list items and lists,
// inlines). The reference parser's tree is mapped to blocks by the same rules Gloss promises
// (items numbered from the list's start, quote depth, an item's first paragraph as its text), and
// Gloss's own blocks must match: so a structure markdown-it or the walk gets wrong shows up here.
import { Parser, type Node } from 'commonmark';
import { describe, expect, it } from 'vitest';
import { assembleBlocks } from '../../src-main/core/formats/blocks';
import { parseMarkdown } from '../../src-main/core/formats/markdown';

interface Expected {
  kind: string;
  text: string;
  level?: number;
  number?: number;
  ordered?: boolean;
  quote?: number;
  lang?: string;
}

const CASES: Record<string, string[]> = {
  tabs: ['\tindented\twith tabs', '  - item\n\n\tcontinued', '>\t\tcode in a quote', '-\t\tcode in an item', '*\t*\t*\t'],
  'thematic breaks': ['***\n---\n___', '+++', ' - - -', 'Above\n***\nbelow', '- one\n***\n- two', '--\n**\n__', '* List\n* * *\n* list'],
  'ATX headings': [
    '# one\n## two\n###### six',
    '####### seven',
    '#5 bolt\n\n#hashtag',
    '\\## not a heading',
    '# head *with* \\*escapes\\*',
    '  ### indented a little',
    '    # indented too much',
    '## closed ##\n### closed with more ######\n# ends in hash#',
    'Text\n# heading between\nmore text',
    '## \n#\n### ###',
  ],
  'setext headings': [
    'Title *here*\n=========',
    'Title\n   ----',
    'Not\n= =',
    '> Quote\n---',
    '- Item\n---',
    'Two\nlines\n===',
    '---\nTop\n---\nMiddle\n---\nBottom',
    '\\> escaped\n------',
    'Para\n\n====',
  ],
  'indented code': [
    '    a simple\n      indented code block',
    '  - item\n\n    paragraph in item',
    '1.  item\n\n    - nested',
    '    one\n\n    two\n  \n \n    three',
    'Para\n    continues it',
    '    code\nthen para',
  ],
  'fenced code': [
    '```\n<\n >\n```',
    '~~~\naaa\n```\n~~~',
    '````\naaa\n```\n``````',
    '```\nunclosed',
    ' ```\n aaa\naaa\n```',
    '```ruby startline=3 $%@#$\ndef foo(x)\n```',
    '> ```\n> in quote\n\nafter',
    '```\n\n  \n```',
  ],
  paragraphs: ['aaa\n\nbbb', '  aaa\n bbb', 'aaa             \nbbb     ', 'hard  \nbreak', 'escaped\\\nbreak', 'trailing hard  '],
  'block quotes': [
    '> # Heading\n> bar\n> baz',
    '># Tight\n>bar\n> baz',
    '> lazy\ncontinuation\n> line',
    '> - item\n- outside',
    '>     code\n    not code',
    '> one\n\n> two',
    '> bar\n>\nbaz',
    '>>> deep\n> still deep\n>>lazily',
    '> a\n>\n> > b\n>\n> c',
  ],
  'list items': [
    'A paragraph\nwith two lines.\n\n    indented code\n\n> A block quote.',
    '1.  A paragraph\n    with two lines.\n\n        indented code\n\n    > A block quote.',
    '- one\n\n two',
    '- one\n\n  two',
    ' -    one\n\n     two',
    '   > > 1.  one\n>>\n>>     two',
    '-one\n\n2.two',
    '- foo\n\n\n  bar',
    '1.  foo\n\n    ```\n    bar\n    ```\n\n    baz\n\n    > bam',
    '123456789. nine digits',
    '1234567890. ten digits',
    '0. zero',
    '003. three',
    '-1. negative',
    '  10.  ten\n\n           code',
    '-\n  foo\n-\n  ```\n  bar\n  ```\n-\n      baz',
    '- foo\n-\n- bar',
    '1. a\n\n  2. b\n\n    3. c',
    '- a\n - b\n  - c\n   - d\n    - e',
    '- # Foo\n- Bar\n  ---\n  baz',
  ],
  lists: [
    'The number of windows in my house is\n14.  The number of doors is 6.',
    'The number of windows in my house is\n1.  The number of doors is 6.',
    '- foo\n  - bar\n    - baz\n\n\n      bim',
    '- a\n- b\n\n- c',
    '* a\n*\n\n* c',
    '- a\n  > b\n  ```\n  c\n  ```\n- d',
    '1. ```\n   foo\n   ```\n\n   bar',
    '* foo\n  * bar\n\n  baz',
    '- a\n  - b\n  - c\n\n- d\n  - e\n  - f',
    '1. one\n1. two\n1. three',
    '7. seven\n1. eight\n\n   more of eight\n1. nine',
    '1. a\n2) b\n3. c',
  ],
  inlines: [
    '`code` and ``a ` tick`` and ` spaced `',
    '*em*bedded **strong words** *mixed **nesting** here* _under_scores_ ***both***',
    '[link](/uri "title") and [angle](</my uri>) and [empty]()',
    '[ref] and [Ref][] and [other label][ref]\n\n[ref]: /url "t"',
    '![alt *text*](/img.png) inside a line',
    '&amp; &copy; &#35; &#x22; &nbsp;x &notanentity;',
    '\\*not emphasized* \\[not a link](/x) \\` not code`',
    '<https://auto.example/link> and <me@example.org>',
    'a*"foo"*b and *foo`*`',
    'line one\nline two\\\nline three  \nline four',
  ],
};

describe('CommonMark conformance (against commonmark.js)', () => {
  for (const [section, inputs] of Object.entries(CASES)) {
    it(section, async () => {
      for (const input of inputs) {
        const doc = assembleBlocks((await parseMarkdown(input)).blocks);
        const ours = doc.blocks.map((b): Expected => ({
          kind: b.kind,
          text: b.text,
          ...(b.kind === 'heading' || b.kind === 'listItem' || b.kind === 'quote' ? { level: b.level } : {}),
          ...(b.number !== undefined ? { number: b.number } : {}),
          ...(b.ordered !== undefined ? { ordered: b.ordered } : {}),
          ...(b.quote !== undefined ? { quote: b.quote } : {}),
          ...(b.lang !== undefined ? { lang: b.lang } : {}),
        }));
        expect(ours, JSON.stringify(input)).toEqual(reference(input));
      }
    });
  }

  it('the reference mapping itself sees numbering and depth (so the comparison can fail)', () => {
    expect(reference('1. a\n1. b\n\n> > q')).toEqual([
      { kind: 'listItem', text: 'a', level: 1, number: 1, ordered: true },
      { kind: 'listItem', text: 'b', level: 1, number: 2, ordered: true },
      { kind: 'quote', text: 'q', level: 2 },
    ]);
  });
});

/** The blocks Gloss promises for a document, read off commonmark.js's tree. */
function reference(markdown: string): Expected[] {
  const out: Expected[] = [];
  type Item = { ordered: boolean; number?: number; level: number; textAt?: number };
  const walk = (node: Node, quote: number, lists: number, item: Item | undefined): void => {
    for (let child = node.firstChild; child; child = child.next) {
      switch (child.type) {
        case 'block_quote':
          walk(child, quote + 1, lists, undefined);
          break;
        case 'list': {
          let number = child.listStart ?? 1;
          for (let entry = child.firstChild; entry; entry = entry.next) {
            const next: Item = { ordered: child.listType === 'ordered', level: lists + 1 };
            if (next.ordered) next.number = number++;
            walk(entry, quote, lists + 1, next);
          }
          break;
        }
        case 'heading': {
          const text = inlineText(child).trim();
          if (text) out.push({ kind: 'heading', text, level: child.level, ...(quote ? { quote } : {}) });
          break;
        }
        case 'paragraph': {
          const text = inlineText(child).trim();
          if (!text) break;
          const lone = child.firstChild === child.lastChild && child.firstChild?.type === 'image';
          if (lone) out.push({ kind: 'image', text, ...(quote ? { quote } : {}) });
          else if (item && item.textAt === undefined) {
            item.textAt = out.length;
            out.push({
              kind: 'listItem',
              text,
              level: item.level,
              ...(item.number !== undefined ? { number: item.number } : {}),
              ordered: item.ordered,
              ...(quote ? { quote } : {}),
            });
          } else if (item && item.textAt === out.length - 1) out[item.textAt].text += `\n${text}`;
          else if (quote) out.push({ kind: 'quote', text, level: quote });
          else out.push({ kind: 'paragraph', text });
          break;
        }
        case 'code_block': {
          const text = (child.literal ?? '').replace(/\n$/, '');
          if (text.trim() === '') break;
          const lang = (child.info ?? '').trim().split(/\s+/)[0];
          out.push({ kind: 'code', text, ...(quote ? { quote } : {}), ...(lang ? { lang } : {}) });
          break;
        }
        case 'thematic_break':
          out.push({ kind: 'break', text: '', ...(quote ? { quote } : {}) });
          break;
        default:
          walk(child, quote, lists, item);
      }
    }
  };
  walk(new Parser().parse(markdown), 0, 0, undefined);
  return out;
}

function inlineText(node: Node): string {
  let text = '';
  for (let child = node.firstChild; child; child = child.next) {
    if (child.type === 'text' || child.type === 'code') text += child.literal ?? '';
    else if (child.type === 'softbreak') text += ' ';
    else if (child.type === 'linebreak') text += '\n';
    else text += inlineText(child);
  }
  return text;
}
