// A host with the library open (as browser mode and the desktop app keep it): the search index read
// and caught up, a few searches run. Prints the process's resident memory in MB once it has settled.
import { Library } from '../../src-main/core/library';

const lib = await Library.open(process.argv[2]!, { holder: 'browser mode', indexInBackground: true });
lib.search.start(() => undefined);
await lib.search.settle();
await lib.documents.list();
for (const q of JSON.parse(process.argv[3]!) as string[]) await lib.search.search(q);
(globalThis as { gc?: () => void }).gc?.();
await new Promise((r) => setTimeout(r, 200));
process.stdout.write(String(process.memoryUsage().rss / 1024 / 1024));
await lib.close();
