// Shared builders and the CommonMark read-back used by the export tests.
import { Parser, type Node } from 'commonmark';
import type { Color, DocumentMeta, Highlight } from '../../src-main/core/model';

export function makeDoc(over: Partial<DocumentMeta> = {}): DocumentMeta {
  return {
    id: 'doc_abcdef123',
    title: 'A report on things',
    source: '/home/reader/docs/report.txt',
    format: 'text',
    hash: 'f'.repeat(64),
    importedAt: '2024-05-01T09:30:00.000Z',
    words: 1200,
    bytes: 7000,
    tags: ['research'],
    ...over,
  };
}

let counter = 0;
export function makeHighlight(exact: string, over: Partial<Highlight> = {}): Highlight {
  counter++;
  const start = over.position?.start ?? counter * 100;
  return {
    id: `hl_${String(counter).padStart(6, '0')}`,
    documentId: 'doc_abcdef123',
    position: { start, end: start + exact.length },
    quote: { exact, prefix: '', suffix: '' },
    color: 'yellow' as Color,
    note: '',
    tags: [],
    createdAt: '2024-05-02T10:00:00.000Z',
    updatedAt: '2024-05-02T10:00:00.000Z',
    ...over,
  };
}

export { prng } from './helpers/prng';

function inlineText(node: Node): string {
  let out = '';
  const walker = node.walker();
  let event;
  while ((event = walker.next())) {
    const n = event.node;
    if (!event.entering || n === node) continue;
    switch (n.type) {
      case 'text':
      case 'code':
        out += n.literal ?? '';
        break;
      case 'softbreak':
      case 'linebreak':
        out += '\n';
        break;
      default:
        // Any other inline node means some of the quote was read as syntax.
        out += `«${n.type}»${n.literal ?? ''}`;
    }
  }
  return out;
}

/** The text of each top-level blockquote: paragraphs joined with "\n\n" (see export/escape.ts). */
export function blockquoteTexts(markdown: string): string[] {
  const doc = new Parser().parse(markdown);
  const quotes: string[] = [];
  for (let block = doc.firstChild; block; block = block.next) {
    if (block.type !== 'block_quote') continue;
    const paragraphs: string[] = [];
    for (let child = block.firstChild; child; child = child.next) {
      paragraphs.push(child.type === 'paragraph' ? inlineText(child) : `«${child.type}»`);
    }
    quotes.push(paragraphs.join('\n\n'));
  }
  return quotes;
}

/** Top-level blocks of a given type, as their inline text. */
export function blocksOfType(markdown: string, type: string, level?: number): string[] {
  const doc = new Parser().parse(markdown);
  const found: string[] = [];
  for (let block = doc.firstChild; block; block = block.next) {
    if (block.type === type && (level === undefined || block.level === level)) found.push(inlineText(block));
  }
  return found;
}
