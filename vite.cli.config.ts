// The command line, compiled with the rest: `npm run gloss` and `npx gloss` run out/cli/main.js on
// plain Node 20+, with the project's dependencies loaded from node_modules (not bundled).
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
  logLevel: 'warn',
});
