import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { explain, explainRun, parseAt } from '../sim/cli/explain.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { flowAt } from '../reports/explain.ts';
import { flowAtText } from '../reports/explain-text.ts';
import { toSeconds } from '../sim/foundation/time.ts';
import { explainerOf, explanation } from '../viz/explanation.ts';
import { runForView } from '../viz/worker-run.ts';
import { FLAGSHIP, lanWithoutMigration } from './support/flagship.ts';

const text = lanWithoutMigration();
const cli = explainRun(loadScenario(FLAGSHIP, text));
const reply = await runForView({ file: FLAGSHIP, text });
if (!reply.ok) throw new Error(reply.error);
const view = reply.view;
const x = explainerOf(view);
const at = parseAt('0:30:00');
const t = toSeconds(at);

test('the page\'s run is the CLI\'s', () => {
  assert.is(view.result.traceHash, cli.result.traceHash);
});

test('a lane: the CLI\'s `explain --actor` sentences at the cursor', () => {
  for (const name of ['lib1/d2', 'lib1/d4']) {
    const got = explanation(x, { kind: 'lane', lane: view.lanes.indexOf(name) }, t);
    assert.is(got.title, `actor ${name}`);
    // The CLI's text less its title line and the blank line under it.
    assert.equal(got.lines, explain(cli, { by: 'actor', name }, at).text.slice(2));
  }
  assert.match(explanation(x, { kind: 'lane', lane: view.lanes.indexOf('(model)') }, t).lines[0], 'moved no flow of its own');
});

test('a flow: what limits it at the cursor and the next change, as the CLI says it', () => {
  const span = view.spans.find((s) => s.flow !== undefined && s.t0 <= t && t < s.t1)!;
  const got = explanation(x, { kind: 'flow', flow: span.flow! }, t);
  assert.is(got.title, `flow ${span.label}`);
  assert.equal(got.lines, [flowAtText(cli.lim, span.flow!, at)]);
  // The SEA is full: its four streams' drives take what it gives (a drive that back-hitches leaves its share to the others).
  assert.match(got.lines[0], /limited by sea vios[12]\.sea \(503 MB\/s, shared by 4 flows\)/);
  const later = explanation(x, { kind: 'flow', flow: span.flow! }, span.t1 + 60);
  assert.match(later.lines[0], 'nothing of the flow');
});

test('a link: the flows it holds at the cursor (counted from the CLI\'s limiters) and its bytes over the run', () => {
  const held = [...cli.lim.flows.keys()].filter((f) => flowAt(cli.lim, f, at)?.now.limiter.link === 'vios1.sea');
  assert.ok(held.length > 0);
  const got = explanation(x, { kind: 'link', link: 'vios1.sea' }, t);
  assert.is(got.title, 'vios1.sea');
  assert.match(got.lines[0], `At 0:30:00 ${held.length} flows move`);
  for (const f of held) assert.ok(got.lines.includes(flowAtText(cli.lim, f, at)!), `flow ${f}'s sentence`);
  const root = view.bottlenecks.roots.find((r) => r.root === 'vios1.sea')!;
  assert.ok(root.share > 0.4, `${root.share}`);
  assert.ok(got.lines.some((l) => /^By \d+:\d\d:\d\d vios1\.sea is the resource to widen for [0-9.]+ TB of the 3\.60 TB moved \([0-9.]+ %\)/.test(l)), got.lines.join('\n'));
  assert.equal(explanation(x, { kind: 'link', link: 'tsm1-hba0' }, t).lines, ['At 0:30:00 tsm1-hba0 limits no flow.', '', 'By 2:05:22 tsm1-hba0 limited none of the 3.60 TB moved.']);
});

test.run();
