import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bottleneckCompare, bottleneckSection } from '../reports/bottleneck-html.ts';
import { renderRunReport } from '../reports/html.ts';
import { renderCompareReport } from '../reports/compare.ts';
import { runFixture } from './support/fixtures.ts';
import { equipmentKind, islLink, portLink, adapterLink, seaLink } from '../sim/foundation/link-names.ts';

const colourOf = (html: string): string[] => [...html.matchAll(/class="bn-seg" style="left:[\d.]+%;width:[\d.]+%;background:(#[0-9a-f]+)"/g)].map((m) => m[1]);

test('the run report shows the dominant bottleneck as a strip over the run, and each phase\'s shares, escaped', () => {
  const html = bottleneckSection(runFixture());
  // Two stretches, 0-450 s and 450-600 s of a 600 s run.
  const segs = [...html.matchAll(/left:([\d.]+)%;width:([\d.]+)%/g)].map((m) => [Number(m[1]), Number(m[2])]);
  assert.equal(segs, [[0, 75], [75, 25]]);
  assert.match(html, /vios1\.sea&lt;i&gt;/);
  assert.not.match(html, /vios1\.sea<i>/);
  assert.match(html, /75\.0 %/);
  assert.match(renderRunReport(runFixture()), /<section id="bottlenecks">/);
});

test('a comparison draws one strip per design on one time scale, a class in the same colour in each', () => {
  const a = runFixture({ variant: 'lan' });
  const b = runFixture({ variant: 'shared', endTime: a.endTime * 2 });
  const html = bottleneckCompare([a, b], ['lan', 'shared']);
  const colours = colourOf(html);
  assert.is(colours.length, 4);
  assert.is(colours[0], colours[2], 'the SEA class keeps its colour');
  assert.is.not(colours[0], colours[1]);
  assert.match(renderCompareReport([a, b]), /What limited each design/);
});

test('equipment links are grouped by the kind their name tells; scenario links are not', () => {
  assert.is(equipmentKind(portLink('san-a', 'lanfree1-hba0', 'tx')), 'fc port');
  assert.is(equipmentKind(islLink('san-a', 'isl1', 'sw1', 'sw2')), 'isl');
  assert.is(equipmentKind(adapterLink('lpar1', 'p1')), 'virtual adapter');
  assert.is(equipmentKind('tsm1-lan'), null);
  assert.is(equipmentKind('odd:tx'), null, 'a scenario name may hold a colon, never a slash');
  assert.is(equipmentKind(seaLink('vios1')), null, 'a SEA is a device: its family names its kind');
});

test.run();
