#!/usr/bin/env node
// `npx gloss …` and `npm run gloss -- …`: the compiled command line (npm install builds it, and so do
// npm run build and npm run build:cli).
import { existsSync } from 'node:fs';

const cli = new URL('../out/cli/main.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('gloss: the command line is not built yet: run `npm run build:cli` in the Gloss folder.\n');
  process.exit(1);
}
await import(cli.href);
