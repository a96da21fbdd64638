import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'csv-parse/sync';
import { renderRunReport } from '../reports/html.ts';
import { renderCompareReport } from '../reports/compare.ts';
import { assumptionsCsv, assumptionTally } from '../reports/assumptions.ts';
import { runFixture } from './support/fixtures.ts';

const section = (html: string): string => /<section id="assumptions">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';

test('the run report lists each assumption once, UNSOURCED first, its source escaped', () => {
  const s = section(renderRunReport(runFixture()));
  assert.match(s, '2 assumptions, 1 UNSOURCED');
  const rows = s.split('<tr>').slice(2);
  assert.equal(rows.length, 2);
  assert.match(rows[0], 'libraries.*.drives.*.backhitch</code> <span class="muted">× 2</span>');
  assert.match(rows[0], '<strong>UNSOURCED</strong>: no &lt;b&gt;published&lt;/b&gt;');
  assert.not.match(s, '<b>published');
  assert.match(rows[1], '90 s <span class="muted">(set)</span>');
  assert.match(rows[1], 'COMMTIMEOUT');
});

test('a comparison gives each design its own value column, and assumptions.csv the same', () => {
  const a = runFixture({ variant: 'lan' });
  const b = runFixture({ variant: 'shared', assumptions: a.assumptions.map((x) => (x.name.endsWith('backhitch') ? { ...x, text: '4 s', value: 4e9, set: true } : x)) });
  const s = section(renderCompareReport([a, b]));
  assert.match(s, '<th scope="col">lan</th><th scope="col">shared</th>');
  assert.match(s, '4 s <span class="muted">(set)</span>');
  const rows = parse(assumptionsCsv([a.assumptions, b.assumptions], ['lan', 'shared']), { columns: true }) as Record<string, string>[];
  assert.equal(rows.map((r) => [r.assumption, r.unsourced, r.value_lan, r.value_shared, r.set_in]), [
    ['libraries.*.drives.*.backhitch', 'true', '2 s', '4 s', 'shared'],
    ['protocol.commTimeout', 'false', '90 s', '90 s', 'lan shared'],
  ]);
  assert.equal(assumptionTally([]), '0 assumptions, 0 UNSOURCED');
});

test.run();
