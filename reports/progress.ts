/**
 * A progress bar on stderr, for runs that take more than a second, and only
 * when stderr is a terminal (never in a pipe, a log or CI). Wall-clock time
 * is read here, outside sim/, for the person watching; it never reaches the
 * simulation.
 */
const DELAY_MS = 1000;
const WIDTH = 30;

export interface Progress {
  /** fraction done in 0..1, or null when the end is unknown; detail is a short status */
  update(fraction: number | null, detail: string): void;
  done(): void;
}

export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const start = performance.now();
  let shown = false;
  let last = 0;
  return {
    update(fraction, detail) {
      if (!stream.isTTY) return;
      const now = performance.now();
      if (now - start < DELAY_MS || now - last < 100) return;
      last = now;
      shown = true;
      const bar = fraction === null ? '' : `[${'#'.repeat(Math.round(fraction * WIDTH)).padEnd(WIDTH, '.')}] ${(fraction * 100).toFixed(0).padStart(3)}% `;
      const line = `${label} ${bar}${detail}`;
      stream.write(`\r${line.slice(0, (stream.columns || 80) - 1).padEnd(Math.min(stream.columns || 80, 100) - 1)}`);
    },
    done() {
      if (shown) stream.write(`\r${' '.repeat(Math.min(stream.columns || 80, 100) - 1)}\r`);
    },
  };
}

/** Seconds of wall-clock time since it was made, for the person waiting (never for the simulation). */
export function stopwatch(): () => number {
  const start = performance.now();
  return () => (performance.now() - start) / 1000;
}
