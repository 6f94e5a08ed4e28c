// One writer per data folder, across processes: an exclusive lock file naming its holder, so a second
// writer is told exactly who has the folder. A lock left by a process that no longer runs is taken over.
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { GlossError } from '../errors';

export const LOCK_FILE = 'gloss.lock';

interface LockInfo {
  pid: number;
  holder: string;
  hostname: string;
  since: string;
}

export class DataFolderLock {
  private released = false;
  private readonly onExit = () => this.release();

  private constructor(
    readonly path: string,
    private readonly info: LockInfo,
  ) {
    process.once('exit', this.onExit);
  }

  static async acquire(dataDir: string, holder: string): Promise<DataFolderLock> {
    await mkdir(dataDir, { recursive: true });
    const path = join(dataDir, LOCK_FILE);
    const info: LockInfo = { pid: process.pid, holder, hostname: hostname(), since: new Date().toISOString() };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx');
        try {
          writeSync(fd, JSON.stringify(info));
        } finally {
          closeSync(fd);
        }
        return new DataFolderLock(path, info);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const current = readLock(path);
      if (current && isAlive(current)) {
        throw new GlossError(
          'locked',
          `The data folder ${dataDir} is in use by Gloss ${current.holder} (process ${current.pid}${current.hostname !== info.hostname ? ` on ${current.hostname}` : ''}, since ${current.since}). ` +
            'Close it first, or choose another data folder with --data.',
        );
      }
      if (!current && ageMs(path) < 5_000) {
        throw new GlossError('locked', `The data folder ${dataDir} is being opened by another Gloss process. Try again in a moment.`);
      }
      unlinkSync(path); // stale: its process is gone
    }
    throw new GlossError('locked', `Could not lock the data folder ${dataDir}.`);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    process.removeListener('exit', this.onExit);
    const current = readLock(this.path);
    if (current && current.pid === this.info.pid && current.since === this.info.since) {
      try {
        unlinkSync(this.path);
      } catch {
        // already gone
      }
    }
  }
}

function readLock(path: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    return typeof info.pid === 'number' ? info : null;
  } catch {
    return null;
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return Infinity;
  }
}

function isAlive(info: LockInfo): boolean {
  // A lock from another machine (a synced or network folder) cannot be checked: respect it.
  if (info.hostname !== hostname()) return true;
  if (info.pid === process.pid) return true;
  try {
    process.kill(info.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
