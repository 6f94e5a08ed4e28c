// The renderer's build, shared by electron-vite (desktop) and `npm run web` (browser mode).
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export const rendererConfig = {
  root: resolve(import.meta.dirname, 'src-renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    // One stylesheet in import order, as the cascade was written for, whatever the chunks.
    cssCodeSplit: false,
    rollupOptions: {
      input: resolve(import.meta.dirname, 'src-renderer/index.html'),
      output: {
        codeSplitting: {
          groups: [
            { name: 'reader', test: /src-renderer[\\/]reader[\\/][^\\/]+\.tsx?$/, includeDependenciesRecursively: false },
            { name: 'notebook', test: /src-renderer[\\/]notebook[\\/][^\\/]+\.tsx?$/, includeDependenciesRecursively: false },
          ],
        },
        strictExecutionOrder: true,
        postBanner: (chunk: { name: string }) => (chunk.name === 'reader' ? '//# allFunctionsCalledOnLoad' : ''),
      },
    },
  },
};

export default defineConfig(rendererConfig);
