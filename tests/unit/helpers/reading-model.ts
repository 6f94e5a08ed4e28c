import { expect } from 'vitest';
import type { NormalizedDocument } from '../../../src-main/core/formats/types';
import { Block, BLOCK_SEPARATOR } from '../../../src-main/core/model';

export const encode = (s: string) => new TextEncoder().encode(s);

/** The invariant anchoring depends on: blocks joined are the text, and each start points at its block. */
export function expectConsistent(doc: NormalizedDocument): void {
  expect(doc.text).toBe(doc.blocks.map((b) => b.text).join(BLOCK_SEPARATOR));
  for (const block of doc.blocks) {
    expect(() => Block.parse(block)).not.toThrow();
    expect(doc.text.slice(block.start, block.start + block.text.length)).toBe(block.text);
    for (const mark of block.marks ?? []) {
      expect(mark.start).toBeGreaterThanOrEqual(0);
      expect(mark.end).toBeGreaterThan(mark.start);
      expect(mark.end).toBeLessThanOrEqual(block.text.length);
    }
  }
}
