import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { ScenarioError } from '../sim/foundation/errors.ts';
import { MemorySink } from '../sim/trace/sink.ts';
import { readTrace, type TraceRecord } from '../sim/trace/reader.ts';
import { checkBackupSet, type JournalEntry } from '../sim/protocols/consistentsnap/consistency.ts';
import { refusal } from './support/refusal.ts';
import { findingsText } from '../sim/foundation/findings.ts';

const MiB = 1024 ** 2;
const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

/**
 * SQL Server in one VM: C: and D: are virtual disks on the datastore ds1, E:
 * a raw-mapped LUN. The backup client is 1 ms away. Timings are round so the
 * tests can work out every instant by hand: start 10 s, installs 5 s, VSS
 * prepare 2 s, VMware snapshot 3 s, FlashCopy 1 s, a transaction every 10 ms.
 */
const scenario = (protocol = '', opts: { seed?: number; vss?: string } = {}) => `name: consistentsnap test
seed: ${opts.seed ?? 1}
topology:
  hosts: { esx1: {}, backup1: {}, vc1: {} }
  links:
    lan: { between: [backup1, esx1], bandwidth: 10 Gb/s, latency: 1 ms }
  storage:
    array1:
      rate: 2 GB/s
      volumes:
        ds1: { size: 4 TB, used: 1 TB }
        lun-e: { size: 1 TB, used: 100 GB }
  hypervisors:
    hv1:
      host: esx1
      vms:
        sql:
          vss: ${opts.vss ?? '{}'}
          disks:
            c: { kind: virtual, storage: array1, volume: ds1 }
            d: { kind: virtual, storage: array1, volume: ds1 }
            e: { kind: rdm, storage: array1, volume: lun-e }
          writers:
            - { disk: c, rate: 1 MiB/s, pattern: { cv: 0 } }
protocol:
  name: consistentsnap
  client: backup1
  vcenter: vc1
  vm: sql
  route: [lan]
  start: 10 s
  install: 5 s
  prepare: 2 s
  snapshot: { virtual: 3 s, physical: 1 s }
  retry: { attempts: 3, after: 60 s }
  application: { log: e, data: d, tps: 100, arrivals: steady }
${protocol}
`;

/** A protocol field changed: `snapshot: { virtual: 12 s }` and the like are merged by the variant mechanism. */
const variant = (patch: string) => `${scenario()}variants:\n  v:\n    protocol: ${patch}\n`;

function run(text: string, variantName?: string, seed?: number) {
  const scn = loadScenario('t.yaml', text, { variant: variantName });
  const sink = new MemorySink();
  const result = runScenario(scn, { sink, seed });
  return { result, records: [...readTrace(sink.bytes())] };
}

type Labelled = Extract<TraceRecord, { label: string; t: number }>;
/** Steps, marks and messages with a label, in trace order: what a student steps through. */
const labelled = (records: TraceRecord[]) => records.filter((r): r is Labelled => (r.type === 'step' || r.type === 'mark' || r.type === 'send') && (r as Labelled).label !== '');
const stepsOf = (records: TraceRecord[], op: string) => records.filter((r): r is Extract<TraceRecord, { type: 'step' }> => r.type === 'step' && r.op === op);
const s = (t: number) => t / 1e9;
/** What the database found when it checked the backup set, read back from the trace. */
const backupSetCheck = (records: TraceRecord[]) =>
  records.find((r): r is Extract<TraceRecord, { type: 'mark' }> => r.type === 'mark' && r.label.startsWith('SQL Server checks the backup set'))!.data as ReturnType<typeof checkBackupSet>;

test('patented design: the figures\' steps happen in order, FIG. 1 step 1 to FIG. 6 step 3', () => {
  const { records } = run(scenario());
  const seen = labelled(records).map((r) => /^FIG\. (\d) step (\d)/.exec(r.label)).filter((m) => m !== null).map((m) => `${m![1]}.${m![2]}`);
  assert.equal(seen, ['1.1', '1.2', '2.1', '2.2', '3.1', '3.2', '3.3', '4.1', '4.2', '4.3', '4.4', '5.1', '5.2', '5.3', '6.1', '6.2', '6.3']);
});

test('patented design: one freeze of all volumes; hand-computed instants, stall, held writes and copies', () => {
  const { result, records } = run(scenario());
  // 10 s start; disk info 2 ms; FCM 1 ms + 5 s + 1 ms; proxy and VPS the same; disk info to the proxy 2 ms;
  // freeze-writers 1 ms, then VSS prepares 2 s: the freeze is at 10.002 + 5.002 + 5.002 + 0.002 + 0.001 + 2 = 22.009 s.
  const freezes = stepsOf(records, 'vm.freeze');
  assert.is(freezes.length, 1);
  close(s(freezes[0].t), 22.009, 'freeze');
  // frozen -> client 1 ms, snapshot request 1 ms, VMware 3 s (FlashCopy 1 s beside it), taken 1 ms, thaw 1 ms.
  const thaws = stepsOf(records, 'vm.thaw');
  close(s(thaws[0].t), 22.009 + 0.002 + 3 + 0.002, 'thaw');
  const window = 3.004;
  close(result.metrics.hold_window, window, 'hold window');
  close(result.metrics.write_stall, window, 'the write stall equals the frozen interval');
  // Both copies hold the data of the one freeze instant.
  const snaps = stepsOf(records, 'storage.snapshot').map((r) => s(r.t));
  assert.equal(snaps.length, 2);
  close(snaps[0], 22.011 + 1, 'FlashCopy of E:');
  close(snaps[1], 22.011 + 3, 'VMware snapshot of C: and D:');
  assert.is(result.metrics.image_skew, 0);
  // No write of the application lands between freeze and thaw; the transactions that arrived meanwhile
  // (every 10 ms: 22.010 ... 25.010 s, 301 of them) are written at the thaw, log record then page.
  const appWrites = stepsOf(records, 'vm.write').map((r) => s(r.t));
  assert.ok(appWrites.every((t) => t <= 22.009 + 1e-12 || t >= 25.013 - 1e-12), 'a write landed while frozen');
  assert.is(appWrites.filter((t) => Math.abs(t - 25.013) < 1e-12).length, 2 * 301);
  assert.is(result.metrics.queued_writes, 2 * 301);
  // The OS writer on C: (1 MiB at every whole second) is held by the flush-and-hold at 23, 24 and 25 s.
  assert.is(result.metrics.held_bytes, 3 * MiB);
  // At each snapshot the volume holds exactly what was written before the freeze. Writes touch distinct bytes
  // spread uniformly, so the unwritten part shrinks by (1 - bytes/size) per write, in any order:
  // ds1 (4 TB, 1 TB used) took the OS writer's 1 MiB at 1 ... 22 s and 2200 pages of 8 KiB; lun-e (1 TB, 100 GB) 2200 log records of 4 KiB.
  const usedAt = (size: number, used: number, writes: [number, number][]) => size - writes.reduce((free, [n, bytes]) => free * (1 - bytes / size) ** n, size - used);
  const images = records.filter((r): r is Extract<TraceRecord, { type: 'mark' }> => r.type === 'mark' && r.label.startsWith('snapshot array1/'));
  const image = (volume: string) => (images.find((r) => r.label.startsWith(`snapshot array1/${volume}@`))!.data as { used: number }).used;
  close(image('ds1'), usedAt(4e12, 1e12, [[22, MiB], [2200, 8192]]), 'ds1 at its snapshot');
  close(image('lun-e'), usedAt(1e12, 100e9, [[2200, 4096]]), 'lun-e at its snapshot');
  // The copies hold exactly the writes made before the freeze: transactions at 0.01 ... 22.00 s, 2200 of them.
  const c = backupSetCheck(records);
  assert.is(c.contained, 2 * 2200);
  assert.is(c.firstMissing, 2 * 2200);
  assert.is(c.torn, 0);
  assert.equal(c.perDisk, { c: { contained: 0, last: -1 }, d: { contained: 2200, last: 4399 }, e: { contained: 2200, last: 4398 } });
  assert.is(result.metrics.torn_writes, 0);
  assert.is(result.metrics.jobs_completed, 1);
  assert.match(findingsText(result.findings).consistent, /^yes/);
});

test('baseline: VSS then FCM, two freezes, copies of two instants, torn dependent writes counted by hand', () => {
  const { result, records } = run(variant('{ design: separate }'), 'v');
  // Disk info 2 ms; VMware's quiesced snapshot asked at 10.003 s: prepare 2 s, freeze C: D: at 12.003, snapshot 3 s, thaw at 15.003.
  // Back to the client 15.004, FCM asked 15.005: prepare 2 s, freeze E: at 17.005, FlashCopy 1 s, thaw at 18.005.
  const freezes = stepsOf(records, 'vm.freeze').map((r) => s(r.t));
  const thaws = stepsOf(records, 'vm.thaw').map((r) => s(r.t));
  freezes.forEach((t, i) => close(t, [12.003, 17.005][i], `freeze ${i}`));
  thaws.forEach((t, i) => close(t, [15.003, 18.005][i], `thaw ${i}`));
  close(result.metrics.image_skew, 17.005 - 12.003, 'the copies are 5.002 s apart');
  close(result.metrics.write_stall, 3 + 1, 'two frozen intervals');
  // Transactions every 10 ms. D:'s copy (15.003 s) holds the pages of transactions 1..1200 (before 12.003 s);
  // transaction 1201 was held and written at 15.003 s, its log record on E: then its page on D:, after D:'s copy.
  // E:'s copy (18.005 s) holds the log records of transactions 1..1700 (before the freeze at 17.005 s):
  // those of 1202..1700 come after the missing page of 1201 and are torn: 499.
  const expectedTorn = 1700 - 1201;
  // The two copies hold different sets of writes: D:'s stops at transaction 1200, E:'s at 1700.
  const c = backupSetCheck(records);
  assert.equal(c.perDisk.d, { contained: 1200, last: 2 * 1200 - 1 });
  assert.equal(c.perDisk.e, { contained: 1700, last: 2 * 1700 - 2 });
  assert.is(c.firstMissing, 2 * 1200 + 1);
  assert.is(result.metrics.torn_writes, expectedTorn);
  assert.ok(result.metrics.torn_writes > 0);
  assert.match(findingsText(result.findings).consistent, /^no: 499 writes torn/);
});

test('the torn-write check: a prefix is consistent, a copy taken later than its partner tears what it holds beyond the gap', () => {
  const w = (seq: number, disk: string, at: number, held = false): JournalEntry => ({ seq, disk, at, held });
  const journal = [w(0, 'e', 1), w(1, 'd', 1), w(2, 'e', 2), w(3, 'd', 2), w(4, 'e', 3), w(5, 'd', 3)];
  assert.equal(checkBackupSet(journal, new Map([['d', 2.5], ['e', 2.5]])).torn, 0);
  // D: copied at 1.5, E: at 3.5: E:'s copy holds log records 0, 2 and 4, D:'s only page 1; page 3 is missing, so record 4 is torn.
  const c = checkBackupSet(journal, new Map([['d', 1.5], ['e', 3.5]]));
  assert.is(c.firstMissing, 3);
  assert.is(c.torn, 1);
  // A write the flush-and-hold held reaches the disk after the copy, whatever its timestamp.
  assert.is(checkBackupSet([w(0, 'e', 1, true), w(1, 'd', 1)], new Map([['d', 5], ['e', 5]])).torn, 1);
});

test('a snapshot slower than the flush-and-hold window aborts cleanly and is retried per policy', () => {
  const { result, records } = run(variant('{ snapshot: { virtual: 12 s } }'), 'v');
  // Each attempt holds for exactly the 10 s window, then VSS cancels; the snapshots made are deleted.
  const freezes = stepsOf(records, 'vm.freeze').map((r) => s(r.t));
  const thaws = stepsOf(records, 'vm.thaw').map((r) => s(r.t));
  assert.is(freezes.length, 3);
  freezes.forEach((t, i) => close(thaws[i] - t, 10, `hold ${i}`));
  // Attempt k+1 freezes 74.004 s after attempt k: snapshots asked 2 ms after the freeze, VMware's 12 s,
  // abort to the client 1 ms, retry after 60 s, freeze-writers 1 ms, prepare 2 s.
  close(freezes[0], 22.009, 'first freeze');
  close(freezes[1] - freezes[0], 74.004, 'second attempt');
  close(freezes[2] - freezes[1], 74.004, 'third attempt');
  assert.is(result.metrics.snapshot_attempts, 3);
  assert.is(result.metrics.aborted_attempts, 3);
  close(result.metrics.hold_window, 30, 'three 10 s holds');
  assert.is(stepsOf(records, 'storage.snapshot').length, 6);
  assert.is(stepsOf(records, 'storage.snapshot.delete').length, 6);
  assert.is(result.metrics.jobs_failed, 1);
  assert.match(result.jobs[0].reason ?? '', /not released within 10 s/);
});

test('a freeze held within the flush-and-hold window succeeds at the first attempt', () => {
  const { result } = run(variant('{ snapshot: { virtual: 9 s } }'), 'v');
  close(result.metrics.hold_window, 9.004, 'hold');
  assert.is(result.metrics.snapshot_attempts, 1);
  assert.is(result.metrics.aborted_attempts, 0);
  assert.is(result.metrics.jobs_completed, 1);
  assert.is(result.metrics.torn_writes, 0);
});

test('seeded snapshot times: exactly the attempts whose hold would pass 10 s abort, and a retry then succeeds', () => {
  const text = variant('{ snapshot: { virtual: 9 s, cv: 0.2 }, retry: { attempts: 5 } }');
  let found = false;
  for (let seed = 1; seed <= 30 && !found; seed++) {
    const { result, records } = run(text, 'v', seed);
    // The providers' times, read back from their labelled sleeps, attempt by attempt.
    const times = (label: RegExp) => records.filter((r): r is Extract<TraceRecord, { type: 'step' }> => r.type === 'step' && label.test(r.label)).map((r) => (r.data as { seconds: number }).seconds);
    const virtual = times(/^FIG\. 5 step 3/), physical = times(/^FIG\. 5 step 2/);
    // The hold lasts 2 ms of messages, the slower provider, then 2 ms more.
    const expected = virtual.map((v, i) => 0.002 + Math.max(v, physical[i]) + 0.002 > 10);
    const aborted = expected.filter(Boolean).length;
    assert.is(result.metrics.aborted_attempts, aborted, `seed ${seed}`);
    assert.is(result.metrics.snapshot_attempts, virtual.length);
    if (expected[expected.length - 1] === false) assert.is(result.metrics.jobs_completed, 1);
    if (aborted > 0 && result.metrics.jobs_completed === 1) {
      assert.is(result.metrics.torn_writes, 0);
      found = true;
    }
  }
  assert.ok(found, 'no seed in 1..30 had an abort followed by a successful retry');
});

test('the backup job carries its VSS sets\' step results: time frozen per attempt, and a freeze over the writer\'s limit counted', () => {
  // three attempts, each held the 10 s window, then cancelled: the job's record has all three thaws
  const slow = run(variant('{ snapshot: { virtual: 12 s } }'), 'v').result.jobs[0].results!;
  close(slow['vm.thaw.frozenFor'] / 1e9, 30, 'three 10 s holds');
  assert.is(slow['vm.thaw.overLimit'], 0, 'within the writers\' 60 s');
  const ok = run(variant('{ snapshot: { virtual: 9 s } }'), 'v').result;
  close(ok.jobs[0].results!['vm.thaw.frozenFor'] / 1e9, ok.metrics.hold_window, 'one hold, the hold window');
  // a writer limit of 2 s against a 3 s snapshot: the one freeze is over the limit
  const over = run(scenario('', { vss: '{ freeze: 2 s }' }).replace('retry: { attempts: 3, after: 60 s }', 'retry: { attempts: 1 }')).result;
  assert.is(over.jobs[0].results!['vm.thaw.overLimit'], 1);
  // the separate design: two VSS sets, one per requester, both in the one job's record
  const separate = run(variant('{ design: separate }'), 'v').result;
  assert.is(separate.metrics.snapshot_attempts, 2);
  close(separate.jobs[0].results!['vm.thaw.frozenFor'] / 1e9, separate.metrics.hold_window, 'both holds');
});

test('a writer frozen past its own limit fails the snapshot set', () => {
  // Exchange-like writer limit of 2 s against a 3 s VMware snapshot: the flush-and-hold (10 s) is not the limit here.
  const { result } = run(scenario('', { vss: '{ freeze: 2 s }' }).replace('retry: { attempts: 3, after: 60 s }', 'retry: { attempts: 1 }'));
  assert.is(result.metrics.aborted_attempts, 1);
  close(result.metrics.write_stall, 2, 'the writer gave up after 2 s');
  assert.match(result.jobs[0].reason ?? '', /writer stayed frozen past its 2 s limit/);
});

test('the array failing between the two snapshots aborts the attempt cleanly: the hold is released at once, the run goes on', () => {
  const text = `${scenario().replace('retry: { attempts: 3, after: 60 s }', 'retry: { attempts: 1 }')}faults:\n  - { at: 24 s, device-fails: array1 }\n`;
  const { result, records } = run(text);
  // FlashCopy of E: at 23.011 s succeeds; VMware's snapshot of ds1 at 25.011 s meets the failed array.
  assert.is(result.metrics.jobs_failed, 1);
  assert.match(result.jobs[0].reason ?? '', /snapshot of array1\/ds1 failed: .*storage system 'array1' failed at 24 s/);
  close(s(stepsOf(records, 'vm.thaw')[0].t), 25.011, 'the VPS releases the hold when the provider fails');
  close(result.metrics.hold_window, 25.011 - 22.009, 'hold');
  // The database's held writes to E: are refused at the thaw: it stops, and says so.
  assert.match(findingsText(result.findings).application, /SQL Server stopped at 25\.011 s: .*array1/);
});

test('determinism: the same seed gives the same trace; another seed moves the Poisson transactions', () => {
  const text = scenario().replace('arrivals: steady', 'arrivals: poisson');
  const a = run(text).result, b = run(text).result, c = run(text, undefined, 2).result;
  assert.is(a.traceHash, b.traceHash);
  assert.is.not(a.traceHash, c.traceHash);
  assert.is.not(a.metrics.queued_writes, c.metrics.queued_writes);
  const steady = run(scenario()).result, steady2 = run(scenario(), undefined, 2).result;
  assert.is(steady.metrics.queued_writes, steady2.metrics.queued_writes);
});

const errorOf = (text: string): ScenarioError => refusal(text, 'bad.yaml');

test('bad input names the file, the field and what was expected', () => {
  let e = errorOf(scenario().replace('vm: sql', 'vm: sq1'));
  assert.is(e.path, 'protocol.vm');
  assert.match(e.message, /^bad\.yaml:\d+:\d+/);
  assert.match(e.expected, /no VM named 'sq1'; VMs are: sql/);
  e = errorOf(scenario('  volumes: [c, f]'));
  assert.is(e.path, 'protocol.volumes[1]');
  assert.match(e.expected, /VM 'sql' has no disk named 'f'; its disks are: c, d, e/);
  e = errorOf(scenario().replace('application: { log: e', 'application: { log: x'));
  assert.is(e.path, 'protocol.application.log');
  e = errorOf(scenario().replace('client: backup1', 'client: backup2'));
  assert.is(e.path, 'protocol.client');
  assert.match(e.expected, /no host named 'backup2'/);
  e = errorOf(scenario().replace('route: [lan]', 'route: [wan]'));
  assert.is(e.path, 'protocol.route[0]');
  e = errorOf(scenario().replace('start: 10 s', 'strat: 10 s'));
  assert.is(e.path, 'protocol.strat');
  assert.match(e.expected, /unknown field 'strat'; expected one of: name, design, client/);
  e = errorOf(scenario().replace('tps: 100', 'tps: 0'));
  assert.is(e.path, 'protocol.application.tps');
  e = errorOf(scenario('  design: both'));
  assert.is(e.path, 'protocol.design');
});

test('the CLI refuses a bad reference in the protocol section: exit 2, file:line, field path, nothing written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backlab-consistentsnap-'));
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, readFileSync('scenarios/consistentsnap.yaml', 'utf8').replace('application: { log: e', 'application: { log: f'));
  const { FORCE_COLOR: _force, ...env } = process.env;
  const r = spawnSync(process.execPath, ['bin/backlab.mjs', 'run', bad, '--out', join(dir, 'out')], { encoding: 'utf8', env });
  assert.is(r.status, 2);
  assert.match(r.stderr, /bad\.yaml:\d+:\d+ {2}protocol\.application\.log\n {2}VM 'sql' has no disk named 'f'; its disks are: c, d, e/);
  assert.not.ok(existsSync(join(dir, 'out')));
});

test('scenarios/consistentsnap.yaml runs as its description says, both variants, checks pass', () => {
  const text = readFileSync('scenarios/consistentsnap.yaml', 'utf8');
  const variants = loadScenario('scenarios/consistentsnap.yaml', text).variants;
  assert.equal(variants, ['patented', 'separate', 'slow-vmware', 'flaky-vmware']);
  for (const v of variants) {
    const r = runScenario(loadScenario('scenarios/consistentsnap.yaml', text, { variant: v }));
    assert.ok(r.checks.length > 0);
    for (const c of r.checks) assert.ok(c.pass, `${v}: ${c.check} (${c.measured})`);
  }
});

test('the documented default route (none) runs: the client\'s messages arrive at once, the backup completes (issue 20)', () => {
  const text = readFileSync('scenarios/consistentsnap.yaml', 'utf8').replace(/^(\s*)route: \[lan\]$/m, '$1# route: its default, none');
  assert.ok(!/^\s*route: \[lan\]$/m.test(text));
  const r = runScenario(loadScenario('consistentsnap.yaml', text));
  assert.ok(r.jobs.length > 0 && r.jobs.every((j) => j.status === 'completed'), JSON.stringify(r.jobs.map((j) => [j.name, j.status, j.reason])));
  const withRoute = runScenario(loadScenario('consistentsnap.yaml', readFileSync('scenarios/consistentsnap.yaml', 'utf8')));
  const first = (x: typeof r) => Math.min(...x.jobs.map((j) => j.end ?? Infinity));
  assert.ok(first(r) < first(withRoute), `no link, no delay: ${first(r)} vs ${first(withRoute)}`);
});

test.run();
