// Where the shared seed corpus is: ../shared/corpus/seeds beside the repository (as CI lays it out),
// GLOSS_SEEDS_DIR when set, or beside the repository this one was cloned from (a check clone in /tmp).
// A test that needs the seeds fails with this message rather than skipping.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');

function clonedFrom(): string | null {
  try {
    const url = execFileSync('git', ['-C', repo, 'config', '--get', 'remote.origin.url'], { encoding: 'utf8' }).trim();
    return isAbsolute(url) ? url : null;
  } catch {
    return null;
  }
}

function findSeeds(): string {
  const candidates = [process.env.GLOSS_SEEDS_DIR, resolve(repo, '../shared/corpus/seeds')];
  const origin = clonedFrom();
  if (origin) candidates.push(resolve(dirname(resolve(origin)), 'shared/corpus/seeds'));
  const found = candidates.find((c): c is string => !!c && existsSync(c));
  if (!found) throw new Error(`The seed corpus was not found (looked in ${candidates.filter(Boolean).join(', ')}); set GLOSS_SEEDS_DIR.`);
  return found;
}

export const SEEDS_DIR = findSeeds();
