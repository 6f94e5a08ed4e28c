// A lowdb adapter that never loses the last acknowledged state. A write goes to a temp file that is
// fsynced and renamed over the target (then the folder is fsynced), and then the same bytes are
// written the same way to `.bak`, so the backup always holds the latest acknowledged write, as an
// independent copy (a hard link would share a damaged block or a bad copy's fate). A file that cannot
// be read is moved aside and reported, never overwritten; the backup takes its place.
import { readFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

export type Report = (message: string) => void;

/** How a stored JSON file's parsed contents become the typed value, and back. */
export interface Codec<T> {
  /** throws when the JSON is not this kind of file at all (the file is then treated as damaged) */
  decode(json: unknown): T;
  encode(value: T): unknown;
}

/** How the last read went: `lost` means neither the file nor its backup could be used. */
export type ReadOutcome = 'ok' | 'new' | 'restored' | 'lost';

export const TEMP_SUFFIX = '.tmp';

let tempCount = 0;

/**
 * A temp file's name: the target's name, the writer's pid (so cleanup can tell whose it is) and a
 * count (so writes of same-named files through one folder never share a temp file).
 */
export const tempPathFor = (path: string, dir = dirname(path)): string => join(dir, `${basename(path)}.${process.pid}-${++tempCount}${TEMP_SUFFIX}`);

/** A temp file name as tempPathFor makes them (or Gloss 0.1 did, without the count); group 1 is the writer's pid. */
export const TEMP_NAME = new RegExp(`\\.(\\d+)(?:-\\d+)?${TEMP_SUFFIX.replace('.', '\\.')}$`);

export class DurableJsonFile<T> implements Adapter<T> {
  private pending: Promise<void> = Promise.resolve();
  outcome: ReadOutcome = 'new';

  constructor(
    readonly path: string,
    private readonly codec: Codec<T>,
    private readonly report: Report,
    /** read-only: report problems and fall back to the backup, but change nothing on disk */
    private readonly readOnly = false,
  ) {}

  get backupPath(): string {
    return `${this.path}.bak`;
  }

  async read(): Promise<T | null> {
    const name = basename(this.path);
    const main = await this.load(this.path);
    if (main.ok) {
      this.outcome = 'ok';
      return main.value;
    }
    const backup = await this.load(this.backupPath);
    if (main.problem === 'missing') {
      if (!backup.ok) {
        this.outcome = backup.problem === 'missing' ? 'new' : 'lost';
        if (this.outcome === 'lost') this.report(`${name} is missing and its backup could not be read (${backup.problem}).`);
        return null;
      }
      // The main file only goes missing if something removed it; the backup is the latest write.
      this.outcome = 'restored';
      this.report(`${name} was missing; restored it from its backup.`);
      if (!this.readOnly) await this.write(backup.value);
      return backup.value;
    }
    if (this.readOnly) {
      this.outcome = backup.ok ? 'restored' : 'lost';
      this.report(`${name} could not be read (${main.problem})${backup.ok ? '; showing its backup' : ''}.`);
      return backup.ok ? backup.value : null;
    }
    const aside = await moveAside(this.path);
    if (backup.ok) {
      this.outcome = 'restored';
      this.report(
        `${name} could not be read (${main.problem}); it was moved to ${basename(aside)} and its backup, which holds the latest save, was restored.`,
      );
      await this.write(backup.value);
      return backup.value;
    }
    this.outcome = 'lost';
    this.report(`${name} could not be read (${main.problem}) and its backup could not be used either; it was moved to ${basename(aside)}.`);
    return null;
  }

  /**
   * `read` for a reader that changes nothing (a one-shot command looking at one file of many): the
   * file, else its backup with a report, else null.
   */
  readSyncReadOnly(): T | null {
    const name = basename(this.path);
    const main = this.loadSync(this.path);
    if (main.ok) {
      this.outcome = 'ok';
      return main.value;
    }
    const backup = this.loadSync(this.backupPath);
    if (main.problem === 'missing' && !backup.ok && backup.problem === 'missing') {
      this.outcome = 'new';
      return null;
    }
    this.outcome = backup.ok ? 'restored' : 'lost';
    this.report(`${name} could not be read (${main.problem})${backup.ok ? '; showing its backup' : ''}.`);
    return backup.ok ? backup.value : null;
  }

  private loadSync(path: string): { ok: true; value: T } | { ok: false; problem: string } {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      return { ok: false, problem: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : (error as Error).message };
    }
    return this.decode(text);
  }

  /** Writes are queued so two never interleave on the same temp file. */
  write(data: T): Promise<void> {
    const text = JSON.stringify(this.codec.encode(data));
    const run = this.pending.then(() => this.writeNow(text));
    this.pending = run.catch(() => undefined);
    return run;
  }

  private async writeNow(text: string): Promise<void> {
    const dir = dirname(this.path);
    await mkdir(dir, { recursive: true });
    await replaceFileSynced(this.path, text);
    await replaceFileSynced(this.backupPath, text);
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
    return this.decode(text);
  }

  private decode(text: string): { ok: true; value: T } | { ok: false; problem: string } {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, problem: 'not valid JSON' };
    }
    try {
      return { ok: true, value: this.codec.decode(json) };
    } catch (error) {
      return { ok: false, problem: `unexpected content: ${(error as Error).message}` };
    }
  }
}

/**
 * Temp file, fsync, rename over `path`: a reader or a crash sees the old file or the new, never half.
 * `tempDir` (on the same file system) is where the temp file is made: a document's files use the data
 * folder itself, so cleanup never has to look inside thousands of document folders.
 */
export async function replaceFileSynced(path: string, text: string, tempDir?: string): Promise<void> {
  const tmp = tempPathFor(path, tempDir);
  try {
    await writeFileSynced(tmp, text, 'w');
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}

export async function moveAside(path: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const aside = `${path}.corrupt-${stamp}`;
  await rename(path, aside);
  return aside;
}

/** Write a whole file and flush it to disk before returning. */
export async function writeFileSynced(path: string, text: string | Uint8Array, flags: 'w' | 'wx'): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.writeFile(text);
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
 * file before the metadata naming the folder is written (and cleanup at open removes a folder that
 * a killed import left unnamed).
 */
export async function writeNewFolder(dir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, data] of Object.entries(files)) await writeFileSynced(join(dir, name), data, 'wx');
  await fsyncDir(dir);
}
