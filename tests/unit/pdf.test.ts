import { Worker } from 'node:worker_threads';
import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GlossError } from '../../src-main/core/errors';
import { normalizeFile, type NormalizedDocument } from '../../src-main/core/formats';
import { parsePdf } from '../../src-main/core/formats/pdf';
import { collectEvidence, hyphenJoin } from '../../src-main/core/formats/pdf/hyphen';
import { usableAuthor, usableLanguage, usableTitle } from '../../src-main/core/formats/pdf/meta';
import type { ParsedDocument } from '../../src-main/core/formats/types';
import {
  buildArticle,
  buildBlankMiddle,
  buildEncrypted,
  buildLong,
  buildManual,
  buildPageLabels,
  buildScan,
  buildTurned,
  buildTwoColumns,
  buildWordTitle,
} from './helpers/pdf-fixtures';
import { expectConsistent } from './helpers/reading-model';

const importPdf = (name: string, bytes: Uint8Array) => normalizeFile(name, bytes, { format: 'pdf' });

async function refusal(name: string, bytes: Uint8Array): Promise<GlossError> {
  try {
    await importPdf(name, bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(GlossError);
    expect((error as GlossError).code).toBe('invalid_input');
    expect((error as GlossError).message).toContain(name);
    return error as GlossError;
  }
  throw new Error(`${name} was not refused`);
}

/** The block a canonical-text offset falls in. */
const blockAt = (doc: NormalizedDocument, offset: number) => doc.blocks.find((b) => b.start <= offset && offset <= b.start + b.text.length)!;

describe('a three-page article', () => {
  let bytes: Uint8Array;
  let doc: NormalizedDocument;
  beforeAll(async () => {
    bytes = await buildArticle();
    doc = await importPdf('article.pdf', bytes);
  });

  it('is a consistent reading model with one landmark per page', () => {
    expectConsistent(doc);
    expect(doc.format).toBe('pdf');
    expect(doc.pages?.map((p) => p.label)).toEqual(['1', '2', '3']);
    expect(doc.pages![0].start).toBe(0);
    expect(doc.pages![1].start).toBeLessThan(doc.pages![2].start);
  });

  it('takes title, author and language from the metadata', () => {
    expect(doc.title).toBe('Tides and Small Boats: A Field Note');
    expect(doc.meta.author).toBe('Mara Quill');
    expect(doc.meta.language).toBe('en-GB');
  });

  it('drops the running header and the page numbers', () => {
    expect(doc.text).not.toContain('Quiet Harbour Review');
    for (const block of doc.blocks) expect(block.text).not.toMatch(/^\d+$/);
    expect(doc.text).not.toMatch(/\.\s\d\s[A-Z]/); // a page number caught between two sentences
  });

  it('makes headings of the larger type, by size', () => {
    const headings = doc.blocks.filter((b) => b.kind === 'heading').map((b) => [b.text, b.level]);
    expect(headings).toEqual([
      ['Tides and Small Boats', 1],
      ['What the Tide Leaves', 2],
    ]);
  });

  it('joins lines into paragraphs, undoing hyphenation but keeping compounds', () => {
    const first = doc.blocks[1];
    expect(first.kind).toBe('paragraph');
    expect(first.text).toMatch(
      /^This field note follows .* from international waters, .* stubborn and well-known to anyone who has spent a season on the quay\.$/,
    );
    expect(doc.text).not.toMatch(/inter- ?national/);
    for (const block of doc.blocks.filter((b) => b.kind === 'paragraph')) {
      // every paragraph is whole: it starts a sentence and ends one
      expect(block.text).toMatch(/^[A-Z]/);
      expect(block.text).toMatch(/\.$/);
      // words were found from the gaps between them (the fixture draws each word on its own)
      expect(block.text).not.toMatch(/[a-z][A-Z]|\s{2}/);
    }
  });

  it('keeps a paragraph that runs over a page break as one block, with the page landmark inside it', () => {
    const crossing = doc.blocks.filter((b) => b.text.includes('CROSSING'));
    expect(crossing).toHaveLength(1);
    const [block] = crossing;
    expect(block.text).toMatch(/^CROSSING BEGINS .* CROSSING ENDS\.$/);
    const page2 = doc.pages![1].start;
    expect(page2).toBeGreaterThan(block.start);
    expect(page2).toBeLessThan(block.start + block.text.length);
    // the landmark is at the start of page 2's first word
    expect(doc.text[page2 - 1]).toBe(' ');
    expect(doc.text[page2]).toMatch(/\S/);
  });

  it('does not print anything while reading an ordinary PDF', async () => {
    const spies = [
      vi.spyOn(console, 'log'),
      vi.spyOn(console, 'warn'),
      vi.spyOn(console, 'error'),
      vi.spyOn(console, 'info'),
      vi.spyOn(process.stdout, 'write'),
      vi.spyOn(process.stderr, 'write'),
    ];
    try {
      await parsePdf({ name: 'article.pdf', bytes });
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('leaves the bytes it was given intact (they are stored as the original), Buffer or not', async () => {
    const copy = Buffer.from(bytes);
    const parsed = await parsePdf({ name: 'article.pdf', bytes: copy });
    expect(copy.byteLength).toBe(bytes.byteLength);
    expect(Buffer.compare(copy, Buffer.from(bytes))).toBe(0);
    expect(parsed.blocks.length).toBe(doc.blocks.length);
  });

  it('reads a file whose cross-reference table points at the wrong places', async () => {
    const flat = await (await PDFDocument.load(bytes)).save({ useObjectStreams: false });
    const text = Buffer.from(flat).toString('latin1');
    const damaged = Buffer.from(text.replace(/startxref\s+\d+/, 'startxref\n123'), 'latin1');
    const reread = await importPdf('damaged.pdf', new Uint8Array(damaged));
    expect(reread.text).toBe(doc.text);
  });
});

describe('layouts', () => {
  it.each(['column by column', 'row by row'] as const)(
    'reads a two-column page left column first, under a title across both (drawn %s)',
    async (order) => {
      const doc = await importPdf('columns.pdf', await buildTwoColumns(order));
      expectConsistent(doc);
      expect(doc.title).toBe('Two Columns of Weather');
      expect(doc.blocks.map((b) => b.text.replace(/ starts\..*ends\.$/, ''))).toEqual([
        'Two Columns of Weather',
        'Left paragraph 1',
        'Left paragraph 2',
        'Left paragraph 3',
        'Right paragraph 1',
        'Right paragraph 2',
        'Right paragraph 3',
      ]);
    },
  );

  it('takes the title from the large first lines when the metadata title is a word processor’s', async () => {
    const doc = await importPdf('notes.pdf', await buildWordTitle());
    expect(doc.title).toBe('Harvest Notes from the Valley');
    expect(doc.meta.author).toBeUndefined();
    expect(doc.blocks[0]).toMatchObject({ kind: 'heading', level: 1, text: 'Harvest Notes from the Valley' });
    expect(doc.blocks[1]).toMatchObject({ kind: 'heading', level: 2, text: 'A short introduction' });
  });

  it('labels pages as the PDF does (roman numerals for the front matter)', async () => {
    const doc = await importPdf('labels.pdf', await buildPageLabels());
    expectConsistent(doc);
    expect(doc.pages?.map((p) => p.label)).toEqual(['i', 'ii', '1', '2']);
    const firstWords = doc.pages!.map((p) => doc.text.slice(p.start, p.start + 17));
    expect(firstWords).toEqual(['Preface page one.', 'Preface page two.', 'Chapter page one.', 'Chapter page two.']);
  });

  it('reads a manual: contents entries apart, chapter running heads gone, code kept as it was laid out', async () => {
    const doc = await importPdf('manual.pdf', await buildManual());
    expectConsistent(doc);
    expect(doc.text).not.toMatch(/Chapter \d:/);
    const contents = doc.blocks.filter((b) => /\. \. \./.test(b.text));
    expect(contents.map((b) => b.text.replace(/(?: ?\.)+ /, ' … '))).toEqual(['1 Knots … 2', '2 Sails … 4', '3 Tides … 6']);
    const code = doc.blocks.filter((b) => b.kind === 'pre');
    expect(code).toEqual([
      { kind: 'pre', start: code[0].start, text: 'function bowline(rope) {\n  rope.loop();\n  for (const end of rope.ends)   end.tuck();\n}' },
    ]);
    const before = doc.blocks[doc.blocks.indexOf(code[0]) - 1];
    expect(before).toMatchObject({ kind: 'paragraph', text: 'The knot, as a program:' });
    expect(doc.blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toEqual(['Contents', '1 Knots', '2 Sails', '3 Tides']);
    expect(doc.pages).toHaveLength(7);
  });

  it('reads a page turned sideways, and leaves out a stamp running up the margin', async () => {
    const doc = await importPdf('turned.pdf', await buildTurned());
    expect(doc.blocks.map((b) => b.text.slice(0, 13))).toEqual(['Turned page. ', 'Upright page.']);
    expect(doc.blocks[0].text).toContain('rope tightening against a cleat');
    expect(doc.text).not.toContain('STAMPED');
  });

  it('places a blank page where the next page’s text begins', async () => {
    const doc = await importPdf('blank.pdf', await buildBlankMiddle());
    expect(doc.text).not.toContain('Logbook');
    expect(doc.blocks).toHaveLength(2);
    expect(doc.pages?.map((p) => p.label)).toEqual(['1', '2', '3']);
    expect(doc.pages![1].start).toBe(doc.blocks[1].start);
    expect(doc.pages![2].start).toBe(doc.blocks[1].start);
    expect(doc.blocks[1].text).toMatch(/^After the blank page\./);
  });

  it('reads a 100-page document with alternating running headers and "Page n of N" footers', async () => {
    const doc = await importPdf('almanac.pdf', await buildLong(100));
    expectConsistent(doc);
    expect(doc.pages).toHaveLength(100);
    expect(doc.pages?.map((p) => p.label)).toEqual(Array.from({ length: 100 }, (_, i) => String(i + 1)));
    expect(doc.text).not.toContain('Harbour Almanac ·');
    expect(doc.text).not.toMatch(/Page \d+ of 100/);
    const starts = doc.pages!.map((p) => p.start);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(doc.blocks.filter((b) => b.kind === 'heading').length).toBeGreaterThan(10);
    expect(blockAt(doc, doc.pages![50].start)).toBeDefined();
  }, 60_000);
});

describe('a Japanese PDF whose font is not embedded', () => {
  // Older CJK PDFs name one of Adobe's predefined CMaps (UniJIS-UCS2-H) instead of embedding a font:
  // the text comes back only through pdf.js's own character maps. Written by hand, without a cross-
  // reference table, which pdf.js rebuilds as readers do.
  it('is read through pdf.js character maps', async () => {
    const text = '古池や蛙飛び込む水の音';
    const hex = [...text].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');
    const stream = `BT /F1 24 Tf 72 700 Td <${hex}> Tj ET`;
    const pdf = [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >> endobj',
      `4 0 obj << /Length ${stream.length} >> stream\n${stream}\nendstream endobj`,
      '5 0 obj << /Type /Font /Subtype /Type0 /BaseFont /KozMinPr6N-Regular /Encoding /UniJIS-UCS2-H /DescendantFonts [6 0 R] >> endobj',
      '6 0 obj << /Type /Font /Subtype /CIDFontType0 /BaseFont /KozMinPr6N-Regular /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >> /FontDescriptor 7 0 R >> endobj',
      '7 0 obj << /Type /FontDescriptor /FontName /KozMinPr6N-Regular /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >> endobj',
      'trailer << /Root 1 0 R >>',
      '%%EOF',
    ].join('\n');
    const doc = await parsePdf({ name: 'haiku.pdf', bytes: Buffer.from(pdf, 'latin1') });
    expect(doc.blocks.map((b) => b.text)).toEqual([text]);
  });
});

describe('refusals', () => {
  afterEach(() => vi.restoreAllMocks());

  it('refuses a PDF without a text layer, saying it looks scanned', async () => {
    const error = await refusal('scan.pdf', await buildScan());
    expect(error.message).toBe('scan.pdf has no text layer — it looks like a scanned image; Gloss cannot read scanned PDFs yet');
  });

  it('refuses a password-protected PDF', async () => {
    const error = await refusal('locked.pdf', await buildEncrypted());
    expect(error.message).toMatch(/locked\.pdf is protected by a password/);
  });

  it('refuses garbage named .pdf', async () => {
    const noise = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
    expect((await refusal('noise.pdf', noise)).message).toMatch(/noise\.pdf is not a PDF/);
    const withHeader = new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n'), ...noise]);
    expect((await refusal('fake.pdf', withHeader)).message).toMatch(/fake\.pdf is damaged or is not really a PDF/);
    await refusal('empty.pdf', new Uint8Array(0));
  });

  it('reads or refuses a truncated PDF, never crashes', async () => {
    const whole = await buildArticle();
    for (const fraction of [0.05, 0.3, 0.6, 0.9, 0.999]) {
      const cut = whole.slice(0, Math.floor(whole.length * fraction));
      let outcome: ParsedDocument | GlossError;
      try {
        outcome = await parsePdf({ name: 'cut.pdf', bytes: cut });
      } catch (error) {
        outcome = error as GlossError;
      }
      if (outcome instanceof Error) {
        expect(outcome).toBeInstanceOf(GlossError);
        expect(outcome.message).toContain('cut.pdf');
      } else expect(outcome.blocks.length).toBeGreaterThan(0);
    }
  });
});

describe('in a worker thread', () => {
  const inWorker = (name: string, bytes: Uint8Array) =>
    new Promise<{ ok: boolean; parsed?: ParsedDocument; code?: string; message?: string }>((resolve, reject) => {
      const worker = new Worker(new URL('../fixtures/pdf/parse-in-worker.mjs', import.meta.url), { workerData: { name, bytes } });
      worker.once('message', (message) => {
        resolve(message);
        void worker.terminate();
      });
      worker.once('error', reject);
    });

  it('parses there the same as here, and refuses there with the same message', async () => {
    const bytes = await buildTwoColumns();
    const here = await parsePdf({ name: 'columns.pdf', bytes });
    const there = await inWorker('columns.pdf', bytes);
    expect(there.ok).toBe(true);
    expect(there.parsed).toEqual(here);
    const refused = await inWorker('scan.pdf', await buildScan());
    expect(refused).toMatchObject({ ok: false, code: 'invalid_input', message: expect.stringContaining('scan.pdf has no text layer') });
  }, 60_000);
});

describe('hyphenation rule', () => {
  const none = collectEvidence([]);
  it.each([
    ['inter-', 'national', 'international'],
    ['well-', 'known', 'well-known'],
    ['self-', 'ish', 'selfish'],
    ['twenty-', 'five', 'twenty-five'],
    ['pre-', 'vious', 'previous'],
    ['Franco-', 'German', 'Franco-German'],
    ['COVID-', '19', 'COVID-19'],
    ['state-of-the-', 'art', 'state-of-the-art'],
    ['harbour\u00ad', 'master', 'harbourmaster'],
  ])('%s + %s → %s', (before, after, joined) => {
    const { drop, glue } = hyphenJoin(before, after, none);
    expect(before.slice(0, before.length - drop) + glue + after).toBe(joined);
  });

  it('lets the document decide when it uses the word elsewhere', () => {
    const evidence = collectEvidence(['a data-driven approach and a cooperative fleet', 'the co-']);
    const join = (before: string, after: string) => {
      const { drop, glue } = hyphenJoin(before, after, evidence);
      return before.slice(0, before.length - drop) + glue + after;
    };
    expect(join('co-', 'operative')).toBe('cooperative');
    expect(join('data-', 'driven')).toBe('data-driven');
    expect(hyphenJoin('co-', 'operative', none)).toEqual({ drop: 1, glue: '' });
  });
});

describe('metadata', () => {
  it.each(['Microsoft Word - draft3.docx', 'untitled', 'Untitled-1', 'Document1', 'report.pdf', 'C:\\Users\\me\\x.doc', '   ', '1234'])(
    '"%s" is not a title',
    (title) => expect(usableTitle(title, 'report.pdf')).toBeUndefined(),
  );
  it('keeps a real title and author, drops a placeholder author', () => {
    expect(usableTitle('  The  Harbour Almanac ', 'x.pdf')).toBe('The Harbour Almanac');
    expect(usableAuthor('Mara Quill')).toBe('Mara Quill');
    expect(usableAuthor('Administrator')).toBeUndefined();
    expect(usableLanguage('en_GB')).toBe('en-GB');
    expect(usableLanguage('English (UK)')).toBeUndefined();
  });
});
