import { describe, expect, it } from 'vitest';
import { describeImport } from '../../src-renderer/library/importReport';

describe('the import summary the app shows', () => {
  it('names what was noted of how a file was read, then duplicates and failures, the first few of many', () => {
    const lines = describeImport({
      imported: [
        { id: 'a1', title: 'Clean', source: '/in/clean.txt' },
        {
          id: 'b2',
          title: 'Damaged',
          source: '/in/sub/damaged.txt',
          notices: ['1 character in damaged.txt could not be read as UTF-8 and show as \uFFFD'],
        },
      ],
      duplicates: [{ source: '/in/again.txt', existing: { id: 'a1', title: 'Clean' } }],
      failed: [{ source: '/in/blob.txt', message: 'blob.txt looks like a binary file, not text' }],
    });
    expect(lines).toEqual([
      'damaged.txt: 1 character in damaged.txt could not be read as UTF-8 and show as \uFFFD',
      'again.txt is already in your library (as “Clean”).',
      'blob.txt could not be imported: blob.txt looks like a binary file, not text',
    ]);
    const many = describeImport({
      imported: [
        {
          id: 'c3',
          title: 'Book',
          source: 'book.epub',
          notices: Array.from({ length: 12 }, (_, i) => `ch${i}.xhtml is listed in the book but missing from it; it was skipped.`),
        },
      ],
      duplicates: [],
      failed: [],
    });
    expect(many).toHaveLength(9);
    expect(many.at(-1)).toBe('…and 4 more notes, duplicates or files that could not be imported.');
  });
});
