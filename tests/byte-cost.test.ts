import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import {
  cpuBoundRate, cpuSeconds, cyclesPerByte, layersOf, seaLayer, stackCycles, copyCyclesOf,
} from '../sim/model/servers/byte-cost.ts';
import { resolveVios } from '../sim/model/servers/vios.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { ScenarioError } from '../sim/foundation/errors.ts';

// Independent figures, worked by hand from the sources, not from the module's constants:
// IBM SEA rule: one 1.65 GHz processor per GbE at MTU 1500 (948 Mb/s payload), half of one at MTU 9000 (989 Mb/s).
const SEA1500 = 1.65e9 / (948e6 / 8); // 13.924 cycles per byte
const SEA9000 = (0.5 * 1.65e9) / (989e6 / 8); // 6.673
const close = (a: number, b: number, tol = 1e-9, what = '') => assert.ok(Math.abs(a - b) <= tol * Math.abs(b), `${what}: ${a} vs ${b}`);

test('the SEA law meets IBM\'s sizing rule at both MTUs, with the AIX guide\'s MiB/s read as MiB/s', () => {
  close(cyclesPerByte(seaLayer(1500), 0), SEA1500, 1e-9, 'MTU 1500');
  close(cyclesPerByte(seaLayer(9000), 0), SEA9000, 1e-9, 'MTU 9000');
  // One 1.65 GHz core bridges exactly one GbE of payload: 118.5 MB/s, not 113.
  close(cpuBoundRate(1, 1.65e9, SEA1500), 118.5e6, 1e-9, 'one core');
});

test('a CPU-bound path moves cores x clock / cycles per byte; CPU seconds are cycles per byte x bytes / clock', () => {
  // 2 VIOS cores at 3.5 GHz, MTU 1500: 7e9 / 13.924 = 502.7 MB/s.
  close(cpuBoundRate(2, 3.5e9, SEA1500), 502.72e6, 1e-4, 'SEA rate');
  // 400 GB at 8 cycles/B on 3.5 GHz: 914.3 CPU seconds.
  close(cpuSeconds(8, 400e9, 3.5e9), 914.2857, 1e-6, 'cpu seconds');
  const v = resolveVios('p1', { name: 'v', cores: 2, clock: 3.5e9, mtu: 1500, cyclesPerByte: undefined, ioCycles: 50_000, ioSize: 262_144 } as never, { fail: () => { throw new Error('fail'); } } as never, []);
  close(v.rate, 7e9 / SEA1500, 1e-9, 'resolved VIOS rate');
});

test('each layer by hand: TCP is 8 cycles/B (1 GHz per Gbps), a user copy with its syscalls costs more than a kernel copy', () => {
  const copy = copyCyclesOf(3.5e9, 6e9); // 0.583 cycles per byte
  const LAYERS = layersOf({ tcpCycles: 8, zeroCopyShare: 0.7, ioCycles: 50_000, ioSize: 262_144 }); // the declared defaults
  close(cyclesPerByte(LAYERS.tcpSend, copy), 8, 1e-9, 'TCP send');
  close(cyclesPerByte(LAYERS.tcpReceive, copy), 8, 1e-9, 'TCP receive');
  close(cyclesPerByte(LAYERS.vethCopy, copy), 3.5 / 6, 1e-9, 'virtual Ethernet copy = one memcpy');
  close(cyclesPerByte(LAYERS.sharedMemory, copy), 0.7 * 8, 1e-9, 'user copy: the zero-copy share of TCP');
  assert.ok(cyclesPerByte(LAYERS.sharedMemory, copy) > cyclesPerByte(LAYERS.vethCopy, copy));
  close(cyclesPerByte(LAYERS.fcWrite, copy), 50_000 / 262_144, 1e-9, 'FC write: per-I/O cost over a 256 KiB block, DMA free');
  // A LAN-free server: TCP receive + FC write on 2 cores at 3.5 GHz.
  const stack = 8 + 50_000 / 262_144;
  close(stackCycles([LAYERS.tcpReceive, LAYERS.fcWrite], copy), stack, 1e-9, 'stack');
  close(cpuBoundRate(2, 3.5e9, stack), 854.6e6, 1e-3, 'LAN-free server rate');
});

const FLAGSHIP = 'scenarios/lan-vs-lanfree.yaml';
const load = (variant: string, sets: { path: (string | number)[]; value: unknown; text: string }[] = []) => loadScenario(FLAGSHIP, readFileSync(FLAGSHIP, 'utf8'), { variant, sets });

test('npiv: the data route crosses the client CPU, the VIOS NPIV pass-through and the VIOS physical port; after LPM the other VIOS', () => {
  const r = runScenario(load('npiv'));
  const link = (n: string) => r.links.find((l) => l.name === n)?.bytes ?? 0;
  assert.is(r.metrics.jobs_failed, 0);
  // 4 clients per server back up 400 GB; lpar2 moves to p2 at 10 min, so vios2 passes more than p2's own 1.6 TB.
  assert.ok(link('san-a/vios1-fcs0:tx') > 0 && link('san-a/vios2-fcs0:tx') > 1.6e12, 'both VIOS ports carry tape data, vios2 some of lpar2\'s');
  assert.is(link('san-a/lpar1-hba0:tx'), 0, 'no physical client HBA is used');
  assert.is(r.metrics.lan_bytes, 0);
  // Tape-bound: 2 waves of 400 GB at 360 MB/s.
  assert.ok(r.metrics.backup_throughput > 1.3e9, `backup ${r.metrics.backup_throughput}`);
  // VIOS CPU: bytes x cycles per byte / clock x ... = cores x bytes / rate; 3.2 TB + 0.4 TB at 0.1907 cycles/B on 3.5 GHz.
  const vios = (3.6e12 * (50_000 / 262_144)) / 3.5e9;
  close(r.metrics.cpu_vios, vios, 0.01, 'VIOS NPIV CPU seconds');
});

test('dedicated: a migration of a partition owning a physical HBA is refused at load, at its field path', () => {
  try {
    load('dedicated', [{ path: ['faults'], value: [{ at: '10 min', migrate: { partition: 'lpar2', to: 'p2' } }], text: 'faults=[...]' }]);
    assert.unreachable('loaded');
  } catch (e) {
    assert.instance(e, ScenarioError);
    assert.match((e as Error).message, /faults\[0\]\.migrate\.partition|faults\.0\.migrate\.partition/);
    assert.match((e as Error).message, /PowerVM refuses Live Partition Mobility/);
  }
});

test.run();
