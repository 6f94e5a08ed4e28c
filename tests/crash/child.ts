// The process the crash test kills: `node --import tsx tests/crash/child.ts <dataDir> [--round N]
// [--seed S] [--workers W]`. Opens the library as the CLI does and drives it only through the hosts'
// handler table (createHandlers + dispatch), takes over the documents already in it, reports `ready`,
// then runs its workers in parallel until it is SIGKILLed.
//
// The log goes to fd 1 (a pipe to the runner) with write(2), one JSON line per call, never through
// process.stdout (whose writes can be queued in memory and would die with the process). A line is in
// the kernel's pipe buffer when writeSync returns, and the runner can still read it after the kill.
import { parseArgs } from 'node:util';
import { Library } from '../../src-main/core/library';
import type { DocumentSummary } from '../../src-main/core/model';
import { dispatch } from '../../src-main/handlers';
import { writeLineSync, type LogLine } from './log';
import { driverFor, OperationFailed, Worker } from './workload';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    round: { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
    workers: { type: 'string', default: '4' },
  },
});

const emit = (line: LogLine) => writeLineSync(1, line);

async function main(): Promise<void> {
  const dataDir = positionals[0];
  if (!dataDir) throw new Error('usage: child.ts <dataDir> [--round N] [--seed S] [--workers W]');
  const round = Number(values.round);
  const seed = Number(values.seed);
  const lib = await Library.open(dataDir, { holder: 'command line' });
  // As the desktop app and browser mode do: parser threads started before any work is asked for.
  await lib.warmUp();
  const driver = driverFor(lib);

  const workers = Array.from({ length: Math.max(1, Number(values.workers)) }, (_, w) => new Worker(driver, emit, w, `r${round}`, seed * 1000 + w));
  const listed = await dispatch(driver.handlers, 'library:list', {});
  if (!listed.ok) throw new Error(`library:list failed: ${listed.message}`);
  const docs = (listed.value as DocumentSummary[]).map((d) => d.id).sort();
  await Promise.all(docs.map((id, i) => workers[i % workers.length].adopt(id)));
  const highlights = workers.reduce((n, w) => n + [...w.docs.values()].reduce((m, d) => m + d.highlights.size, 0), 0);
  emit({ t: 'ready', pid: process.pid, documents: docs.length, highlights });

  // Keep running even if every worker stopped on a failure: the runner decides when this ends.
  setInterval(() => undefined, 60_000);
  for (const worker of workers) {
    worker.run().catch((error: unknown) => {
      // A failed operation was logged as `fail` by the worker; anything else is a bug in this driver.
      if (!(error instanceof OperationFailed)) emit({ t: 'crash', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    });
  }
}

main().catch((error: unknown) => {
  emit({ t: 'crash', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
