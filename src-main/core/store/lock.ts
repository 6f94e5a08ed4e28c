// One writer per data folder, across processes: gloss.lock names its holder, so a second writer is told
// exactly who has the folder. A lock whose process no longer runs (stale) is taken over by exactly one.
//
// Why only one process can ever win:
// - Files appear complete and exclusively: written to a private temp file, then link()ed to their name,
//   which fails if the name exists. Every lock holds a random nonce, so once gloss.lock stops being lock L
//   it is never L again (a re-read that finds L's bytes has found L itself).
// - Lock L is unlinked only by its holder (release) or by the one process holding L's takeover marker,
//   after re-reading gloss.lock and finding it is still L: nothing else can remove L in between (its holder
//   is dead; any other taker needs L's marker), so a fresh lock is never removed by mistake.
// - L's markers are created exclusively in generations 0, 1, 2...; generation g+1 only once g's creator is
//   verifiably dead (pid, start time, boot id), so while L exists at most one live process holds one.
//   Markers are removed only once L is gone, when they no longer matter: a late taker re-reads, finds
//   gloss.lock is not L, and removes nothing.
// - Having removed L, the taker creates its own lock exclusively like anyone else, and may lose to a process
//   that found no lock at all; the loser sees a live holder and is refused.
// Where hard links are unsupported (FAT, some shares) files are created with O_EXCL and then written;
// readers wait while such a file is empty, and give it up as abandoned only after UNREADABLE_GRACE_MS.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, linkSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { GlossError } from '../errors';

export const LOCK_FILE = 'gloss.lock';

/** Who a process is, in terms another process can check later (see isRunning). */
export interface ProcessIdentity {
  pid: number;
  hostname: string;
  /** when the process started, as the OS reports it (Linux: clock ticks since boot; macOS: ps lstart in UTC) */
  startTime?: string;
  /** Linux: the boot the start time counts from */
  bootId?: string;
  /** the recorder's process.platform: a record from another OS sharing this hostname (WSL) cannot be checked */
  platform?: string;
}

/** gloss.lock's contents. Gloss 0.1 wrote only pid, holder, hostname and since. */
interface LockInfo extends ProcessIdentity {
  holder: string;
  since: string;
  nonce?: string;
}

/** How long an acquire waits for a takeover by another process to finish before giving up. */
const DEFAULT_WAIT_MS = 2_000;
/** An empty or unparseable lock or marker younger than this is being written; older ones were abandoned. */
const UNREADABLE_GRACE_MS = 5_000;
/** Temp files of publish() older than this are swept (removing a younger one is safe too, just wasteful). */
const TMP_GRACE_MS = 30_000;
const MAX_GENERATIONS = 1_000;
const MARKER_SUFFIX = '.takeover';
const TMP_SUFFIX = '.tmp';

// ----- process identity -----

let self: { startTime?: string; bootId?: string } | undefined;

/** This process, with its start time and boot id where the OS can tell them. */
export function currentProcess(): ProcessIdentity {
  self ??= { startTime: processStart(process.pid)?.startTime, bootId: bootId() };
  const me: ProcessIdentity = { pid: process.pid, hostname: hostname(), platform: process.platform };
  if (self.startTime) me.startTime = self.startTime;
  if (self.bootId) me.bootId = self.bootId;
  return me;
}

/**
 * False only when the process is verifiably gone: not running, a zombie, a different boot, or its pid now
 * belongs to a process started at another time. A process on another machine, or one that cannot be
 * checked, counts as running.
 */
export function isRunning(p: ProcessIdentity): boolean {
  const me = currentProcess();
  if (p.hostname !== me.hostname) return true;
  if (p.platform && p.platform !== me.platform) return true;
  if (!Number.isSafeInteger(p.pid) || p.pid <= 0) return false;
  if (p.bootId && me.bootId && p.bootId !== me.bootId) return false;
  try {
    process.kill(p.pid, 0);
  } catch (error) {
    if (errno(error) === 'ESRCH') return false;
    if (errno(error) !== 'EPERM') return true;
  }
  const now = processStart(p.pid);
  if (now?.zombie) return false;
  if (p.startTime && now?.startTime) return now.startTime === p.startTime;
  return true;
}

function processStart(pid: number): { startTime?: string; zombie: boolean } | undefined {
  try {
    if (process.platform === 'linux' || process.platform === 'android') {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // "pid (comm) state ppid ...": comm may hold spaces and ')'; fields resume after the last ')'.
      const fields = stat
        .slice(stat.lastIndexOf(')') + 1)
        .trim()
        .split(/\s+/);
      const state = fields[0]; // field 3
      const startTime = fields[19]; // field 22: starttime, clock ticks since boot
      return { startTime: /^\d+$/.test(startTime ?? '') ? startTime : undefined, zombie: state === 'Z' || state === 'X' };
    }
    if (process.platform === 'darwin') {
      const out = execFileSync('ps', ['-o', 'stat=', '-o', 'lstart=', '-p', String(pid)], {
        encoding: 'utf8',
        env: { ...process.env, LC_ALL: 'C', TZ: 'UTC' },
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 5_000,
      });
      const m = /^\s*(\S+)\s+(.+?)\s*$/.exec(out);
      return m ? { startTime: m[2].replace(/\s+/g, ' '), zombie: m[1].startsWith('Z') } : undefined;
    }
  } catch {
    // gone in the meantime, or not visible to us: cannot tell
  }
  return undefined;
}

function bootId(): string | undefined {
  if (process.platform !== 'linux' && process.platform !== 'android') return undefined;
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

// ----- files -----

/** What a lock or marker file held when looked at. `key` identifies that very file (see the top). */
type Seen<T> = { kind: 'none' } | { kind: 'record'; key: string; record: T } | { kind: 'unreadable'; key: string; ageMs: number };

function look<T>(path: string, parse: (json: unknown) => T | null): Seen<T> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if (errno(error) === 'ENOENT') return { kind: 'none' };
    throw error;
  }
  try {
    const stat = fstatSync(fd, { bigint: true });
    const raw = readFileSync(fd);
    let record: T | null = null;
    try {
      record = parse(JSON.parse(raw.toString('utf8')));
    } catch {
      // not JSON
    }
    if (record) return { kind: 'record', key: keyOf(raw), record };
    // No nonce to tell two unreadable files apart: the file's inode and times stand in for one.
    return { kind: 'unreadable', key: keyOf(raw, `${stat.ino}:${stat.size}:${stat.mtimeNs}`), ageMs: Date.now() - Number(stat.mtimeMs) };
  } finally {
    closeSync(fd);
  }
}

const keyOf = (raw: Buffer, extra = ''): string => createHash('sha256').update(raw).update(extra).digest('hex').slice(0, 24);

/** The takeover marker of generation `generation` for the lock file whose bytes are `lockContent`. */
export function takeoverMarkerName(lockContent: string | Buffer, generation: number): string {
  return markerName(keyOf(Buffer.from(lockContent)), generation);
}

const markerName = (key: string, generation: number): string => `${LOCK_FILE}.${key}.${generation}${MARKER_SUFFIX}`;

function parseIdentity(json: unknown): ProcessIdentity | null {
  const p = json as Partial<ProcessIdentity> | null;
  if (!p || typeof p !== 'object' || typeof p.pid !== 'number' || typeof p.hostname !== 'string') return null;
  return {
    pid: p.pid,
    hostname: p.hostname,
    ...(typeof p.startTime === 'string' && { startTime: p.startTime }),
    ...(typeof p.bootId === 'string' && { bootId: p.bootId }),
    ...(typeof p.platform === 'string' && { platform: p.platform }),
  };
}

function parseLock(json: unknown): LockInfo | null {
  const identity = parseIdentity(json);
  if (!identity) return null;
  const l = json as Partial<LockInfo>;
  return {
    ...identity,
    holder: typeof l.holder === 'string' ? l.holder : 'process',
    since: typeof l.since === 'string' ? l.since : 'an unknown time',
    ...(typeof l.nonce === 'string' && { nonce: l.nonce }),
  };
}

/** Creates dir/name holding `content`, complete from its first moment; false if the name exists. */
function publish(dir: string, name: string, content: string): boolean {
  const target = join(dir, name);
  for (;;) {
    // Not "<name>.<digits>.tmp": that is the pattern of other writers' temp files.
    const tmp = join(dir, `${LOCK_FILE}.t${randomBytes(8).toString('hex')}${TMP_SUFFIX}`);
    writeFileSync(tmp, content, { flag: 'wx' });
    try {
      linkSync(tmp, target);
      return true;
    } catch (error) {
      const code = errno(error);
      if (code === 'EEXIST') return false;
      if (code === 'ENOENT') continue; // our temp file was swept before the link: write it again
      return createExclusive(target, content); // no hard links on this file system
    } finally {
      remove(tmp);
    }
  }
}

function createExclusive(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if (errno(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Best effort: the file may already be gone. */
function remove(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // gone, or not ours to remove
  }
}

/**
 * Called only by the lock's holder. Every marker then belongs to a lock that is gone (no one makes a
 * marker for a live lock), so all are leftovers of takers that died; so are old temp files.
 */
function sweep(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(`${LOCK_FILE}.`)) continue;
    const path = join(dir, name);
    if (name.endsWith(MARKER_SUFFIX)) remove(path);
    else if (name.endsWith(TMP_SUFFIX) && ageMs(path) > TMP_GRACE_MS) remove(path);
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Tries to remove the stale lock `stale` (see the top). Returns undefined when it is time to look at
 * gloss.lock again, or the path of the file that blocks the takeover for now.
 */
function takeOver(dir: string, stale: { key: string }): string | undefined {
  const lockPath = join(dir, LOCK_FILE);
  const me = JSON.stringify({ ...currentProcess(), since: new Date().toISOString() });
  for (let generation = 0; generation < MAX_GENERATIONS; generation++) {
    const name = markerName(stale.key, generation);
    if (publish(dir, name, me)) {
      try {
        const now = look(lockPath, parseLock);
        const stillStale = now.kind === 'record' || (now.kind === 'unreadable' && now.ageMs >= UNREADABLE_GRACE_MS);
        if (now.kind !== 'none' && now.key === stale.key && stillStale) {
          try {
            unlinkSync(lockPath);
          } catch (error) {
            if (errno(error) !== 'ENOENT') throw error;
          }
        }
      } finally {
        // The stale lock is gone now: its markers no longer matter.
        for (let g = 0; g <= generation; g++) remove(join(dir, markerName(stale.key, g)));
      }
      return undefined;
    }
    const marker = look(join(dir, name), parseIdentity);
    if (marker.kind === 'none') return undefined; // that takeover finished
    const creatorMayLive = marker.kind === 'record' ? isRunning(marker.record) : marker.ageMs < UNREADABLE_GRACE_MS;
    if (creatorMayLive) return join(dir, name);
    // Its creator died mid-takeover: the next generation may go ahead.
  }
  return join(dir, markerName(stale.key, MAX_GENERATIONS - 1));
}

// ----- the lock -----

export class DataFolderLock {
  private released = false;
  private readonly onExit = () => this.release();

  private constructor(
    readonly path: string,
    private readonly dir: string,
    private readonly info: LockInfo,
  ) {
    process.once('exit', this.onExit);
  }

  /** `waitMs`: how long to wait for another process's takeover of a stale lock to finish. */
  static async acquire(dataDir: string, holder: string, opts: { waitMs?: number } = {}): Promise<DataFolderLock> {
    await mkdir(dataDir, { recursive: true });
    const path = join(dataDir, LOCK_FILE);
    const info: LockInfo = { ...currentProcess(), holder, since: new Date().toISOString(), nonce: randomBytes(12).toString('hex') };
    const content = JSON.stringify(info);
    const deadline = Date.now() + (opts.waitMs ?? DEFAULT_WAIT_MS);
    for (let tries = 0; ; tries++) {
      if (publish(dataDir, LOCK_FILE, content)) {
        const lock = new DataFolderLock(path, dataDir, info);
        sweep(dataDir);
        return lock;
      }
      const current = look(path, parseLock);
      let blockedBy: string | undefined;
      if (current.kind === 'record' && isRunning(current.record)) throw inUse(dataDir, path, current.record);
      if (current.kind === 'unreadable' && current.ageMs < UNREADABLE_GRACE_MS) blockedBy = path;
      else if (current.kind !== 'none') blockedBy = takeOver(dataDir, current);
      if (!blockedBy && tries < 8) continue; // the lock went away: try again at once
      if (Date.now() >= deadline) {
        if (blockedBy) throw beingOpened(dataDir, path, blockedBy);
        throw new GlossError('locked', `Could not lock the data folder ${dataDir}: other Gloss processes keep opening it. Try again in a moment.`);
      }
      await sleep(5 + Math.random() * 10);
    }
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    process.removeListener('exit', this.onExit);
    const current = look(this.path, parseLock);
    if (current.kind === 'record' && current.record.pid === this.info.pid && current.record.nonce === this.info.nonce) {
      sweep(this.dir);
      remove(this.path);
    }
  }
}

function inUse(dataDir: string, path: string, lock: LockInfo): GlossError {
  const elsewhere = lock.hostname !== hostname() ? ` on ${lock.hostname}` : '';
  return new GlossError(
    'locked',
    `The data folder ${dataDir} is in use by Gloss ${lock.holder} (process ${lock.pid}${elsewhere}, since ${lock.since}). ` +
      `Close it first, or choose another data folder with --data. If no Gloss is running${elsewhere}, delete ${path}.`,
  );
}

function beingOpened(dataDir: string, path: string, blockedBy: string): GlossError {
  const files = blockedBy === path ? path : `${path} and ${blockedBy}`;
  return new GlossError(
    'locked',
    `The data folder ${dataDir} is being opened by another Gloss process. Try again in a moment. If this persists and no Gloss is running, delete ${files}.`,
  );
}

const errno = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | null)?.code;
