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

test('the sweep: no design gets slower with 16 drives than with 4, from 8 to 64 partitions', () => {
  const four = Array.from({ length: 4 }, (_, i) => `d0${i + 1}`);
  const fourDrives: Set[] = [
    { path: ['topology', 'libraries', 'lib1', 'drives'], value: Object.fromEntries(four.map((d) => [d, { generation: 'LTO-8' }])), text: 'drives=d01..d04' },
    { path: ['protocol', 'drivePorts'], value: Object.fromEntries(four.map((d) => [`lib1/${d}`, `lto-${d}`])), text: 'drivePorts=d01..d04' },
  ];
  for (const n of [8, 16, 32, 64]) {
    const count: Set = { path: ['protocol', 'backup', 'clients'], value: n, text: `protocol.backup.clients=${n}` };
    for (const v of ['lan', 'dedicated', 'shared']) {
      const rate = (sets: Set[]) => runScenario(load('scenarios/lanfree-sweep.yaml', v, [count, ...sets])).metrics.backup_throughput;
      const with4 = rate(fourDrives), with16 = rate([]);
      assert.ok(with16 >= 0.99 * with4, `${v} at ${n} partitions: ${(with16 / 1e6).toFixed(0)} MB/s with 16 drives < ${(with4 / 1e6).toFixed(0)} MB/s with 4`);
    }
  }
});

test.run();
