import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GlossError } from '../../src-main/core/errors';
import { Library } from '../../src-main/core/library';
import { currentProcess, DataFolderLock, isRunning, LOCK_FILE, takeoverMarkerName, type ProcessIdentity } from '../../src-main/core/store/lock';
import { deadIdentity, lockFiles, pidIsFree, startRacer, type Racer } from './helpers/lock-processes';
import { REPO_DIR, tempDir } from './helpers/temp';

/** Another process holding the folder: a real child that opens the library and waits. */
function holdInChild(dataDir: string) {
  const script = `
    import { Library } from ${JSON.stringify(join(REPO_DIR, 'src-main/core/library.ts'))};
    await Library.open(${JSON.stringify(dataDir)}, { holder: 'browser mode' });
    console.log('locked');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: REPO_DIR,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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
      expect(await reader.documents.list()).toEqual([]);
      await expect(reader.documents.importBytes([{ name: 'a.txt', source: 'a.txt', bytes: Buffer.from('Hello there') }])).rejects.toThrow(
        /read-only/,
      );
      await reader.close();
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
      }
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

// ----- stale locks, taken over by exactly one process -----

const hostnameHere = currentProcess().hostname;

/** A lock file as Gloss writes it, held by `identity`. */
const lockRecord = (identity: ProcessIdentity) => ({
  ...identity,
  holder: 'desktop app',
  since: new Date().toISOString(),
  nonce: randomBytes(12).toString('hex'),
});
/** A lock file as Gloss 0.1 wrote it: no start time, boot id or nonce. */
const oldLockRecord = (pid: number) => ({ pid, holder: 'desktop app', hostname: hostnameHere, since: '2025-01-01T00:00:00.000Z' });

function writeLock(dir: string, record: object): string {
  const content = JSON.stringify(record);
  writeFileSync(join(dir, LOCK_FILE), content);
  return content;
}

const lockedError = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('the folder was locked'),
    (error: unknown) => {
      expect(error).toBeInstanceOf(GlossError);
      expect((error as GlossError).code).toBe('locked');
      return (error as GlossError).message;
    },
  );

describe('a stale lock', () => {
  const ROUNDS = 200;
  const CRASH_EVERY = 40;

  it('is taken over by exactly one of two processes racing for it, and no acknowledged write is lost', { timeout: 120_000 }, async () => {
    const dir = await tempDir();
    const racers: Racer[] = await Promise.all(['a', 'b'].map(startRacer));
    const sleeper = spawn('sleep', ['600'], { stdio: 'ignore' });
    try {
      const dead = await deadIdentity();
      const me = currentProcess();
      // A live process whose start time was never recorded: its pid stands for a reused one.
      const reused: ProcessIdentity = { pid: sleeper.pid!, hostname: me.hostname, platform: me.platform, bootId: me.bootId, startTime: '1' };
      const stale: Record<string, () => object> = {
        'dead holder': () => lockRecord(dead),
        'dead Gloss 0.1 holder': () => oldLockRecord(dead.pid),
        'pid reused by a live process': () => lockRecord(reused),
      };
      if (me.bootId)
        stale['live pid from a previous boot'] = () => lockRecord({ pid: sleeper.pid!, hostname: me.hostname, bootId: 'a-previous-boot' });
      const kinds = Object.keys(stale);

      const acks: { round: number; racer: string }[] = [];
      let crashed = false;
      for (let round = 0; round < ROUNDS; round++) {
        const kind = crashed ? 'crashed winner' : kinds[round % kinds.length];
        if (!crashed) writeLock(dir, stale[kind]());
        if (kind === 'dead Gloss 0.1 holder') expect(pidIsFree(dead.pid), 'the dead pid was reused').toBe(true);
        // Both start at the same instant of a clock all processes share; most rounds offset them by up
        // to 0.4 ms so that one arrives while the other is in the middle of its takeover.
        const at = process.hrtime.bigint() + 20_000_000n;
        const spread = round % 3 === 0 ? 0 : 400_000;
        for (const racer of racers) racer.send({ cmd: 'acquire', dir, round, at: String(at + BigInt(Math.floor(Math.random() * spread))) });
        const results = await Promise.all(racers.map((r) => r.next()));

        const what = `round ${round} (${kind}): ${JSON.stringify(results)}`;
        const winners = racers.filter((_, i) => results[i].event === 'won');
        const losers = results.filter((e) => e.event === 'lost');
        expect(winners.length, what).toBe(1);
        expect(losers.length, what).toBe(1);
        const winner = winners[0];
        expect(losers[0].code, what).toBe('locked');
        expect(losers[0].message, what).toContain(`in use by Gloss racer ${winner.name} (process ${winner.pid}`);
        expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid, what).toBe(winner.pid);
        acks.push({ round, racer: winner.name });
        expect(JSON.parse(readFileSync(join(dir, 'acks.json'), 'utf8')), what).toEqual(acks);
        expect(readdirSync(dir).sort(), what).toEqual(['acks.json', LOCK_FILE]);

        if (round % CRASH_EVERY === CRASH_EVERY - 1) {
          // The winner crashes holding the lock: the next round races for the lock it left.
          await winner.kill();
          racers[racers.indexOf(winner)] = await startRacer(winner.name);
          crashed = true;
        } else {
          expect((await winner.request({ cmd: 'release' })).event).toBe('released');
          expect(readdirSync(dir), what).toEqual(['acks.json']);
          crashed = false;
        }
      }
    } finally {
      sleeper.kill('SIGKILL');
      await Promise.all(racers.map((r) => r.kill()));
    }
  });

  it('is recognised when its pid now belongs to another process; a lock whose holder still runs is respected', async () => {
    const dir = await tempDir();
    const path = join(dir, LOCK_FILE);
    const other = await startRacer('bystander');
    const live = await other.identity();
    try {
      expect(live.pid).toBe(other.pid);
      expect(isRunning(live)).toBe(true);
      expect(isRunning(currentProcess())).toBe(true);
      expect(isRunning({ ...live, pid: 999_999_999 })).toBe(false);
      expect(isRunning({ ...live, pid: 999_999_999, hostname: 'another-machine' })).toBe(true);

      writeLock(dir, lockRecord(live));
      expect(await lockedError(DataFolderLock.acquire(dir, 'command line'))).toContain(`in use by Gloss desktop app (process ${live.pid}`);
      writeLock(dir, oldLockRecord(live.pid));
      expect(await lockedError(DataFolderLock.acquire(dir, 'command line'))).toContain(`in use by Gloss desktop app (process ${live.pid}`);
      writeLock(dir, { ...lockRecord(live), hostname: 'another-machine' });
      expect(await lockedError(DataFolderLock.acquire(dir, 'command line'))).toContain(`(process ${live.pid} on another-machine`);

      const takeOver = async (identity: ProcessIdentity) => {
        expect(isRunning(identity)).toBe(false);
        writeLock(dir, lockRecord(identity));
        const lock = await DataFolderLock.acquire(dir, 'command line');
        expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
        lock.release();
        expect(lockFiles(dir)).toEqual([]);
      };
      expect(live.startTime, 'this platform reports start times').toBeTruthy();
      await takeOver({ ...live, startTime: `${live.startTime}0` });
      if (live.bootId) await takeOver({ ...live, bootId: 'a-previous-boot' });
    } finally {
      await other.kill();
    }
    expect(isRunning(live)).toBe(false);
  });

  it('is not held up by takeover markers whose creators died', async () => {
    const dir = await tempDir();
    const dead = await deadIdentity();
    const content = writeLock(dir, lockRecord(dead));
    const marker = JSON.stringify({ ...dead, since: new Date().toISOString() });
    writeFileSync(join(dir, takeoverMarkerName(content, 0)), marker);
    writeFileSync(join(dir, takeoverMarkerName(content, 1)), marker);
    // One whose creator died before writing it, long ago.
    const empty = join(dir, takeoverMarkerName(content, 2));
    writeFileSync(empty, '');
    utimesSync(empty, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    // And one left from the takeover of a lock long gone.
    writeFileSync(join(dir, takeoverMarkerName('{"pid":12345}', 0)), marker);

    const lock = await DataFolderLock.acquire(dir, 'command line');
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    expect(lockFiles(dir)).toEqual([LOCK_FILE]);
    lock.release();
    expect(lockFiles(dir)).toEqual([]);
  });

  it('is left alone while another live process is taking it over', async () => {
    const dir = await tempDir();
    const path = join(dir, LOCK_FILE);
    const content = writeLock(dir, lockRecord(await deadIdentity()));
    const marker = join(dir, takeoverMarkerName(content, 0));
    const taker = await startRacer('taker');
    try {
      writeFileSync(marker, JSON.stringify(await taker.identity()));
      const message = await lockedError(DataFolderLock.acquire(dir, 'command line', { waitMs: 50 }));
      expect(message).toContain('is being opened by another Gloss process');
      expect(message).toContain(`delete ${path} and ${marker}`);
      expect(readFileSync(path, 'utf8')).toBe(content);
    } finally {
      await taker.kill();
    }
    // The taker died mid-takeover.
    const lock = await DataFolderLock.acquire(dir, 'command line');
    lock.release();
    expect(lockFiles(dir)).toEqual([]);
  });

  it('is waited for while still empty, and taken over once it was left empty long ago', async () => {
    const dir = await tempDir();
    const path = join(dir, LOCK_FILE);
    writeFileSync(path, '');
    const message = await lockedError(DataFolderLock.acquire(dir, 'command line', { waitMs: 50 }));
    expect(message).toContain('is being opened by another Gloss process');
    expect(message).toContain(`delete ${path}.`);
    utimesSync(path, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const lock = await DataFolderLock.acquire(dir, 'command line');
    lock.release();
    expect(lockFiles(dir)).toEqual([]);
  });
});

describe('the lock', () => {
  it('tells a refused writer how to recover, naming the lock file', async () => {
    const dir = await tempDir();
    const lock = await DataFolderLock.acquire(dir, 'browser mode');
    const message = await lockedError(DataFolderLock.acquire(dir, 'command line'));
    expect(message).toContain(`The data folder ${dir} is in use by Gloss browser mode (process ${process.pid}, since `);
    expect(message).toContain('Close it first, or choose another data folder with --data.');
    expect(message).toContain(`If no Gloss is running, delete ${join(dir, LOCK_FILE)}.`);
    lock.release();
    expect(lockFiles(dir)).toEqual([]);
  });

  it('is released when its process exits', async () => {
    const dir = await tempDir();
    const racer = await startRacer('leaving');
    expect((await racer.request({ cmd: 'acquire', dir, round: 0, at: '0' })).event).toBe('won');
    expect(lockFiles(dir)).toEqual([LOCK_FILE]);
    racer.send({ cmd: 'exit' });
    await racer.exited;
    expect(lockFiles(dir)).toEqual([]);
  });
});
