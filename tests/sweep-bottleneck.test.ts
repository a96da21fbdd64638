import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bottleneckChanges, modalBottleneck, runBottlenecks } from '../reports/sweep-bottleneck.ts';
import { groupBySettings, renderSweepReport } from '../reports/sweep.ts';
import { runFixture, sweepFixture } from './support/fixtures.ts';

test('a run\'s bottlenecks: one per phase that moved bytes, with its share and the resources to widen', () => {
  const b = runBottlenecks(runFixture());
  assert.equal(b.map((x) => [x.phase, x.key, x.resources, x.share]), [['run', 'link vios1.sea<i>', ['vios1.sea<i>'], 0.75], ['backup', 'link vios1.sea<i>', ['vios1.sea<i>'], 0.75]]);
  assert.is(b[0].name, 'vios1.sea<i>');
});

test('a setting\'s bottleneck is the one most of its seeds name', () => {
  const groups = groupBySettings(sweepFixture());
  assert.equal(groups.map((g) => modalBottleneck(g.runs, 'backup')?.key), ['link lan', 'link lan', 'link device tape drive']);
  assert.is(modalBottleneck(groups[0].runs, 'restore'), null);
});

test('the change along the axis is said at the value where it happens, and a steady one once', () => {
  const groups = groupBySettings(sweepFixture());
  const points = groups.map((g) => ({ x: Number(g.settings['links.lan.bandwidth']), group: g }));
  assert.equal(bottleneckChanges([{ label: '', points }], ['backup'], 'links.lan.bandwidth'), [
    'backup bottleneck: at links.lan.bandwidth=1, lan; from 4, tape drives <b>',
  ]);
  assert.equal(bottleneckChanges([{ label: 'lan', points: points.slice(0, 2) }], ['backup'], 'x'), ['lan, backup bottleneck: lan throughout']);
});

test('the sweep report says where the bottleneck changes, escaped, and shows each setting\'s', () => {
  const html = renderSweepReport(sweepFixture(), { scenario: 's' });
  assert.match(html, /<section id="bottlenecks">/);
  assert.match(html, /<li>backup bottleneck: at links\.lan\.bandwidth=1, lan; from 4, tape drives &lt;b&gt;<\/li>/);
  assert.match(html, /2 of 3 seeds/);
  assert.not.match(html, /<b>\(lib1/);
});

test.run();
