import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { MemorySink } from '../sim/trace/sink.ts';
import { readTrace } from '../sim/trace/reader.ts';
import { devicesCsv } from '../reports/csv.ts';
import type { DeviceRow } from '../sim/foundation/result.ts';

const load = (file: string, variant?: string) => loadScenario(file, readFileSync(new URL(`../scenarios/${file}`, import.meta.url), 'utf8'), { variant });
const device = (rows: DeviceRow[], name: string): DeviceRow => {
  const d = rows.find((x) => x.name === name);
  assert.ok(d, `no device ${name} in ${rows.map((x) => x.name).join(', ')}`);
  return d!;
};

test('tape.yaml: the devices table counts what its description counts by hand', () => {
  const r = runScenario(load('tape.yaml'));
  // d1: its first mount, and the swap when A00001L8 fills; d2: one mount
  assert.is(device(r.devices, 'lib1/d1').counters!.mounts, 2);
  assert.is(device(r.devices, 'lib1/d2').counters!.mounts, 1);
  // d1 streams; d2, fed below its lowest matched speed, back-hitches for all of its 500 GB at 81.45 MB/s
  assert.is(device(r.devices, 'lib1/d1').counters!.backhitches, 0);
  assert.is(device(r.devices, 'lib1/d2').counters!.backhitches, 1);
  assert.ok(Math.abs(device(r.devices, 'lib1/d2').counters!.backhitch_s - 500e9 / 81.45e6) < 5);
  // robot trips: d1 mount, swap (two), unmount; d2 mount, unmount: six of 10 s
  const robot = device(r.devices, 'lib1 robot');
  assert.is(robot.counters!.moves, 6);
  assert.is(robot.busy, 60);
  assert.ok(Math.abs(robot.meanUtilisation - 60 / r.endTime) < 1e-12);
  const [head, ...lines] = devicesCsv(r.devices).trimEnd().split('\n');
  assert.equal(head.split(',').slice(5), ['mounts', 'exchanges', 'backhitches', 'backhitch_s', 'written_bytes', 'read_bytes', 'robots', 'moves']);
  // the swap when A00001L8 fills is d1's one exchange, and its library's; each drive wrote its job's 500 GB
  assert.is(device(r.devices, 'lib1/d1').counters!.exchanges, 1);
  assert.is(device(r.devices, 'lib1/d2').counters!.exchanges, 0);
  assert.is(robot.counters!.exchanges, 1);
  for (const d of ['lib1/d1', 'lib1/d2']) {
    assert.is(device(r.devices, d).counters!.written_bytes, 500e9, d);
    assert.is(device(r.devices, d).counters!.read_bytes, 0, d);
    assert.is(device(r.devices, d).counters!.written_bytes, device(r.devices, d).bytes, `${d}: what it wrote is what crossed its device link`);
  }
  assert.is(lines.length, 3);
});

test('the flagship: each drive\'s mounts are the robot trips the trace shows bringing a cartridge to it', () => {
  const sink = new MemorySink();
  const r = runScenario(load('lan-vs-lanfree.yaml', 'shared'), { sink });
  const drives = r.devices.filter((d) => d.kind === 'tape drive');
  assert.ok(drives.length >= 2);
  const marks = [...readTrace(sink.bytes())].flatMap((x) => (x.type === 'mark' && / robot moves /.test(x.label) ? [x.label] : []));
  let total = 0;
  for (const d of drives) {
    const trips = marks.filter((l) => l.endsWith(` to ${d.name}`)).length;
    assert.is(d.counters!.mounts, trips, d.name);
    total += trips;
  }
  assert.ok(total >= drives.length, `every drive of the flagship mounts a cartridge (${total})`);
  // backups write, the one restore reads its 400 GB back: together, what crossed the drives' device links
  const sum = (k: string): number => drives.reduce((a, d) => a + d.counters![k], 0);
  assert.is(sum('read_bytes'), 400e9);
  assert.is(sum('written_bytes') + sum('read_bytes'), drives.reduce((a, d) => a + d.bytes, 0));
});

test('vtl.yaml: a library\'s stored bytes are what its writes stored, and less than the logical bytes', () => {
  const r = runScenario(load('vtl.yaml'));
  const branch = device(r.devices, 'branch-vtl');
  const written = r.jobs.reduce((a, j) => a + (j.results?.['vtl.write.storedBytes'] ?? 0), 0);
  assert.is(branch.counters!.stored_bytes, written);
  assert.is(branch.counters!.logical_bytes, 2e12);
  assert.ok(branch.counters!.stored_bytes < branch.counters!.logical_bytes / 3);
});

test.run();
