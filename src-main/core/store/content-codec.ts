// A reading model as its bytes in a pack (the "content" part). From data version 4 it is one line of
// JSON holding everything but the text, a newline, then the canonical text as UTF-8; the blocks carry
// no text of their own, because each block's text is the slice of the canonical text it starts at
// (blocks.ts lays them out that way). Half the bytes of the whole object with every text twice, and
// a parser thread serializes it in a quarter of the time: the text is copied, never escaped.
//
// Older content (data version 3 and before, and every documents/<id>/content.json) is one JSON object
// with the texts in it; JSON.stringify never writes a raw newline, so the first newline tells the two
// apart.
import type { ReadingModel } from '../model';
import { BLOCK_SEPARATOR } from '../text-joins';

const NEWLINE = 0x0a;

export function encodeContent(model: ReadingModel, schema: number): Uint8Array {
  const { text, blocks, ...landmarks } = model;
  const head = JSON.stringify({ schema, ...landmarks, blocks: blocks.map(({ text: _text, ...block }) => block) });
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(head) + 1 + Buffer.byteLength(text));
  let at = bytes.write(head);
  bytes[at++] = NEWLINE;
  bytes.write(text, at);
  return bytes;
}

/**
 * The stored JSON (to be upgraded and checked like any stored file), with each block's text put back.
 * Throws when the bytes are not a reading model, or when the blocks do not lay out the text.
 */
export function decodeContent(bytes: Uint8Array): unknown {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const newline = buffer.indexOf(NEWLINE);
  if (newline < 0) return JSON.parse(buffer.toString('utf8'));
  const head = JSON.parse(buffer.toString('utf8', 0, newline)) as { blocks?: unknown };
  const text = buffer.toString('utf8', newline + 1);
  if (!Array.isArray(head.blocks)) throw new Error('the reading model has no blocks');
  const blocks = head.blocks as { start?: unknown }[];
  const texts: string[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const start = blocks[i]!.start;
    const end = i + 1 < blocks.length ? Number(blocks[i + 1]!.start) - BLOCK_SEPARATOR.length : text.length;
    if (typeof start !== 'number' || !(start <= end)) throw new Error('the blocks do not lay out the text');
    texts.push(text.slice(start, end));
  }
  if (texts.join(BLOCK_SEPARATOR) !== text) throw new Error('the blocks do not lay out the text');
  return { ...head, text, blocks: blocks.map((block, i) => ({ ...block, text: texts[i] })) };
}
