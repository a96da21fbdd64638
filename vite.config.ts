import { defineConfig } from 'vite';

// Cross-origin isolation: with it the page may share memory, so placed actors (?workers=N) step through
// a SharedArrayBuffer + Atomics channel (sim/workers/step-channel.ts) rather than by message. A static
// host must send the same two headers (viz/README.md).
const ISOLATED = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

// The visualizer lives in viz/; the simulation runs there in a module Web Worker.
export default defineConfig({
  root: 'viz',
  // Relative asset paths: the built site works below any path of a server, not only at its root.
  base: './',
  // Not node_modules/.vite: worktrees share one node_modules, and each dev server's cache is its own.
  cacheDir: '../.vite',
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022' },
  worker: { format: 'es' },
  server: { headers: ISOLATED },
  preview: { headers: ISOLATED },
});
