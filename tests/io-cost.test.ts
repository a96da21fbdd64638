import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { parseSetting } from '../sim/scenario/overrides.ts';

// The flagship's shared design cut to one client whose own CPU and tape drive are faster than its LAN-free
// server, so the LAN-free server's two 3.5 GHz cores bound every byte: TCP receive (8 cycles/B, "1 GHz per
// 1 Gbps") + FC write (ioCycles per ioSize-byte I/O). Worked by hand, not from the module's constants.
const FLAGSHIP = 'scenarios/lan-vs-lanfree.yaml';
const FAST_DRIVES = ['d1', 'd2', 'd3', 'd4'].flatMap((d) => [
  `topology.libraries.lib1.drives.${d}.nativeRate="2 GB/s"`, `topology.libraries.lib1.drives.${d}.compressedRate="2 GB/s"`, `topology.libraries.lib1.drives.${d}.minRate="100 MB/s"`,
]);
const ONE_CLIENT = ['faults=[]', 'protocol.backup.clients=[lpar1]', 'protocol.restore.clients=[lpar1]', 'topology.servers.p1.partitions.lpar1.cores=4', ...FAST_DRIVES];

/** The rate of the backup's flows through lanfree1's CPU (all alike: it bounds them). */
function lanfreeRate(extra: string[]): number {
  const r = runScenario(loadScenario(FLAGSHIP, readFileSync(FLAGSHIP, 'utf8'), { variant: 'shared', sets: [...ONE_CLIENT, ...extra].map(parseSetting) }));
  const flows = r.flows.filter((f) => f.route.includes('lanfree1.cpu') && f.phase !== 'restore' && f.throughput !== null && f.bytes > 1e9);
  assert.ok(flows.length > 100, `${flows.length} flows`);
  return flows[1].throughput!;
}

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-4 * b, `${what}: ${a} vs ${b}`);

test('the LAN-free server\'s CPU-bound rate is cores x clock / (TCP + ioCycles / ioSize), at the default and with ioCycles doubled', () => {
  const rate = (ioCycles: number, ioSize: number) => (2 * 3.5e9) / (8 + ioCycles / ioSize);
  close(lanfreeRate([]), rate(50_000, 262_144), 'default: 854.6 MB/s');
  close(lanfreeRate(['topology.servers.p1.ioCycles=100000']), rate(100_000, 262_144), 'ioCycles doubled: 835.2 MB/s');
  close(lanfreeRate(['topology.servers.p1.ioSize="64 KiB"']), rate(50_000, 65_536), 'a 64 KiB block: 4 times the per-byte I/O cost');
});

test('the VIOS\'s NPIV CPU seconds are bytes x ioCycles / ioSize / clock, its own figure', () => {
  const base = ['faults=[]', 'protocol.backup.clients=[lpar1]', 'protocol.restore.clients=[lpar1]'];
  const cpu = (sets: string[]) => runScenario(loadScenario(FLAGSHIP, readFileSync(FLAGSHIP, 'utf8'), { variant: 'npiv', sets: [...base, ...sets].map(parseSetting) })).metrics.cpu_vios;
  // 400 GB backed up and 400 GB restored through vios1
  close(cpu([]), (800e9 * 50_000) / 262_144 / 3.5e9, 'default');
  close(cpu(['topology.servers.p1.vios.ioCycles=150000']), (800e9 * 150_000) / 262_144 / 3.5e9, 'ioCycles tripled');
});

test.run();
