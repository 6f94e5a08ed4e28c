// One session as the app has it, in a process of its own: open the library (the search index read
// from its cache), list, search, close. Prints the process's peak resident memory in MiB.
import { Library } from '../../src-main/core/library';

const lib = await Library.open(process.argv[2]!, { holder: 'command line', readOnly: true });
await lib.documents.list();
await lib.documents.list({ query: 'terrorism' });
await lib.close();
process.stdout.write(String(process.resourceUsage().maxRSS / 1024));
