import { Ledger } from '../sim/engine/ledger.ts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import type { RunResult } from '../sim/foundation/result.ts';
import { MemorySink } from '../sim/trace/sink.ts';
import { readTrace } from '../sim/trace/reader.ts';
import { backhitchRate, matchedRate, type DriveSpec } from '../sim/model/libraries/tape-drive.ts';
import { tapeFamily, type TapeDef } from '../sim/model/libraries/family.ts';
import { Kernel } from '../sim/engine/kernel.ts';
import { any, sleep, type AnyResult } from '../sim/engine/commands.ts';
import { refusal } from './support/refusal.ts';

// Independent figures, as the spec sheets print them (IBM TS4500 LTO performance, STAKKZ speed matching, TS4500 mount
// performance, IBM dtl LTO spec, IBM TS4500 media optimization) and the model's stated defaults (64 MB buffer, 2 s back-hitch).
const LTO8 = { native: 360e6, capacity: 12e12, load: 15, unload: 24, min: 112e6 };
const LTO9 = { load: 17, unload: 30, optimisation: 40 * 60 };
const ROBOT = 10; // s per trip, TS4500
const REWIND = 55;
const BUFFER = 64e6;
const HITCH = 2;

const close = (a: number | null | undefined, b: number, what: string, tol = 1e-6) => assert.ok(a != null && Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

interface Setup {
  links?: string;
  flows?: string;
  drives?: string;
  cartridges?: string;
  robot?: string;
  jobs: Record<string, string[] | { start: string; steps: string[] }>;
  faults?: string[];
  extra?: string;
}

function text(o: Setup): string {
  const jobs = Object.entries(o.jobs).map(([n, j]) => Array.isArray(j) ? `    ${n}: { steps: [${j.join(', ')}] }` : `    ${n}: { start: ${j.start}, steps: [${j.steps.join(', ')}] }`);
  return `name: tape test
topology:
  links:
    fast: { bandwidth: 800 MB/s }
${o.links ?? ''}
  libraries:
    lib1:
      robot: ${o.robot ?? '{}'}
      drives: ${o.drives ?? '{ d1: { generation: LTO-8 }, d2: { generation: LTO-8 } }'}
      cartridges: ${o.cartridges ?? '{ A00001L8: { count: 5 } }'}
workload:
${o.flows ? `  flows:\n${o.flows}\n` : ''}  jobs:
${jobs.join('\n')}
${o.faults ? `faults:\n${o.faults.map((f) => `  - ${f}`).join('\n')}` : ''}
${o.extra ?? ''}
`;
}

const mount = (d: string, c: string) => `{ tape.mount: { library: lib1, drive: lib1/${d}, cartridge: ${c} } }`;
const write = (d: string, bytes: string, route = '[fast]') => `{ tape.write: { drive: lib1/${d}, bytes: ${bytes}, route: ${route} } }`;
const read = (d: string, bytes: string, route = '[fast]') => `{ tape.read: { drive: lib1/${d}, bytes: ${bytes}, route: ${route} } }`;
const unmount = (d: string) => `{ tape.unmount: { library: lib1, drive: lib1/${d} } }`;
const rewind = (d: string) => `{ tape.rewind: { drive: lib1/${d} } }`;
const locate = (d: string) => `{ tape.locate: { drive: lib1/${d} } }`;

function run(o: Setup): RunResult & { marks: { t: number; label: string; data: any }[] } {
  const sink = new MemorySink();
  const r = runScenario(loadScenario('t.yaml', text(o)), { sink });
  const marks = [...readTrace(sink.bytes())].filter((x) => x.type === 'mark').map((x) => x as { t: number; label: string; data: any });
  return { ...r, marks: marks.map((m) => ({ ...m, t: m.t / 1e9 })) };
}

const job = (r: RunResult, name: string) => r.jobs.find((j) => j.name === name)!;
const device = (r: RunResult, name: string) => r.devices.find((d) => d.name === name)!;

const errorOf = (o: Setup | string): string => refusal(typeof o === 'string' ? o : text(o), 't.yaml').message;

// ---- the drive's law, on the model directly ----

const spec = (over: Partial<DriveSpec> = {}): DriveSpec => ({
  name: 'l/d', library: 'l', generation: 'LTO-8', nativeRate: 360e6,
  speedSteps: [365, 341, 318, 306.4, 273, 249.5, 226, 203, 180, 157.5, 135, 112].map((x) => x * 1e6), minRate: 112e6,
  buffer: BUFFER, backhitch: HITCH * 1e9, load: 0, unload: 0, locate: 0, rewind: 0, mediaOptimisation: 0, compression: 1, compressedRate: 750e6, position: 0, ...over,
});

test('speed matching: native at or above native, the highest IBM step at or below the feed, back-hitching below 112 MB/s', () => {
  const s = spec();
  assert.is(matchedRate(s, 800e6), 360e6);
  assert.is(matchedRate(s, 360e6), 360e6);
  assert.is(matchedRate(s, 362e6), 360e6); // the 365 step lies above native: native wins
  assert.is(matchedRate(s, 359e6), 341e6);
  assert.is(matchedRate(s, 300e6), 273e6);
  assert.is(matchedRate(s, 273e6), 273e6);
  assert.is(matchedRate(s, 112e6), 112e6);
  assert.ok(matchedRate(s, 111.9e6) < 111.9e6);
  // LTO-5 without a step table: any speed from native/3 (46.67 MB/s) to native.
  const l5 = spec({ generation: 'LTO-5', nativeRate: 140e6, speedSteps: [], minRate: 140e6 / 3 });
  assert.is(matchedRate(l5, 100e6), 100e6);
  assert.ok(matchedRate(l5, 45e6) < 45e6);
});

test('back-hitch law: e(f) = m*B/(m-f) / (B/(m-f) + max(h, B/f)); e = f once the buffer refills slower than h', () => {
  // f = 100 MB/s: the buffer drains in 64/12 = 5.333 s at 112 MB/s, refills in 0.64 s < 2 s, so the drive waits 2 s.
  const e100 = (112e6 * (64 / 12)) / (64 / 12 + 2);
  close(backhitchRate(100e6, 112e6, BUFFER, HITCH), e100, 'e(100 MB/s)', 1e-12);
  close(e100, 81.4545454545e6, 'e(100 MB/s) by hand', 1e-9);
  // f = 50 MB/s: drain 64/62 s, refill 1.28 s < 2 s.
  close(backhitchRate(50e6, 112e6, BUFFER, HITCH), (112e6 * (64 / 62)) / (64 / 62 + 2), 'e(50 MB/s)', 1e-12);
  // f = 20 MB/s: the refill takes 3.2 s > 2 s, so the reposition hides in it and the host is never throttled.
  close(backhitchRate(20e6, 112e6, BUFFER, HITCH), 20e6, 'e(20 MB/s)', 1e-12);
  close(backhitchRate(32e6, 112e6, BUFFER, HITCH), 32e6, 'e(32 MB/s), where B/f = h', 1e-12);
  assert.is(backhitchRate(0, 112e6, BUFFER, HITCH), 0);
});

// ---- through scenarios ----

test('an LTO-8 cartridge filled at full feed: robot trip + load and thread + 12 TB / 360 MB/s', () => {
  const r = run({ jobs: { fill: [mount('d1', 'A00001L8'), write('d1', '12 TB')] } });
  const j = job(r, 'fill');
  assert.is(j.status, 'completed');
  assert.is(j.bytes, 12e12);
  close(j.end, ROBOT + LTO8.load + 12e12 / 360e6, 'fill end'); // 33358.33 s
  const d = device(r, 'lib1/d1');
  assert.equal([d.kind, d.bytes], ['tape drive', 12e12]);
  close(d.busy, 12e12 / 360e6, 'drive busy');
  assert.is(r.marks.filter((m) => /back-hitching/.test(m.label)).length, 0);
});

test('a feed between two speed-matching steps runs on the lower step with no back-hitch (LTO-8 fed 300 MB/s writes at 273 MB/s)', () => {
  const r = run({ links: '    fc300: { bandwidth: 300 MB/s }', jobs: { j: [mount('d1', 'A00001L8'), write('d1', '273 GB', '[fc300]')] } });
  close(job(r, 'j').end, ROBOT + LTO8.load + 273e9 / 273e6, 'end'); // 1025 s
  close(r.links.find((l) => l.name === 'fc300')!.peakUtilisation, 273 / 300, 'the link is held to the step', 1e-3);
  assert.is(r.marks.filter((m) => /back-hitching/.test(m.label)).length, 0);
});

test('a speed-matched drive frees the rest of a shared link: fed a 150 MB/s share, it takes the 135 MB/s step and the other flow 165', () => {
  // The flow runs alone at 300 MB/s for the 25 s of mount and load (7.5 GB), beside the drive for 1000 s at 165 MB/s
  // (165 GB), then alone for 100 s (30 GB).
  const r = run({
    links: '    fc300: { bandwidth: 300 MB/s }',
    flows: '    other: { route: [fc300], bytes: 202.5 GB }',
    jobs: { j: [mount('d1', 'A00001L8'), write('d1', '135 GB', '[fc300]')] },
  });
  close(job(r, 'j').end, ROBOT + LTO8.load + 1000, 'tape job end');
  close(r.flows[0].end, 1125, 'flow end');
});

test('a feed below the lowest step back-hitches: the closed-form e(f) is what the drive delivers, and the trace says so', () => {
  const f = 100e6;
  const drain = BUFFER / (LTO8.min - f);
  const e = (LTO8.min * drain) / (drain + Math.max(HITCH, BUFFER / f)); // 81.45 MB/s
  const r = run({ links: '    gbe: { bandwidth: 100 MB/s }', jobs: { j: [mount('d1', 'A00001L8'), write('d1', '100 GB', '[gbe]')] } });
  close(job(r, 'j').end, ROBOT + LTO8.load + 100e9 / e, 'end'); // 1252.7 s
  close(device(r, 'lib1/d1').busy, 100e9 / e, 'drive busy');
  const hitch = r.marks.filter((m) => m.label === 'tape: lib1/d1 starts back-hitching');
  assert.is(hitch.length, 1);
  close(hitch[0].t, ROBOT + LTO8.load, 'mark time');
  close(hitch[0].data.feed, f, 'feed in the mark');
  close(hitch[0].data.rate, e, 'effective rate in the mark');
  assert.ok(e < f);
});

test('a drive leaves back-hitching when its feed rises above the lowest step, and the trace marks both', () => {
  // Two 10 GB flows share a 200 MB/s link with the drive: a 66.7 MB/s share each, so the drive back-hitches at
  // e(66.7 MB/s) and the flows split the rest until they end; then the drive alone is fed 200 MB/s: the 180 MB/s step.
  const r = run({
    links: '    fc200: { bandwidth: 200 MB/s }',
    flows: '    a: { route: [fc200], bytes: 10 GB }\n    b: { route: [fc200], bytes: 10 GB }',
    jobs: { j: [mount('d1', 'A00001L8'), write('d1', '100 GB', '[fc200]')] },
  });
  const f = 200e6 / 3;
  const drain = BUFFER / (LTO8.min - f);
  const e = (LTO8.min * drain) / (drain + Math.max(HITCH, BUFFER / f));
  // The flows: 100 MB/s each for the first 25 s (2.5 GB), then (200 MB/s - e) / 2 each until their last 7.5 GB are in.
  const flowsEnd = 25 + 7.5e9 / ((200e6 - e) / 2);
  close(r.flows[0].end, flowsEnd, 'flows end');
  const marks = r.marks.filter((m) => /back-hitching/.test(m.label));
  assert.equal(marks.map((m) => m.label), ['tape: lib1/d1 starts back-hitching', 'tape: lib1/d1 stops back-hitching']);
  close(marks[0].t, 25, 'starts');
  close(marks[1].t, flowsEnd, 'stops');
  close(marks[1].data.rate, 180e6, 'rate after');
  close(job(r, 'j').end, flowsEnd + (100e9 - e * (flowsEnd - 25)) / 180e6, 'job end');
});

test('an uninitialised LTO-9 cartridge pays 40 min of media optimisation on its first load only', () => {
  const r = run({
    drives: '{ d1: { generation: LTO-9 } }',
    cartridges: '{ B00001L9: {}, B00002L9: { initialised: true } }',
    jobs: {
      first: [mount('d1', 'B00001L9'), unmount('d1'), mount('d1', 'B00001L9'), unmount('d1'), mount('d1', 'B00002L9')],
    },
  });
  const first = ROBOT + LTO9.load + LTO9.optimisation; // 2427 s
  const back = LTO9.unload + ROBOT; // at the load point: no rewind
  const again = ROBOT + LTO9.load;
  close(job(r, 'first').end, first + back + again + back + again, 'end');
  const opt = r.marks.filter((m) => /optimises/.test(m.label));
  assert.equal(opt.map((m) => m.label), ['tape: lib1/d1 optimises new cartridge B00001L9']);
});

test('a write larger than a cartridge changes cartridges: rewind + unload + robot back and forth + load, then writes on', () => {
  const r = run({
    cartridges: '{ C00001L8: { capacity: 100 GB, count: 3 } }',
    jobs: { j: [mount('d1', 'C00001L8'), write('d1', '250 GB'), unmount('d1')] },
  });
  const change = REWIND + LTO8.unload + ROBOT + ROBOT + LTO8.load; // 114 s
  const expected = ROBOT + LTO8.load + 100e9 / 360e6 + change + 100e9 / 360e6 + change + 50e9 / 360e6 + REWIND + LTO8.unload + ROBOT;
  const j = job(r, 'j');
  assert.is(j.status, 'completed');
  assert.is(j.bytes, 250e9);
  close(j.end, expected, 'end');
  assert.equal(r.marks.filter((m) => /changes full/.test(m.label)).map((m) => m.label), [
    'tape: lib1/d1 changes full C00001L8 for C00002L8',
    'tape: lib1/d1 changes full C00002L8 for C00003L8',
  ]);
  close(r.marks.find((m) => /changes full C00001L8/.test(m.label))!.t, ROBOT + LTO8.load + 100e9 / 360e6, 'first change');
});

test('when no empty cartridge of the generation is left, the write fails naming the bytes written', () => {
  const r = run({
    cartridges: '{ C00001L8: { capacity: 100 GB, count: 2 }, D00001L8: { used: 1 GB } }',
    jobs: { j: [mount('d1', 'C00001L8'), write('d1', '250 GB')] },
  });
  const j = job(r, 'j');
  assert.is(j.status, 'failed');
  assert.match(j.reason!, /cartridge C00002L8 is full and library lib1 has no empty LTO-8 cartridge left after writing 200000000000 bytes \(200 GB\) of 250000000000 to C00001L8, C00002L8/);
});

test('a drive that fails mid-write fails its job with the bytes written so far; the rest is lost and the drive stays failed', () => {
  const r = run({
    jobs: {
      j: [mount('d1', 'A00001L8'), write('d1', '1 TB')],
      later: { start: '2000 s', steps: [rewind('d1')] },
    },
    faults: ['{ at: 1000 s, device-fails: lib1/d1 }'],
  });
  const written = (1000 - ROBOT - LTO8.load) * 360e6; // 351 GB
  const j = job(r, 'j');
  assert.equal([j.status, j.end], ['failed', 1000]);
  assert.match(j.reason!, new RegExp(`tape drive lib1/d1 failed after writing ${written} bytes \\(351 GB\\) of 1000000000000 to A00001L8`));
  close(r.metrics.bytes_lost, 1e12 - written, 'bytes lost');
  const later = job(r, 'later');
  assert.equal([later.status, later.end], ['failed', 2000]);
  assert.match(later.reason!, /tape drive lib1\/d1 has failed/);
});

test('a drive that fails while loading fails the mount; the other drive carries on', () => {
  const r = run({
    jobs: { a: [mount('d1', 'A00001L8')], b: [mount('d2', 'A00002L8'), write('d2', '36 GB')] },
    faults: ['{ at: 20 s, device-fails: lib1/d1 }'],
  });
  assert.equal([job(r, 'a').status, job(r, 'a').end], ['failed', 20]);
  assert.match(job(r, 'a').reason!, /tape\.mount: tape drive lib1\/d1 failed/);
  close(job(r, 'b').end, 2 * ROBOT + LTO8.load + 100, 'b end');
});

test('robots are first come, first served; two robots mount in parallel; an SL8500 robot takes 12.5 s', () => {
  const jobs = { a: [mount('d1', 'A00001L8')], b: [mount('d2', 'A00002L8')] };
  const one = run({ jobs });
  assert.equal([job(one, 'a').end, job(one, 'b').end], [ROBOT + LTO8.load, 2 * ROBOT + LTO8.load]);
  const two = run({ jobs, robot: '{ count: 2 }' });
  assert.equal([job(two, 'a').end, job(two, 'b').end], [ROBOT + LTO8.load, ROBOT + LTO8.load]);
  const sl = run({ jobs, robot: '{ model: SL8500 }' });
  assert.equal([job(sl, 'a').end, job(sl, 'b').end], [12.5 + LTO8.load, 25 + LTO8.load]);
});

test('a drive serves its requests in turn; mounting into a full drive, a mounted cartridge or another generation fails the job', () => {
  const r = run({
    drives: '{ d1: { generation: LTO-8 }, d2: { generation: LTO-8 }, d9: { generation: LTO-9 } }',
    cartridges: '{ A00001L8: { count: 3 }, B00001L9: {}, C00001L7: {} }',
    jobs: {
      a: [mount('d1', 'A00001L8')],
      b: [mount('d1', 'A00002L8')],
      c: { start: '100 s', steps: [mount('d2', 'A00001L8')] },
      d: [mount('d9', 'C00001L7')],
    },
  });
  assert.match(job(r, 'b').reason!, /drive lib1\/d1 holds cartridge A00001L8; unmount it first/);
  assert.is(job(r, 'b').end, ROBOT + LTO8.load); // it waited for a's mount to finish
  assert.match(job(r, 'c').reason!, /cartridge A00001L8 is in drive lib1\/d1/);
  assert.match(job(r, 'd').reason!, /drive lib1\/d9 is LTO-9 and cartridge C00001L7 is LTO-7; an LTO-9 drive reads LTO-9 and LTO-8 cartridges only/);
});

test('read: locate, then what the cartridge holds at the route\'s pace; more than it holds is refused', () => {
  const r = run({
    links: '    lan: { bandwidth: 200 MB/s }',
    cartridges: '{ A00001L8: { used: 50 GB } }',
    jobs: {
      ok: [mount('d1', 'A00001L8'), locate('d1'), read('d1', '36 GB', '[lan]'), unmount('d1')],
      too: { start: '1000 s', steps: [mount('d2', 'A00001L8'), read('d2', '60 GB')] },
    },
  });
  // Fed 200 MB/s the drive reads on the 180 MB/s step; after reading, unmount rewinds.
  close(job(r, 'ok').end, ROBOT + LTO8.load + 45 + 36e9 / 180e6 + REWIND + LTO8.unload + ROBOT, 'read job');
  assert.is(job(r, 'ok').bytes, 36e9);
  assert.match(job(r, 'too').reason!, /cartridge A00001L8 holds 50 GB; cannot read 60 GB/);
});

test('compression: capacity and host rate scale by the ratio, up to the compressed (interface) rate', () => {
  const r = run({
    drives: '{ d1: { generation: LTO-8, compression: 2.5 }, d2: { generation: LTO-8, compression: 2 } }',
    links: '    fc500: { bandwidth: 500 MB/s }',
    jobs: {
      a: [mount('d1', 'A00001L8'), write('d1', '1.5 TB')],
      // fed 500 MB/s at 2:1 the tape sees 250 MB/s: the 249.5 step, 499 MB/s of host data.
      b: [mount('d2', 'A00002L8'), write('d2', '499 GB', '[fc500]')],
    },
  });
  close(job(r, 'a').end, ROBOT + LTO8.load + 1.5e12 / 750e6, 'a end: min(2.5 x 360, 750) = 750 MB/s');
  close(job(r, 'b').end, 2 * ROBOT + LTO8.load + 1000, 'b end');
});

test('a write its caller abandons stops at once (undelivered bytes cancelled); the drive then serves the next request', () => {
  const scn = loadScenario('t.yaml', text({ jobs: { j: [mount('d1', 'A00001L8')] } }));
  const k = new Kernel({ seed: 1 });
  for (const l of scn.links) k.net.addLink(l.name, l);
  tapeFamily.build(scn.models.get('libraries') as TapeDef, { kernel: k, ledger: new Ledger(() => k.now), device: (n, _kind, linkSpec) => k.net.addLink(n, linkSpec) });
  const seen: unknown[] = [];
  k.spawn('protocol', function* () {
    yield { op: 'tape.mount', library: 'lib1', drive: 'lib1/d1', cartridge: 'A00001L8' };
    const first = (yield any([{ op: 'tape.write', drive: 'lib1/d1', bytes: 1e12, route: ['fast'] }, sleep(100e9)])) as AnyResult;
    seen.push([k.now / 1e9, first.index]);
    seen.push([(yield { op: 'tape.write', drive: 'lib1/d1', bytes: 36e9 }), k.now / 1e9]);
  });
  k.run();
  // Mounted at 25 s; the sleep wins at 125 s after 36 GB; the next 36 GB take another 100 s.
  assert.equal(seen, [[125, 1], [{ bytes: 36e9, cartridges: ['A00001L8'], backhitches: 0, cartridgeChanges: 0 }, 225]]);
  close(k.net.cancelled, 1e12 - 36e9, 'cancelled bytes');
});

test('the same scenario and seed give the same trace; the bundled scenario passes its checks', () => {
  const file = readFileSync(new URL('../scenarios/tape.yaml', import.meta.url), 'utf8');
  const a = runScenario(loadScenario('tape.yaml', file));
  const b = runScenario(loadScenario('tape.yaml', file));
  assert.is(a.traceHash, b.traceHash);
  assert.ok(a.checks.every((c) => c.pass), JSON.stringify(a.checks));
  // starved: robot wait 10 s + trip + load, 500 GB at e(100 MB/s), then rewind + unload + trip.
  const e = (112e6 * (64 / 12)) / (64 / 12 + 2);
  close(job(a, 'starved').end, 2 * ROBOT + LTO8.load + 500e9 / e + REWIND + LTO8.unload + ROBOT, 'starved');
  close(job(a, 'fast').end, ROBOT + LTO8.load + 200e9 / 360e6 + (REWIND + LTO8.unload + 2 * ROBOT + LTO8.load) + 300e9 / 360e6 + REWIND + LTO8.unload + ROBOT, 'fast');
});

// ---- bad input ----

test('steps naming an unknown cartridge or drive are refused with the field path', () => {
  assert.match(errorOf({ jobs: { j: [mount('d1', 'Z00001L8')] } }), /workload\.jobs\.j\.steps\[0\]\.tape\.mount\.cartridge\n {2}no cartridge named 'Z00001L8'; cartridges are: A00001L8, A00002L8/);
  assert.match(errorOf({ jobs: { j: [mount('d1', 'A00001L8'), write('d9', '1 GB')] } }), /workload\.jobs\.j\.steps\[1\]\.tape\.write\.drive\n {2}no drive named 'lib1\/d9'; drives are: lib1\/d1, lib1\/d2/);
  assert.match(errorOf({ jobs: { j: ['{ tape.unmount: { library: lib2, drive: lib1/d1 } }'] } }), /steps\[0\]\.tape\.unmount\.library\n {2}no library named 'lib2'/);
  assert.match(errorOf({ jobs: { j: [write('d1', '1 GB', '[nowhere]')] } }), /steps\[0\]\.tape\.write\.route\[0\]\n {2}no link named 'nowhere'/);
  assert.match(errorOf({ jobs: { j: [mount('d1', 'A00001L8')] }, faults: ['{ at: 5 s, device-fails: lib1/d7 }'] }), /faults\[0\]\.device-fails\n {2}no device named 'lib1\/d7'/);
});

test('impossible libraries are refused with the field path', () => {
  const j = { j: [mount('d1', 'A00001L8')] };
  assert.match(errorOf({ jobs: j, drives: '{ d1: { generation: LTO-10 } }' }), /topology\.libraries\.lib1\.drives\.d1\.generation\n {2}expected one of: "LTO-5"/);
  assert.match(errorOf({ jobs: j, drives: '{ d1: { generation: LTO-8, minRate: 400 MB/s } }' }), /drives\.d1\.minRate\n {2}the lowest speed the drive can match \(400 MB\/s\) is above its native rate \(360 MB\/s\)/);
  assert.match(errorOf({ jobs: j, drives: '{ d1: { generation: LTO-8, minRate: 100 MB/s, speedSteps: [200 MB/s] } }' }), /drives\.d1\.minRate\n {2}give speedSteps .* or minRate .*, not both/);
  assert.match(errorOf({ jobs: j, drives: '{ d1: { generation: LTO-8, buffer: 0 MB } }' }), /drives\.d1\.buffer\n {2}expected a size above zero, got "0 MB"/);
  assert.match(errorOf({ jobs: j, drives: '{ d1: { generation: LTO-8, speedSteps: [200 MB/s, 0 MB/s] } }' }), /drives\.d1\.speedSteps\[1\]\n {2}expected a rate above zero, got "0 MB\/s"/);
  assert.match(errorOf({ jobs: j, cartridges: '{ A00001L8: { used: 13 TB } }' }), /cartridges\.A00001L8\.used\n {2}13 TB is more than the cartridge holds \(12 TB\)/);
  assert.match(errorOf({ jobs: j, cartridges: '{ A00001L8: {}, tape: {} }' }), /cartridges\.tape\n {2}which LTO generation is tape\?/);
  assert.match(errorOf({ jobs: j, cartridges: '{ A00001L8: { generation: LTO-9 } }' }), /cartridges\.A00001L8\.generation\n {2}the label's media ID L8 says LTO-8, not LTO-9/);
  assert.match(errorOf({ jobs: j, cartridges: '{ A00001L8: {}, scratch: { generation: LTO-8, count: 3 } }' }), /cartridges\.scratch\.count\n {2}to count up, the label needs a number/);
  assert.match(errorOf({ jobs: j, cartridges: '{ A00001L8: { count: 3 }, A00002L8: {} }' }), /lib1\.cartridges\n {2}cartridge A00002L8 is listed twice/);
  assert.match(errorOf({ jobs: j, robot: '{ count: 0 }' }), /topology\.libraries\.lib1\.robot\.count\n/);
  assert.match(errorOf({ jobs: j, drives: '{}' }), /topology\.libraries\.lib1\.drives\n/);
});

test.run();
