// The command line, compiled with the rest: `npm run gloss` and `npx gloss` run out/cli/main.js on
// plain Node 20+. Its dependencies are bundled in: loading zod's hundred-odd modules one file at a
// time cost more than the rest of `gloss list` together. (markdown-it is still required from
// node_modules, lazily, by the one command that parses Markdown.)
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: resolve(import.meta.dirname, 'src-main/cli/main.ts'),
    outDir: resolve(import.meta.dirname, 'out/cli'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: { output: { entryFileNames: '[name].js', format: 'es' } },
  },
  ssr: { noExternal: true },
  logLevel: 'warn',
});
