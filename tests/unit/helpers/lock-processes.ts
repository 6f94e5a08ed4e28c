// Real processes for the lock tests: racers (helpers/lock-racer.mts) driven over stdin/stdout, and the
// identities of processes that are running, or that ran and are gone.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { LOCK_FILE, type ProcessIdentity } from '../../../src-main/core/store/lock';
import { REPO_DIR } from './temp';

const RACER = join(REPO_DIR, 'tests/unit/helpers/lock-racer.mts');

export interface RacerEvent {
  event: 'ready' | 'identity' | 'won' | 'lost' | 'error' | 'released';
  pid?: number;
  round?: number;
  code?: string;
  message?: string;
  identity?: ProcessIdentity;
}

export class Racer {
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<void>;
  private readonly events: RacerEvent[] = [];
  private readonly waiting: { resolve: (e: RacerEvent) => void; reject: (e: Error) => void }[] = [];

  constructor(readonly name: string) {
    this.child = spawn(process.execPath, ['--import', 'tsx', RACER, name], { cwd: REPO_DIR, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (d: Buffer) => process.stderr.write(`[racer ${name}] ${d.toString()}`));
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const event = JSON.parse(line) as RacerEvent;
      const waiter = this.waiting.shift();
      if (waiter) waiter.resolve(event);
      else this.events.push(event);
    });
    this.exited = new Promise((resolve) =>
      this.child.once('exit', () => {
        for (const w of this.waiting.splice(0)) w.reject(new Error(`racer ${name} exited`));
        resolve();
      }),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The next event this racer reports. */
  next(): Promise<RacerEvent> {
    const event = this.events.shift();
    if (event) return Promise.resolve(event);
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.reject(new Error(`racer ${this.name} exited`));
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  send(command: Record<string, unknown>): void {
    this.child.stdin.write(`${JSON.stringify(command)}\n`);
  }

  request(command: Record<string, unknown>): Promise<RacerEvent> {
    this.send(command);
    return this.next();
  }

  async identity(): Promise<ProcessIdentity> {
    return (await this.request({ cmd: 'identity' })).identity!;
  }

  /** A crash: no exit handlers run. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}

export async function startRacer(name: string): Promise<Racer> {
  const racer = new Racer(name);
  const ready = await racer.next();
  if (ready.event !== 'ready') throw new Error(`racer ${name} said ${JSON.stringify(ready)}`);
  return racer;
}

/** The identity of a process that ran and is gone (killed and reaped). */
export async function deadIdentity(): Promise<ProcessIdentity> {
  const racer = await startRacer('doomed');
  const identity = await racer.identity();
  await racer.kill();
  return identity;
}

/** Whether a pid is free now (no process, not even a zombie). */
export function pidIsFree(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** The folder's lock file, takeover markers and temp files, sorted. */
export function lockFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith(LOCK_FILE))
    .sort();
}
