import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Kernel } from '../sim/engine/kernel.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { checkedOutcome, fileOf, fuzzOne } from '../sim/fuzz/fuzz-one.ts';
import { generate } from '../sim/fuzz/generate.ts';
import { removable, without } from '../sim/fuzz/shrink.ts';
import { shrinkOutcome } from '../sim/cli/fuzz.ts';

test('network and lanfree scenarios from 40 seeds each, heavy faults: every one loads and violates nothing', () => {
  for (const kind of ['network', 'lanfree']) {
    for (let seed = 1; seed <= 40; seed++) {
      const o = fuzzOne({ kind, seed, faults: 'heavy', twice: seed % 10 === 0 });
      assert.equal(o.findings, [], `${kind} seed ${seed}`);
      assert.ok(o.events > 0);
    }
  }
});

test('one seed, one scenario: a generator is a pure function of its seed, and seeds differ', () => {
  assert.equal(generate('lanfree', 7, 'heavy'), generate('lanfree', 7, 'heavy'));
  assert.not.equal(generate('lanfree', 7, 'heavy'), generate('lanfree', 8, 'heavy'));
});

// A planted bug: bytes appear from nowhere whenever the network has a link named l2.
const plant = (kernel: Kernel) => {
  if (kernel.net.linkIdOrUndefined('l2') !== undefined) kernel.net.delivered += 1e6;
};
const CONSERVED = 'bytes are conserved: offered = delivered + lost + cancelled + in flight';

test('a planted bug is caught, shrunk to a smaller scenario that still fails, and replayed from the written file', () => {
  let caught: ReturnType<typeof fuzzOne> | undefined;
  for (let seed = 1; seed <= 30 && caught === undefined; seed++) {
    const o = fuzzOne({ kind: 'network', seed, faults: 'heavy', twice: false }, { tamper: plant });
    if (o.findings.length > 0) caught = o;
  }
  assert.ok(caught, 'some seed has a link l2');
  assert.is(caught!.findings[0].invariant, CONSERVED);
  // The file written for the seed replays it exactly: the same finding with the bug, none without.
  const again = checkedOutcome(loadScenario(fileOf(caught!), caught!.text), false, { tamper: plant });
  assert.equal(again.findings.map((f) => f.what), caught!.findings.map((f) => f.what));
  assert.is(again.traceHash, caught!.traceHash);
  assert.equal(checkedOutcome(loadScenario(fileOf(caught!), caught!.text), false).findings, []);
  // Shrinking keeps the failure and removes what it does not need.
  const small = shrinkOutcome(caught!, { tamper: plant });
  const before = parse(caught!.text) as { workload: { flows: object } };
  const after = small.doc as { workload: { flows: object }; topology: { links: object } };
  assert.ok(small.removed > 0);
  assert.ok(Object.keys(after.workload.flows).length <= Object.keys(before.workload.flows).length);
  assert.ok('l2' in after.topology.links, 'the link the bug needs stays');
  assert.ok(Object.keys(after.topology.links).length <= 3, 'links the failure does not need are gone');
});

test('shrink candidates: every list element and map entry below the top, largest first; removal copies', () => {
  const doc = { name: 'x', a: { b: [1, { c: 2, d: 3 }] } };
  const paths = removable(doc);
  assert.equal(paths[0], ['a', 'b']);
  assert.ok(paths.some((p) => p.join('.') === 'a.b.1.d'));
  assert.ok(!paths.some((p) => p.length === 1 && p[0] === 'name'));
  assert.equal(without(doc, ['a', 'b', 0]), { name: 'x', a: { b: [{ c: 2, d: 3 }] } });
  assert.equal(doc.a.b.length, 2);
});

// uvu sets FORCE_COLOR, and Node then warns about NO_COLOR on stderr: give the command a plain environment.
const { FORCE_COLOR: _force, ...env } = process.env;
const bin = new URL('../bin/backlab.mjs', import.meta.url).pathname;

test('backlab fuzz: counts what it checked and exits 0; a bad flag exits 2 and writes nothing', () => {
  const out = mkdtempSync(join(tmpdir(), 'backlab-fuzz-'));
  const r = spawnSync(process.execPath, [bin, 'fuzz', '--seeds', '1..6', '--jobs', '1', '--out', out], { encoding: 'utf8', env });
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /fuzz: 6 runs \(network \d+, lanfree \d+, [^)]*\), \d+ events checked/);
  assert.match(r.stdout, /no invariant violated/);
  assert.not.ok(existsSync(join(out, 'fuzz')));
  const bad = spawnSync(process.execPath, [bin, 'fuzz', '--protocol', 'nosuch', '--out', out], { encoding: 'utf8', env });
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /--protocol 'nosuch' has no generator; there are: network, lanfree/);
  assert.equal(readdirSync(out), []);
  rmSync(out, { recursive: true });
});

test.run();
