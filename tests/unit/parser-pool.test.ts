// The parser threads: many files in few messages, each answer to its own file, and a file that never
// finishes stopped without holding up the files queued behind it.
import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GlossError } from '../../src-main/core/errors';
import { ParserPool } from '../../src-main/core/formats/worker/pool';
import { decodeContent } from '../../src-main/core/store/content-codec';
import { tempDir } from './helpers/temp';

describe('parser threads', () => {
  it('prepare many files at once, each answer for its own file, a refusal for a bad one', async () => {
    const dir = await tempDir('gloss-pool-');
    const names = Array.from({ length: 100 }, (_, i) => `note-${i}.txt`);
    for (const [i, name] of names.entries()) await writeFile(join(dir, name), `Note number ${i}\n\nThe tide came in at ${i} past the hour.\n`);
    await writeFile(join(dir, 'binary.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    const pool = new ParserPool(2);
    try {
      const prepared = await Promise.all(names.map((name) => pool.prepare({ name, path: join(dir, name) }, 60)));
      expect(prepared.map((p) => p.doc.title)).toEqual(names.map((_, i) => `Note number ${i}`));
      expect((decodeContent(prepared[7]!.content) as { text: string }).text).toBe('Note number 7\n\nThe tide came in at 7 past the hour.');
      await expect(pool.prepare({ name: 'binary.txt', path: join(dir, 'binary.txt') }, 16)).rejects.toThrow(/binary\.txt looks like a binary file/);
    } finally {
      await pool.close();
    }
  });

  it('stop a file that takes too long, saying so, and read the files behind it in a new thread', async () => {
    const dir = await tempDir('gloss-pool-');
    const pipe = join(dir, 'never-ends.txt');
    execFileSync('mkfifo', [pipe]);
    await writeFile(join(dir, 'after.txt'), 'The file after\n\nIt waits its turn behind the one that never ends.\n');
    const pool = new ParserPool(1, () => 1500);
    try {
      const stuck = pool.prepare({ name: 'never-ends.txt', path: pipe }, 10);
      const after = pool.prepare({ name: 'after.txt', path: join(dir, 'after.txt') }, 50);
      const error = await stuck.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GlossError);
      expect((error as GlossError).message).toMatch(/^never-ends\.txt took too long to read \(over 2 s\); Gloss stopped reading it\.$/);
      expect((await after).doc.title).toBe('The file after');
    } finally {
      // The stopped thread is still blocked opening the pipe: let that end.
      try {
        closeSync(openSync(pipe, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        // nobody was reading it any more
      }
      await pool.close();
    }
  });

  it('stop threads that have had nothing to do for a while, and start them again for the next file', async () => {
    const dir = await tempDir('gloss-pool-');
    await writeFile(join(dir, 'a.txt'), 'Note number 1\n\nThe tide came in at 1 past the hour.\n');
    const pool = new ParserPool(2, undefined, 300);
    try {
      await pool.warm();
      expect(pool.threads).toBe(2);
      await expect.poll(() => pool.threads, { timeout: 10_000 }).toBe(0);
      const prepared = await pool.prepare({ name: 'a.txt', path: join(dir, 'a.txt') }, 30);
      expect(prepared.doc.title).toBe('Note number 1');
      expect(pool.threads).toBe(1);
      await expect.poll(() => pool.threads, { timeout: 10_000 }).toBe(0);
    } finally {
      await pool.close();
    }
  });
});
