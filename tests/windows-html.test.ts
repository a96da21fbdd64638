import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { JobRow } from '../sim/foundation/result.ts';
import { windowsSection } from '../reports/windows-html.ts';
import { renderRunReport } from '../reports/html.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';

const night = (date: string, start: number, end: number | null, window: JobRow['window'], status: JobRow['status'] = 'completed'): JobRow =>
  ({ name: `nightly@${date}`, kind: 'backup', actor: `nightly@${date}`, status, start, end, bytes: 0, window });

test('the Backup windows section lists the missed nights first, with by how much, and tallies them', () => {
  const html = windowsSection([
    night('2026-01-05', 79200, 89200, { end: 90000, verdict: 'met', missedBy: null }),
    night('2026-01-06', 165600, 177200, { end: 176400, verdict: 'missed', missedBy: 800 }),
    night('2026-01-07', 252000, null, { end: 262800, verdict: 'open', missedBy: null }, 'running'),
    { name: 'restore', kind: 'restore', actor: 'restore', status: 'completed', start: 0, end: 5, bytes: 0 },
  ]);
  assert.match(html, /1 of 3 scheduled runs missed their window/);
  const rows = html.split('\n').filter((l) => l.startsWith('<tr><td>'));
  assert.equal(rows.map((r) => /<td>([^<]+)<\/td>/.exec(r)![1]), ['nightly@2026-01-06', 'nightly@2026-01-07', 'nightly@2026-01-05']);
  assert.match(rows[0], /<td class="fail">missed by 13 min 20 s<\/td>/);
  assert.match(rows[2], /<td class="pass">met<\/td>/);
  assert.not.match(html, /restore/, 'a job without a window is not a night');
  assert.is(windowsSection([{ name: 'restore', kind: 'restore', actor: 'restore', status: 'completed', start: 0, end: 5, bytes: 0 }]), '');
});

test('a run report has the section only when the run has scheduled windows', () => {
  const text = (job: string) => `name: w\nuntil: 2 d\ntopology:\n  links: { l: { bandwidth: 1 GB/s } }\nworkload:\n  jobs:\n    nightly: { ${job}steps: [ { transfer: { route: [l], bytes: 1 GB } } ] }\n`;
  assert.match(renderRunReport(runScenario(loadScenario('w.yaml', text('schedule: daily 22:00, window: 1 h, ')))), /<section id="windows">[\s\S]*0 of 2 scheduled runs missed/);
  assert.not.match(renderRunReport(runScenario(loadScenario('w.yaml', text('')))), /id="windows"/);
});

test.run();
