import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import type { RunResult } from '../sim/foundation/result.ts';
import { MemorySink } from '../sim/trace/sink.ts';
import { readTrace } from '../sim/trace/reader.ts';
import { refusal } from './support/refusal.ts';
import { Kernel } from '../sim/engine/kernel.ts';
import { perform, type Custom } from '../sim/engine/commands.ts';
import { tapeFamily, type TapeDef } from '../sim/model/libraries/family.ts';
import { tapeExchange, tapeMount, tapeRead, tapeWrite } from '../sim/model/libraries/commands.ts';
import { TapeError } from '../sim/model/libraries/tape-error.ts';

// Independent figures, as the vendors print them: IBM TS4500 "Mount performance" (max mounts/h, one mount = demount,
// return, pick, move, load), IBM Diamondback "Mount performance", Oracle ACSLS App. L (10-15 s per move to a drive),
// IBM TS4500 LTO-8 load 15 s / unload 24 s. The model's fitted figures (robots.ts) are used only in the by-hand test.
const TS4500_SINGLE: Record<number, number> = { 4: 360, 6: 315, 8: 270, 12: 220, 18: 180 };
const TS4500_DUAL: Record<number, number> = { 12: 620, 18: 550 };
const DIAMONDBACK = 270;
const SL8500_EXCHANGES = 3600 / (2 * 12.5); // two 10-15 s moves per exchange, per rail robot
const LTO8 = { load: 15, unload: 24 };

const close = (a: number, b: number, what: string, tol = 1e-6) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

interface Mark { t: number; label: string; data: any }

function run(text: string): RunResult & { marks: Mark[] } {
  const sink = new MemorySink();
  const r = runScenario(loadScenario('t.yaml', text), { sink });
  const marks = [...readTrace(sink.bytes())].filter((x) => x.type === 'mark').map((x) => x as Mark);
  return { ...r, marks: marks.map((m) => ({ ...m, t: m.t / 1e9 })) };
}

const scenario = (robot: string, drives: string, cartridges: string, jobs: string[], extra = '') => `name: library test
${extra}
topology:
  libraries:
    lib:
      robot: ${robot}
      drives: ${drives}
      cartridges: ${cartridges}
workload:
  jobs:
${jobs.join('\n')}
`;

const mount = (d: string, c: string) => `{ tape.mount: { library: lib, drive: lib/${d}, cartridge: ${c} } }`;
const exchange = (d: string, c: string) => `{ tape.exchange: { library: lib, drive: lib/${d}, cartridge: ${c} } }`;
const unmount = (d: string) => `{ tape.unmount: { library: lib, drive: lib/${d} } }`;

// ---- one exchange, by hand ----

test('an exchange with geometry: unload, one trip drive -> old slot -> new slot -> drive (4 picks/places), load', () => {
  // TS4500, 4 frames; drive in frame 1 (at 0.5 frames); one cartridge in frame 3 (at 2.5), one in frame 4 (at 3.5).
  const h = 1.88;
  const p = 0.55;
  const r = run(scenario('{ model: TS4500, frames: 4 }', '{ d1: { generation: LTO-8 } }', '{ A00001L8: { frame: 3 }, B00001L8: { frame: 4 } }',
    [`    j: { steps: [${mount('d1', 'A00001L8')}, ${exchange('d1', 'B00001L8')}] }`]));
  const first = 2.5 * p + 2 * p + 2 * h; // the accessor starts at 0: out to 2.5, pick, back to 0.5, place
  const cycle = (0 + 2 + 1 + 3) * p + 4 * h; // 10.82 s
  const trips = r.marks.filter((m) => m.data?.accessor !== undefined);
  assert.is(trips.length, 2);
  close(trips[0].data.seconds, first, 'mount trip');
  close(trips[1].data.seconds, cycle, 'exchange trip');
  close(r.jobs[0].end!, first + LTO8.load + LTO8.unload + cycle + LTO8.load, 'job end', 1e-9);
});

test('without geometry an exchange costs two trips of move, as mount + unmount did', () => {
  const r = run(scenario('{ model: TS4500 }', '{ d1: { generation: LTO-8 } }', '{ A00001L8: { count: 2 } }',
    [`    j: { steps: [${mount('d1', 'A00001L8')}, ${exchange('d1', 'A00002L8')}] }`]));
  close(r.jobs[0].end!, 10 + LTO8.load + LTO8.unload + 2 * 10 + LTO8.load, 'job end');
});

// ---- published mount rates: an hour at saturation ----

/** A deterministic shuffle (mulberry32), so each drive takes its next cartridge from a random slot. */
function shuffled<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Exchanges per hour with every accessor kept busy: per zone 8 LTO-8 drives in the zone's end frame, 24 cartridges per
 * frame spread evenly over it and dealt to the zone's drives, each drive exchanging for ever in a random order; counted as robot
 * trips started within the hour after the first 10 minutes.
 */
function exchangesPerHour(model: string, frames: number, accessors: number): number {
  const perZone = 8;
  const zoneFrames = frames / accessors;
  const drives: string[] = [];
  const cartridges: string[] = [];
  const jobs: string[] = [];
  for (let z = 0; z < accessors; z++) {
    const driveFrame = z === 0 ? 1 : frames;
    // cartridges of this zone, frame by frame, then dealt to the zone's drives
    const labels: string[] = [];
    const per = 3 * perZone; // per frame: 3 per drive per frame
    for (let f = z * zoneFrames + 1; f <= (z + 1) * zoneFrames; f++) {
      const head = `F${String(f).padStart(2, '0')}X`;
      cartridges.push(`${head}0001L8: { frame: ${f}, count: ${per} }`);
      for (let i = 1; i <= per; i++) labels.push(`${head}${String(i).padStart(4, '0')}L8`);
    }
    for (let k = 0; k < perZone; k++) {
      const d = `z${z}d${k}`;
      drives.push(`${d}: { generation: LTO-8, frame: ${driveFrame} }`);
      const mine = shuffled(labels.filter((_, i) => i % perZone === k), 7 + 31 * k + 1000 * z);
      const steps = [mount(d, mine[0])];
      for (let n = 1; n < 200; n++) steps.push(exchange(d, mine[n % mine.length]));
      jobs.push(`    ${d}: { steps: [${steps.join(', ')}] }`);
    }
  }
  const r = run(scenario(`{ model: ${model}, frames: ${frames}, count: ${accessors} }`, `{ ${drives.join(', ')} }`, `{ ${cartridges.join(', ')} }`, jobs, 'until: 4300 s'));
  const w = r.marks.filter((m) => m.data?.accessor !== undefined && m.t >= 600 && m.t < 4200);
  return w.length;
}

const within = (got: number, published: number, what: string) => assert.ok(Math.abs(got / published - 1) <= 0.05, `${what}: ${got} exchanges/h vs ${published} published (${((got / published - 1) * 100).toFixed(1)} %)`);

test('IBM TS4500, one accessor: 360/315/270/220/180 mounts/h at 4/6/8/12/18 frames, within 5 %', () => {
  for (const [frames, published] of Object.entries(TS4500_SINGLE)) within(exchangesPerHour('TS4500', Number(frames), 1), published, `${frames} frames`);
});

test('IBM TS4500, two accessors: 620/550 mounts/h at 12/18 frames, within 5 %; two do about three times one at 18 frames', () => {
  for (const [frames, published] of Object.entries(TS4500_DUAL)) within(exchangesPerHour('TS4500', Number(frames), 2), published, `${frames} frames, dual`);
  const one = exchangesPerHour('TS4500', 18, 1);
  const two = exchangesPerHour('TS4500', 18, 2);
  // each accessor works half the rail: half the travel, and twice the accessors
  within(two / one, 550 / 180, 'dual / single at 18 frames');
  assert.ok(two > 2 * one, `two accessors in their own zones do more than twice one: ${two} vs ${one}`);
});

test('IBM Diamondback: 270 mounts/h; Oracle SL8500 rail robot: two 10-15 s moves per exchange (144/h at the midpoint)', () => {
  within(exchangesPerHour('Diamondback', 1, 1), DIAMONDBACK, 'Diamondback');
  const sl = exchangesPerHour('SL8500', 3, 1);
  within(sl, SL8500_EXCHANGES, 'SL8500, one rail, ~3000 cells');
  assert.ok(sl >= 3600 / 30 && sl <= 3600 / 20, `inside ACSLS's range: ${sl}`);
});

// ---- LTO generations ----

test('an LTO-9 drive reads and writes an LTO-8 cartridge, refuses LTO-7 (tape.wrong-generation); an LTO-7 drive reads LTO-5 but will not write it (tape.read-only); an LTO-8 drive cannot read LTO-6', () => {
  const scn = loadScenario('t.yaml', scenario('{}', '{ d9: { generation: LTO-9 }, d7: { generation: LTO-7 }, d8: { generation: LTO-8 } }',
    '{ A00001L8: { used: 1 TB }, B00001L7: {}, C00001L5: { used: 1 TB }, D00001L6: {} }', [`    j: { steps: [${mount('d9', 'A00001L8')}] }`]));
  const k = new Kernel({ seed: 1 });
  tapeFamily.build(scn.models.get('libraries') as TapeDef, { kernel: k, device: (n, _kind, spec) => k.net.addLink(n, spec) });
  const seen: [string, unknown][] = [];
  const attempt = function* (what: string, c: Custom) {
    try {
      seen.push([what, yield* perform(c)]);
    } catch (e) {
      assert.instance(e, TapeError);
      seen.push([what, { code: (e as TapeError).code, message: (e as TapeError).message }]);
    }
  };
  k.spawn('protocol', function* () {
    yield* attempt('L8 in LTO-9', tapeMount({ library: 'lib', drive: 'lib/d9', cartridge: 'A00001L8' }));
    yield* attempt('read L8', tapeRead({ drive: 'lib/d9', bytes: 100e9 }));
    yield* attempt('write L8', tapeWrite({ drive: 'lib/d9', bytes: 100e9 }));
    yield* attempt('L7 for L8 in LTO-9', tapeExchange({ library: 'lib', drive: 'lib/d9', cartridge: 'B00001L7' }));
    yield* attempt('L5 in LTO-7', tapeMount({ library: 'lib', drive: 'lib/d7', cartridge: 'C00001L5' }));
    yield* attempt('read L5', tapeRead({ drive: 'lib/d7', bytes: 10e9 }));
    yield* attempt('write L5', tapeWrite({ drive: 'lib/d7', bytes: 10e9 }));
    yield* attempt('L6 in LTO-8', tapeMount({ library: 'lib', drive: 'lib/d8', cartridge: 'D00001L6' }));
  });
  k.run();
  const out = Object.fromEntries(seen) as Record<string, any>;
  assert.equal(out['L8 in LTO-9'], { cartridge: 'A00001L8', drive: 'lib/d9' });
  assert.equal(out['read L8'], { bytes: 100e9 });
  assert.equal(out['write L8'].bytes, 100e9);
  assert.is(out['L7 for L8 in LTO-9'].code, 'tape.wrong-generation');
  assert.match(out['L7 for L8 in LTO-9'].message, /drive lib\/d9 is LTO-9 and cartridge B00001L7 is LTO-7; an LTO-9 drive reads LTO-9 and LTO-8 cartridges only/);
  assert.equal(out['read L5'], { bytes: 10e9 });
  assert.is(out['write L5'].code, 'tape.read-only');
  assert.match(out['write L5'].message, /drive lib\/d7 is LTO-7 and reads cartridge C00001L5 \(LTO-5\) but cannot write it/);
  assert.is(out['L6 in LTO-8'].code, 'tape.wrong-generation');
});

// ---- the scenario's words ----

test('geometry is checked where it is written', () => {
  const lib = (robot: string, drives = '{ d1: { generation: LTO-8 } }', carts = '{ A00001L8: {} }') => refusal(scenario(robot, drives, carts, [`    j: { steps: [${mount('d1', 'A00001L8')}] }`]), 't.yaml').message;
  assert.match(lib('{ frames: 4, move: 5 s }'), /topology\.libraries\.lib\.robot\.move\n {2}give move \(every trip costs the same\) or frames/);
  assert.match(lib('{ frames: 4, count: 3 }'), /robot\.count\n {2}with geometry a library has 1 or 2 accessors/);
  assert.match(lib('{ frames: 19 }'), /robot\.frames\n {2}a TS4500 library has at most 18 frames, not 19/);
  assert.match(lib('{ handling: 2 s }'), /robot\.handling\n {2}handling is a geometry figure: give frames too/);
  assert.match(lib('{ frames: 4 }', '{ d1: { generation: LTO-8, frame: 5 } }'), /drives\.d1\.frame\n {2}the library has 4 frames; there is no frame 5/);
  assert.match(lib('{}', undefined, '{ A00001L8: { frame: 2 } }'), /cartridges\.A00001L8\.frame\n {2}frame places a cartridge in a library with geometry/);
});

test.run();
