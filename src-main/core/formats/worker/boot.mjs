// Starts the parsing thread from TypeScript source (`npm run web`, tests): registers tsx in this thread
// first. A built Gloss starts the compiled parse-worker.js directly and never loads this file.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
