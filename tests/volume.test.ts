import { Ledger } from '../sim/engine/ledger.ts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { Kernel } from '../sim/engine/kernel.ts';
import type { Custom } from '../sim/engine/commands.ts';
import { volumesFamily } from '../sim/model/volumes/family.ts';
import type { VolumeDef } from '../sim/model/volumes/volume.ts';
import { ScenarioError } from '../sim/foundation/errors.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { runEachStep } from './support/steps.ts';
import { refusal } from './support/refusal.ts';

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

const base = (steps: string, extra = '') => `name: volumes
topology:
  hosts: { h: {}, far: {} }
  links:
    nic: { between: [h, far], bandwidth: 100 MB/s, latency: 2 ms }
    wan: { bandwidth: 50 MB/s, latency: 10 ms }
  volumes:
    v:
      host: h
      plexes:
        p1: { disk: { rate: 200 MB/s } }
        p2: { disk: { rate: 120 MB/s } }
    m:
      host: h
      plexes:
        local: { disk: { rate: 300 MB/s } }
        remote: { network: { route: [nic, wan] } }
workload:
  jobs:
    j:
      steps:
${steps}
${extra}`;

test('a two-plex write costs both plexes: bytes / min(plex rates), and both disks carry the bytes', () => {
  const r = runScenario(loadScenario('v.yaml', base('        - volume.write: { volume: v, bytes: 12 GB }')));
  const j = r.jobs.find((x) => x.name === 'j')!;
  assert.is(j.status, 'completed');
  close(j.end!, 12e9 / Math.min(200e6, 120e6), 'write time'); // 100 s
  const dev = Object.fromEntries(r.devices.map((d) => [d.name, d]));
  assert.is(dev['v.p1'].bytes, 12e9);
  assert.is(dev['v.p2'].bytes, 12e9);
  assert.is(dev['v.p1'].kind, 'plex');
  // The faster disk was busy only as long as it needed: 12 GB / 200 MB/s.
  close(dev['v.p1'].busy, 60, 'p1 busy');
  close(dev['v.p2'].busy, 100, 'p2 busy');
  // The job counts the volume's bytes once.
  assert.is(j.bytes, 12e9);
});

test('a read uses one plex: the first disk plex by default, or the one named', () => {
  const r = runScenario(loadScenario('v.yaml', base('        - volume.read: { volume: v, bytes: 10 GB }\n        - volume.read: { volume: v, bytes: 6 GB, plex: p2 }')));
  const j = r.jobs[0];
  close(j.end!, 10e9 / 200e6 + 6e9 / 120e6, 'read times'); // 50 s + 50 s
  const dev = Object.fromEntries(r.devices.map((d) => [d.name, d.bytes]));
  assert.equal([dev['v.p1'], dev['v.p2']], [10e9, 6e9]);
});

test("a network plex's bytes cross its route; the write ends with the slower of disk and route", () => {
  const r = runScenario(loadScenario('v.yaml', base('        - volume.write: { volume: m, bytes: 3 GB }\n        - volume.read: { volume: m, bytes: 1 GB }')));
  const links = Object.fromEntries(r.links.map((l) => [l.name, l.bytes]));
  // Only the write crossed the route (the read used the local disk).
  assert.equal([links.nic, links.wan], [3e9, 3e9]);
  const j = r.jobs[0];
  // Write: max(3 GB / 300 MB/s, 12 ms + 3 GB / 50 MB/s) = 60.012 s; read: 1 GB / 300 MB/s.
  close(j.end!, 60.012 + 1e9 / 300e6, 'write then read');
});

/** The volumes family alone in a kernel, and one process yielding `steps`; what each returned or threw, and when. */
function play(text: string, steps: Custom[], ...failAt: { t: number; device: string }[]) {
  const scn = loadScenario('p.yaml', text);
  const kernel = new Kernel({ seed: 1 });
  for (const l of scn.links) kernel.net.addLink(l.name, l);
  const rt = volumesFamily.build(scn.models.get('volumes') as VolumeDef[], { kernel, ledger: new Ledger(() => kernel.now), device: (n, _k, spec) => kernel.net.addLink(n, spec) });
  for (const f of failAt) kernel.at(f.t, () => rt?.failDevice?.(f.device));
  return { out: runEachStep(kernel, steps), kernel };
}

const idle = base('        - sleep: 0 s');

test('the commands answer in their own words: plex bytes, the plex read, the plexes fed', () => {
  const { out } = play(idle, [
    { op: 'volume.write', volume: 'v', bytes: 6e9 },
    { op: 'volume.read', volume: 'v', bytes: 2e9 },
    { op: 'volume.feed', volume: 'm', from: 'remote', bytes: 1e9 },
  ]);
  assert.equal(out[0], { t: 50, value: { bytes: 6e9, plexBytes: 12e9, plexes: ['p1', 'p2'], detached: [] } });
  assert.equal(out[1], { t: 60, value: { bytes: 2e9, plex: 'p1' } });
  // The feed: 1 GB arrives over the route (12 ms + 20 s at 50 MB/s) while it is written to the local plex (3.33 s).
  assert.equal(out[2].value, { bytes: 1e9, plexBytes: 1e9, from: 'remote', plexes: ['local'], detached: [] });
  close(out[2].t, 60 + 0.012 + 20, 'feed end');
});

test('a feed plex feeds every other plex: its route carries the bytes once, each other plex once', () => {
  const text = idle.replace('        remote: { network: { route: [nic, wan] } }', '        remote: { network: { route: [nic, wan] } }\n        second: { disk: { rate: 100 MB/s } }');
  const { out, kernel } = play(text, [{ op: 'volume.feed', volume: 'm', from: 'remote', bytes: 1e9 }, { op: 'volume.feed', volume: 'm', from: 'local', bytes: 1e9 }]);
  const carried = (n: string) => kernel.net.linkCarried(kernel.net.linkId(n));
  assert.equal(out[0].value.plexes, ['local', 'second']);
  close(out[0].t, 20.012, 'network feed');
  // A feed from a disk plex is a resync: read `local` (300 MB/s) into `second` (100 MB/s) and over the route to `remote` (50 MB/s).
  assert.equal(out[1].value.plexes, ['remote', 'second']);
  close(out[1].t, 20.012 + 20.012, 'resync');
  assert.equal([carried('nic'), carried('wan'), carried('m.local'), carried('m.second')], [2e9, 2e9, 2e9, 2e9]);
});

test('a write with `except` skips that plex: a feed volume writes every plex but the one its bytes came in by', () => {
  const text = idle.replace('        remote: { network: { route: [nic, wan] } }', '        remote: { network: { route: [nic, wan] } }\n        second: { disk: { rate: 100 MB/s } }');
  const { out, kernel } = play(text, [
    { op: 'volume.write', volume: 'm', bytes: 1e9, except: 'remote' },
    { op: 'volume.write', volume: 'v', bytes: 1e9, except: 'nope' },
  ]);
  const carried = (n: string) => kernel.net.linkCarried(kernel.net.linkId(n));
  // The two disks only (the slower at 100 MB/s: 10 s); the network plex's route carries nothing.
  assert.equal(out[0], { t: 10, value: { bytes: 1e9, plexBytes: 2e9, plexes: ['local', 'second'], detached: [] } });
  assert.equal([carried('nic'), carried('m.local'), carried('m.second')], [0, 1e9, 1e9]);
  assert.match(out[1].error!, /volume 'v' has no plex named 'nope'/);
});

test('a plex whose disk fails is detached: the write completes on the other, reads go elsewhere', () => {
  const { out } = play(idle, [
    { op: 'volume.write', volume: 'v', bytes: 12e9 },
    { op: 'volume.read', volume: 'v', bytes: 1.2e9 },
    { op: 'volume.read', volume: 'v', bytes: 1e9, plex: 'p1' },
  ], { t: 10e9, device: 'v.p1' });
  // p1 fails at 10 s; p2 finishes its 12 GB at 100 s.
  assert.equal(out[0], { t: 100, value: { bytes: 12e9, plexBytes: 12e9, plexes: ['p2'], detached: ['p1'] } });
  // The read goes to p2, the only attached plex: 10 s.
  assert.equal(out[1], { t: 110, value: { bytes: 1.2e9, plex: 'p2' } });
  assert.match(out[2].error!, /plex 'p1' of volume 'v' is detached \(its disk 'v.p1' failed\)/);
});

test('a read whose plex fails mid-way reads the rest from the next plex', () => {
  const { out } = play(idle, [{ op: 'volume.read', volume: 'v', bytes: 4e9 }], { t: 5e9, device: 'v.p1' });
  // 1 GB from p1 in 5 s, then the other 3 GB from p2 at 120 MB/s: 25 s more.
  assert.equal(out[0].value, { bytes: 4e9, plex: 'p2' });
  close(out[0].t, 30, 'read with failover');
  // Every plex gone: the write fails, and so does any later one.
  const gone = play(idle, [{ op: 'volume.write', volume: 'v', bytes: 1e9 }, { op: 'volume.write', volume: 'v', bytes: 1e9 }], { t: 1e9, device: 'v.p1' }, { t: 2e9, device: 'v.p2' });
  assert.equal(gone.out[0].t, 2);
  assert.match(gone.out[0].error!, /volume.write v: every plex failed \(p1: its disk 'v.p1' failed; p2: its disk 'v.p2' failed\)/);
  assert.match(gone.out[1].error!, /every plex of volume 'v' is detached/);
});

const errorOf = (text: string): ScenarioError => refusal(text, 'bad.yaml');

test('bad input names the field: an unknown link, an unknown host, a plex with no rate, both disk and network, an unknown volume', () => {
  let e = errorOf(idle.replace('route: [nic, wan]', 'route: [nic, san]'));
  assert.is(e.path, 'topology.volumes.m.plexes.remote.network.route[1]');
  assert.match(e.expected, /no link named 'san'; links are: nic, wan/);
  e = errorOf(idle.replace('route: [nic, wan]', 'route: [nic, nic]'));
  assert.is(e.path, 'topology.volumes.m.plexes.remote.network.route');
  e = errorOf(idle.replace('    m:\n      host: h', '    m:\n      host: nowhere'));
  assert.is(e.path, 'topology.volumes.m.host');
  assert.match(e.expected, /no host named 'nowhere'; hosts are: h, far/);
  e = errorOf(idle.replace('p2: { disk: { rate: 120 MB/s } }', 'p2: { disk: { rate: 0 MB/s } }'));
  assert.is(e.path, 'topology.volumes.v.plexes.p2.disk.rate');
  e = errorOf(idle.replace('p2: { disk: { rate: 120 MB/s } }', 'p2: { disk: { rate: 120 MB/s }, network: { route: [nic] } }'));
  assert.match(e.path, /^topology\.volumes\.v\.plexes\.p2/);
  e = errorOf(idle.replace('        - sleep: 0 s', '        - volume.write: { volume: w, bytes: 1 GB }'));
  assert.is(e.path, 'workload.jobs.j.steps[0].volume.write.volume');
  e = errorOf(idle.replace('    nic: {', '    v.p1: { bandwidth: 1 GB/s }\n    nic: {'));
  assert.is(e.path, 'topology.volumes.v.plexes.p1');
});

test('scenarios/volumes.yaml runs and its checks hold', () => {
  const r = runScenario(loadScenario('volumes.yaml', readFileSync(new URL('../scenarios/volumes.yaml', import.meta.url), 'utf8')));
  assert.ok(r.checks.every((c) => c.pass), JSON.stringify(r.checks));
  const dev = Object.fromEntries(r.devices.map((d) => [d.name, d.bytes]));
  // The write reached both disks; the read only the first.
  assert.equal([dev['datavol.fast'], dev['datavol.slow']], [60e9, 30e9]);
  close(r.jobs.find((j) => j.name === 'mirror')!.end!, 30e9 / 150e6 + 30e9 / 200e6, 'write then read');
});

test('a plex resolves to its disk (device VOLUME.PLEX, rate, latency 0 s unless given) or its route; a zero rate is refused at its field', () => {
  const defs = loadScenario('v.yaml', idle.replace('p2: { disk: { rate: 120 MB/s } }', 'p2: { disk: { rate: 120 MB/s, latency: 5 ms } }')).models.get('volumes') as VolumeDef[];
  assert.equal(defs.map((v) => [v.name, v.host, v.plexes]), [
    ['v', 'h', [{ name: 'p1', disk: { device: 'v.p1', rate: 200e6, latency: 0 } }, { name: 'p2', disk: { device: 'v.p2', rate: 120e6, latency: 5e6 } }]],
    ['m', 'h', [{ name: 'local', disk: { device: 'm.local', rate: 300e6, latency: 0 } }, { name: 'remote', network: { route: ['nic', 'wan'] } }]],
  ]);
  const e = errorOf(idle.replace('p1: { disk: { rate: 200 MB/s } }', 'p1: { disk: { rate: 0 MB/s } }'));
  assert.equal([e.path, e.expected], ['topology.volumes.v.plexes.p1.disk.rate', 'expected a rate above zero, got "0 MB/s"']);
});

test.run();
