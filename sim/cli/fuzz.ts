/**
 * `backlab fuzz`: from each seed a whole random scenario (sim/fuzz), run with
 * every invariant checked; a share of them twice, to compare trace hashes.
 * A failing case is written out as a scenario file that `backlab run`
 * replays exactly, and with --shrink as the smallest file found that still
 * fails the same way.
 */
import { availableParallelism } from 'node:os';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { createProgress, stopwatch } from '../../reports/progress.ts';
import { loadScenario } from '../scenario/scenario.ts';
import type { FaultLevel } from '../fuzz/draw.ts';
import { FUZZ_KINDS } from '../fuzz/generate.ts';
import { checkedOutcome, fileOf, type FuzzCase, type FuzzOutcome } from '../fuzz/fuzz-one.ts';
import { PLACED_INVARIANT } from '../fuzz/placed-check.ts';
import { checkFuzzTarget, writeFuzzFile } from './fuzz-file.ts';
import { closeFuzzThreads, fuzzCase } from './fuzz-worker.ts';
import { shrink } from '../fuzz/shrink.ts';
import { intFlag, parseArgs, UsageError } from './args.ts';
import { runPool } from '../workers/pool.ts';
import { parseSeeds } from './sweep.ts';
import { fromRoot } from '../foundation/root.ts';
import { QUEUE_FLAGS, QUEUE_HELP, queueFlags } from './queue-flags.ts';

export const FUZZ_HELP = `usage: backlab fuzz [--seeds 1..200] [--protocol NAME|all] [--faults none|light|heavy] [--twice F] [--placed F] [--jobs N] [--shrink] [--out DIR]

Generates a random scenario from each seed (topology, workload, design and a
fault schedule), runs it, and checks every invariant: time never goes back,
bytes are conserved, no link carries more than its bandwidth, every job ends
or is cut by until, the equipment holds together, and the protocol's own.
With --protocol all the seeds take the kinds in turn. A fraction --twice
(default 0.05) of the runs is run again and the trace hashes compared; a
fraction --placed (default 0.05, other seeds) is run again with its actors
in 2 worker threads, which must not change the hash either.

A failure prints the seed, the invariant and the virtual time, and writes
DIR/fuzz/fuzz-KIND-SEED.yaml, which 'backlab run' replays exactly; --shrink
also writes fuzz-KIND-SEED.shrunk.yaml, the smallest scenario found that
still fails the same way. Kinds: ${FUZZ_KINDS.join(', ')}.

${QUEUE_HELP}

exit codes: 0 no violation, 1 a violation, 2 bad input, 70 a bug (an internal error), 75 no queue (--queue-timeout)`;

export async function fuzzCommand(argv: string[], version = ''): Promise<number> {
  const p = parseArgs(argv, { seeds: { value: true }, protocol: { value: true }, faults: { value: true }, twice: { value: true }, placed: { value: true }, jobs: { value: true }, shrink: { value: false }, out: { value: true }, help: { value: false }, ...QUEUE_FLAGS }, 'fuzz');
  if (p.flags.has('help')) { console.log(FUZZ_HELP); return 0; }
  if (p.positional.length > 0) throw new UsageError(`fuzz: takes no FILE (got ${p.positional.join(', ')}); it generates its scenarios. Try 'backlab fuzz --help'.`);
  const seeds = parseSeeds(p.flags.get('seeds')?.[0] ?? '1..200', 'fuzz');
  const which = p.flags.get('protocol')?.[0] ?? 'all';
  if (which !== 'all' && !FUZZ_KINDS.includes(which)) throw new UsageError(`fuzz: --protocol '${which}' has no generator; there are: ${FUZZ_KINDS.join(', ')}, all`);
  const kinds = which === 'all' ? FUZZ_KINDS : [which];
  const faults = (p.flags.get('faults')?.[0] ?? 'heavy') as FaultLevel;
  if (!['none', 'light', 'heavy'].includes(faults)) throw new UsageError(`fuzz: --faults is none, light or heavy, not '${faults}'`);
  const twice = fraction(p.flags.get('twice')?.[0], 'twice');
  const placed = fraction(p.flags.get('placed')?.[0], 'placed');
  const jobs = intFlag(p, 'jobs', 'fuzz', 1) ?? availableParallelism();
  const out = join(p.flags.get('out')?.[0] ?? 'out', 'fuzz');
  const queue = queueFlags(p, 'fuzz');

  // Which cases run twice or placed depends on the seed alone, so it is the same whatever --jobs is.
  const every = (f: number) => (f > 0 ? Math.max(1, Math.round(1 / f)) : Infinity);
  const cases: FuzzCase[] = seeds.map((seed) => ({
    kind: kinds[seed % kinds.length], seed, faults, twice: seed % every(twice) === 0, placed: (seed + 1) % every(placed) === 0,
  }));
  const progress = createProgress('fuzz');
  const elapsed = stopwatch();
  const onDone = (n: number) => progress.update(n / cases.length, `${n} of ${cases.length}`);
  const outcomes: FuzzOutcome[] = queue !== undefined ? await (await import('./queue-fuzz.ts')).fuzzOnQueue(queue, version, cases, onDone)
    : jobs <= 1 || cases.length === 1
    ? await inThisThread(cases, (i) => progress.update((i + 1) / cases.length, `${i + 1} of ${cases.length}`))
    : await runPool<FuzzCase, FuzzOutcome>({
      entry: fromRoot('sim/cli/fuzz-worker.ts'), workerData: { fuzz: true }, size: jobs, jobs: cases,
      describe: (c) => `fuzz case ${c.kind} seed ${c.seed}`,
      onDone,
    });
  progress.done();
  const seconds = elapsed();

  const failed = outcomes.filter((o) => o.findings.length > 0);
  const events = outcomes.reduce((a, o) => a + o.events, 0);
  const byKind = kinds.map((k) => `${k} ${outcomes.filter((o) => o.kind === k).length}`).join(', ');
  console.log(`fuzz: ${outcomes.length} runs (${byKind}), ${events} events checked, ${cases.filter((c) => c.twice).length} run twice, ${cases.filter((c) => c.placed).length} in worker threads, faults ${faults}, ${seconds.toFixed(1)} s on ${queue !== undefined ? 'the queue' : `${Math.min(jobs, cases.length)} worker${jobs > 1 ? 's' : ''}`}`);
  if (failed.length === 0) {
    console.log('no invariant violated');
    return 0;
  }
  mkdirSync(out, { recursive: true });
  // Every place is checked before the first file is written: a refusal leaves no half of the cases written.
  for (const o of failed) {
    checkFuzzTarget(join(out, fileOf(o)));
    if (p.flags.has('shrink')) checkFuzzTarget(join(out, fileOf(o)).replace(/\.yaml$/, '.shrunk.yaml'));
  }
  for (const o of failed) {
    for (const f of o.findings) console.log(`FAIL  ${o.kind} seed ${o.seed}${f.at === null ? '' : ` at t = ${f.at} s`}: ${f.invariant}\n      ${f.what}`);
    const file = join(out, fileOf(o));
    writeFuzzFile(file, o.text);
    console.log(`      reproduce: backlab run ${file}`);
    // A placement finding is about where actors ran, not what the scenario holds: nothing to shrink.
    if (p.flags.has('shrink') && o.findings[0].invariant !== PLACED_INVARIANT) {
      const small = shrinkOutcome(o);
      const shrunk = file.replace(/\.yaml$/, '.shrunk.yaml');
      writeFuzzFile(shrunk, `# shrunk from ${fileOf(o)}: ${small.removed} parts removed in ${small.runs} runs, still fails '${o.findings[0].invariant}'\n${stringify(small.doc)}`);
      console.log(`      shrunk: ${shrunk}`);
    }
  }
  console.log(`\n${failed.length} of ${outcomes.length} runs violated an invariant`);
  return 1;
}

async function inThisThread(cases: FuzzCase[], onCase: (i: number) => void): Promise<FuzzOutcome[]> {
  const out: FuzzOutcome[] = [];
  try {
    for (const [i, c] of cases.entries()) {
      out.push(await fuzzCase(c));
      onCase(i);
    }
  } finally {
    await closeFuzzThreads();
  }
  return out;
}

function fraction(text: string | undefined, flag: string): number {
  // A decimal fraction as written: Number('') is 0 and Number('0x1') is 1, neither of which the user meant.
  const f = text === undefined ? 0.05 : /^(0|1)?(\.\d+)?$/.test(text) && text !== '' && text !== '.' ? Number(text) : NaN;
  if (!(f >= 0 && f <= 1)) throw new UsageError(`fuzz: --${flag} is a fraction from 0 to 1, not '${text}'`);
  return f;
}

/** The smallest document that still fails with the first finding's invariant. */
export function shrinkOutcome(o: FuzzOutcome, tamper?: Parameters<typeof checkedOutcome>[2]): ReturnType<typeof shrink> {
  const invariant = o.findings[0].invariant;
  return shrink(parse(o.text) as Record<string, unknown>, (doc) => {
    try {
      const scn = loadScenario(fileOf(o), stringify(doc));
      return checkedOutcome(scn, false, tamper).findings.some((f) => f.invariant === invariant);
    } catch {
      return false;
    }
  });
}

