import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkTime, clockFor, days, formatTime, hours, LONGEST, MAX_TIME, ms, NS_CLOCK, onGrid, seconds, us } from '../sim/foundation/time.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { readTrace } from '../sim/trace/reader.ts';
import { MemorySink } from '../sim/trace/sink.ts';

test('one tick is one nanosecond; the 1 ns clock reaches 2^53 - 1 ns, about 104 days', () => {
  assert.is(seconds(1), 1e9);
  assert.is(ms(40), 40e6);
  assert.is(us(20), 20e3);
  assert.is(hours(2), 7.2e12);
  assert.is(days(400), 400 * 86400e9);
  assert.is(MAX_TIME, 2 ** 53 - 1);
  assert.ok(MAX_TIME / 86400e9 > 104 && MAX_TIME / 86400e9 < 105);
});

test('a longer until gets the finest power-of-two grid whose horizon reaches it', () => {
  assert.is(clockFor(null), NS_CLOCK);
  assert.is(clockFor(days(100)), NS_CLOCK);
  // 400 d = 3.456e16 ns lies between 2^54 and 2^55 ns: a grid of 4 ns.
  assert.equal(clockFor(days(400)), { grid: 4, horizon: (2 ** 53 - 1) * 4 });
  assert.is(clockFor(days(365 * 10)).grid, 64);
  assert.is(clockFor(LONGEST).grid, 1024);
  // Every multiple of the grid below the horizon is a double, so the grid's sums are exact.
  const c = clockFor(days(400));
  const t = BigInt(c.horizon) - 4n * 1000n;
  assert.is(BigInt(Number(t)), t);
  assert.is(BigInt(Number(t) + 4 * 999), t + 4n * 999n);
});

test('onGrid takes a duration up to whole steps of the grid, and leaves the 1 ns grid alone', () => {
  assert.is(onGrid(7, 1), 7);
  assert.is(onGrid(7, 4), 8);
  assert.is(onGrid(8, 4), 8);
  assert.is(onGrid(0, 1024), 0);
});

test('times that are not whole ticks within the horizon are refused, with the horizon and how to widen it', () => {
  assert.throws(() => checkTime(1.5, 'x'), /not a time in ticks/);
  assert.throws(() => checkTime(-1, 'x'), /not a time in ticks/);
  assert.throws(() => checkTime(2 ** 53, 'x'), /horizon of 104\.2 days.*longer `until` widens it/);
  assert.is(checkTime(2 ** 53, 'x', clockFor(days(400))), 2 ** 53);
  assert.throws(() => checkTime(LONGEST + 2048, 'x', clockFor(LONGEST)), /the longest any run can be/);
  assert.throws(() => hours(24 * 365 * 300), /outside/);
});

test('formatTime shows h:mm:ss and nanoseconds, past 2^53 ns too', () => {
  assert.is(formatTime(hours(25) + ms(1) + 7), '25:00:00.001000007');
  assert.is(formatTime(days(399) + us(3)), '9576:00:00.000003000');
  assert.is(formatTime(days(399) - 4), '9575:59:59.999999996');
});

// A flow of B bytes over a link of R B/s with latency L, started at day 399
// plus x (x in whole microseconds), ends at start + L + ceil(B / R s), each
// duration taken up to the 4 ns grid: worked here in BigInt, not by the engine.
const B = 1_000_000_007n, R = 300_000_000n, L = 7_000n;
const up4 = (d: bigint): bigint => (d + 3n) / 4n * 4n;
const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;
const DAY = 86_400n * 1_000_000_000n;

function yearScenario(offsetsUs: number[]): string {
  const flows = offsetsUs.map((x, i) => `    f${i}: { from: a, to: b, route: [ab${i}], bytes: ${B} B, start: 399 d ${x} us }`).join('\n');
  const links = offsetsUs.map((_, i) => `    ab${i}: { between: [a, b], bandwidth: ${R} B/s, latency: ${L} ns }`).join('\n');
  return `name: a flow on day 399\nseed: 1\nuntil: 400 d\ntopology:\n  hosts: { a: {}, b: {} }\n  links:\n${links}\nworkload:\n  flows:\n${flows}\n`;
}

function flowTimes(text: string): { hash: string; starts: bigint[]; ends: bigint[] } {
  const sink = new MemorySink();
  const r = runScenario(loadScenario('year.yaml', text), { sink });
  const starts = new Map<number, bigint>(), ends = new Map<number, bigint>();
  for (const rec of readTrace(sink.bytes())) {
    if (rec.type === 'flow-start') starts.set(rec.flow, BigInt(rec.t));
    if (rec.type === 'flow-end') { assert.is(rec.status, 'done'); assert.is(rec.delivered, Number(B)); ends.set(rec.flow, BigInt(rec.t)); }
  }
  const ids = [...starts.keys()].sort((x, y) => x - y);
  return { hash: r.traceHash, starts: ids.map((id) => starts.get(id)!), ends: ids.map((id) => ends.get(id)!) };
}

test('a 400-day run: flows started at 1 us steps on day 399 end at the tick the closed form gives, and reruns give one hash', () => {
  const offsets = [0, 1, 123, 999_999, 3_600_000_001];
  const text = yearScenario(offsets);
  const { hash, starts, ends } = flowTimes(text);
  offsets.forEach((x, i) => {
    const start = 399n * DAY + BigInt(x) * 1000n;
    assert.is(starts[i], start, `flow ${i} starts at day 399 + ${x} us`);
    const end = start + up4(L) + up4(ceilDiv(B * 1_000_000_000n, R));
    assert.is(ends[i], end, `flow ${i} ends at ${end}`);
  });
  assert.is(flowTimes(text).hash, hash);
});

test('a 400-day run with a fault on day 380: the flow it cuts has delivered what the rate says up to the fault', () => {
  const text = yearScenario([0]).replace('workload:\n  flows:\n', `    cut: { between: [a, b], bandwidth: ${R} B/s, latency: ${L} ns }
workload:
  flows:
    g: { from: a, to: b, route: [cut], bytes: 1 TB, start: 380 d }
`) + 'faults:\n  - { at: 380 d 1 s, link-down: cut }\n';
  const sink = new MemorySink();
  runScenario(loadScenario('year.yaml', text), { sink });
  const cut = [...readTrace(sink.bytes())].find((r) => r.type === 'flow-end' && r.status === 'failed');
  assert.ok(cut !== undefined && cut.type === 'flow-end');
  assert.is(BigInt(cut.t), 380n * DAY + 1_000_000_000n);
  // R B/s for 1 s less the latency: 300e6 x (1e9 - 7e3) / 1e9 bytes.
  assert.is(cut.delivered, Number(R * (1_000_000_000n - L) / 1_000_000_000n));
});

test('a time past the 1 ns horizon without an until names the horizon and how to widen it', () => {
  const text = yearScenario([0]).replace('until: 400 d\n', '');
  assert.throws(() => runScenario(loadScenario('year.yaml', text)), /104\.2 days.*longer `until` widens it/);
});

test.run();
