// Long work the UI drives itself (importing many files, exporting a whole library), one host call per
// batch: the status line shows how far it got and offers Cancel, which stops before the next batch.
// Each batch is complete on its own in the core, so a cancelled run keeps everything it finished.
import type { Notices } from './notices';

export interface BatchRun {
  /** items finished */
  done: number;
  cancelled: boolean;
}

export function inBatches<T>(items: T[], maxItems: number, sizeOf: (item: T) => number = () => 0, maxSize = Infinity): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const item of items) {
    if (current.length > 0 && (current.length >= maxItems || size + sizeOf(item) > maxSize)) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += sizeOf(item);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Run `work` on each batch in turn. `progress` words the status line ("Importing… 50 of 400 files
 * done."); with a single batch there is nothing to cancel, so `single` is shown instead.
 */
export async function runBatches<T>(
  batches: T[][],
  notices: Notices,
  words: { progress: (done: number, total: number) => string; single: string; cancel: string },
  work: (batch: T[]) => Promise<void>,
): Promise<BatchRun> {
  const total = batches.reduce((n, b) => n + b.length, 0);
  const run: BatchRun = { done: 0, cancelled: false };
  const cancel = () => {
    run.cancelled = true;
    notices.status('Stopping after the current batch…');
  };
  for (const batch of batches) {
    if (run.cancelled) break;
    notices.status(batches.length === 1 ? words.single : { lines: [words.progress(run.done, total)], action: { label: words.cancel, run: cancel } });
    await work(batch);
    run.done += batch.length;
  }
  return run;
}
