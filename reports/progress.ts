/**
 * A progress bar on stderr, for runs that take more than a second, and only
 * when stderr is a terminal (never in a pipe, a log or CI); and the other
 * wall-clock reads a command makes (a stopwatch, a pause, a time-out). They
 * are here, outside sim/, for the person waiting; none ever reaches the
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

/** A wait of `ms` of wall-clock time that `wake()` ends early: a command polling something outside the simulation (a queue). */
export function pause(ms: number): { done: Promise<void>; wake: () => void } {
  let wake = () => {};
  const done = new Promise<void>((r) => {
    const t = setTimeout(r, ms);
    wake = () => { clearTimeout(t); r(); };
  });
  return { done, wake };
}

/** `p`, or `error()` thrown once `ms` of wall-clock time have passed without it (Infinity: wait for ever). */
export async function giveUpAfter<T>(p: Promise<T>, ms: number, error: () => Error): Promise<T> {
  if (ms === Infinity) return p;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(error()), ms); })]);
  } finally {
    clearTimeout(timer);
  }
}
