import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { explain, explainRun, parseAt } from '../sim/cli/explain.ts';
import { loadScenarioFile } from '../sim/cli/scenario-file.ts';
import { UsageError } from '../sim/cli/args.ts';
import { bottleneckStory } from '../reports/explain.ts';
import { seconds } from '../sim/foundation/time.ts';

const bin = new URL('../bin/backlab.mjs', import.meta.url).pathname;
const parking = new URL('../scenarios/parking-lot.yaml', import.meta.url).pathname;
// uvu sets FORCE_COLOR, and Node then warns about NO_COLOR on stderr: give the command a plain environment.
const { FORCE_COLOR: _force, ...env } = process.env;
const backlab = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env });

const near = (a: number, b: number, what: string, rel = 1e-6): void => assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

interface StoryJson {
  moved: number;
  end: number;
  resources: { key: string; bytes: number; share: number; limiter: { kind: string; link: string | null } }[];
  roots: { root: string; bytes: number; share: number }[];
  timeline: { t0: number; t1: number; key: string | null; links: string[]; bytes: number; moved: number }[];
}

test('every bundled scenario explains itself: bytes by resource sum to the bytes its flows delivered', () => {
  const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort();
  assert.ok(files.length >= 15, files.join(' '));
  for (const file of files) {
    const run = explainRun(loadScenarioFile(`scenarios/${file}`));
    const { text, json } = explain(run);
    const story = json as StoryJson;
    assert.ok(text.length > 2, `${file}: ${text.join('\n')}`);
    near(story.resources.reduce((a, r) => a + r.bytes, 0), story.moved, `${file} resources vs moved`);
    near(story.roots.reduce((a, r) => a + r.bytes, 0), story.moved, `${file} roots vs moved`);
    const flows = [...run.lim.flows.values()];
    if (flows.every((f) => f.status !== 'live')) near(story.moved, flows.reduce((a, f) => a + f.delivered, 0), `${file} moved vs delivered`);
    if (story.moved > 0) assert.ok(story.timeline.length > 0 && story.timeline.every((s) => s.t1 > s.t0), `${file} timeline`);
  }
});

// Parking lot: l1, l2, l3 at 100 MB/s; A (1 GB) crosses all three, B (500 MB) l1, C (1 GB) l2, D (2 GB) l3.
// Every flow gets 50 MB/s until B ends at 10 s (A is frozen with B on l1, the solver's first tied link);
// then A and C at 50 (C ends at 20 s, A too) and D with A on l3; from 20 s D alone on l3 at 100 MB/s.
// l3 holds D's 2 GB and A's 500 MB after 10 s: 2.5 GB of the 4.5 GB moved.
test('parking lot: the story names l3 for 2.5 GB, and the bottleneck moving from l1 to l3 at 10 s', () => {
  const r = backlab('explain', parking, '--json');
  assert.is(r.status, 0, r.stderr);
  const s = JSON.parse(r.stdout) as StoryJson;
  near(s.moved, 4.5e9, 'moved');
  assert.equal(s.resources.map((x) => [x.limiter.link, Math.round(x.bytes / 1e6)]), [['l3', 2500], ['l1', 1000], ['l2', 1000]]);
  near(s.resources.reduce((a, x) => a + x.bytes, 0), s.moved, 'sum');
  assert.equal(s.timeline.map((x) => [x.t0, x.t1, x.key]), [[0, 10, 'link l1'], [10, 30, 'link l3']]);
  const text = backlab('explain', parking);
  assert.is(text.status, 0, text.stderr);
  assert.match(text.stdout, /55\.6 %\s+2\.50 GB\s+l3/);
  assert.match(text.stdout, /0:00:10-0:00:30\s+l3: 2\.00 GB of the 2\.50 GB moved then/);
});

test('--flow: the flow\'s limiter at --at, and from when the next one holds it', () => {
  const run = explainRun(loadScenarioFile(parking));
  const at = explain(run, { by: 'flow', name: 'A' }, seconds(5)).text.join('\n');
  assert.match(at, /at 0:00:05 flow A moves 50\.0 MB\/s, limited by l1 \(100 MB\/s, shared by 2 flows\); from 0:00:10 by l3 \(100 MB\/s, shared by 2 flows\)\./);
  const whole = explain(run, { by: 'flow', name: 'flow D' }).text.join('\n');
  assert.match(whole, /flow D \(2\.00 GB, 0:00:00-0:00:30, done\): limited by l3 \(100 MB\/s\) at 50\.0 MB\/s; from 0:00:10 by l3 \(100 MB\/s, shared by 2 flows\) at 50\.0 MB\/s; from 0:00:20 by l3 \(100 MB\/s\) at 100 MB\/s\./);
  // An actor's flows; a job (jobs.csv names the scenario's flows) finds the same one.
  const flowsOf = (j: unknown) => (j as { flows: { label: string }[] }).flows.map((f) => f.label);
  assert.equal(flowsOf(explain(run, { by: 'actor', name: 'C' }).json), ['flow C']);
  assert.equal(flowsOf(explain(run, { by: 'job', name: 'C' }).json), ['flow C']);
  assert.throws(() => explain(run, { by: 'job', name: 'nope' }), (e: unknown) => e instanceof UsageError && /no job named 'nope'; there are 'A', 'B'/.test(e.message));
});

test('an unknown --flow and a bad --at exit 2 with a message naming them', () => {
  const r = backlab('explain', parking, '--flow', 'Z');
  assert.is(r.status, 2, r.stdout);
  assert.match(r.stderr, /no flow named 'Z'; there are 'flow A', 'flow B', 'flow C', 'flow D'/);
  assert.not.match(r.stderr, /at .*\.ts:\d+/);
  const at = backlab('explain', parking, '--at', '0:99:00');
  assert.is(at.status, 2, at.stdout);
  assert.match(at.stderr, /--at needs a time .* got '0:99:00'/);
  assert.throws(() => parseAt('soon'), /--at needs a time/);
  assert.is(parseAt('0:12:00'), seconds(720));
  assert.is(parseAt('12 min'), seconds(720));
});

test('a selection\'s story covers only its flows', () => {
  const run = explainRun(loadScenarioFile(parking));
  const b = [...run.lim.flows.values()].find((f) => f.label === 'flow B')!.flow;
  const s = bottleneckStory(run.lim, [b]);
  near(s.moved, 500e6, 'B moved');
  assert.equal(s.resources.map((r) => r.key), ['link l1']);
});

test('the LAN design without its migration: the VIOS SEAs starving the drives are what to widen (issue 18)', () => {
  const scn = loadScenarioFile('scenarios/lan-vs-lanfree.yaml', { variant: 'lan', sets: [{ path: ['protocol', 'startOrder'], value: 'name', text: 'protocol.startOrder=name' }] }) // p1's four first: the SEA waves;
  const run = explainRun({ ...scn, faults: scn.faults.filter((f) => f.kind !== 'migrate') });
  const story = bottleneckStory(run.lim);
  const sea = story.roots.filter((r) => /\.sea$/.test(r.root)).reduce((a, r) => a + r.share, 0);
  assert.ok(sea > 0.85, `SEAs held ${sea} of all bytes (the 400 GB restore is the drives'), roots: ${story.roots.map((r) => r.root).join(', ')}`);
  assert.match(story.roots[0].root, /^vios[12]\.sea$/);
});

test('--job on a LAN-free backup: the drive streams its firmware moved for the job\'s client, and their bytes are the job\'s', () => {
  for (const variant of ['shared', 'lan']) {
    const run = explainRun(loadScenarioFile('scenarios/lan-vs-lanfree.yaml', { variant }));
    const job = run.result.jobs.find((j) => j.name === 'backup lpar1')!;
    const out = explain(run, { by: 'job', name: 'backup lpar1' }).json as { moved: number; flows: { actor: string; label: string; delivered: number }[] };
    assert.ok(out.flows.length > 100, `${variant}: ${out.flows.length} flows`);
    assert.ok(out.flows.every((f) => /^lib1\/d\d$/.test(f.actor) && /write/.test(f.label)), out.flows[0].label);
    near(out.flows.reduce((a, f) => a + f.delivered, 0), job.bytes, `${variant}: the flows carry the job's bytes`);
  }
});

test.run();
