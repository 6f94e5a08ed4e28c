import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DurableJsonFile, type Codec } from '../../src-main/core/store/durable-json';
import { tempDir } from './helpers/temp';

const Schema = z.object({ n: z.number() });
const codec: Codec<{ n: number }> = { decode: (json) => Schema.parse(json), encode: (value) => value };

async function open(path: string, readOnly = false) {
  const warnings: string[] = [];
  const db = new Low(new DurableJsonFile(path, codec, (m) => warnings.push(m), readOnly), { n: 0 });
  await db.read();
  return { db, warnings };
}

describe('DurableJsonFile', () => {
  it('writes, keeps the latest write as an independent backup too, and leaves no temp files', async () => {
    const dir = await tempDir();
    const path = join(dir, 'data.json');
    const { db } = await open(path);
    db.data.n = 1;
    await db.write();
    db.data.n = 2;
    await db.write();
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ n: 2 });
    expect(JSON.parse(await readFile(`${path}.bak`, 'utf8'))).toEqual({ n: 2 });
    expect((await stat(path)).ino).not.toBe((await stat(`${path}.bak`)).ino);
    expect((await readdir(dir)).sort()).toEqual(['data.json', 'data.json.bak']);
  });

  it('queues concurrent writes so the last one wins', async () => {
    const dir = await tempDir();
    const path = join(dir, 'data.json');
    const { db } = await open(path);
    const adapter = db.adapter;
    await Promise.all(Array.from({ length: 20 }, (_, i) => adapter.write({ n: i })));
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ n: 19 });
  });

  it('moves a corrupt file aside, reports it and restores the backup, which holds the latest write', async () => {
    const dir = await tempDir();
    const path = join(dir, 'data.json');
    const first = await open(path);
    first.db.data.n = 5;
    await first.db.write();
    first.db.data.n = 6;
    await first.db.write();
    await writeFile(path, '{"n": 6,,, broken');
    const { db, warnings } = await open(path);
    expect(db.data.n).toBe(6);
    expect(warnings[0]).toMatch(
      /could not be read \(not valid JSON\).*moved to data\.json\.corrupt-.*backup, which holds the latest save, was restored/,
    );
    const files = await readdir(dir);
    const aside = files.find((f) => f.startsWith('data.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside!), 'utf8')).toBe('{"n": 6,,, broken');
  });

  it('never overwrites a corrupt file that has no backup', async () => {
    const dir = await tempDir();
    const path = join(dir, 'data.json');
    await writeFile(path, '{"n": "not a number"}');
    const { db, warnings } = await open(path);
    expect(db.data.n).toBe(0);
    expect(warnings[0]).toMatch(/unexpected content/);
    const aside = (await readdir(dir)).find((f) => f.includes('.corrupt-'));
    expect(await readFile(join(dir, aside!), 'utf8')).toBe('{"n": "not a number"}');
  });

  it('restores a missing file from its backup', async () => {
    const dir = await tempDir();
    const path = join(dir, 'data.json');
    const first = await open(path);
    first.db.data.n = 3;
    await first.db.write();
    first.db.data.n = 4;
    await first.db.write();
    await rm(path);
    const { db, warnings } = await open(path);
    expect(db.data.n).toBe(4);
    expect(warnings[0]).toMatch(/missing; restored/);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ n: 4 });
  });

  it('read-only: reports a corrupt file but touches nothing', async () => {
    const dir = await tempDir();
    const path = join(dir, 'data.json');
    await writeFile(path, 'garbage');
    const { db, warnings } = await open(path, true);
    expect(db.data.n).toBe(0);
    expect(warnings[0]).toMatch(/could not be read/);
    expect(await readdir(dir)).toEqual(['data.json']);
  });
});
