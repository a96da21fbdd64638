import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { FEEDPLEX_INVARIANTS } from '../sim/protocols/feedplex/invariants.ts';
import type { FeedPlexDef } from '../sim/protocols/feedplex/section.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import type { RunResult } from '../sim/foundation/result.ts';
import { fuzzSeeds, seedRange } from './support/fuzz-seeds.ts';

test('feedplex fuzz: 60 heavy, 20 light and 20 fault-free seeds load, run and break no invariant', () => {
  const runs = [fuzzSeeds('feedplex', seedRange(1, 60), 'heavy'), fuzzSeeds('feedplex', seedRange(61, 80), 'light'), fuzzSeeds('feedplex', seedRange(81, 100), 'none')];
  assert.equal(runs.flatMap((r) => r.problems), []);
  assert.is(runs.reduce((a, r) => a + r.runs, 0), 100);
  assert.ok(runs.every((r) => r.events > 0));
});

test('feedplex fuzz: a seed replays exactly', () => {
  for (const seed of [3, 17, 42]) {
    const [a, b] = [fuzzSeeds('feedplex', [seed], 'heavy'), fuzzSeeds('feedplex', [seed], 'heavy')];
    assert.is(a.hashes.get(seed), b.hashes.get(seed));
  }
});

/** The two-node scenario (feed plex, backup and restore, an application): every invariant holds; doctored, each breaks. */
function twoNode(): { def: FeedPlexDef; r: RunResult } {
  const s = loadScenario('feedplex-two-node.yaml', readFileSync(new URL('../scenarios/feedplex-two-node.yaml', import.meta.url), 'utf8'));
  return { def: s.protocol!.def as FeedPlexDef, r: runScenario(s) };
}

const verdict = (name: string, def: FeedPlexDef, r: RunResult) => FEEDPLEX_INVARIANTS.find((i) => i.name.startsWith(name))!.check(def, r);

test('feedplex invariants hold on the two-node scenario, and each fails on a doctored result', () => {
  const { def, r } = twoNode();
  for (const inv of FEEDPLEX_INVARIANTS) assert.is(inv.check(def, r), null, inv.name);
  const doctor = (f: (x: RunResult) => void): RunResult => { const x = structuredClone(r); f(x); return x; };
  assert.match(verdict('the feed-plex path', def, doctor((x) => { x.metrics.copies_user = 200; })) ?? '', /made 200 copies through the user layer/);
  assert.match(verdict('every block', def, doctor((x) => { x.metrics.copies_total += 1; })) ?? '', /copies_total 2001, but the figures' 2000/);
  assert.match(verdict('every block', def, doctor((x) => { x.metrics.blocks = 399; })) ?? '', /blocks 399, but the figures' 400/);
  const restore = (x: RunResult) => x.jobs.find((j) => j.name === 'back')!;
  assert.match(verdict('a restore', def, doctor((x) => { restore(x).start = 1; })) ?? '', /restore back began at 1 s, before its backup nightly ended/);
  assert.match(verdict('a restore', def, doctor((x) => { restore(x).bytes -= 1; })) ?? '', /restore back completed with 11999999999 bytes/);
  // the feed volume writing its feed plex: the vLAN carries the block a third time
  assert.match(verdict('a feed volume never writes', def, doctor((x) => { x.links.find((l) => l.name === 'p9.vlan')!.bytes += 12e9; })) ?? '', /^p9\.vlan carried 36000000000 bytes, more than the 24000000000/);
  assert.match(verdict('a feed volume never writes', def, doctor((x) => { x.devices.find((d) => d.name === 'vol74.plex78')!.bytes += 12e9; })) ?? '', /^vol74\.plex78 carried/);
});

test('feedplex invariants: the traditional design may copy through the user layer, but only as FIG. 2 says', () => {
  const { def, r } = twoNode();
  const trad = { ...def, design: 'traditional' as const };
  assert.is(verdict('the feed-plex path', trad, { ...r, metrics: { ...r.metrics, copies_user: 1600 } }), null);
  assert.match(verdict('every block', trad, r) ?? '', /copies_total 2000, but the figures' 2800/);
});

test.run();
