// How a reading model is stored in a pack (data version 4): one JSON line without the text, then the
// text. It must read back exactly, whatever the text holds, and damage must be caught, never served.
import { describe, expect, it } from 'vitest';
import { assembleDocument } from '../../src-main/core/formats/blocks';
import type { ReadingModel } from '../../src-main/core/model';
import { decodeContent, encodeContent } from '../../src-main/core/store/content-codec';

const model: ReadingModel = assembleDocument({
  blocks: [
    { kind: 'heading', text: 'Chapter 1 — 手紙', level: 1 },
    { kind: 'paragraph', text: 'Emoji 🦉 and "quotes", a backslash \\ and a tab\there.', marks: [{ kind: 'em', start: 0, end: 5 }] },
    { kind: 'code', text: 'first line\n\nafter a blank line\n', lang: 'js' },
    { kind: 'table', text: 'A\tB\n1\t2', head: 1 },
    { kind: 'break', text: '' },
    { kind: 'paragraph', text: 'مرحبا بالعالم', dir: 'rtl', language: 'ar' },
    { kind: 'paragraph', text: '' },
  ],
  toc: [{ label: 'Chapter 1', block: 0, level: 1 }],
  pages: [
    { label: '1', block: 0 },
    { label: '2', block: 3 },
  ],
});

describe('the stored reading model', () => {
  it('reads back exactly: every block its own text, marks, landmarks and fields, whatever the text holds', () => {
    const bytes = encodeContent(model, 4);
    expect(decodeContent(bytes)).toEqual({ schema: 4, ...model });
    // each text is stored once: fewer bytes than the whole object
    expect(bytes.byteLength).toBeLessThan(Buffer.byteLength(JSON.stringify(model)));
    // and the text is stored as it is, not escaped
    expect(Buffer.from(bytes).toString('utf8')).toContain(`\n${model.text}`);
  });

  it('reads content written before data version 4 (one JSON object) as it is', () => {
    const old = { schema: 3, ...model };
    expect(decodeContent(Buffer.from(JSON.stringify(old)))).toEqual(old);
  });

  it('refuses blocks that do not lay out the text, so the reading model is rebuilt rather than served wrong', () => {
    const bytes = Buffer.from(encodeContent(model, 4));
    const newline = bytes.indexOf(0x0a);
    const head = JSON.parse(bytes.toString('utf8', 0, newline));
    const text = bytes.toString('utf8', newline + 1);
    const damaged = (change: (h: { blocks: { start: number }[] }) => void, body = text) => {
      const h = structuredClone(head);
      change(h);
      return Buffer.from(`${JSON.stringify(h)}\n${body}`);
    };
    expect(() => decodeContent(damaged((h) => (h.blocks[2]!.start += 1)))).toThrow(/do not lay out/);
    expect(() => decodeContent(damaged((h) => h.blocks.reverse()))).toThrow(/do not lay out/);
    expect(() => decodeContent(damaged(() => undefined, text.slice(0, -3)))).toThrow(/do not lay out/);
    expect(() => decodeContent(damaged((h) => delete (h as { blocks?: unknown }).blocks))).toThrow(/no blocks/);
    expect(() => decodeContent(Buffer.from('{"schema":4,"blo\nrest'))).toThrow(SyntaxError);
  });
});
