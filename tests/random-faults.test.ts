import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { countSchedule, randomSchedule } from '../sim/scenario/random-faults.ts';
import { EventCeilingError } from '../sim/scenario/event-ceiling.ts';

const vm = readFileSync(new URL('../scenarios/vmdr-student.yaml', import.meta.url), 'utf8');
const pl = readFileSync(new URL('../scenarios/parking-lot.yaml', import.meta.url), 'utf8');
const vmFlaps = vm.replace('  - { at: 910.5 s, site-fails: primary }', '  - { at: 910.5 s, site-fails: primary }\n  - random: { kind: link-flap, targets: [wan, lan-b, lan-a], mtbf: 2 min, mttr: 20 s }\n  - { at: 300 s, link-down: lan-dr }\n  - random: { kind: host-failure, targets: [esx-b], mtbf: 20 min, mttr: 1 min, from: 100 s }');
const plFlaps = pl.replace('checks:', 'until: 200 s\nfaults:\n  - random: { kind: link-flap, targets: [l1, l2, l3], mtbf: 5 s, mttr: 1 s }\n  - random: { kind: link-flap, targets: [l2], mtbf: 1 ms, mttr: 1 ms, until: 100 s }\nchecks:');

// Hashes taken with the schedule built as one sorted array up front (before the generator): generating it lazily
// must give the same events in the same order, message ids included (vmdr's actors send messages throughout).
// The vmdr one was taken again when vmdr's restores became parallel, with the up-front schedule put back for the
// purpose (every event scheduled at load from [...randomSchedule()]): the same hash as the lazy one.
test('random faults generated lazily give the trace of the up-front schedule', () => {
  assert.equal([runScenario(loadScenario('v.yaml', vmFlaps)).traceHash, runScenario(loadScenario('p.yaml', plFlaps)).traceHash], [
    '269844c737f56f900a6d88839cb76396f3712e7c6544ae4ef63e1257be09785b',
    '243bfe337e2f1c8dd268e56a7be515232c4cfcf3071badf9c456d19c67347ec4',
  ]);
});

test('the merged schedule is in time order, targets in listed order at one instant, and as long as its count', () => {
  const f = loadScenario('p.yaml', plFlaps).faults[0] as Parameters<typeof randomSchedule>[0];
  const events = [...randomSchedule(f, 3)];
  assert.ok(events.length > 50);
  for (let i = 1; i < events.length; i++) assert.ok(events[i - 1].t <= events[i].t);
  assert.is(countSchedule(f, 3, 1e9), events.length);
  assert.is(countSchedule(f, 3, 10), 11, 'counting stops past the limit');
});

test('a flap every nanosecond for 100 days is refused at once, in bounded memory', () => {
  const text = pl.replace('checks:', 'until: 100 d\nfaults:\n  - random: { kind: link-flap, targets: [l1], mtbf: 1 ns, mttr: 1 ns }\nchecks:');
  const began = performance.now();
  assert.throws(() => runScenario(loadScenario('p.yaml', text)), (e: unknown) => e instanceof EventCeilingError && e.data.fault === 0);
  assert.ok(performance.now() - began < 2000);
});

test('the event ceiling stops a run and says where', () => {
  assert.throws(() => runScenario(loadScenario('p.yaml', pl), { maxEvents: 5 }), (e: unknown) => e instanceof EventCeilingError && e.data.limit === 5 && /ceiling of 5 events/.test(e.message));
  assert.is(runScenario(loadScenario('p.yaml', pl), { maxEvents: 1000 }).stopReason, 'idle');
});

test.run();
