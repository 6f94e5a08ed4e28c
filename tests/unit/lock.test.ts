import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GlossError } from '../../src-main/core/errors';
import { Library } from '../../src-main/core/library';
import { DataFolderLock, LOCK_FILE } from '../../src-main/core/store/lock';
import { REPO_DIR, tempDir } from './helpers/temp';

/** Another process holding the folder: a real child that opens the library and waits. */
function holdInChild(dataDir: string) {
  const script = `
    import { Library } from ${JSON.stringify(join(REPO_DIR, 'src-main/core/library.ts'))};
    await Library.open(${JSON.stringify(dataDir)}, { holder: 'browser mode' });
    console.log('locked');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_DIR, stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
  });
  return { child, ready };
}

describe('one writer per data folder', () => {
  it('tells a second writer which process holds the folder, and lets readers in', async () => {
    const dir = await tempDir();
    const { child, ready } = holdInChild(dir);
    try {
      await ready;
      const error = await Library.open(dir, { holder: 'command line' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GlossError);
      expect((error as GlossError).code).toBe('locked');
      expect((error as GlossError).message).toContain(`in use by Gloss browser mode (process ${child.pid}`);
      const reader = await Library.open(dir, { holder: 'command line', readOnly: true });
      expect(await reader.listDocuments()).toEqual([]);
      await expect(reader.importBytes([{ name: 'a.txt', source: 'a.txt', bytes: Buffer.from('Hello there') }])).rejects.toThrow(/read-only/);
      await reader.close();
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    // The holder died without cleaning up: its lock is stale and is taken over.
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    const lib = await Library.open(dir, { holder: 'command line' });
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await lib.close();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses a second writer in the same process until the first closes', async () => {
    const dir = await tempDir();
    const first = await Library.open(dir, { holder: 'desktop app' });
    await expect(Library.open(dir, { holder: 'command line' })).rejects.toThrow(/in use by Gloss desktop app/);
    await first.close();
    const second = await Library.open(dir, { holder: 'command line' });
    await second.close();
  });

  it('does not release a lock another process has taken over', async () => {
    const dir = await tempDir();
    const lock = await DataFolderLock.acquire(dir, 'command line');
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 1, holder: 'desktop app', hostname: 'x', since: 'now' }));
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
  });
});
