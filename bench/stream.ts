/**
 * Memory of a long run (issue 25: a 10-million-event run with its trace
 * streamed to a file stays under 1 GB RSS). `backlab run --trace-file` of a
 * generated scenario in a fresh process: four links flapping at random (up
 * for exp(1 s), down for exp(1 s)) until enough virtual time has passed for
 * `events` events (two per cycle of 2 s per link). Its binary trace streams
 * to a file; the child reports its own peak RSS at exit.
 *
 * Checked: exit 0, the run took at least `events` events (the schedule is
 * random, its length is not exact), and the file's SHA-256 is the trace hash
 * the run printed: every byte reached the file.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RSS_AT_EXIT } from './commands.ts';

export interface StreamBenchResult {
  bench: 'trace-stream';
  /** events the run took */
  events: number;
  /** wall seconds of the whole command */
  seconds: number;
  traceBytes: number;
  /** the command's peak RSS, KiB */
  maxRSSKiB: number;
  errors: string[];
}

const root = new URL('..', import.meta.url).pathname;
const bin = join(root, 'bin/backlab.mjs');
const LINKS = ['a', 'b', 'c', 'd'];

/** Links flapping for long enough to take about `events` events: 2 per link per 2 s cycle. */
export function flappingScenario(events: number): string {
  const seconds = Math.ceil(events / LINKS.length);
  return JSON.stringify({
    name: 'trace stream bench', description: 'bench/stream.ts: links flapping at random, a long run of cheap events', seed: 1, until: `${seconds} s`,
    topology: { links: Object.fromEntries(LINKS.map((l) => [l, { bandwidth: '1 GB/s' }])) },
    workload: { flows: { f: { route: ['a'], bytes: '1 TB' } } },
    faults: [{ random: { kind: 'link-flap', targets: LINKS, mtbf: '1 s', mttr: '1 s' } }],
  });
}

export function runStreamBench(events: number): StreamBenchResult {
  const errors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'backlab-bench-stream-'));
  const scenario = join(dir, 'flap.json');
  const trace = join(dir, 'flap.trace');
  writeFileSync(scenario, flappingScenario(events));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', RSS_AT_EXIT, bin, 'run', scenario, '--out', join(dir, 'out'), '--trace-file', trace], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) errors.push(`trace-stream: backlab run exited ${r.status}: ${r.stderr.split('\n')[0]}`);
  const rss = /maxRSSKiB (\d+)/.exec(r.stderr);
  const ran = /^seed \d+ {2}trace ([0-9a-f]{64}) {2}\((\d+) events/m.exec(r.stdout);
  let traceBytes = 0;
  if (rss === null || ran === null) errors.push('trace-stream: the child did not report its peak RSS, trace hash and events');
  else {
    traceBytes = statSync(trace).size;
    const hash = fileSha256(trace);
    if (hash !== ran[1]) errors.push(`trace-stream: the file's SHA-256 ${hash} is not the trace hash ${ran[1]}`);
    if (Number(ran[2]) < events * 0.99) errors.push(`trace-stream: the run took ${ran[2]} events, asked for about ${events}`);
  }
  rmSync(dir, { recursive: true });
  return { bench: 'trace-stream', events: ran === null ? 0 : Number(ran[2]), seconds, traceBytes, maxRSSKiB: rss === null ? 0 : Number(rss[1]), errors };
}

/** A file's SHA-256 read a megabyte at a time: the trace is hundreds of megabytes. */
function fileSha256(path: string): string {
  const h = createHash('sha256');
  const buf = Buffer.alloc(1 << 20);
  const fd = openSync(path, 'r');
  try {
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) h.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}
