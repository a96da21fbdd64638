/**
 * The lanfree backup server schedules from policies, not from how a scenario is written: the makespans do not
 * depend on the order the clients are listed in, and adding drives never slows a design down (each session its
 * own mount point, slow LAN sessions absorbed by the disk pool).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { startOrder } from '../sim/protocols/lanfree/schedule.ts';

type Set = { path: (string | number)[]; value: unknown; text: string };
const load = (file: string, variant: string, sets: Set[]) => loadScenario(file, readFileSync(new URL(`../${file}`, import.meta.url), 'utf8'), { variant, sets });
const makespan = (file: string, variant: string, sets: Set[]) => runScenario(load(file, variant, sets)).metrics.backup_makespan;
const clients = (list: string[]): Set => ({ path: ['protocol', 'backup', 'clients'], value: list, text: `protocol.backup.clients=[${list.join(', ')}]` });

/** Three orders of a list: reversed, and two interleavings no policy would produce by accident. */
function permutations(list: string[]): string[][] {
  const odd = list.filter((_, i) => i % 2 === 1), even = list.filter((_, i) => i % 2 === 0);
  return [[...list].reverse(), [...odd, ...even], [...list.slice(Math.floor(list.length / 3)), ...list.slice(0, Math.floor(list.length / 3))]];
}

const within1 = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 0.01 * b, `${what}: ${a} s against ${b} s`);

test('the spread policy takes the servers in turn, whatever the written order', () => {
  const home = { b1: 'p1', a1: 'p1', c1: 'p1', a2: 'p2', b2: 'p2' };
  assert.equal(startOrder(['c1', 'b2', 'a1', 'b1', 'a2'], home, 'spread'), ['a1', 'a2', 'b1', 'b2', 'c1']);
  assert.equal(startOrder(['c1', 'b2', 'a1', 'b1', 'a2'], home, 'name'), ['a1', 'a2', 'b1', 'b2', 'c1']);
  assert.equal(startOrder(['c1', 'b1', 'a1'], home, 'spread'), ['a1', 'b1', 'c1']);
});

test('the flagship: permuting its client list leaves every design\'s backup makespan within 1%', () => {
  const written = ['lpar1', 'lpar2', 'lpar3', 'lpar4', 'lpar5', 'lpar6', 'lpar7', 'lpar8'];
  for (const v of ['lan', 'dedicated', 'shared']) {
    const base = makespan('scenarios/lan-vs-lanfree.yaml', v, [clients(written)]);
    for (const p of permutations(written)) within1(makespan('scenarios/lan-vs-lanfree.yaml', v, [clients(p)]), base, `${v}, clients ${p.join(' ')}`);
  }
});

test('the sweep: permuting the client list at 4, 16 and 64 partitions leaves every design\'s backup makespan within 1%', () => {
  for (const n of [4, 16, 64]) {
    // the first n partitions as the count form takes them (the servers in turn), written out as a list
    const written = Array.from({ length: n }, (_, i) => `lpar${String(i + 1).padStart(2, '0')}`);
    for (const v of ['lan', 'dedicated', 'shared']) {
      const base = makespan('scenarios/lanfree-sweep.yaml', v, [{ path: ['protocol', 'backup', 'clients'], value: n, text: `protocol.backup.clients=${n}` }]);
      for (const p of permutations(written).slice(0, n >= 64 ? 1 : 3)) within1(makespan('scenarios/lanfree-sweep.yaml', v, [clients(p)]), base, `${v}, ${n} clients permuted`);
    }
  }
});

test('the sweep: no design gets slower as drives are added (4, 8, 16), from 1 to 64 partitions', () => {
  // The first k drives of the library and their ports: the scenario's 16 cut down.
  const drives = (k: number): Set[] => {
    const names = Array.from({ length: k }, (_, i) => `d${String(i + 1).padStart(2, '0')}`);
    return [
      { path: ['topology', 'libraries', 'lib1', 'drives'], value: Object.fromEntries(names.map((d) => [d, { generation: 'LTO-8' }])), text: `drives=d01..d${names[k - 1]}` },
      { path: ['protocol', 'drivePorts'], value: Object.fromEntries(names.map((d) => [`lib1/${d}`, `lto-${d}`])), text: `drivePorts=d01..d${names[k - 1]}` },
    ];
  };
  for (const n of [1, 2, 4, 8, 16, 32, 64]) {
    const count: Set = { path: ['protocol', 'backup', 'clients'], value: n, text: `protocol.backup.clients=${n}` };
    for (const v of ['lan', 'dedicated', 'shared']) {
      const rate = (k: number) => runScenario(load('scenarios/lanfree-sweep.yaml', v, [count, ...drives(k)])).metrics.backup_throughput;
      let before = 0;
      for (const k of [4, 8, 16]) {
        const now = rate(k);
        assert.ok(now >= 0.99 * before, `${v} at ${n} partitions: ${(now / 1e6).toFixed(0)} MB/s with ${k} drives < ${(before / 1e6).toFixed(0)} MB/s with fewer`);
        before = now;
      }
    }
  }
});

test.run();
