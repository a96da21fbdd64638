import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Kernel } from '../sim/engine/kernel.ts';
import { all, mark, receive, send, sleep, transfer } from '../sim/engine/commands.ts';
import { ms, seconds } from '../sim/foundation/time.ts';
import { ACTORS_PID, LINKS_PID, NETWORK_PID, toChromeTrace } from '../sim/trace/chrome.ts';
import { readTrace, type TraceRecord } from '../sim/trace/reader.ts';
import { MemorySink } from '../sim/trace/sink.ts';
import { linkUtilisation } from '../sim/trace/utilisation.ts';

interface Ev {
  ph: string;
  name: string;
  cat?: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  s?: string;
  id2?: { local: string };
  args?: Record<string, unknown>;
}

/** A small world with contention, concurrent flows of one owner, a failure, an interrupt, marks and an actor left blocked. */
function world(): TraceRecord[] {
  const sink = new MemorySink();
  const k = new Kernel({ seed: 1, sink });
  k.net.addLink('lan', { bandwidth: 1e8, latency: 50_000 });
  k.net.addLink('san', { bandwidth: 4e7, latency: 2_000 });
  k.spawn('client', function* () {
    yield sleep(ms(5), 'FIG. 3 step 1: start the backup');
    yield all([transfer(['lan', 'san'], 2e7, { label: 'step 2: data to the server' }), transfer(['lan'], 5e7, { label: 'catalogue' })]);
    yield mark('backup done', { files: 3 });
    yield send('server', { type: 'done' });
  });
  k.spawn('other', function* () {
    yield sleep(ms(100));
    try {
      yield transfer(['lan'], 1e9, { label: 'doomed' });
    } catch {
      yield sleep(ms(1), 'recover');
    }
  });
  k.spawn('server', function* () { yield receive({ type: 'done' }, undefined, 'wait for the client'); });
  k.spawn('sleeper', function* () {
    try { yield sleep(seconds(100)); } catch { /* interrupted */ }
    yield receive({ type: 'never' });
  });
  k.at(seconds(3), () => k.net.setLinkUp(0, false), 'lan fails');
  k.at(seconds(4), () => k.interrupt('sleeper', 'host reboot'));
  k.run();
  k.finish();
  return [...readTrace(sink.bytes())];
}

const records = world();
const trace = toChromeTrace(records);
const events = trace.traceEvents as Ev[];
const ns = (us: number): number => Math.round(us * 1000);

test('the container is what Perfetto expects, and survives JSON', () => {
  assert.is(trace.displayTimeUnit, 'ns');
  const back = JSON.parse(JSON.stringify(trace)) as typeof trace;
  assert.equal(back.traceEvents, trace.traceEvents);
  for (const e of events) {
    assert.type(e.ph, 'string');
    assert.type(e.pid, 'number');
    assert.type(e.tid, 'number');
    assert.type(e.ts, 'number');
    assert.ok(Number.isFinite(e.ts) && e.ts >= 0, JSON.stringify(e));
  }
});

test('process and thread names: one thread per actor, named after it', () => {
  const procs = events.filter((e) => e.ph === 'M' && e.name === 'process_name').map((e) => [e.pid, e.args!.name]);
  assert.equal(procs, [[ACTORS_PID, 'actors'], [NETWORK_PID, 'network'], [LINKS_PID, 'links']]);
  const actors = records.filter((r): r is Extract<TraceRecord, { type: 'actor' }> => r.type === 'actor');
  const threads = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === ACTORS_PID).map((e) => [e.tid, e.args!.name]));
  for (const a of actors) assert.is(threads.get(a.pid), a.name);
  assert.is(threads.get(0), 'kernel', 'kernel marks get a thread');
});

test('each step is a complete slice up to the next step; slices never overlap on a thread', () => {
  const slices = events.filter((e) => e.ph === 'X');
  const steps = records.filter((r) => r.type === 'step');
  assert.is(slices.length, steps.length);
  const byTid = new Map<number, Ev[]>();
  for (const s of slices) {
    assert.is(s.pid, ACTORS_PID);
    assert.ok(s.dur! >= 0);
    byTid.set(s.tid, [...(byTid.get(s.tid) ?? []), s]);
  }
  for (const [tid, list] of byTid) {
    list.sort((a, b) => a.ts - b.ts);
    for (let i = 1; i < list.length; i++) {
      assert.ok(ns(list[i - 1].ts) + ns(list[i - 1].dur!) <= ns(list[i].ts), `tid ${tid}: ${list[i - 1].name} overlaps ${list[i].name}`);
    }
  }
  const named = slices.find((s) => s.name === 'FIG. 3 step 1: start the backup')!;
  assert.ok(named, 'a labelled step is named by its label');
  assert.is(named.ts, 0);
  assert.is(named.dur, 5000, 'sleep(5 ms) lasts 5000 µs');
  assert.ok(slices.some((s) => s.name === 'all' && s.args!.op === 'all'), 'an unlabelled step is named by its op');
  // The sleeper is still blocked when the run ends: its slice is closed at the last record.
  const last = records[records.length - 1].t;
  const sleeperTid = (records.find((r) => r.type === 'actor' && r.name === 'sleeper') as { pid: number }).pid;
  const tail = byTid.get(sleeperTid)!.at(-1)!;
  assert.is(ns(tail.ts) + ns(tail.dur!), last);
});

test('flows are async b/e pairs with unique ids; unfinished or failed flows are closed', () => {
  const begins = events.filter((e) => e.ph === 'b');
  const ends = events.filter((e) => e.ph === 'e');
  const starts = records.filter((r) => r.type === 'flow-start');
  assert.is(begins.length, starts.length);
  assert.is(ends.length, begins.length);
  const ids = begins.map((b) => b.id2!.local);
  assert.is(new Set(ids).size, ids.length, 'ids are unique');
  for (const b of begins) {
    assert.is(b.pid, NETWORK_PID);
    const e = ends.filter((x) => x.id2!.local === b.id2!.local);
    assert.is(e.length, 1);
    assert.is(e[0].name, b.name);
    assert.is(e[0].cat, b.cat);
    assert.ok(e[0].ts >= b.ts);
  }
  const statuses = ends.map((e) => e.args!.status).sort();
  assert.ok(statuses.includes('done') && statuses.includes('failed'), statuses.join());
  // The two concurrent flows of one owner share its thread but not an id.
  const client = begins.filter((b) => b.name === 'step 2: data to the server' || b.name === 'catalogue');
  assert.is(client.length, 2);
  assert.is(client[0].tid, client[1].tid);
  const threads = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === NETWORK_PID).map((e) => [e.tid, e.args!.name]));
  assert.is(threads.get(client[0].tid), 'client');
  assert.is(client[0].args!.route, 'lan > san');
});

test('link counters equal the link loads rebuilt from the trace', () => {
  const u = linkUtilisation(records);
  const counters = events.filter((e) => e.ph === 'C');
  for (const l of u.links) {
    const mine = counters.filter((c) => c.name === l.name).map((c) => ({ t: ns(c.ts), load: c.args!['B/s'] }));
    assert.equal(mine, u.series[l.id].map((p) => ({ t: p.t, load: p.load })), l.name);
    assert.ok(mine.some((p) => (p.load as number) > 0), `${l.name} carried something`);
    for (const c of counters.filter((x) => x.name === l.name)) assert.is(c.pid, LINKS_PID);
  }
  // While both client flows share the lan, its load is the sum of their rates and never above its bandwidth.
  for (const c of counters) assert.ok((c.args!['B/s'] as number) <= (c.name === 'lan' ? 1e8 : 4e7) * (1 + 1e-12));
});

test('marks, interrupts and the link failure are instants', () => {
  const inst = events.filter((e) => e.ph === 'i');
  const m = inst.find((e) => e.name === 'backup done')!;
  assert.ok(m);
  assert.is(m.s, 't');
  assert.equal(m.args, { data: { files: 3 } });
  const kernelMark = inst.find((e) => e.name === 'lan fails');
  assert.ok(kernelMark, 'kernel.at labels are marks');
  assert.is(kernelMark!.tid, 0);
  assert.ok(inst.some((e) => e.name === 'interrupt: host reboot' && e.ts === 4e6));
  assert.ok(inst.some((e) => e.name === 'lan down' && e.pid === LINKS_PID));
});

test('the same records give the same JSON (determinism)', () => {
  assert.is(JSON.stringify(toChromeTrace(world())), JSON.stringify(trace));
});

test.run();
