// What a long job says about time left and about the files it left alone: the words every host shows.
import { describe, expect, it } from 'vitest';
import { describeSkipped, formatTimeLeft } from '../../src-main/core/formats/catalog';
import { estimateSecondsLeft } from '../../src-main/core/services/jobs';

describe('time left', () => {
  const progress = { filesDone: 100, filesTotal: 400, bytesDone: 1_000_000, bytesTotal: 5_000_000 };

  it('goes by bytes when the job counts them, by files otherwise, and says nothing in the first second', () => {
    expect(estimateSecondsLeft(progress, 2000)).toBe(8); // 1 MB in 2 s, 4 MB to go
    expect(estimateSecondsLeft({ ...progress, bytesDone: 0, bytesTotal: 0 }, 2000)).toBe(6); // 100 files in 2 s, 300 to go
    expect(estimateSecondsLeft(progress, 900)).toBeUndefined();
    expect(estimateSecondsLeft({ ...progress, bytesDone: 0 }, 5000)).toBeUndefined();
    expect(estimateSecondsLeft({ ...progress, bytesDone: 5_000_000 }, 5000)).toBeUndefined();
  });

  it('reads as a person would say it', () => {
    expect(formatTimeLeft(0.2)).toBe('about 1 s left');
    expect(formatTimeLeft(42)).toBe('about 42 s left');
    expect(formatTimeLeft(150)).toBe('about 3 min left');
    expect(formatTimeLeft(5400)).toBe('about 1.5 h left');
  });
});

describe('files left alone', () => {
  it('are counted by type, the most common first, files without an extension last', () => {
    expect(describeSkipped([])).toBeUndefined();
    expect(describeSkipped(['/a/photo.JPG'])).toBe('1 file of other types left alone (1 .jpg)');
    expect(describeSkipped(['a.docx', 'LICENSE', 'b.docx', 'c.jpg', 'Makefile', 'd.zip'])).toBe(
      '6 files of other types left alone (2 .docx, 2 without an extension, 1 .jpg, 1 .zip)',
    );
  });
});
