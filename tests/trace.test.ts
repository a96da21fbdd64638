import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kernel } from '../sim/engine/kernel.ts';
import { sleep, transfer } from '../sim/engine/commands.ts';
import { seconds } from '../sim/foundation/time.ts';
import { FlowStatus } from '../sim/trace/format.ts';
import { FileSink } from '../sim/trace/file-sink.ts';
import { readTrace } from '../sim/trace/reader.ts';
import { TraceRecorder } from '../sim/trace/recorder.ts';
import { MemorySink } from '../sim/trace/sink.ts';
import { Sha256 } from '../sim/trace/sha256.ts';
import { createSha256 } from '../sim/trace/hasher.ts';
import { linkUtilisation, loadAt } from '../sim/trace/utilisation.ts';

test('records read back exactly as written, including large and non-ASCII values', () => {
  const sink = new MemorySink();
  const tr = new TraceRecorder({ sink, chunkSize: 64 });
  tr.meta({ seed: 9 });
  tr.actor(0, 1, 'lpar1 – client');
  tr.step(5, 1, 'transfer', 'FIG. 3 step 2', 2 ** 52 + 1, { bytes: 5e11, note: 'ü' });
  tr.flowStart(5, 3, 1, 123456789.5, Infinity, false, [0, 7, 300], 'backup');
  tr.flowStart(5, 4, 1, 1e9, 2.5e7, true, [7], 'window');
  tr.flowStart(5, 5, 1, 1e9, 3e8, false, [300], 'drive');
  tr.flowFeed(5, 5, 7);
  tr.flowFeed(5, 5, -1);
  tr.flowFor(5, 5, 3);
  tr.flowGroup(6, 3, -4);
  tr.groupRate(6, -4, 1.25e9 / 3);
  tr.flowHeld(6, 3, 300);
  tr.flowHeld(6, 3, -1);
  tr.flowEnd(2 ** 53 - 1, 3, FlowStatus.Failed, 42.25);
  tr.mark(2 ** 53 - 1, 0, 'x'.repeat(500));
  tr.sleep(2 ** 53 - 1, 300, 2 ** 40);
  tr.finish();
  const recs = [...readTrace(sink.bytes())];
  assert.equal(recs, [
    { type: 'meta', t: 0, data: { seed: 9 } },
    { type: 'actor', t: 0, pid: 1, name: 'lpar1 – client' },
    { type: 'step', t: 5, pid: 1, op: 'transfer', label: 'FIG. 3 step 2', ref: 2 ** 52 + 1, data: { bytes: 5e11, note: 'ü' } },
    { type: 'flow-start', t: 5, flow: 3, owner: 1, bytes: 123456789.5, cap: Infinity, capFrom: 'transfer', route: [0, 7, 300], label: 'backup' },
    { type: 'flow-start', t: 5, flow: 4, owner: 1, bytes: 1e9, cap: 2.5e7, capFrom: 'link', route: [7], label: 'window' },
    { type: 'flow-start', t: 5, flow: 5, owner: 1, bytes: 1e9, cap: 3e8, capFrom: 'transfer', route: [300], label: 'drive' },
    { type: 'flow-feed', t: 5, flow: 5, link: 7 },
    { type: 'flow-feed', t: 5, flow: 5, link: -1 },
    { type: 'flow-for', t: 5, flow: 5, pid: 3 },
    { type: 'flow-group', t: 6, flow: 3, group: -4 },
    { type: 'group-rate', t: 6, group: -4, rate: 1.25e9 / 3 },
    { type: 'flow-held', t: 6, flow: 3, link: 300 },
    { type: 'flow-held', t: 6, flow: 3, link: -1 },
    { type: 'flow-end', t: 2 ** 53 - 1, flow: 3, status: 'failed', delivered: 42.25 },
    { type: 'mark', t: 2 ** 53 - 1, pid: 0, label: 'x'.repeat(500), data: undefined },
    { type: 'step', t: 2 ** 53 - 1, pid: 300, op: 'sleep', label: '', ref: 2 ** 40, data: undefined },
  ]);
});

test('short sleep records round-trip at every varint width', () => {
  const sink = new MemorySink();
  const tr = new TraceRecorder({ sink, chunkSize: 32 });
  const values = [0, 1, 127, 128, 16383, 16384, 2 ** 31, 2 ** 53 - 1];
  let t = 0;
  const expected = [];
  for (const v of values) {
    for (const w of values) {
      t += v % 1000;
      tr.sleep(t, w % 20000, v);
      expected.push({ type: 'step', t, pid: w % 20000, op: 'sleep', label: '', ref: v, data: undefined });
    }
  }
  tr.finish();
  assert.equal([...readTrace(sink.bytes())], expected);
});

test('time never goes back in a trace', () => {
  const tr = new TraceRecorder();
  tr.mark(10, 0, 'a');
  assert.throws(() => tr.mark(9, 0, 'b'), /time went back/);
});

function world(sinkFor: () => MemorySink | FileSink) {
  const sink = sinkFor();
  const k = new Kernel({ seed: 3, sink });
  k.net.addLink('l', { bandwidth: 1e8 });
  for (let i = 0; i < 300; i++) {
    k.spawn(`a${i}`, function* () {
      for (let j = 0; j < 20; j++) yield sleep(1000 + i, `step ${j}`);
      yield transfer(['l'], 1e6 * (1 + (i % 7)));
    });
  }
  k.run();
  return k.finish();
}

test('the hash is SHA-256 of the encoded trace; streaming to a file gives the same bytes', () => {
  const mem = new MemorySink();
  const a = world(() => mem);
  const bytes = mem.bytes();
  assert.is(a.bytes, bytes.length);
  assert.is(a.hash, createHash('sha256').update(bytes).digest('hex'));
  // Memory stays bounded: the recorder hands over 64 KiB chunks rather than growing one buffer.
  assert.ok(mem.chunks.length > 1);
  assert.ok(mem.chunks.every((c) => c.length <= 1 << 16));

  // The browser computes the same hash with the pure-TS SHA-256.
  assert.is(new Sha256().update(bytes).hex(), a.hash);
  const native = createSha256();
  for (const c of mem.chunks) native.update(c);
  assert.is(native.hex(), a.hash);

  const dir = mkdtempSync(join(tmpdir(), 'backlab-trace-'));
  const path = join(dir, 'run.trace');
  const b = world(() => new FileSink(path));
  assert.is(b.hash, a.hash);
  assert.equal(new Uint8Array(readFileSync(path)), bytes);
  assert.not.ok(existsSync(`${path}.partial`));
  rmSync(dir, { recursive: true });
});

test('link utilisation rebuilt from the trace alone matches the network at every instant', () => {
  const sink = new MemorySink();
  const k = new Kernel({ seed: 1, sink });
  for (const l of ['l1', 'l2', 'l3']) k.net.addLink(l, { bandwidth: 1e8 });
  const flows: [string, string[], number, number][] = [
    ['A', ['l1', 'l2', 'l3'], 1e9, 0], ['B', ['l1'], 5e8, 0], ['C', ['l2'], 1e9, seconds(3)], ['D', ['l3'], 2e9, seconds(1)],
  ];
  for (const [name, route, bytes, start] of flows) {
    k.spawn(name, function* () { yield sleep(start); yield transfer(route, bytes); });
  }
  const probes: [number, number[]][] = [];
  for (let t = 1; t < seconds(40); t += seconds(0.37)) {
    k.at(t, () => probes.push([k.now, [0, 1, 2].map((l) => k.net.linkLoad(l))]));
  }
  k.run();
  k.finish();
  const u = linkUtilisation(readTrace(sink.bytes()));
  assert.equal(u.links.map((l) => l.name), ['l1', 'l2', 'l3']);
  for (const [t, loads] of probes) {
    loads.forEach((load, l) => assert.ok(Math.abs(loadAt(u.series[l], t) - load) < 1e-6, `link ${l} at ${t}: trace ${loadAt(u.series[l], t)} vs network ${load}`));
  }
});

test.run();
