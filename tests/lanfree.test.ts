import { type Scenario } from '../sim/foundation/scenario.ts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import type { RunResult } from '../sim/foundation/result.ts';
import { ScenarioError } from '../sim/foundation/errors.ts';
import { MemorySink } from '../sim/trace/sink.ts';
import { readTrace } from '../sim/trace/reader.ts';

// Independent figures: LTO-8 native 360 MB/s and its 45 s average locate (IBM TS4500 LTO spec); usable FC per
// direction 8GFC 800 MB/s (FCIA); the VIOS SEA sizing rule: one 1.65 GHz processor per GbE of 948 Mb/s (118.5 MB/s) TCP
// payload at MTU 1500 (IBM POWER5 "Processor allocation", AIX adapter guidelines), scaled by clock.
const LTO8 = 360e6;
const LOCATE = 45;
const FC8 = 800e6;
const SEA = (cores: number, ghz: number) => (cores * ghz * 1e9) / (1.65e9 / (948e6 / 8));
const GB = 1e9;
/** the disk pool's array in the tests: fast enough that neither its writes nor its reads bound anything */
const POOL_RATE = 4000e6;

const within = (measured: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(measured - expected) <= tol * expected, `${what}: measured ${measured}, expected ${expected} (±${tol * 100}%)`);

const FLAGSHIP = new URL('../scenarios/lan-vs-lanfree.yaml', import.meta.url);
const flagship = (variant: string, sets: { path: (string | number)[]; value: unknown; text: string }[] = []): Scenario =>
  loadScenario('scenarios/lan-vs-lanfree.yaml', readFileSync(FLAGSHIP, 'utf8'), { variant, sets });

interface World {
  design: 'lan' | 'dedicated' | 'shared';
  p1: string[];
  p2?: string[];
  drives: number;
  fc?: string;
  vlan?: string;
  data?: string;
  /** default [lanfree1, lanfree2] */
  lanfreeServers?: string[];
  /** cores of each VIOS; default 2 */
  viosCores?: number;
  /** false: the drives keep IBM's LTO-8 speed steps (lowest 112 MB/s) instead of matching any speed */
  anySpeed?: boolean;
  /** MAXNUMMP and client sessions per node */
  maxNumMp?: number;
  sessionsPerNode?: number;
  /** a disk pool on a 2 GB/s array: its size, thresholds and processes */
  diskPool?: { size: string; highMig: number; lowMig: number; migProcess: number };
}

/** Two servers, a backup server on 10GbE, one FC switch, drives with mounts that take no time and continuous speed matching. */
function world(w: World): Scenario {
  const p2 = w.p2 ?? [];
  // Partitions get 4 cores at 3.5 GHz: their TCP stacks (8.6 cycles/B, byte-cost.ts) move 1.6 GB/s, so tape, FC and the SEA decide here.
  const parts = (ps: string[], lf: string) => [...ps, lf].map((p) => `        ${p}: { cores: 4, memory: 4 GB }`).join('\n');
  const all = [...w.p1, ...p2];
  const drives = Array.from({ length: w.drives }, (_, i) => i + 1);
  const text = `name: lanfree test
topology:
  hosts: { tsm1: { cores: 8 }, vios1: {}, vios2: {} }
  switches: { core: {} }
  links:
    vios1-lan: { between: [vios1, core], port: 10GbE }
    vios2-lan: { between: [vios2, core], port: 10GbE }
    tsm1-lan: { between: [tsm1, core], port: 10GbE }
  servers:
    p1:
      cores: 64
      clock: 3.5 GHz
      vios: { name: vios1, cores: ${w.viosCores ?? 2}, clock: 3.5 GHz }${w.vlan ? `\n      vlan: { bandwidth: ${w.vlan} }` : ''}
      partitions:
${parts(w.p1, 'lanfree1')}
    p2:
      cores: 64
      clock: 3.5 GHz
      vios: { name: vios2, cores: ${w.viosCores ?? 2}, clock: 3.5 GHz }
      partitions:
${parts(p2, 'lanfree2')}
  fabrics:
    san:
      generation: ${w.fc ?? '16GFC'}
      switches: { sw: {} }
      ports:
        tsm1-hba: { switch: sw, host: tsm1 }
        lanfree1-hba: { switch: sw, host: lanfree1 }
        lanfree2-hba: { switch: sw, host: lanfree2 }
${all.map((c) => `        ${c}-hba: { switch: sw, host: ${c} }`).join('\n')}
${drives.map((d) => `        port-d${d}: { switch: sw }`).join('\n')}
${w.diskPool ? `  storage:\n    pool: { rate: ${POOL_RATE / 1e6} MB/s, volumes: { stg: { size: ${w.diskPool.size} } } }\n` : ''}  libraries:
    lib:
      robot: { move: 0 s }
      drives:
${drives.map((d) => `        d${d}: { generation: LTO-8, load: 0 s${w.anySpeed === false ? '' : ', minRate: 10 MB/s'} }`).join('\n')}
      cartridges: { A00001L8: { count: 10 } }
protocol:
  name: lanfree
  design: ${w.design}
  backupServer: tsm1
  library: lib
  drivePorts: { ${drives.map((d) => `lib/d${d}: port-d${d}`).join(', ')} }
  lanfreeServers: [${(w.lanfreeServers ?? ['lanfree1', 'lanfree2']).join(', ')}]
  maxNumMp: ${w.maxNumMp ?? 1}
  sessionsPerNode: ${w.sessionsPerNode ?? 1}
${w.diskPool ? `  diskPool: { volume: pool/stg, highMig: ${w.diskPool.highMig}, lowMig: ${w.diskPool.lowMig}, migProcess: ${w.diskPool.migProcess} }\n` : ''}  backup: { clients: [${all.join(', ')}], data: ${w.data ?? '100 GB'} }
`;
  return loadScenario('lanfree-test.yaml', text);
}

const run = (s: Scenario, opts: { sink?: MemorySink } = {}): RunResult => runScenario(s, opts);

test('makespans match a bottleneck analysis: min over drives, FC HBA ports, the virtual LAN and the VIOS SEA', () => {
  const bytes = 100 * GB;
  const cases: { what: string; w: World; rate: number }[] = [
    // two clients, two drives, a 16GFC HBA: each stream is held to its drive's native rate
    { what: 'drives', w: { design: 'shared', p1: ['a', 'b'], drives: 2 }, rate: LTO8 },
    // four streams through lanfree1's one 8GFC HBA: 800 MB/s shared four ways
    { what: 'shared FC HBA', w: { design: 'shared', p1: ['a', 'b', 'c', 'd'], drives: 4, fc: '8GFC' }, rate: FC8 / 4 },
    // each client its own 8GFC HBA: no sharing, the drives bound again
    { what: 'dedicated HBAs', w: { design: 'dedicated', p1: ['a', 'b', 'c', 'd'], drives: 4, fc: '8GFC' }, rate: LTO8 },
    // the hypervisor's virtual LAN at 400 MB/s carries both streams to lanfree1
    { what: 'virtual LAN', w: { design: 'shared', p1: ['a', 'b'], drives: 2, vlan: '400 MB/s' }, rate: 400e6 / 2 },
    // over the LAN both streams cross vios1's Shared Ethernet Adapter: 2 cores at 3.5 GHz
    { what: 'VIOS SEA', w: { design: 'lan', p1: ['a', 'b'], drives: 2 }, rate: SEA(2, 3.5) / 2 },
  ];
  for (const c of cases) {
    const r = run(world(c.w));
    assert.is(r.metrics.jobs_completed, c.w.p1.length, c.what);
    within(r.metrics.backup_makespan, bytes / c.rate, 0.01, `${c.what}: backup makespan`);
  }
});

/** A drive fed f below its lowest matched speed m (buffer B, back-hitch h s) averages m·(B/(m−f)) / (B/(m−f) + max(h, B/f)) (tape-drive.ts). */
const backhitched = (f: number, m: number, buffer: number, h: number) => (m * (buffer / (m - f))) / (buffer / (m - f) + Math.max(h, buffer / f));

test('a stream too slow for its drive shows: four LAN streams through a 1-core VIOS feed each drive below its lowest matched speed; the SEA, shared, stays saturated', () => {
  // 1 core at 3.5 GHz bridges 240 MB/s; four streams get 60 MB/s each, under LTO-8's lowest matched speed of 112 MB/s.
  const sink = new MemorySink();
  const r = run(world({ design: 'lan', p1: ['a', 'b', 'c', 'd'], drives: 4, viosCores: 1, anySpeed: false }), { sink });
  assert.ok([...readTrace(sink.bytes())].some((x) => x.type === 'mark' && /back-hitch/i.test(x.label)), 'the trace shows the drives back-hitching');
  // While one drive repositions its session waits, and the bridge serves the other three: the SEA's share still sets the makespan.
  const fair = SEA(1, 3.5) / 4;
  within(r.metrics.backup_makespan, (100 * GB) / fair, 0.01, 'SEA-bound makespan, the drives back-hitching');
  within(run(world({ design: 'lan', p1: ['a', 'b', 'c', 'd'], drives: 4, viosCores: 1 })).metrics.backup_makespan, (100 * GB) / fair, 0.01, 'SEA-bound makespan, drives that match any speed');
});

test('a stream alone on its slow path pays for back-hitching: one client over a 60 MB/s virtual LAN averages the drive\'s back-hitch rate', () => {
  // Nothing else can use the virtual LAN while the drive repositions: the stream gets e(60 MB/s) = 42.7 MB/s (64 MB buffer, 2 s back-hitch).
  const r = run(world({ design: 'shared', p1: ['a'], drives: 1, vlan: '60 MB/s', anySpeed: false }));
  within(r.metrics.backup_makespan, (100 * GB) / backhitched(60e6, 112e6, 64e6, 2), 0.01, 'back-hitch-bound makespan');
});

test('MAXNUMMP: a node with four sessions holds at most MAXNUMMP drives; its makespan is waves of bytes / (MAXNUMMP x drive rate)', () => {
  // One node, 100 GB in four sessions of 25 GB, four drives, lanfree1's 16GFC HBA (1.6 GB/s) above four drives' 1.44 GB/s.
  for (const max of [1, 2, 4]) {
    const r = run(world({ design: 'shared', p1: ['a'], drives: 4, sessionsPerNode: 4, maxNumMp: max }));
    assert.is(r.metrics.jobs_completed, 4);
    within(r.metrics.backup_makespan, (100 * GB) / (max * LTO8), 0.01, `MAXNUMMP ${max}`);
    // Never more than MAXNUMMP sessions of the node writing at once: at any session's end, count those still writing.
    const spans = r.jobs.map((j) => ({ from: j.end! - (25 * GB) / LTO8, to: j.end! }));
    for (const s of spans) assert.ok(spans.filter((x) => x.from < s.to - 1 && x.to > s.to - 1).length <= max, `MAXNUMMP ${max} exceeded`);
  }
});

test('disk pool: slow LAN clients fill the pool without a drive, then migration streams the drives at their full rate', () => {
  // Four clients behind a 1-core VIOS (240 MB/s bridged, 60 MB/s each: below LTO-8's lowest matched speed, so straight
  // to tape they would back-hitch); a 400 GB pool, HIGHMIG 50, LOWMIG 0, two migration processes.
  const sink = new MemorySink();
  const r = run(world({ design: 'lan', p1: ['a', 'b', 'c', 'd'], drives: 4, viosCores: 1, anySpeed: false, diskPool: { size: '400 GB', highMig: 50, lowMig: 0, migProcess: 2 } }), { sink });
  assert.is(r.metrics.jobs_failed, 0);
  assert.is(r.metrics.pool_bytes, 400 * GB, 'every byte landed in the pool');
  assert.is(r.metrics.drive_wait, 0, 'no session waited for a drive');
  within(r.metrics.backup_makespan, (400 * GB) / SEA(1, 3.5), 0.01, 'the clients are held by the VIOS alone');
  const moves = r.jobs.filter((j) => j.kind === 'migration');
  assert.is(moves.length, 4, 'one migration per node');
  assert.is(r.metrics.migrated_bytes, 400 * GB);
  // Each node's 100 GB moves at the drive's native 360 MB/s, two processes at once: two rounds after the backups.
  for (const m of moves) within(m.end! - m.start, (100 * GB) / LTO8, 0.01, `${m.name} streams its drive`);
  const backupEnd = Math.max(...r.jobs.filter((j) => j.kind === 'backup').map((j) => j.end!));
  within(Math.max(...moves.map((m) => m.end!)) - backupEnd, (2 * 100 * GB) / LTO8, 0.01, 'migration of 400 GB by two processes');
  assert.not.ok([...readTrace(sink.bytes())].some((x) => x.type === 'mark' && /back-hitch/i.test(x.label)), 'no drive back-hitches');
});

test('a pool too small for a session sends it to tape (the next pool); the others still take no drive', () => {
  const r = run(world({ design: 'lan', p1: ['a', 'b'], p2: ['c'], drives: 2, diskPool: { size: '250 GB', highMig: 100, lowMig: 0, migProcess: 1 } }));
  assert.is(r.metrics.jobs_completed, 3);
  assert.is(r.metrics.pool_bytes, 200 * GB, 'two sessions fit the pool');
  assert.is(r.metrics.migrated_bytes, 0, 'HIGHMIG 100 is never reached');
});

test('FIG. 5: a client on a server without a LAN-free server reaches the address across both VIOS and the LAN', () => {
  const r = run(world({ design: 'shared', p1: [], p2: ['e'], drives: 1, lanfreeServers: ['lanfree1'], data: '10 GB' }));
  assert.is(r.metrics.jobs_completed, 1);
  assert.is(r.metrics.lan_bytes, 10 * GB, 'its data crossed the physical LAN');
  for (const l of ['vios2.sea', 'vios1.sea']) assert.is(r.devices.find((d) => d.name === l)!.bytes, 10 * GB, l);
  assert.is(r.links.find((l) => l.name === 'lanfree1@p1')!.bytes, 10 * GB);
});

test('the LAN design carries every data byte on the physical LAN; the LAN-free designs carry only protocol information there', () => {
  const data = 8 * 400 * GB + 400 * GB; // eight backups and one restore
  const lan = run(flagship('lan'));
  within(lan.metrics.lan_bytes, data, 1e-9, 'LAN design: bytes into the backup server over its LAN port');
  assert.ok(lan.metrics.cpu_vios > 0, 'the VIOS bridges the data, at a CPU cost');
  for (const v of ['dedicated', 'shared']) {
    const r = run(flagship(v));
    assert.is(r.metrics.lan_bytes, 0, `${v}: no data on the physical LAN`);
    assert.is(r.metrics.cpu_vios, 0, `${v}: the VIOS bridges no data`);
    assert.ok(r.metrics.protocol_bytes > 0 && r.metrics.protocol_bytes < 2e6, `${v}: protocol information only: ${r.metrics.protocol_bytes} B`);
    assert.is(r.metrics.job_bytes, data, `${v}: every byte backed up and restored`);
  }
  assert.is(lan.metrics.hbas_used, 1, 'LAN: the backup server\'s HBA');
  assert.is(run(flagship('dedicated')).metrics.hbas_used, 8, 'dedicated: one per client partition');
  assert.is(run(flagship('shared')).metrics.hbas_used, 2, 'shared: one per LAN-free server');
});

/** Labels of the steps and marks of one actor, in trace order. */
function stepsOf(sink: MemorySink, actor: string): string[] {
  const recs = [...readTrace(sink.bytes())];
  const pid = recs.find((r) => r.type === 'actor' && (r as { name: string }).name === actor) as { pid: number } | undefined;
  assert.ok(pid, `actor ${actor} in the trace`);
  const mine = recs.filter((r) => ((r.type === 'step' || r.type === 'mark') && r.pid === pid!.pid) || (r.type === 'send' && r.from === pid!.pid));
  // A send is traced as the actor's step and as the message: one label.
  return mine.map((r) => (r as { label: string }).label).filter((l, i, all) => l !== '' && l !== all[i - 1]);
}

test('FIG. 4 then FIG. 3 in the patent\'s order: start, protocol information, data via the storage agent, written, loop, result', () => {
  const sink = new MemorySink();
  run(world({ design: 'shared', p1: ['a'], drives: 1, data: '5 GiB' }), { sink }); // three transactions of at most 2 GiB
  const labels = stepsOf(sink, 'LAN-free client a (backup)');
  const order = labels.map((l) => l.match(/^(FIG\. \d+ steps? [\d-]+|FIG\. \d+)/)?.[1]).filter((x): x is string => x !== undefined);
  assert.equal(order, [
    'FIG. 3 step 1', 'FIG. 4 steps 2-7', 'FIG. 5',
    'FIG. 3 steps 2-7', 'FIG. 3 step 8', 'FIG. 3 step 9',
    'FIG. 3 steps 2-7', 'FIG. 3 step 8', 'FIG. 3 step 9',
    'FIG. 3 steps 2-7', 'FIG. 3 step 8',
    'FIG. 4',
  ]);
  const data = labels.find((l) => l.startsWith('FIG. 3 steps 2-7'))!;
  assert.match(data, /a\.cpu → a@p1 → p1\.vlan → lanfree1@p1 → lanfree1\.cpu → san\/lanfree1-hba:tx → san\/port-d1:rx/);
  const control = labels.find((l) => l.startsWith('FIG. 4 steps 2-7'))!;
  assert.match(control, /a@p1 → p1\.vlan → vios1\.sea → vios1-lan → tsm1-lan/);
  const server = stepsOf(sink, 'backup server tsm1');
  assert.ok(server.some((l) => l.startsWith('FIG. 4: backup server assigns lib/d1 to the backup of a')));
  assert.ok(server.some((l) => l.startsWith('FIG. 4: backup server records the backup of a')));
});

test('Live Partition Mobility mid-backup: the shared and npiv designs keep their tape paths; lpar2 streams from p2 after the move', () => {
  const shared = run(flagship('shared'));
  const npiv = run(flagship('npiv'));
  for (const r of [shared, npiv]) assert.is(r.jobs.find((j) => j.name === 'backup lpar2')!.status, 'completed');
  // Through lanfree2 in the shared design; through vios2's NPIV pass-through with npiv.
  assert.ok(shared.links.find((l) => l.name === 'lanfree2@p2')!.bytes > 0);
  assert.ok(shared.links.find((l) => l.name === 'lpar2@p2')!.bytes > 0);
  assert.ok(npiv.links.find((l) => l.name === 'san-a/vios2-fcs0:tx')!.bytes > 4 * 400e9, 'vios2 passes p2\'s four clients and part of lpar2');
});

test('a failed SAN path falls back to the LAN through the backup server, and the backup completes', () => {
  const r = run(flagship('shared', [{ path: ['faults'], value: [{ at: '5 min', 'device-fails': 'lanfree1-hba0' }], text: 'faults=[...]' }]));
  assert.is(r.metrics.jobs_failed, 0);
  assert.is(r.metrics.jobs_completed, 9);
  assert.ok(r.metrics.lan_fallbacks >= 4, `the four sessions on lanfree1 fall back: ${r.metrics.lan_fallbacks}`);
  assert.ok(r.metrics.lan_bytes > 0, 'the rest of their data crosses the physical LAN');
  assert.is(r.metrics.job_bytes, 9 * 400 * GB);
});

test('a failed tape drive ends its session (code tape.drive-failed), while a failed SAN path falls back to the LAN', () => {
  const r = run(flagship('shared', [{ path: ['faults'], value: [{ at: '5 min', 'device-fails': 'lib1/d1' }], text: 'faults=[...]' }]));
  const failed = r.jobs.filter((j) => j.status === 'failed');
  assert.ok(failed.length >= 1, 'the session on the failed drive fails');
  for (const j of failed) assert.is(j.code, 'tape.drive-failed', `${j.name}: ${j.reason}`);
  assert.is(r.metrics.lan_fallbacks, 0, 'a failed drive is no reason to go over the LAN');
});

test('restore runs the data path in reverse: locate, then the drive streams through the storage agent to the client', () => {
  const r = run(flagship('shared'));
  const restore = r.jobs.find((j) => j.name === 'restore lpar3')!;
  assert.is(restore.status, 'completed');
  assert.is(restore.bytes, 400 * GB);
  within(r.metrics.restore_makespan, LOCATE + (400 * GB) / LTO8, 0.01, 'restore makespan');
  assert.ok(r.links.find((l) => l.name === 'san-a/lanfree1-hba0:rx')!.bytes >= 400 * GB, 'read back through lanfree1\'s HBA');
});

test('reruns give the same trace hash; designs differ', () => {
  const a = run(flagship('shared')), b = run(flagship('shared'));
  assert.is(a.traceHash, b.traceHash);
  assert.is.not(a.traceHash, run(flagship('lan')).traceHash);
});

test('bad protocol input names the field: an unknown design, a drive without its port, a backup server that is not a host', () => {
  const base = readFileSync(FLAGSHIP, 'utf8');
  const fails = (edit: (t: string) => string, path: RegExp, words: RegExp) => {
    try {
      loadScenario('scenarios/lan-vs-lanfree.yaml', edit(base));
    } catch (e) {
      assert.instance(e, ScenarioError);
      assert.match((e as Error).message, path);
      assert.match((e as Error).message, words);
      return;
    }
    assert.unreachable('expected a ScenarioError');
  };
  fails((t) => t.replace('design: shared\n', 'design: sharred\n'), /protocol\.design/, /"lan", "npiv", "dedicated", "shared"/);
  fails((t) => t.replace(', lib1/d4: lto-d4', ''), /protocol\.drivePorts/, /lib1\/d4/);
  fails((t) => t.replace('backupServer: tsm1', 'backupServer: tsm9'), /lan-vs-lanfree\.yaml:\d+:\d+\s+protocol\.backupServer/, /no host named 'tsm9'/);
  fails((t) => t.replace('restore: { clients: [lpar3], data: 400 GB }', 'restore: { clients: [lpar3], data: 500 GB }'), /protocol\.restore\.data/, /backs up only/);
});

test.run();
