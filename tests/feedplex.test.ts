import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScenarioError } from '../sim/foundation/errors.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { MemorySink } from '../sim/trace/sink.ts';
import { readTrace } from '../sim/trace/reader.ts';
import { refusal } from './support/refusal.ts';
import { findingsText } from '../sim/foundation/findings.ts';

const close = (a: number, b: number, what: string, rel = 1e-9) => assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

const COPY = 6e9; // bytes/s one core copies (the hosts' default)

interface World {
  design?: 'feed-plex' | 'traditional';
  sourceCores?: number;
  targetCores?: number;
  pipe?: string;
  disk?: string;
  bytes?: string;
  block?: string;
  extraPlex?: boolean;
  restore?: boolean;
  app?: string;
  faults?: string;
}

/** Two nodes as FIG. 3 draws them: vol54 (plex58 on a disk, plex56 to the adapter) and vol74 (feed plex76, plex78 on a disk). */
function scenario(w: World = {}): string {
  return `name: feedplex test
topology:
  hosts:
    node50: { cores: ${w.sourceCores ?? 1} }
    node70: { cores: ${w.targetCores ?? 1} }
  links:
    to70: { between: [node50, node70], bandwidth: ${w.pipe ?? '100 GB/s'}, latency: 0 s }
    to50: { between: [node70, node50], bandwidth: ${w.pipe ?? '100 GB/s'}, latency: 0 s }
  volumes:
    vol54:
      host: node50
      plexes:
        plex58: { disk: { rate: ${w.disk ?? '100 GB/s'} } }
        plex56: { network: { route: [to70] } }
    vol74:
      host: node70
      plexes:
        plex76: { network: { route: [to50] } }
        plex78: { disk: { rate: ${w.disk ?? '100 GB/s'} } }${w.extraPlex ? `\n        plex79: { disk: { rate: ${w.disk ?? '100 GB/s'} } }` : ''}
protocol:
  name: feedplex
  design: ${w.design ?? 'feed-plex'}
  block: ${w.block ?? '10 MB'}
  backups:
    nightly:
      source: { volume: vol54, plex: plex56 }
      target: { volume: vol74, feedPlex: plex76 }
      bytes: ${w.bytes ?? '1 GB'}${w.restore ? '\n  restores:\n    back: { backup: nightly }' : ''}${w.app ? `\n  applications:\n    db: ${w.app}` : ''}
${w.faults ? `faults:\n${w.faults}\n` : ''}`;
}

type Step = { t: number; label: string; data: { fig: number; step: number; block: number; host: string; layer: string; copies: number } };

function run(w: World = {}, seed?: number) {
  const sink = new MemorySink();
  const r = runScenario(loadScenario('fp.yaml', scenario(w)), { sink, seed });
  const records = [...readTrace(sink.bytes())];
  const steps = records.filter((x) => x.type === 'step' && x.label.startsWith('FIG. ')).map((x) => x as unknown as Step);
  const dev = (n: string) => r.devices.find((d) => d.name === n)?.bytes ?? r.links.find((l) => l.name === n)!.bytes;
  return { r, m: r.metrics, steps, records, dev };
}

/** Each block's steps in the order the trace has them. */
function perBlock(steps: Step[], fig: number): Map<number, Step[]> {
  const out = new Map<number, Step[]>();
  for (const s of steps.filter((x) => x.data.fig === fig)) out.set(s.data.block, [...(out.get(s.data.block) ?? []), s]);
  return out;
}

test('FIG. 2: every block is copied exactly seven times, in the figure\'s order, four of them through the user layer', () => {
  const { m, steps } = run({ design: 'traditional' });
  const blocks = perBlock(steps, 2);
  assert.is(blocks.size, 100); // 1 GB in 10 MB blocks
  for (const [, s] of blocks) {
    assert.equal(s.map((x) => x.data.step), [1, 2, 3, 4, 5, 6, 7]);
    assert.is(s.reduce((a, x) => a + x.data.copies, 0), 7);
    assert.equal(s.map((x) => x.data.host), ['node50', 'node50', 'node50', 'node70', 'node70', 'node70', 'node70']);
    assert.equal(s.map((x) => x.data.layer), ['kernel', 'user', 'user', 'network', 'user', 'user', 'kernel']);
    for (let i = 1; i < s.length; i++) assert.ok(s[i].t >= s[i - 1].t);
  }
  assert.match(steps[0].label, /^FIG\. 2 step 1: physical layer to volume manager on node50: volume vol54 reads the block from plex plex58/);
  assert.equal([m.copies_total, m.copies_user, m.copies_kernel, m.copies_network, m.blocks], [700, 400, 200, 100, 100]);
  assert.equal([m.source_copies, m.target_copies], [300, 400]);
});

test('FIG. 3: the feed-plex path makes no copy in the user layer; five per block, in the figure\'s order', () => {
  const { m, steps, dev } = run();
  const blocks = perBlock(steps, 3);
  assert.is(blocks.size, 100);
  for (const [, s] of blocks) {
    assert.equal(s.map((x) => x.data.step), [1, 2, 3, 4, 5]);
    assert.equal(s.map((x) => x.data.host), ['node50', 'node50', 'node70', 'node70', 'node70']);
    assert.ok(s.every((x) => x.data.layer !== 'user'));
  }
  assert.ok(steps.every((x) => x.data.layer !== 'user'));
  assert.equal([m.copies_total, m.copies_user, m.copies_kernel, m.copies_network], [500, 0, 400, 100]);
  assert.match(steps.find((x) => x.data.step === 4)!.label, /FIG\. 3 step 4: feed plex plex76 receives the block from the network adapter of node70 and feeds it to feed volume vol74/);
  // CPU: 2 copies of 1 GB on node50, 3 on node70, at 6 GB/s a core.
  close(m.source_cpu_seconds, 2e9 / COPY, 'source CPU s');
  close(m.target_cpu_seconds, 3e9 / COPY, 'target CPU s');
  assert.equal([dev('node50.cpu'), dev('node70.cpu')], [2e9, 3e9]);
});

test('a feed volume writes every plex except the feed plex: each disk once, the pipe once, nothing back over the feed plex', () => {
  const { m, dev, steps } = run({ extraPlex: true });
  assert.equal([dev('vol74.plex78'), dev('vol74.plex79'), dev('to70'), dev('to50')], [1e9, 1e9, 1e9, 0]);
  // the source's disk was read once; a write to a third plex is one more copy per block
  assert.is(dev('vol54.plex58'), 1e9);
  assert.is(m.copies_total, 600);
  assert.match(steps.find((x) => x.data.step === 5)!.label, /feed volume vol74 directs the block to every other plex: plex plex78, plex plex79$/);
});

test('a backup\'s job record sums every pipeline step\'s device work: the source read once, the pipe once, each target plex but the feed plex written once', () => {
  const { r, dev } = run({ extraPlex: true });
  const nightly = r.jobs.find((j) => j.name === 'nightly')!;
  // 1 GB in 100 blocks of 10 MB; the read and the pipe are steps 1 and 3, the feed volume's write step 5, each run by another actor
  assert.equal(nightly.results, { 'volume.read.bytes': 1e9, 'transfer.bytes': 1e9, 'volume.write.bytes': 1e9, 'volume.write.plexBytes': 2e9 });
  assert.is(nightly.results!['volume.write.plexBytes'], dev('vol74.plex78') + dev('vol74.plex79'), 'what the plexes\' device links carried');
  const back = run({ restore: true }).r.jobs.find((j) => j.name === 'back')!;
  assert.is(back.results!['transfer.bytes'], 1e9, 'the restore crosses the pipe back once');
});

test('FIG. 4: the restore swaps the roles first, runs its steps in order the other way, and restores exactly the bytes backed up', () => {
  const { r, m, records, steps, dev } = run({ restore: true, bytes: '1005 MB' });
  const swap = records.findIndex((x) => x.type === 'mark' && x.label.startsWith('FIG. 4 step 1: roles reverse'));
  assert.ok(swap > 0, 'the role swap is marked');
  assert.match((records[swap] as { label: string }).label, /plex plex78 becomes the feed plex of feed volume vol74 .* plex plex76 sends to the network adapter of node70, plex plex56 becomes the feed plex of volume vol54, which becomes a feed volume/);
  const at = (s: Step) => records.indexOf(s as never);
  // every backup step came before the swap, every restore step after it
  assert.ok(steps.filter((x) => x.data.fig === 3).every((x) => at(x) < swap));
  assert.ok(steps.filter((x) => x.data.fig === 4).every((x) => at(x) > swap));
  const blocks = perBlock(steps, 4);
  assert.is(blocks.size, 101); // the last block is the 5 MB left over
  for (const [, s] of blocks) {
    assert.equal(s.map((x) => x.data.step), [2, 3, 4, 5, 6]);
    assert.equal(s.map((x) => x.data.host), ['node70', 'node70', 'node50', 'node50', 'node50']);
  }
  const [backup, restore] = ['nightly', 'back'].map((n) => r.jobs.find((j) => j.name === n)!);
  assert.equal([backup.status, restore.status], ['completed', 'completed']);
  assert.is(restore.bytes, backup.bytes);
  assert.equal([m.backed_up_bytes, m.restored_bytes], [1.005e9, 1.005e9]);
  assert.ok(restore.start >= backup.end!);
  // the restore read plex 78 and wrote plex 58, over plex 76's route back; no user-layer copy either way
  assert.equal([dev('vol74.plex78'), dev('vol54.plex58'), dev('to70'), dev('to50')], [2.01e9, 2.01e9, 1.005e9, 1.005e9]);
  assert.is(m.copies_user, 0);
});

/** Blocks per second through the pipeline's last step, from two of its starts in the steady state. */
function steadyRate(steps: Step[], fig: number, block: number): number {
  const last = Math.max(...steps.filter((x) => x.data.fig === fig).map((x) => x.data.step));
  const starts = steps.filter((x) => x.data.fig === fig && x.data.step === last);
  // away from the fill at the start and the drain at the end, when fewer steps share the cores
  const [a, b] = [starts[20], starts[starts.length - 20]];
  return ((b.data.block - a.data.block) * block) / ((b.t - a.t) / 1e9);
}

test('when the copies bound the throughput, the ratio of the two paths is the ratio of their copies on the busiest node', () => {
  // One core a node; disks and pipe far faster. Each node's copies share its core, so a node making c
  // copies of every block passes COPY / c bytes a second; the slower node sets the pace.
  const perNode = { traditional: [3, 4], 'feed-plex': [2, 3] }; // [node50, node70], counted from FIG. 2 and FIG. 3 by hand
  const expected = (d: keyof typeof perNode) => COPY / Math.max(...perNode[d]);
  const trad = run({ design: 'traditional', bytes: '2 GB' });
  const feed = run({ bytes: '2 GB' });
  close(steadyRate(trad.steps, 2, 1e7), expected('traditional'), 'FIG. 2 rate', 1e-6);
  close(steadyRate(feed.steps, 3, 1e7), expected('feed-plex'), 'FIG. 3 rate', 1e-6);
  close(steadyRate(feed.steps, 3, 1e7) / steadyRate(trad.steps, 2, 1e7), 4 / 3, 'throughput ratio', 1e-6);
  // and the whole backups agree to within the pipeline's fill (a few blocks of 200)
  close(feed.m.backup_rate / trad.m.backup_rate, 4 / 3, 'backup_rate ratio', 0.02);
  // CPU seconds: 7 and 5 copies of 2 GB at 6 GB/s
  close(trad.m.cpu_seconds, (7 * 2e9) / COPY, 'FIG. 2 CPU s');
  close(feed.m.cpu_seconds, (5 * 2e9) / COPY, 'FIG. 3 CPU s');
  assert.match(findingsText(trad.r.findings).busiest, /^node70\.cpu: /);
  assert.is(findingsText(trad.r.findings).cpu, `node50 ${(3 * 2e9 / COPY).toFixed(2)}, node70 ${(4 * 2e9 / COPY).toFixed(2)} core-seconds (copies and applications)`);
  assert.match(findingsText(trad.r.findings).copies, /backup nightly: node50 3 \(user 2, kernel 1\), node70 4 \(user 2, kernel 1, network 1\)/);
});

test('a backup bound by the pipe takes the pipeline\'s closed form: the other steps once, the pipe once per block', () => {
  // 8 cores a node: no step waits for a core. Steps of a 100 MB block: read and copies at 6 GB/s, pipe at 1 GB/s.
  const { m } = run({ sourceCores: 8, targetCores: 8, pipe: '1 GB/s', disk: '6 GB/s', bytes: '5 GB', block: '100 MB' });
  const b = 1e8, n = 50;
  const fast = b / COPY, pipe = b / 1e9;
  // FIG. 3: steps 1, 2 before the pipe, 4, 5 after; the pipe is the slowest, so it sets the pace
  close(m.backup_seconds, 4 * fast + n * pipe, 'backup seconds');
  const trad = run({ design: 'traditional', sourceCores: 8, targetCores: 8, pipe: '1 GB/s', disk: '6 GB/s', bytes: '5 GB', block: '100 MB' });
  close(trad.m.backup_seconds, 6 * fast + n * pipe, 'FIG. 2 backup seconds');
});

test('an application sharing a node\'s core runs slower under the traditional path: it gets one share in (copies + 1)', () => {
  // node70's one core: 4 copy steps (FIG. 2) or 3 (FIG. 3) and the application share it equally while the backup streams.
  // It starts once the pipeline is full and ends well before the backup does.
  const app = '{ host: node70, cpu: 0.5 s, start: 0.5 s }';
  const trad = run({ design: 'traditional', bytes: '12 GB', block: '60 MB', app });
  const feed = run({ bytes: '12 GB', block: '60 MB', app });
  close(trad.m.application_seconds, 0.5 * 5, 'FIG. 2: 1/5 of the core', 1e-6);
  close(feed.m.application_seconds, 0.5 * 4, 'FIG. 3: 1/4 of the core', 1e-6);
  const alone = run({ bytes: '12 GB', block: '60 MB', app: '{ host: node50, cpu: 0.5 s, start: 20 s }' });
  close(alone.m.application_seconds, 0.5, 'alone');
});

test('a disk failing under the feed volume: a mirror carries on; the only plex failing fails the backup, and its restore has nothing to restore', () => {
  // 100 MB/s disks: the backup takes 10 s; plex78's disk fails at 2 s.
  const fault = '  - { at: 2 s, device-fails: vol74.plex78 }';
  const mirrored = run({ extraPlex: true, disk: '100 MB/s', faults: fault, restore: true });
  assert.equal(mirrored.r.jobs.map((j) => [j.name, j.status]), [['nightly', 'completed'], ['back', 'completed']]);
  // the restore reads the surviving plex79
  assert.is(mirrored.dev('vol74.plex79'), 2e9);
  const alone = run({ disk: '100 MB/s', faults: fault, restore: true });
  const [backup, restore] = alone.r.jobs;
  assert.is(backup.status, 'failed');
  assert.match(backup.reason!, /^FIG\. 3 step 5 on node70: .*plex78/);
  assert.ok(backup.bytes < 1e9 && backup.bytes === alone.m.backed_up_bytes);
  assert.is(restore.status, 'failed');
  assert.match(restore.reason!, /nothing to restore: its backup failed/);
  // every step's actor ended: no actor is left waiting for a block or a credit
  const ended = new Set(alone.records.filter((x) => x.type === 'end').map((x) => (x as { pid: number }).pid));
  const stages = alone.records.filter((x) => x.type === 'actor' && / step \d+$/.test((x as { name: string }).name));
  assert.is(stages.length, 10);
  assert.ok(stages.every((x) => ended.has((x as { pid: number }).pid)));
});

test('a read never comes from the plex wired to the adapter: with the source\'s only disk failed, the backup fails (fuzz seed 27)', () => {
  // Before the fix the read went on over plex56, the adapter's plex, and the backup "completed" with no source data.
  for (const design of ['feed-plex', 'traditional'] as const) {
    const { r, dev } = run({ design, disk: '100 MB/s', faults: '  - { at: 2 s, device-fails: vol54.plex58 }' });
    const [backup] = r.jobs;
    assert.is(backup.status, 'failed', design);
    assert.match(backup.reason!, /step 1 on node50: .*no plex could serve the read \(plex58: /);
    // the adapter's route carried only blocks sent across, never a read
    assert.ok(dev('to70') <= dev('vol54.plex58'), `${design}: ${dev('to70')} over the pipe, ${dev('vol54.plex58')} read`);
  }
});

test('the same seed gives the same trace; a comparison scenario is read as written', () => {
  const a = run({ restore: true, app: '{ host: node70, cpu: 1 s }' });
  const b = run({ restore: true, app: '{ host: node70, cpu: 1 s }' });
  assert.is(a.r.traceHash, b.r.traceHash);
  assert.is(run({ design: 'traditional' }).r.traceHash === a.r.traceHash, false);
});

const errorOf = (text: string): ScenarioError => refusal(text, 'bad.yaml');

test('bad input names the file and the field: unknown volume or plex, a feed plex on a disk, one node, an unknown backup, a host without cores', () => {
  const base = scenario({ restore: true, app: '{ host: node70, cpu: 1 s }' });
  let e = errorOf(base.replace('source: { volume: vol54', 'source: { volume: vol99'));
  assert.match(e.file, /^bad\.yaml:\d+:\d+$/);
  assert.is(e.path, 'protocol.backups.nightly.source.volume');
  assert.match(e.expected, /no volume named 'vol99'; volumes are: vol54, vol74/);
  e = errorOf(base.replace('feedPlex: plex76', 'feedPlex: plex78'));
  assert.is(e.path, 'protocol.backups.nightly.target.feedPlex');
  assert.match(e.expected, /is on a disk; it must be wired to a network adapter/);
  e = errorOf(base.replace('feedPlex: plex76', 'feedPlex: plex77'));
  assert.match(e.expected, /volume 'vol74' has no plex named 'plex77'; its plexes are: plex76, plex78/);
  e = errorOf(base.replace('target: { volume: vol74, feedPlex: plex76 }', 'target: { volume: vol54, feedPlex: plex56 }'));
  assert.is(e.path, 'protocol.backups.nightly.target.volume');
  assert.match(e.expected, /the source's own node/);
  e = errorOf(base.replace('back: { backup: nightly }', 'back: { backup: weekly }'));
  assert.is(e.path, 'protocol.restores.back.backup');
  assert.match(e.expected, /no backup named 'weekly'; backups are: nightly/);
  e = errorOf(base.replace('node70: { cores: 1 }', 'node70: {}'));
  assert.is(e.path, 'protocol.backups.nightly.target.volume');
  assert.match(e.expected, /the target node 'node70' has no CPU modelled/);
  e = errorOf(base.replace('db: { host: node70', 'db: { host: node71'));
  assert.is(e.path, 'protocol.applications.db.host');
  assert.match(e.expected, /no host with cores named 'node71'; hosts with cores are: node50, node70/);
  // the schema: a misspelt field, a design that does not exist
  e = errorOf(base.replace('design: feed-plex', 'design: zero-copy'));
  assert.is(e.path, 'protocol.design');
  e = errorOf(base.replace('bytes: 1 GB', 'bytes: 1 GB\n      strat: 1 s'));
  assert.match(e.path, /^protocol\.backups\.nightly/);
});

test('backlab refuses a bad feed-plex scenario with exit status 2, the file, line and field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backlab-feedplex-'));
  const file = join(dir, 'bad.yaml');
  writeFileSync(file, scenario().replace('feedPlex: plex76', 'feedPlex: plex78'));
  const { FORCE_COLOR: _force, ...env } = process.env;
  const r = spawnSync(process.execPath, [new URL('../bin/backlab.mjs', import.meta.url).pathname, 'validate', file], { encoding: 'utf8', env });
  rmSync(dir, { recursive: true });
  assert.is(r.status, 2, r.stderr);
  assert.match(r.stderr, /bad\.yaml:\d+:\d+ {2}protocol\.backups\.nightly\.target\.feedPlex\n {2}plex 'plex78' of volume 'vol74' is on a disk/);
});

for (const file of ['feedplex-two-node.yaml', 'feedplex-multi-node.yaml']) {
  test(`scenarios/${file}: every variant runs and its checks hold`, () => {
    const text = readFileSync(new URL(`../scenarios/${file}`, import.meta.url), 'utf8');
    const base = loadScenario(file, text);
    for (const variant of [null, ...base.variants]) {
      const r = runScenario(variant === null ? base : loadScenario(file, text, { variant }));
      const failed = r.checks.filter((c) => !c.pass).map((c) => `${c.check}: measured ${c.measured}`);
      assert.equal(failed, [], `${variant ?? 'base'}`);
    }
  });
}

test.run();
