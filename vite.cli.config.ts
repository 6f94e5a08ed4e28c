// The command line, compiled with the rest: `npm run gloss` and `npx gloss` run out/cli/main.js on
// plain Node 20+. Its dependencies are bundled in: loading zod's hundred-odd modules one file at a
// time cost more than the rest of `gloss list` together. (markdown-it is still required from
// node_modules, lazily, by the one command that parses Markdown; jsdom and pdf.js too: both find their
// own files at run time, which a bundle would break.) Parsing runs in worker threads, whose code is
// a second entry, out/cli/parse-worker.js (formats/worker/pool.ts finds it).
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: true,
    outDir: resolve(import.meta.dirname, 'out/cli'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'src-main/cli/main.ts'),
        'parse-worker': resolve(import.meta.dirname, 'src-main/core/formats/worker/parse-worker.ts'),
      },
      output: { entryFileNames: '[name].js', format: 'es' },
    },
  },
  ssr: { noExternal: true, external: ['jsdom', 'pdfjs-dist'] },
  logLevel: 'warn',
});
