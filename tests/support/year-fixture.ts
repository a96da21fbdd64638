/** A hand-built run of three days with ledger readings and two scheduled nights, for the year report's tests. */
import type { RunResult } from '../../sim/foundation/result.ts';
import { daysFromCivil } from '../../sim/foundation/calendar.ts';
import { runFixture } from './fixtures.ts';

/** 2026-01-01 00:00, minutes since 1970. */
export const NEW_YEAR = daysFromCivil(2026, 1, 1) * 1440;
const H = 3600;

export function yearFixture(over: Partial<RunResult> = {}): RunResult {
  return runFixture({
    scenario: 'year <b>fixture</b>',
    epoch: NEW_YEAR,
    endTime: 60 * H,
    jobs: [
      { name: 'nightly@2026-01-01', kind: 'backup', actor: 'nightly@2026-01-01', status: 'completed', start: 22 * H, end: 23 * H, bytes: 1e12, window: { end: 28 * H, verdict: 'met', missedBy: null }, backup: { level: 'full', bytes: 1e12, size: 1e12 } },
      { name: 'nightly@2026-01-02', kind: 'backup', actor: 'nightly@2026-01-02', status: 'completed', start: 46 * H, end: 53 * H, bytes: 1.1e10, window: { end: 52 * H, verdict: 'missed', missedBy: H }, backup: { level: 'incremental', bytes: 1.1e10, size: 1.001e12 } },
      { name: 'restore host1', kind: 'restore', actor: 'client1', status: 'completed', start: 0, end: 10, bytes: 1 },
    ],
    ledger: [
      { at: 0, subject: 'vtl1', measure: 'capacity', value: 2e12 },
      { at: 0, subject: 'vtl1', measure: 'stored', value: 0 },
      { at: 23 * H, subject: 'vtl1', measure: 'stored', value: 5e11 },
      { at: 23 * H, subject: 'wan', measure: 'replica-lag', value: 0 },
      { at: 23.5 * H, subject: 'wan', measure: 'replica-lag', value: 1800 },
      { at: 24 * H, subject: 'vtl1', measure: 'stored', value: 4e11 },
      { at: 25 * H, subject: 'wan', measure: 'replica-lag', value: 0 },
      { at: 53 * H, subject: 'vtl1', measure: 'stored', value: 4.05e11 },
      { at: 53 * H, subject: 'lib1', measure: 'cartridges-used', value: 3 },
      { at: 53 * H, subject: 'lib1', measure: 'cartridges-scratch', value: 17 },
    ],
    ...over,
  });
}

// A year and a month of nights: one client, 100 GB on 2026-01-01 (day 0), growing 0.1 %/day with 1 %/day rewritten,
// backed up at 22:00 every night over a 100 MB/s link with 1 ms latency, incrementals after the first full, a 6 h window
// and 3 retries 2 h apart. The link is down on night 380 (2027-01-16) from 21:30 to 03:30: the 22:00, 00:00 and 02:00 tries
// fail at once, the 04:00 one gets through, just as the window closes.
export const YEAR_SCENARIO = `name: year-of-nights
until: 400 d
calendar: { epoch: 2026-01-01 00:00 }
topology:
  hosts: { client: {}, server: {} }
  links:
    lan: { between: [client, server], bandwidth: 100 MB/s, latency: 1 ms }
workload:
  jobs:
    nightly:
      kind: backup
      schedule: daily 22:00
      window: 6 h
      retries: 3
      retryPeriod: 2 h
      data: { size: 100 GB, change: 1 %/day, growth: 0.1 %/day }
      level: incremental
      steps: [ { transfer: { route: [lan], bytes: data } } ]
faults:
  - { at: 9141.5 h, link-down: lan }
  - { at: 9147.5 h, link-up: lan }
`;

