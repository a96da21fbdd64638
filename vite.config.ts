import { defineConfig } from 'vite';

// The visualizer lives in viz/; the simulation runs there in a module Web Worker.
export default defineConfig({
  root: 'viz',
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022' },
  worker: { format: 'es' },
});
