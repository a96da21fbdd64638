import { Ledger } from '../sim/engine/ledger.ts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { Kernel } from '../sim/engine/kernel.ts';
import { transfer, type Command, type Custom, type TransferResult } from '../sim/engine/commands.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { parseSetting } from '../sim/scenario/overrides.ts';
import { MemorySink } from '../sim/trace/sink.ts';
import { readTrace } from '../sim/trace/reader.ts';
import { computeFamily, type ComputeDef } from '../sim/model/servers/family.ts';
import type { FamilyRuntime } from '../sim/model/family.ts';
import { refusal } from './support/refusal.ts';

const close = (a: number | null | undefined, b: number, what: string, tol = 1e-9) =>
  assert.ok(a !== null && a !== undefined && Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

const errorOf = (text: string): string => refusal(text, 't.yaml').message;

const job = (r: ReturnType<typeof runScenario>, name: string) => r.jobs.find((j) => j.name === name)!;
const device = (r: ReturnType<typeof runScenario>, name: string) => r.devices.find((d) => d.name === name)!;

// ---------------------------------------------------------------- host CPU

const copies = (jobs: string, host = '{ cores: 2 }') => `name: copies
topology:
  hosts: { h1: ${host} }
workload:
  jobs:
${jobs}
`;

test('one copy of B bytes alone on a host takes B / copyBandwidth and costs as many CPU seconds', () => {
  // 3 GB at the default 6 GB/s per core (CacheBench, domain-figures §6): 0.5 s.
  const r = runScenario(loadScenario('c.yaml', copies('    one: { steps: [ { host.copy: { host: h1, bytes: 3 GB } } ] }', '{ cores: 4 }')));
  close(job(r, 'one').end, 3e9 / 6e9, 'copy time');
  assert.is(job(r, 'one').bytes, 3e9);
  const cpu = device(r, 'h1.cpu');
  assert.is(cpu.kind, 'cpu');
  close(cpu.bytes / 6e9, 0.5, 'CPU seconds = device bytes / copyBandwidth');
  // a slower core, given in the scenario
  const s = runScenario(loadScenario('c.yaml', copies('    one: { steps: [ { host.copy: { host: h1, bytes: 3 GB } } ] }', '{ cores: 1, copyBandwidth: 12 GB/s }')));
  close(job(s, 'one').end, 0.25, 'copy time at 12 GB/s');
});

test('processor sharing: 4 equal copies on 2 cores each take 2 B / copyBandwidth', () => {
  const four = [1, 2, 3, 4].map((i) => `    c${i}: { steps: [ { host.copy: { host: h1, bytes: 6 GB } } ] }`).join('\n');
  const r = runScenario(loadScenario('c.yaml', copies(four)));
  // Hand-computed: 2 cores shared by 4 copies, 0.5 core each: 6e9 / (0.5 × 6e9) = 2 s = 2 B / copyBandwidth.
  for (const i of [1, 2, 3, 4]) close(job(r, `c${i}`).end, (2 * 6e9) / 6e9, `copy ${i}`);
  // Two copies on two cores do not slow each other: 1 s each (the per-flow cap is one core).
  const two = runScenario(loadScenario('c.yaml', copies([1, 2].map((i) => `    c${i}: { steps: [ { host.copy: { host: h1, bytes: 6 GB } } ] }`).join('\n'))));
  for (const i of [1, 2]) close(job(two, `c${i}`).end, 1, `copy ${i} of 2`);
  close(device(r, 'h1.cpu').busy, 2, 'CPU busy time');
  close(device(r, 'h1.cpu').bytes / 6e9, 4, 'CPU seconds: 4 copies of 1 s');
});

test('seven successive copies cost seven times the CPU seconds of one (the feed-plex premise)', () => {
  const one = runScenario(loadScenario('c.yaml', copies('    j: { steps: [ { host.copy: { host: h1, bytes: 1 GB } } ] }')));
  const seven = runScenario(loadScenario('c.yaml', copies('    j: { steps: [ { host.copy: { host: h1, bytes: 1 GB, copies: 7 } } ] }')));
  const steps = runScenario(loadScenario('c.yaml', copies(`    j: { steps: [ ${Array(7).fill('{ host.copy: { host: h1, bytes: 1 GB } }').join(', ')} ] }`)));
  const cpuS = (r: ReturnType<typeof runScenario>) => device(r, 'h1.cpu').bytes / 6e9;
  close(cpuS(one), 1e9 / 6e9, 'one copy: 1 GB / 6 GB/s');
  close(cpuS(seven), 7 * 1e9 / 6e9, 'seven copies');
  close(cpuS(seven) / cpuS(one), 7, 'ratio');
  close(cpuS(steps), cpuS(seven), 'seven steps of one copy = one step of seven copies');
  close(job(seven, 'j').end, 7 / 6, 'seven copies in a row on one core');
  close(job(steps, 'j').end, 7 / 6, 'seven steps in a row (each rounded up to the nanosecond)', 1e-8);
  // the job counts the buffer, not the bytes copied
  assert.is(job(seven, 'j').bytes, 1e9);
});

test('the CPU link in a route charges one copy per byte: a flow is no faster than its host can copy', () => {
  const r = runScenario(loadScenario('c.yaml', `name: route
topology:
  hosts: { h1: { cores: 8, copyBandwidth: 1 GB/s } }
  links: { lan: { bandwidth: 10 Gb/s } }
workload:
  jobs:
    send: { steps: [ { transfer: { route: [h1.cpu, lan], bytes: 10 GB } } ] }
`));
  // one flow takes one core: min(1.25 GB/s, 1 GB/s) = 1 GB/s
  close(job(r, 'send').end, 10, 'CPU-bound send');
  close(device(r, 'h1.cpu').bytes / 1e9, 10, 'CPU seconds');
});

test('host: bad input names the field', () => {
  assert.match(errorOf(copies('    j: { steps: [ { host.copy: { host: h2, bytes: 1 GB } } ] }', '{ cores: 2 }').replace('h1: { cores: 2 }', 'h1: { cores: 2 }, h2: {}')),
    /workload\.jobs\.j\.steps\[0\]\.host\.copy\.host\n {2}no cpu named 'h2'; cpus are: h1/);
  assert.match(errorOf(copies('    j: { steps: [ { sleep: 1 s } ] }', '{ cores: 0 }')), /topology\.hosts\.h1\.cores\n {2}a host needs more than 0 cores/);
  assert.match(errorOf(copies('    j: { steps: [ { sleep: 1 s } ] }', '{ copyBandwidth: 6 GB/s }')), /topology\.hosts\.h1\.copyBandwidth\n {2}a copy rate needs cores/);
  assert.match(errorOf(copies('    j: { steps: [ { sleep: 1 s } ] }', '{ cores: 2, copyBandwidth: 6 GHz }')), /topology\.hosts\.h1\.copyBandwidth/);
  // copies must be a whole number >= 1: the step fails with the reason
  const r = runScenario(loadScenario('c.yaml', copies('    j: { steps: [ { host.copy: { host: h1, bytes: 1 GB, copies: 0 } } ] }')));
  assert.is(job(r, 'j').status, 'failed');
  assert.match(job(r, 'j').reason!, /copies must be a whole number >= 1/);
});

// ---------------------------------------------------------------- servers, vLAN, SEA

const server = (extra = '', jobs = '', faults = '') => `name: server
topology:
  hosts: { backup: {} }
  links: { lan: { bandwidth: 10 Gb/s } }
  servers:
    p1:
      cores: 16
      vlan: { bandwidth: 10 Gb/s, latency: 1 ms }
      vios: { name: vios1, cores: 2, clock: 3.3 GHz }
      partitions:
        lpar1: { cores: 4, memory: 64 GB }
        lpar2: { cores: 2, memory: 8 GB }
${extra}
workload:
  jobs:
${jobs}
${faults}`;

test('two partitions on one server move bytes over the virtual LAN at its bandwidth after its latency', () => {
  const r = runScenario(loadScenario('s.yaml', server('', '    v: { steps: [ { transfer: { route: [lpar1@p1, p1.vlan, lpar2@p1], bytes: 10 GB } } ] }')));
  // 1 ms + 10e9 B / 1.25e9 B/s = 8.001 s
  close(job(r, 'v').end, 1e-3 + 10e9 / 1.25e9, 'vLAN transfer');
  const link = r.links.find((l) => l.name === 'p1.vlan')!;
  assert.is(link.bandwidth, 1.25e9);
  assert.is(link.latency, 1e-3);
  // defaults: 50 Gb/s (POWER8 PLSO) after 20 us
  const d = runScenario(loadScenario('s.yaml', server('', '    v: { steps: [ { transfer: { route: [lpar1@p1, p1.vlan, lpar2@p1], bytes: 10 GB } } ] }').replace('      vlan: { bandwidth: 10 Gb/s, latency: 1 ms }\n', '')));
  close(job(d, 'v').end, 20e-6 + 10e9 / 6.25e9, 'default vLAN');
});

test('traffic bridged through the SEA is limited by the VIOS cores: cores × clock / cycles per byte', () => {
  // MTU 1500: 1.65e9 cycles per GbE at 948 Mb/s = 118.5 MB/s = 13.92 cycles/B; 2 cores × 3.3 GHz / 13.92 = 4 × 118.5 MB/s = 474 MB/s.
  const sea = 2 * 3.3e9 / (1.65e9 / (948e6 / 8));
  close(sea, 474e6, 'hand-computed SEA rate');
  const r = runScenario(loadScenario('s.yaml', server('', '    out: { steps: [ { transfer: { route: [lpar1@p1, p1.vlan, vios1.sea, lan], bytes: 4.74 GB } } ] }')));
  close(job(r, 'out').end, 1e-3 + 4.74e9 / sea, 'through the SEA');
  assert.is(device(r, 'vios1.sea').kind, 'sea');
  close(device(r, 'vios1.sea').busy, 10, 'SEA busy while the bytes cross it');
  // MTU 9000, one core at 1.65 GHz: half a processor per GbE at 117.9 MB/s, so one core bridges 2 × 117.9 = 235.8 MB/s.
  const j = runScenario(loadScenario('s.yaml', server('', '    out: { steps: [ { transfer: { route: [lpar1@p1, p1.vlan, vios1.sea, lan], bytes: 2.358 GB } } ] }')
    .replace('vios: { name: vios1, cores: 2, clock: 3.3 GHz }', 'vios: { name: vios1, mtu: 9000 }')));
  close(job(j, 'out').end, 1e-3 + 2.358e9 / (2 * 989e6 / 8), 'jumbo frames: half a processor per GbE of 989 Mb/s');
  // Two partitions share the SEA: each gets half.
  const two = runScenario(loadScenario('s.yaml', server('', [1, 2].map((i) => `    out${i}: { steps: [ { transfer: { route: [lpar${i}@p1, p1.vlan, vios1.sea, lan], bytes: 2.26 GB } } ] }`).join('\n'))));
  for (const i of [1, 2]) close(job(two, `out${i}`).end, 1e-3 + 2.26e9 / (sea / 2), `partition ${i} sharing the SEA`);
});

test('a partition is a host: copies run on its entitled cores', () => {
  const r = runScenario(loadScenario('s.yaml', server('', '    c: { steps: [ { host.copy: { host: lpar2, bytes: 12 GB, copies: 2 } } ] }')));
  // 2 copies of 12 GB on one of lpar2's two cores: 24e9 / 6e9 = 4 s (one flow runs on one core)
  close(job(r, 'c').end, 4, 'partition copy');
  close(device(r, 'lpar2.cpu').bytes / 6e9, 4, 'partition CPU seconds');
});

test('servers: bad input names the field', () => {
  const twice = server('    p2:\n      cores: 8\n      partitions: { lpar1: { memory: 1 GB } }', '    j: { steps: [ { sleep: 1 s } ] }');
  assert.match(errorOf(twice), /topology\.servers\.p2\.partitions\.lpar1\n {2}'lpar1' is already a partition of server 'p1'/);
  const over = server('', '    j: { steps: [ { sleep: 1 s } ] }').replace('lpar1: { cores: 4,', 'lpar1: { cores: 13,');
  assert.match(errorOf(over), /topology\.servers\.p1\.partitions\n {2}the partitions and the VIOS are entitled to 17 cores \(vios1 2, lpar1 13, lpar2 2\) but p1 has 16/);
  const hostCores = server('', '    j: { steps: [ { sleep: 1 s } ] }').replace('hosts: { backup: {} }', 'hosts: { backup: {}, lpar1: { cores: 8 } }');
  assert.match(errorOf(hostCores), /topology\.hosts\.lpar1\.cores\n {2}'lpar1' is a partition of server 'p1'/);
  assert.match(errorOf(server('', '    j: { steps: [ { sleep: 1 s } ] }').replace('clock: 3.3 GHz', 'clock: fast')), /topology\.servers\.p1\.vios\.clock/);
  assert.match(errorOf(server('', '    j: { steps: [ { sleep: 1 s } ] }').replace('memory: 8 GB', 'memory: lots')), /topology\.servers\.p1\.partitions\.lpar2\.memory\n {2}"lots" is not a size/);
  const clash = server('', '    j: { steps: [ { sleep: 1 s } ] }').replace('links: { lan: { bandwidth: 10 Gb/s } }', 'links: { lan: { bandwidth: 10 Gb/s }, p1.vlan: { bandwidth: 1 Gb/s } }');
  assert.match(errorOf(clash), /topology\.servers\.p1\n {2}this makes a link named 'p1\.vlan', but a link of that name already exists/);
  assert.match(errorOf(server('', '    v: { steps: [ { transfer: { route: [lpar1@p9], bytes: 1 GB } } ] }')), /steps\[0\]\.transfer\.route\[0\]\n {2}no link named 'lpar1@p9'/);
  const sleep = server('', '    j: { steps: [ { sleep: 1 s } ] }');
  assert.match(errorOf(sleep.replace('bandwidth: 10 Gb/s, latency: 1 ms', 'bandwidth: 0 Gb/s')), /topology\.servers\.p1\.vlan\.bandwidth\n {2}expected a rate above zero/);
  assert.match(errorOf(sleep.replace('clock: 3.3 GHz', 'clock: 0 GHz')), /topology\.servers\.p1\.vios\.clock\n {2}"0 GHz" is not a clock rate/);
});

test('a VIOS written empty is one with every default (p1-vios, 1 core at 1.65 GHz, MTU 1500: 118.5 MB/s); a server without one has none', () => {
  const sleep = server('', '    j: { steps: [ { sleep: 1 s } ] }');
  const vios = (text: string) => (loadScenario('s.yaml', text).models.get('servers') as ComputeDef).servers[0].vios;
  const d = vios(sleep.replace('vios: { name: vios1, cores: 2, clock: 3.3 GHz }', 'vios: {}'))!;
  assert.equal([d.name, d.cores, d.clock, d.mtu], ['p1-vios', 1, 1.65e9, 1500]);
  close(d.rate, 948e6 / 8, 'the sizing rule: one 1.65 GHz processor per GbE of 948 Mb/s');
  assert.is(vios(sleep.replace('      vios: { name: vios1, cores: 2, clock: 3.3 GHz }\n', '')), null);
});

// ---------------------------------------------------------------- Live Partition Mobility

const lpm = (opts: { inflight?: string; jobs?: string; faults?: string; mover?: string; memory?: string } = {}) => `name: lpm
topology:
  hosts: { backup: {} }
  links: { lan: { bandwidth: 10 Gb/s } }
  servers:
    p1:
      cores: 16
      vlan: { latency: 0 s }
      vios: { name: vios1, cyclesPerByte: 16.5 }
      partitions:
        lpar1: { cores: 4, memory: 64 GB }
        lpar2: { cores: 2, memory: ${opts.memory ?? '8 GB'} }
      ${opts.mover ?? ''}
      lpm: { inflight: ${opts.inflight ?? 'pause'} }
    p2:
      cores: 16
      vlan: { latency: 0 s }
      vios: { name: vios2, cyclesPerByte: 16.5 }
workload:
  jobs:
${opts.jobs ?? '    idle: { steps: [ { sleep: 1 s } ] }'}
${opts.faults ?? ''}`;

test('LPM of 256 GB over an 80 MB/s mover takes 256e9 / 80e6 = 3200 s plus the pause', () => {
  const r = runScenario(loadScenario('l.yaml', lpm({ memory: '256 GB', jobs: '    move: { steps: [ { lpm.migrate: { partition: lpar2, to: p2 } } ] }' })));
  close(job(r, 'move').end, 3200 + 2, 'LPM time');
  assert.is(job(r, 'move').bytes, 256e9);
  // developerWorks: "256 GB ... at least 3276.8 s" at 80 MB/s is 1024-based: 256 GiB at 80 MiB/s.
  const dw = runScenario(loadScenario('l.yaml', lpm({ memory: '256 GiB', mover: 'mover: { bandwidth: 80 MiB/s }', jobs: '    move: { steps: [ { lpm.migrate: { partition: lpar2, to: p2, route: [p1.mover] } } ] }' })));
  close(job(dw, 'move').end, 256 * 1024 / 80 + 2, 'developerWorks example', 1e-12);
  close(256 * 1024 / 80, 3276.8, 'and that is 3276.8 s');
  // the route and memory may be given; the pause too
  const g = runScenario(loadScenario('l.yaml', lpm({ jobs: '    move: { steps: [ { lpm.migrate: { partition: lpar2, to: p2, memory: 10 GB, route: [lan] } } ] }' })
    .replace('lpm: { inflight: pause }', 'lpm: { switchover: 500 ms }')));
  close(job(g, 'move').end, 10e9 / 1.25e9 + 0.5, 'over the LAN with a 0.5 s pause');
});

/** The model on its own kernel, with actors that yield commands and keep what they get. */
function world(text: string) {
  const scn = loadScenario('w.yaml', text);
  const sink = new MemorySink();
  const kernel = new Kernel({ seed: 1, sink });
  for (const l of scn.links) kernel.net.addLink(l.name, l);
  const rt = computeFamily.build(scn.models.get('servers') as ComputeDef, { kernel, ledger: new Ledger(() => kernel.now), device: (name, _kind, spec) => kernel.net.addLink(name, spec) }) as FamilyRuntime;
  const log: [number, string, unknown][] = [];
  const actor = (name: string, start: number, cmds: (Command | Custom)[]) => kernel.spawn(name, function* (ctx) {
    if (start > 0) yield { op: 'sleep', duration: start * 1e9 };
    for (const c of cmds) {
      try { const v: unknown = yield c; log.push([ctx.now / 1e9, name, v]); } catch (e) { log.push([ctx.now / 1e9, name, (e as Error).message]); }
    }
  });
  const marks = () => { kernel.finish(); return [...readTrace(sink.bytes())].filter((x) => x.type === 'mark' || x.type === 'step').map((x) => [(x as { t: number }).t / 1e9, (x as { label: string }).label]); };
  return { kernel, rt, log, actor, marks };
}

test('a flow over the partition\'s adapter pauses during the switch-over and goes on; the old adapter then drains and goes down', () => {
  // SEA: 1 core × 1.65 GHz / 16.5 cycles/B = 100 MB/s. 20 GB alone: 200 s. LPM at 10 s: 8 GB / 80 MB/s = 100 s, pause 110-112 s.
  const w = world(lpm());
  const out = ['lpar2@p1', 'p1.vlan', 'vios1.sea', 'lan'];
  w.actor('send', 0, [transfer(out, 20e9)]);
  w.actor('late', 150, [transfer(['lpar2@p1'], 2e12)]);
  w.actor('ask', 50, [{ op: 'partition.where', partition: 'lpar2' }]);
  w.actor('ask2', 115, [{ op: 'partition.where', partition: 'lpar2' }]);
  w.actor('after', 300, [transfer(out, 1e9), transfer(['lpar2@p2', 'p2.vlan', 'vios2.sea', 'lan'], 1e9)]);
  w.kernel.at(10e9, () => assert.ok(w.rt.migrate!('lpar2', 'p2')));
  w.kernel.run();
  const [sendAt, , send] = w.log.find((x) => x[1] === 'send')!;
  close(sendAt, 202, 'the flow ends the pause later than 200 s');
  assert.is((send as TransferResult).bytes, 20e9);
  assert.equal(w.log.find((x) => x[1] === 'ask')![2], { partition: 'lpar2', server: 'p1', migratingTo: 'p2' });
  assert.equal(w.log.find((x) => x[1] === 'ask2')![2], { partition: 'lpar2', server: 'p2', migratingTo: null });
  // A transfer opened on the old adapter after the move is dropped when the adapter drains (with the last old connection, at 202 s).
  const late = w.log.find((x) => x[1] === 'late')!;
  close(late[0], 202, 'newcomer dropped at the drain', 1e-6);
  assert.match(late[2] as string, /link 'lpar2@p1' went down/);
  const after = w.log.filter((x) => x[1] === 'after');
  assert.match(after[0][2] as string, /link 'lpar2@p1' is down/);
  close(after[1][0], 300 + 10, 'the new server\'s adapter and SEA carry it');
  const marks = w.marks().map(([t, l]) => `${t} ${l}`);
  for (const m of ['10 LPM: copying memory of lpar2 to p2', '110 LPM: lpar2 paused', '112 LPM: lpar2 virtual adapters re-attached on p2']) assert.ok(marks.includes(m), `trace has "${m}": ${marks.join(' | ')}`);
});

test('with inflight: fail the flow over the old adapter fails at the start of the pause', () => {
  const r = runScenario(loadScenario('l.yaml', lpm({
    inflight: 'fail',
    jobs: '    send: { steps: [ { transfer: { route: [lpar2@p1, p1.vlan, vios1.sea, lan], bytes: 20 GB } } ] }',
    faults: 'faults:\n  - { at: 10 s, migrate: { partition: lpar2, to: p2 } }',
  })));
  const send = job(r, 'send');
  assert.is(send.status, 'failed');
  close(send.end, 110, 'fails when the pause begins');
  close(send.bytes, 0, 'a failed step adds no bytes to its job');
  assert.match(send.reason!, /link 'lpar2@p1' went down/);
});

test('the paused partition stops copying; the target must have room; a second migration waits its turn', () => {
  const w = world(lpm());
  // 60 GB on one core of lpar2: 10 s alone; the migration pauses it from 110 s to 112 s.
  w.actor('copy', 105, [{ op: 'host.copy', host: 'lpar2', bytes: 60e9 }]);
  w.actor('mig', 10, [{ op: 'lpm.migrate', partition: 'lpar2', to: 'p2' }]);
  w.actor('again', 20, [{ op: 'lpm.migrate', partition: 'lpar2', to: 'p2' }]);
  w.actor('full', 20, [{ op: 'lpm.migrate', partition: 'lpar1', to: 'p1' }]);
  w.kernel.run();
  const copy = w.log.find((x) => x[1] === 'copy')!;
  close(copy[0], 105 + 10 + 2, 'copy pushed back by the pause');
  close((copy[2] as { cpuSeconds: number }).cpuSeconds, 10, 'CPU seconds of the copy');
  const mig = w.log.find((x) => x[1] === 'mig')!;
  close(mig[0], 112, 'migration done');
  assert.equal(mig[2], { bytes: 8e9, partition: 'lpar2', from: 'p1', to: 'p2', rounds: 1, finalBytes: 0, converged: true, copySeconds: 100, downtime: 2 });
  assert.match(w.log.find((x) => x[1] === 'again')![2] as string, /lpar2 is already migrating to p2/);
  assert.match(w.log.find((x) => x[1] === 'full')![2] as string, /lpar1 already runs on p1/);
  // p2 has 16 cores less its VIOS's 1: a 16-core partition does not fit.
  const big = world(lpm().replace('lpar1: { cores: 4, memory: 64 GB }', 'lpar1: { cores: 13, memory: 64 GB }').replace('p2:\n      cores: 16', 'p2:\n      cores: 12'));
  big.actor('big', 0, [{ op: 'lpm.migrate', partition: 'lpar1', to: 'p2' }]);
  big.kernel.run();
  assert.match(big.log[0][2] as string, /p2 has 11 free cores and lpar1 is entitled to 13/);
});

test('a migration whose memory copy fails is aborted and the partition stays', () => {
  const r = runScenario(loadScenario('l.yaml', lpm({
    jobs: '    move: { steps: [ { lpm.migrate: { partition: lpar2, to: p2 } } ] }\n    send: { start: 200 s, steps: [ { transfer: { route: [lpar2@p1, p1.vlan, vios1.sea, lan], bytes: 1 GB } } ] }',
    faults: 'faults:\n  - { at: 60 s, link-down: lan }',
  }).replace('lpm.migrate: { partition: lpar2, to: p2 }', 'lpm.migrate: { partition: lpar2, to: p2, route: [p1.mover, lan] }')));
  const move = job(r, 'move');
  assert.is(move.status, 'failed');
  close(move.end, 60, 'aborted when the LAN went down');
  assert.match(move.reason!, /LPM of lpar2 to p2 aborted, it stays on p1/);
  // still on p1: its adapter there carries the next transfer... until it meets the LAN that is down
  assert.match(job(r, 'send').reason!, /link 'lan' is down/);
});

test('device-fails on a SEA or a CPU fails the flows crossing it', () => {
  const r = runScenario(loadScenario('l.yaml', lpm({
    jobs: '    send: { steps: [ { transfer: { route: [lpar2@p1, p1.vlan, vios1.sea, lan], bytes: 20 GB } } ] }\n    copy: { steps: [ { host.copy: { host: lpar1, bytes: 60 GB } } ] }',
    faults: 'faults:\n  - { at: 5 s, device-fails: vios1.sea }\n  - { at: 4 s, device-fails: lpar1.cpu }',
  })));
  assert.equal([job(r, 'send').status, job(r, 'send').end], ['failed', 5]);
  assert.match(job(r, 'send').reason!, /link 'vios1\.sea' went down/);
  assert.equal([job(r, 'copy').status, job(r, 'copy').end], ['failed', 4]);
  close(device(r, 'vios1.sea').bytes, 5e8, 'bridged before the failure');
});

test('LPM: bad input names the field', () => {
  assert.match(errorOf(lpm({ faults: 'faults:\n  - { at: 10 s, migrate: { partition: lpar2, to: p3 } }' })), /faults\[0\]\.migrate\.to\n {2}no server named 'p3'; servers are: p1, p2/);
  assert.match(errorOf(lpm({ faults: 'faults:\n  - { at: 10 s, migrate: { partition: vios1, to: p2 } }' })), /faults\[0\]\.migrate\.partition\n {2}no partition named 'vios1'; partitions are: lpar1, lpar2/);
  assert.match(errorOf(lpm({ jobs: '    m: { steps: [ { lpm.migrate: { partition: lpar2, to: p9 } } ] }' })), /steps\[0\]\.lpm\.migrate\.to\n {2}no server named 'p9'/);
  assert.match(errorOf(lpm({ inflight: 'drop' })), /topology\.servers\.p1\.lpm\.inflight\n {2}expected one of: "pause", "fail"/);
});

test('scenarios/compute.yaml runs and its checks hold', () => {
  const text = readFileSync(new URL('../scenarios/compute.yaml', import.meta.url), 'utf8');
  const sink = new MemorySink();
  const r = runScenario(loadScenario('scenarios/compute.yaml', text), { sink });
  assert.ok(r.checks.length > 0 && r.checks.every((c) => c.pass), JSON.stringify(r.checks));
  const labels = [...readTrace(sink.bytes())].filter((x) => x.type === 'mark' || x.type === 'step').map((x) => (x as { label: string }).label);
  for (const l of ['LPM: copying memory of lpar2 to p750b', 'LPM: lpar2 paused', 'LPM: lpar2 virtual adapters re-attached on p750b']) assert.ok(labels.includes(l), l);
  // the headline numbers, by hand: the SEA at 2 × 3.5 GHz / (1.65e9 / 113e6) cycles per byte; 70 us of latency; the 2 s pause
  const sea = (2 * 3.5e9) / (1.65e9 / (948e6 / 8));
  close(job(r, 'backup').end, 200e9 / sea + 2 + 70e-6, 'backup across the move');
  close(job(r, 'backup-after-move').end, 600 + 50e9 / sea + 70e-6, 'backup from the new server');
  close(device(r, 'tsm.cpu').bytes / 6e9, (7 + 1) * 200e9 / 6e9, 'CPU seconds on tsm');
  // same seed, same run
  assert.is(runScenario(loadScenario('scenarios/compute.yaml', text, { sets: [parseSetting('seed=1')] })).traceHash, r.traceHash);
});

test.run();
