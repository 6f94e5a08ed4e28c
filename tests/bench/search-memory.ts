// A host with the library open (as browser mode and the desktop app keep it): the search index read
// and caught up, a few searches run. Prints the process's resident memory in MB right after the
// searches, then once it has been idle long enough for its parser threads to stop (pool.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import { Library } from '../../src-main/core/library';

const rss = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / 1024 / 1024;
};
const lib = await Library.open(process.argv[2]!, { holder: 'browser mode', indexInBackground: true });
lib.search.start(() => undefined);
await lib.search.settle();
await lib.documents.list();
for (const q of JSON.parse(process.argv[3]!) as string[]) await lib.search.search(q);
await sleep(200);
const busy = rss();
await sleep(31_000);
process.stdout.write(`${busy} ${rss()}`);
await lib.close();
