import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach } from 'vitest';

export { SEEDS_DIR } from '../../seeds';
export const REPO_DIR = resolve(__dirname, '../../..');

const made: string[] = [];

/** A fresh temp folder, removed after the test. */
export async function tempDir(prefix = 'gloss-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
