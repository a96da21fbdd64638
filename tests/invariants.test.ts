import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { MemorySink } from '../sim/trace/sink.ts';
import { readTrace } from '../sim/trace/reader.ts';
import { CORE_INVARIANTS, violations, type RunProbe } from '../sim/fuzz/invariants.ts';
import type { JobRow } from '../sim/foundation/result.ts';

// A real probe of the parking lot, then one doctored copy per invariant: each check must see its own breakage.
function probe(): RunProbe {
  const scenario = loadScenario('scenarios/parking-lot.yaml', readFileSync(new URL('../scenarios/parking-lot.yaml', import.meta.url), 'utf8'));
  const sink = new MemorySink();
  let bytes: RunProbe['bytes'] = { offered: 0, delivered: 0, lost: 0, cancelled: 0, inFlight: 0 };
  let audits: string[] = [];
  const result = runScenario(scenario, {
    sink,
    inspect: ({ kernel, audit }) => {
      const n = kernel.net;
      bytes = { offered: n.offered, delivered: n.delivered, lost: n.lost, cancelled: n.cancelled, inFlight: n.inFlight() };
      audits = audit();
    },
  });
  return { scenario, result, records: [...readTrace(sink.bytes())], bytes, audits };
}

const NIGHT: JobRow = { name: 'n@2026-01-02', kind: 'backup', actor: 'n@2026-01-02', status: 'completed', start: 100, end: 200, bytes: 5, window: { end: 300, verdict: 'met', missedBy: null } };
const broken = (p: RunProbe) => violations(p).map((v) => v.invariant);

test('a clean run violates nothing', () => {
  assert.equal(violations(probe()), []);
});

test('each core invariant catches its own breakage', () => {
  const cases: [string, (p: RunProbe) => RunProbe][] = [
    ['virtual time never goes back', (p) => ({ ...p, records: [...p.records, { ...p.records[p.records.length - 1], t: 0 }] })],
    ['bytes are conserved', (p) => ({ ...p, bytes: { ...p.bytes, delivered: p.bytes.delivered + 1e6 } })],
    ['each flow delivers at most its bytes', (p) => ({ ...p, result: { ...p.result, flows: p.result.flows.map((f, i) => (i === 0 ? { ...f, delivered: f.bytes / 2 } : f)) } })],
    ['no link or device carries more', (p) => ({ ...p, result: { ...p.result, timeseries: { ...p.result.timeseries, series: p.result.timeseries.series.map((x, i) => (i === 0 ? { ...x, rate: x.rate.map((r, k) => (k === 0 ? 1.5 * x.bandwidth : r)) } : x)) } } })],
    ['every job ends', (p) => ({ ...p, result: { ...p.result, stopReason: 'idle', jobs: p.result.jobs.map((j, i) => (i === 0 ? { ...j, status: 'running', end: null } : j)) } })],
    ['the equipment holds together', (p) => ({ ...p, audits: ['cartridge A00001L8 of lib holds 13e12 native bytes, more than its capacity 12e12'] })],
    // The scheduled nights' (sim/fuzz/schedule-invariants.ts): a night met after its close, a full short of the data, data that shrinks.
    ['a scheduled night\'s window verdict agrees', (p) => ({ ...p, result: { ...p.result, jobs: [...p.result.jobs, { ...NIGHT, end: 400 }] } })],
    ['a night\'s data bytes are never negative', (p) => ({ ...p, result: { ...p.result, jobs: [...p.result.jobs, { ...NIGHT, backup: { level: 'full', bytes: 10, size: 100 } }] } })],
    ['on any night an incremental moves at most', (p) => ({ ...p, scenario: { ...p.scenario, jobs: [...p.scenario.jobs, { name: 'n@2026-01-01', kind: 'backup', start: 0, steps: [], plan: { job: 'n', model: { size: 100, change: 0.1, growth: -0.5, changeSpread: 0, overlap: 'random' }, levels: ['full', 'incremental', 'incremental'], days: [0, 1, 2], steps: [] } }] } })],
  ];
  assert.is(cases.length, CORE_INVARIANTS.length, 'one case per core invariant');
  for (const [name, doctor] of cases) {
    const hit = broken(doctor(probe()));
    assert.is(hit.length, 1, `${name}: ${hit.join('; ')}`);
    assert.ok(hit[0].startsWith(name), `${name} caught as: ${hit[0]}`);
  }
});

test.run();
