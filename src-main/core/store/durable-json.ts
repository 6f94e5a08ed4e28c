// A lowdb adapter that never loses the last good state: writes go to a temp file that is fsynced and
// renamed over the target (then the folder is fsynced), the previous version is kept as `.bak`, and a
// file that cannot be read is moved aside and reported instead of being overwritten.
import { constants } from 'node:fs';
import { copyFile, link, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import type { z } from 'zod';

export type Report = (message: string) => void;

export class DurableJsonFile<T> implements Adapter<T> {
  private pending: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly schema: z.ZodType<T>,
    private readonly report: Report,
    /** read-only: report problems and fall back to the backup, but change nothing on disk */
    private readonly readOnly = false,
  ) {}

  get backupPath(): string {
    return `${this.path}.bak`;
  }

  async read(): Promise<T | null> {
    const main = await this.load(this.path);
    if (main.ok) return main.value;
    if (main.problem === 'missing') {
      // The main file only goes missing if someone removed it; the backup is the last good state.
      const backup = await this.load(this.backupPath);
      if (backup.ok) {
        this.report(`${basename(this.path)} was missing; restored it from its backup.`);
        if (!this.readOnly) await this.write(backup.value);
        return backup.value;
      }
      return null;
    }
    if (this.readOnly) {
      const backup = await this.load(this.backupPath);
      this.report(`${basename(this.path)} could not be read (${main.problem})${backup.ok ? '; showing its last good backup' : ''}.`);
      return backup.ok ? backup.value : null;
    }
    const aside = await moveAside(this.path);
    const backup = await this.load(this.backupPath);
    if (backup.ok) {
      this.report(`${basename(this.path)} could not be read (${main.problem}); it was moved to ${basename(aside)} and the last good backup was restored.`);
      await this.write(backup.value);
      return backup.value;
    }
    this.report(`${basename(this.path)} could not be read (${main.problem}) and no good backup exists; it was moved to ${basename(aside)} and Gloss started with an empty file.`);
    return null;
  }

  /** Writes are queued so two never interleave on the same temp file. */
  write(data: T): Promise<void> {
    const text = JSON.stringify(data);
    const run = this.pending.then(() => this.writeNow(text));
    this.pending = run.catch(() => undefined);
    return run;
  }

  private async writeNow(text: string): Promise<void> {
    const dir = dirname(this.path);
    await mkdir(dir, { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    await writeFileSynced(tmp, text, 'w');
    await keepBackup(this.path, this.backupPath);
    await rename(tmp, this.path);
    await fsyncDir(dir);
  }

  private async load(path: string): Promise<{ ok: true; value: T } | { ok: false; problem: string }> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, problem: 'missing' };
      return { ok: false, problem: (error as Error).message };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, problem: 'not valid JSON' };
    }
    const parsed = this.schema.safeParse(json);
    if (!parsed.success) return { ok: false, problem: `unexpected content: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
    return { ok: true, value: parsed.data };
  }
}

/** The current file becomes the backup: a hard link is instant; copy where links are unsupported. */
async function keepBackup(path: string, backup: string): Promise<void> {
  await unlink(backup).catch(() => undefined);
  try {
    await link(path, backup);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    await copyFile(path, backup, constants.COPYFILE_FICLONE).catch(() => undefined);
  }
}

export async function moveAside(path: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const aside = `${path}.corrupt-${stamp}`;
  await rename(path, aside);
  return aside;
}

/** Write a whole file and flush it to disk before returning. */
export async function writeFileSynced(path: string, text: string, flags: 'w' | 'wx'): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; the rename is as durable as it gets there.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Write the files of a folder that nothing refers to yet (a document being imported): each file is
 * flushed, then the folder once. No temp-and-rename is needed, since no reader can see a half-written
 * file before the metadata naming the folder is written.
 */
export async function writeNewFolder(dir: string, files: Record<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, data] of Object.entries(files)) await writeFileSynced(join(dir, name), data, 'wx');
  await fsyncDir(dir);
}
