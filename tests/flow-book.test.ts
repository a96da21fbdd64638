import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { MemorySink } from '../sim/trace/sink.ts';
import { readTrace, type TraceRecord } from '../sim/trace/reader.ts';

const bin = new URL('../bin/backlab.mjs', import.meta.url).pathname;
const path = (f: string) => new URL(`../scenarios/${f}`, import.meta.url).pathname;

/** A minimal CSV reader for backlab's own files: quoted cells may hold commas, never newlines. */
function readCsv(text: string): Record<string, string>[] {
  const split = (line: string): string[] => {
    const cells: string[] = [];
    let cur = '', quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') quoted = false; else cur += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') { cells.push(cur); cur = ''; } else cur += c;
    }
    cells.push(cur);
    return cells;
  };
  const [head, ...lines] = text.trimEnd().split('\n');
  const names = split(head);
  return lines.map((l) => Object.fromEntries(split(l).map((v, i) => [names[i], v])));
}

function traceOf(file: string, variant?: string): TraceRecord[] {
  const sink = new MemorySink();
  runScenario(loadScenario(file, readFileSync(path(file), 'utf8'), { variant }), { sink });
  return [...readTrace(sink.bytes())];
}

test('flows.csv of the flagship lists every tape stream the trace starts, with the job and phase it served', () => {
  const out = mkdtempSync(join(tmpdir(), 'backlab-flows-'));
  try {
    const r = spawnSync(process.execPath, [bin, 'run', path('lan-vs-lanfree.yaml'), '--variant', 'shared', '--out', out], { encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
    const [dir] = readdirSync(out);
    const rows = readCsv(readFileSync(join(out, dir, 'flows.csv'), 'utf8'));
    const recs = traceOf('lan-vs-lanfree.yaml', 'shared');
    const names = new Map(recs.flatMap((x) => (x.type === 'actor' ? [[x.pid, x.name] as const] : [])));
    const streams = recs.filter((x): x is Extract<TraceRecord, { type: 'flow-start' }> => x.type === 'flow-start' && /: (write|read) /.test(x.label));
    assert.ok(streams.length > 100, `the flagship streams tape (${streams.length})`);
    const csvStreams = rows.filter((f) => /: (write|read) /.test(f.label));
    assert.is(csvStreams.length, streams.length, 'one row per tape stream');
    const byId = new Map(rows.map((f) => [Number(f.flow_id), f]));
    const served = new Map(recs.flatMap((x) => (x.type === 'flow-for' ? [[x.flow, names.get(x.pid)] as const] : [])));
    for (const s of streams) {
      const row = byId.get(s.flow);
      assert.ok(row, `flow ${s.flow} is in flows.csv`);
      assert.is(row!.actor, names.get(s.owner));
      assert.is(Number(row!.bytes), s.bytes);
      assert.is(row!.for, served.get(s.flow) ?? '');
      assert.ok(/^(backup|restore)$/.test(row!.phase), `a tape stream serves a backup or a restore, not '${row!.phase}'`);
      assert.ok(row!.job !== '', 'and names its job');
    }
    assert.is(rows.length, recs.filter((x) => x.type === 'flow-start').length, 'and every other flow too');
  } finally {
    rmSync(out, { recursive: true });
  }
});

test('every flow of every run is listed with the status and bytes the trace ends it with', () => {
  for (const file of ['vtl.yaml', 'remotecopy.yaml', 'vmdr-cluster.yaml', 'feedplex-two-node.yaml', 'parking-lot.yaml', 'tape.yaml']) {
    const sink = new MemorySink();
    const res = runScenario(loadScenario(file, readFileSync(path(file), 'utf8')), { sink });
    const ends = new Map<number, { status: string; delivered: number }>();
    let started = 0;
    for (const x of readTrace(sink.bytes())) {
      if (x.type === 'flow-start') started++;
      if (x.type === 'flow-end') ends.set(x.flow, x);
    }
    const listed = res.flows.filter((f) => f.id !== undefined);
    assert.is(listed.length, started, `${file}: one row per flow started`);
    for (const f of listed) {
      const e = ends.get(f.id!);
      assert.is(f.status, e?.status ?? 'running', `${file} flow ${f.id}`);
      if (e) assert.is(f.delivered, e.delivered, `${file} flow ${f.id} delivered`);
    }
  }
});

test('a flow a family\'s helper actor moves belongs to the job whose step asked for it', () => {
  const res = runScenario(loadScenario('vtl.yaml', readFileSync(path('vtl.yaml'), 'utf8')));
  const vtl = res.flows.filter((f) => /^vtl #/.test(f.actor));
  assert.ok(vtl.length >= 4, 'vtl.yaml writes and replicates through helper actors');
  for (const f of vtl) {
    // week 2 starts at 7 d: a flow before it is week 1's
    const week = f.start < 7 * 86400 ? 'week-1' : 'week-2';
    assert.is(f.job, week, `${f.actor} at ${f.start} s`);
    assert.is(f.for, week, 'the job\'s actor asked for it');
    assert.is(f.phase, 'backup');
  }
});

test('a flow moved for a job another actor began is that job\'s: feedplex\'s pipeline steps, remotecopy\'s coordinator and tape copy, vmdr\'s restore slots', () => {
  const out = mkdtempSync(join(tmpdir(), 'backlab-flows-'));
  try {
    const rowsOf = (file: string) => {
      const r = spawnSync(process.execPath, [bin, 'run', path(file), '--out', out], { encoding: 'utf8' });
      assert.is(r.status, 0, r.stderr);
      return readCsv(readFileSync(join(out, file.replace(/\.yaml$/, ''), 'flows.csv'), 'utf8'));
    };
    const feedplex = rowsOf('feedplex-two-node.yaml');
    assert.ok(feedplex.length > 1000);
    for (const f of feedplex) {
      assert.ok(f.job !== '', `feedplex flow ${f.flow_id} (${f.actor}) names its job`);
      // a pipeline step's actor is named after its job (nightly/FIG. 3 step 4), and so is the helper it asked
      const owner = /^(\w+)\//.exec(f.for || f.actor)?.[1];
      if (owner !== undefined) assert.is(f.job, owner, `flow ${f.flow_id} of ${f.actor}`);
    }
    const remote = rowsOf('remotecopy.yaml');
    for (const f of remote) assert.ok(f.job !== '', `remotecopy flow ${f.flow_id} (${f.actor}) names its job`);
    for (const f of remote.filter((x) => /^coordinator: /.test(x.label))) {
      assert.is(f.job, /^coordinator: (.+) onto /.exec(f.label)![1], 'the coordinator writes for the backup that asked');
      assert.is(f.phase, 'backup');
    }
    const tape = remote.filter((x) => x.actor === 'dr-tape/d1');
    assert.is(tape.length, 6, 'the week\'s six cartridges stacked on tape');
    for (const f of tape) assert.equal([f.job, f.phase], ['w1 smart copy', 'copy']);
    const vmdr = rowsOf('vmdr-student.yaml');
    for (const f of vmdr) assert.ok(f.job !== '', `vmdr flow ${f.flow_id} (${f.actor}) names its job`);
    for (const f of vmdr.filter((x) => /boots/.test(x.label))) assert.is(f.job, `restore ${/VM (\w+)@/.exec(f.label)![1]}`);
  } finally {
    rmSync(out, { recursive: true });
  }
});

test.run();
