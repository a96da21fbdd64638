import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { Names } from '../sim/model/family.ts';
import { fabricRoute, zoningRefusal, type FabricDef } from '../sim/model/fabrics/fc-fabric.ts';
import { resolveFabrics } from '../sim/model/fabrics/family.ts';
import { ScenarioError } from '../sim/foundation/errors.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { refusal } from './support/refusal.ts';

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
const US = 1e-6;

/** A scenario with hosts h1..h3, a fabric body and job steps. */
const san = (fabric: string, jobs: string, extra = '') => `name: san
topology:
  hosts: { h1: {}, h2: {}, h3: {} }
  fabrics:
    san:
${fabric.replace(/^/gm, '      ')}
workload:
  jobs:
${jobs.replace(/^/gm, '    ')}
${extra}`;

const errorOf = (text: string): string => refusal(text, 's.yaml').message;

const job = (name: string, step: string, start = '0 s') => `${name}:\n  start: ${start}\n  steps:\n    - san.transfer: ${step}`;
const jobOf = (r: ReturnType<typeof runScenario>, n: string) => r.jobs.find((j) => j.name === n)!;

test('an 8GFC HBA feeding a target moves bytes at 800 MB/s, after one switch\'s 0.5 us', () => {
  const r = runScenario(loadScenario('s.yaml', san(`generation: 8GFC
switches: { sw1: {} }
ports:
  hba: { switch: sw1, host: h1 }
  drive: { switch: sw1 }`, job('w', '{ from: hba, to: drive, bytes: 80 GB }'))));
  const w = jobOf(r, 'w');
  assert.is(w.status, 'completed');
  close(w.end!, 0.5 * US + 80e9 / 800e6, '80 GB at 800 MB/s');
  assert.is(w.bytes, 80e9);
  // One link per direction of every port, each at 8GFC's usable rate.
  assert.equal(r.links.map((l) => [l.name, l.bandwidth]), [['san/hba:tx', 8e8], ['san/hba:rx', 8e8], ['san/drive:tx', 8e8], ['san/drive:rx', 8e8]]);
});

test('three flows over one 16GFC ISL share it max-min: the 4GFC port keeps 400 MB/s, the others split the rest', () => {
  const fabric = `generation: 16GFC
switches: { sw1: {}, sw2: {} }
ports:
  ha: { switch: sw1, host: h1, speed: 4GFC }
  hb: { switch: sw1, host: h2 }
  hc: { switch: sw1, host: h3 }
  t1: { switch: sw2 }
  t2: { switch: sw2 }
  t3: { switch: sw2 }
isls:
  isl: { between: [sw1, sw2] }`;
  const jobs = [job('x', '{ from: ha, to: t1, bytes: 4 GB }'), job('y', '{ from: hb, to: t2, bytes: 6 GB }'), job('z', '{ from: hc, to: t3, bytes: 12 GB }')].join('\n');
  const r = runScenario(loadScenario('s.yaml', san(fabric, jobs)));
  // Hand max-min on the ISL (1600): the fair share 533 exceeds x's own 400 (4GFC), so x = 400, y = z = (1600 - 400) / 2 = 600.
  // x and y end at 10 s; z has 12 - 6 = 6 GB left and runs alone at 1600 MB/s for 3.75 s. Two switches: 1 us.
  close(jobOf(r, 'x').end!, 1 * US + 4e9 / 400e6, 'x');
  close(jobOf(r, 'y').end!, 1 * US + 6e9 / 600e6, 'y');
  close(jobOf(r, 'z').end!, 1 * US + 10 + 6e9 / 1600e6, 'z');
  const isl = r.links.find((l) => l.name === 'san/isl:sw1>sw2')!;
  assert.is(isl.bytes, 22e9);
  assert.is(isl.bandwidth, 1.6e9);
  assert.is(r.links.find((l) => l.name === 'san/ha:tx')!.bandwidth, 4e8);
});

test('full duplex: a write and a read cross the same ISL in opposite directions at 800 MB/s each', () => {
  const r = runScenario(loadScenario('s.yaml', san(`generation: 8GFC
switches: { sw1: {}, sw2: {} }
ports:
  hba: { switch: sw1, host: h1 }
  lun: { switch: sw2 }
isls: { isl: { between: [sw1, sw2] } }`, [job('write', '{ from: hba, to: lun, bytes: 8 GB }'), job('read', '{ from: lun, to: hba, bytes: 8 GB }')].join('\n'))));
  close(jobOf(r, 'write').end!, 1 * US + 10, 'write');
  close(jobOf(r, 'read').end!, 1 * US + 10, 'read');
});

test('zoning refuses a flow outside every zone: the job fails naming both ports and the fabric', () => {
  const r = runScenario(loadScenario('s.yaml', san(`generation: 8GFC
switches: { sw1: {} }
ports:
  hba1: { switch: sw1, host: h1 }
  hba2: { switch: sw1, host: h2 }
  tape: { switch: sw1 }
  disk: { switch: sw1 }
zones:
  backup: [h1, tape]
  db: [hba2, disk]`, [job('ok', '{ fabric: san, from: hba1, to: tape, bytes: 8 GB }'), job('bad', '{ fabric: san, from: hba2, to: tape, bytes: 8 GB }')].join('\n'), 'checks: ["jobs_failed == 1"]')));
  const bad = jobOf(r, 'bad');
  assert.equal([bad.status, bad.end, bad.bytes], ['failed', 0, 0]);
  assert.is(bad.reason, "san.transfer: zoning of fabric 'san' refuses a flow from 'hba2' to 'tape': no zone holds both ('hba2' is in db; 'tape' is in backup)");
  assert.is(jobOf(r, 'ok').status, 'completed');
  assert.ok(r.checks[0].pass);
});

test('no zones: the default zone is all-access, or refuses everything when set to no-access', () => {
  const fabric = (dz: string) => `generation: 8GFC\n${dz}switches: { sw1: {} }\nports:\n  hba: { switch: sw1, host: h1 }\n  tape: { switch: sw1 }`;
  const open = runScenario(loadScenario('s.yaml', san(fabric(''), job('j', '{ from: hba, to: tape, bytes: 1 GB }'))));
  assert.is(jobOf(open, 'j').status, 'completed');
  const shut = runScenario(loadScenario('s.yaml', san(fabric('defaultZone: no-access\n'), job('j', '{ from: hba, to: tape, bytes: 1 GB }'))));
  assert.match(jobOf(shut, 'j').reason!, /fabric 'san' has no zones and its default zone is no-access, so 'hba' may not reach 'tape'/);
});

/** A ring of four switches: a-b-c-d-a, ISLs named so that the two ways round from a to c tie. */
function ring(): FabricDef {
  const names = new Names();
  names.define('host', 'h1');
  const fail = (path: unknown[], e: string): never => { throw new Error(`${path.join('.')}: ${e}`); };
  const topo = {
    fabrics: {
      f: {
        generation: '8GFC',
        switches: { a: {}, b: {}, c: {}, d: {} },
        ports: { p: { switch: 'a', host: 'h1' }, q: { switch: 'c' }, r: { switch: 'b' } },
        isls: { 'ab-2': { between: ['a', 'b'] }, 'bc': { between: ['b', 'c'] }, 'cd': { between: ['c', 'd'] }, 'ab-1': { between: ['b', 'a'] }, 'da': { between: ['d', 'a'] } },
      },
    },
  };
  const ctx = { fail, names, until: null };
  const first = resolveFabrics(topo, ctx, ['topology']);
  // Other families call it again in their own resolve: same answer, no complaint about names already defined.
  assert.equal(resolveFabrics(topo, ctx, ['topology']), first);
  return first[0];
}

test('routes: fewest ISLs; ties go hop by hop to the ISL name that sorts first; failures are routed around', () => {
  const f = ring();
  // a to c: a-b-c or a-d-c, two ISLs either way; from a, 'ab-1' sorts before 'ab-2' and 'da'.
  assert.equal(fabricRoute(f, 'p', 'q'), ['f/p:tx', 'f/ab-1:a>b', 'f/bc:b>c', 'f/q:rx']);
  // The other way, from c: 'bc' sorts before 'cd', then b to a by 'ab-1'.
  assert.equal(fabricRoute(f, 'q', 'p'), ['f/q:tx', 'f/bc:c>b', 'f/ab-1:b>a', 'f/p:rx']);
  // One hop beats two, whatever the names.
  assert.equal(fabricRoute(f, 'p', 'r'), ['f/p:tx', 'f/ab-1:a>b', 'f/r:rx']);
  assert.equal(fabricRoute(f, 'p', 'r', new Set(['ab-1'])), ['f/p:tx', 'f/ab-2:a>b', 'f/r:rx']);
  assert.equal(fabricRoute(f, 'p', 'q', new Set(['b'])), ['f/p:tx', 'f/da:a>d', 'f/cd:d>c', 'f/q:rx']);
  assert.throws(() => fabricRoute(f, 'p', 'q', new Set(['b', 'd'])), /fabric 'f' has no path from switch 'a' \(port 'p'\) to switch 'c' \(port 'q'\); failed: b, d/);
  assert.throws(() => fabricRoute(f, 'p', 'nope'), /fabric 'f' has no port named 'nope'/);
  assert.is(zoningRefusal(f, 'p', 'q'), null);
});

test('latency: 0.5 us per switch crossed, plus 5 us per km of a long-distance ISL', () => {
  const r = runScenario(loadScenario('s.yaml', san(`generation: 8GFC
switches: { sw1: {}, sw2: {}, sw3: { latency: 2 us } }
ports:
  hba: { switch: sw1, host: h1 }
  tape: { switch: sw3 }
isls:
  near: { between: [sw1, sw2] }
  far: { between: [sw2, sw3], distance: 50 km }`, job('j', '{ from: hba, to: tape, bytes: 800 MB }'))));
  // sw1 0.5 + sw2 0.5 + 50 km × 5 us + sw3 2 us.
  close(jobOf(r, 'j').end!, (0.5 + 0.5 + 250 + 2) * US + 1, 'latency + 800 MB at 800 MB/s');
});

test('a failed ISL fails the flow crossing it; the next transfer takes the longer way round', () => {
  const text = san(`generation: 8GFC
switches: { sw1: {}, sw2: {}, sw3: {} }
ports:
  hba: { switch: sw1, host: h1 }
  tape: { switch: sw2 }
isls:
  direct: { between: [sw1, sw2] }
  via-1: { between: [sw1, sw3] }
  via-2: { between: [sw3, sw2] }`, [job('first', '{ from: hba, to: tape, bytes: 8 GB }'), job('second', '{ from: hba, to: tape, bytes: 8 GB }', '6 s')].join('\n'), `faults:
  - { at: 5 s, device-fails: direct }`);
  const r = runScenario(loadScenario('s.yaml', text));
  const first = jobOf(r, 'first');
  assert.equal([first.status, first.end], ['failed', 5]);
  assert.match(first.reason!, /link 'san\/direct:sw1>sw2' went down/);
  // Three switches now: 1.5 us, then 10 s at 800 MB/s.
  close(jobOf(r, 'second').end!, 6 + 1.5 * US + 10, 'rerouted');
  // A failed switch takes its ports with it: nothing can reach the tape.
  const dead = runScenario(loadScenario('s.yaml', text.replace('device-fails: direct', 'device-fails: sw2')));
  assert.match(jobOf(dead, 'second').reason!, /san\.transfer: fabric 'san': switch 'sw2' of port 'tape' has failed/);
});

test('scenarios/fc.yaml: two backups share the ISL, the restore runs the other way, the stray write is refused', () => {
  const r = runScenario(loadScenario('fc.yaml', readFileSync(new URL('../scenarios/fc.yaml', import.meta.url), 'utf8')));
  // Both writes cross isl1 sw1>sw2 at 400 MB/s until host2's 200 GB ends; host1's remaining 200 GB then go at 800.
  close(jobOf(r, 'backup-host2').end!, 1 * US + 200e9 / 400e6, 'backup-host2');
  close(jobOf(r, 'backup-host1').end!, 1 * US + 500 + 200e9 / 800e6, 'backup-host1');
  close(jobOf(r, 'restore-host2').end!, 1 * US + 100e9 / 800e6, 'restore-host2');
  assert.match(jobOf(r, 'stray-host1').reason!, /zoning of fabric 'san-a' refuses a flow from 'host1-hba0' to 'disk-p0'/);
  assert.ok(r.checks.every((c) => c.pass), JSON.stringify(r.checks));
});

const dual = (zoneB = '[hba1, lun]', dup = 'lun') => `name: dual
topology:
  hosts: { h1: {} }
  fabrics:
    san-a:
      generation: 8GFC
      switches: { a1: {} }
      ports: { hba0: { switch: a1, host: h1 }, tape: { switch: a1 } }
    san-b:
      generation: 16GFC
      switches: { b1: {} }
      ports: { hba1: { switch: b1, host: h1 }, ${dup}: { switch: b1 } }
      zones: { z: ${zoneB} }
workload:
  jobs:
    to-tape: { steps: [ { san.transfer: { from: hba0, to: tape, bytes: 8 GB } } ] }
    to-disk: { steps: [ { san.transfer: { from: hba1, to: lun, bytes: 16 GB } } ] }
    wrong: { steps: [ { san.transfer: { fabric: san-a, from: hba1, to: lun, bytes: 1 GB } } ] }
`;

test('two fabrics: each port in one, transfers run side by side at each fabric\'s speed; names are unique across fabrics', () => {
  const r = runScenario(loadScenario('d.yaml', dual()));
  close(jobOf(r, 'to-tape').end!, 0.5 * US + 10, '8 GB at 8GFC');
  close(jobOf(r, 'to-disk').end!, 0.5 * US + 10, '16 GB at 16GFC');
  assert.match(jobOf(r, 'wrong').reason!, /san\.transfer: fabric 'san-a' has no port named 'hba1'; its ports are: hba0, tape/);
  assert.match(errorOf(dual('[hba1, tape]')), /topology\.fabrics\.san-b\.zones\.z\[1\]\n {2}'tape' is in fabric 'san-a', not 'san-b'/);
  assert.match(errorOf(dual(undefined, 'tape')), /topology\.fabrics\.san-b\.ports\.tape\n {2}'tape' already names a switch, ISL or port in fabric 'san-a'/);
});

test('bad input names the field: unknown generation, a zone naming an unknown port, a port of an unknown host, and more', () => {
  const base = `generation: 8GFC
switches: { sw1: {}, sw2: {} }
ports:
  hba: { switch: sw1, host: h1 }
  tape: { switch: sw2 }
isls:
  isl: { between: [sw1, sw2] }
zones:
  z: [hba, tape]`;
  const step = job('j', '{ from: hba, to: tape, bytes: 1 GB }');
  const bad = (from: string, to: string) => errorOf(san(base.replace(from, to), step));
  assert.match(bad('generation: 8GFC', 'generation: 10GFC'), /topology\.fabrics\.san\.generation\n {2}expected one of: "4GFC", "8GFC", "16GFC", "32GFC"; got "10GFC"/);
  assert.match(bad('z: [hba, tape]', 'z: [hba, tpae]'), /topology\.fabrics\.san\.zones\.z\[1\]\n {2}no port, host or partition named 'tpae' in fabric 'san'; its ports are: hba, tape/);
  assert.match(bad('z: [hba, tape]', 'z: [h2, tape]'), /zones\.z\[0\]\n {2}'h2' has no HBA port in fabric 'san'/);
  assert.match(bad('z: [hba, tape]', 'z: [sw1, tape]'), /zones\.z\[0\]\n {2}'sw1' is a switch or ISL, not a port,/);
  assert.match(bad('host: h1', 'host: h9'), /topology\.fabrics\.san\.ports\.hba\.host\n {2}no host or partition named 'h9'; there are: h1, h2, h3/);
  assert.match(bad('{ switch: sw2 }', '{ switch: sw7 }'), /topology\.fabrics\.san\.ports\.tape\.switch\n {2}no switch named 'sw7' in fabric 'san'; its switches are: sw1, sw2/);
  assert.match(bad('between: [sw1, sw2]', 'between: [sw1, sw1]'), /topology\.fabrics\.san\.isls\.isl\.between\n {2}an ISL joins two different switches/);
  assert.match(bad('generation: 8GFC\n', ''), /topology\.fabrics\.san\.switches\.sw1\n {2}switch 'sw1' needs a speed: give the fabric a generation/);
  assert.match(bad('isl: {', 'tape: {'), /topology\.fabrics\.san\.ports\.tape\n {2}'tape' already names a switch, ISL or port of this fabric/);
  assert.match(bad('between: [sw1, sw2] }', 'between: [sw1, sw2], distance: 10 miles }'), /isls\.isl\.distance\n {2}"10 miles" is not a distance/);
  assert.match(bad('{ switch: sw2 }', '{ switch: sw2, bandwidth: 0 MB/s }'), /topology\.fabrics\.san\.ports\.tape\.bandwidth\n {2}expected a rate above zero/);
  // A step naming a port no fabric has is refused before the run.
  assert.match(errorOf(san(base, job('j', '{ from: hba, to: tap, bytes: 1 GB }'))), /workload\.jobs\.j\.steps\[0\]\.san\.transfer\.to\n {2}no fc port named 'tap'; fc ports are: hba, tape/);
});

test.run();
