/**
 * Deterministic or wrong: nothing under sim/ reads the wall clock, an
 * unseeded random source or a timer. A command that must wait or say how
 * long something took (a progress bar, a queue's time-out, elapsed time)
 * does it through reports/progress.ts, outside sim/, for the person waiting.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).sort().flatMap((n) => {
    const p = join(dir, n);
    if (statSync(join(root, p)).isDirectory()) return sources(p);
    return n.endsWith('.ts') ? [p] : [];
  });
}

// setImmediate stays allowed: it yields to the event loop (a worker's message, a placed run's pause) and reads no time.
const UNSEEDED = /\b(Math\.random|Date\.now|new Date\(\)|performance\.now|setTimeout|setInterval|process\.hrtime)\b/;
const commented = (line: string) => /^\s*(\/\/|\*|\/\*)/.test(line);

test('no wall clock, timer or unseeded random source under sim/', () => {
  const hits = sources('sim').flatMap((f) =>
    readFileSync(join(root, f), 'utf8').split('\n').flatMap((l, i) => (!commented(l) && UNSEEDED.test(l) ? [`${f}:${i + 1}: ${l.trim()}`] : [])));
  assert.equal(hits, []);
});

test('the rule catches what it forbids', () => {
  for (const l of ['const t = Date.now();', 'if (Math.random() < p) fail();', 'setTimeout(tick, 10);', 'const a = performance.now();']) assert.ok(UNSEEDED.test(l), l);
  assert.not.ok(UNSEEDED.test('const t = kernel.now;'));
});

test.run();
