// A process that takes part in lock tests (tests/unit/lock.test.ts). It reads one JSON command per line on
// stdin and answers with one JSON event per line on stdout:
//   {cmd:'identity'}                    -> {event:'identity', identity}   (its currentProcess())
//   {cmd:'acquire', dir, round, at}     -> waits until process.hrtime.bigint() >= at (a clock shared by all
//                                          processes), then acquires; the winner appends {round, racer} to
//                                          <dir>/acks.json while holding the lock -> {event:'won'|'lost'|'error'}
//   {cmd:'release'}                     -> {event:'released'}
//   {cmd:'exit'}                        -> exits normally while still holding any lock it has
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { currentProcess, DataFolderLock } from '../../../src-main/core/store/lock';

const name = process.argv[2] ?? 'racer';
let lock: DataFolderLock | null = null;

const say = (event: Record<string, unknown>): void => void process.stdout.write(`${JSON.stringify(event)}\n`);

function appendAck(dir: string, round: number): void {
  const path = join(dir, 'acks.json');
  let acks: unknown[] = [];
  try {
    acks = JSON.parse(readFileSync(path, 'utf8')) as unknown[];
  } catch {
    // first ack
  }
  acks.push({ round, racer: name });
  const tmp = join(dir, `acks.${process.pid}.json.part`);
  writeFileSync(tmp, JSON.stringify(acks));
  renameSync(tmp, path);
}

async function run(command: { cmd: string; dir?: string; round?: number; at?: string }): Promise<void> {
  switch (command.cmd) {
    case 'identity':
      return say({ event: 'identity', identity: currentProcess() });
    case 'acquire': {
      const at = BigInt(command.at ?? '0');
      while (process.hrtime.bigint() < at) {
        // spin: both racers start within microseconds of each other
      }
      try {
        lock = await DataFolderLock.acquire(command.dir!, `racer ${name}`);
        appendAck(command.dir!, command.round!);
        return say({ event: 'won', round: command.round });
      } catch (error) {
        const e = error as Error & { code?: string };
        return say({ event: e.name === 'GlossError' ? 'lost' : 'error', round: command.round, code: e.code, message: e.message });
      }
    }
    case 'release':
      lock?.release();
      lock = null;
      return say({ event: 'released' });
    case 'exit':
      process.exit(0);
  }
}

let queue = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  queue = queue.then(() => run(JSON.parse(line) as { cmd: string }));
});
say({ event: 'ready', pid: process.pid });
