import { defineConfig } from 'vite';

// The visualizer lives in viz/; the simulation runs there in a module Web Worker.
export default defineConfig({
  root: 'viz',
  // Relative asset paths: the built site works below any path of a server, not only at its root.
  base: './',
  // Not node_modules/.vite: worktrees share one node_modules, and each dev server's cache is its own.
  cacheDir: '../.vite',
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022' },
  worker: { format: 'es' },
});
