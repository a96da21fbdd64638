/** Hand-built results for report tests: small, but with every kind of row and the awkward values (null, commas, markup). */
import type { RunResult, SampledSeries, Timeseries } from '../../sim/foundation/result.ts';
import type { SweepRow } from '../../reports/sweep.ts';

/** 20 samples of 30 s for each of two links and one device: a ramp, a plateau, idle. */
function samples(): Timeseries {
  const shapes: [SampledSeries['kind'], string, number, (i: number) => number][] = [
    ['link', 'lan', 1.25e9, (i) => (i < 12 ? Math.min(1, i / 4) : 0.2)],
    ['link', 'san, fabric A', 3.2e9, (i) => (i >= 4 && i < 16 ? 0.9 : 0)],
    ['device', 'tape0', 3e8, (i) => (i >= 6 && i < 18 ? 1 : 0)],
  ];
  const at = Array.from({ length: 20 }, (_, i) => i);
  return { t: at.map((i) => i * 30), series: shapes.map(([kind, name, bandwidth, u]) => ({ kind, name, bandwidth, rate: at.map((i) => bandwidth * u(i)) })) };
}

export function runFixture(over: Partial<RunResult> = {}): RunResult {
  return {
    scenario: 'LAN vs LAN-free </script><script>window.__pwned = 1</script>',
    file: 'scenarios/lan-free.yaml',
    description: 'Backup of two hosts to tape, over the LAN & over the SAN ("LAN-free").',
    variant: null,
    settings: ['links.lan.bandwidth=10Gb/s'],
    seed: 42,
    backlab: '0.1.0',
    traceHash: 'ab'.repeat(32),
    traceBytes: 123456,
    events: 9876,
    endTime: 600,
    stopReason: 'idle',
    metrics: { makespan: 540, bytes_moved: 3.5e11, mean_rate: 6.48e8, jobs_failed: 1 },
    units: { makespan: 's', bytes_moved: 'B', mean_rate: 'B/s', jobs_failed: '' },
    protocol: 'lanfree',
    findings: [{ kind: 'design', text: 'tape drives <b>lib1/d1</b> & 3 more' }],
    bottlenecks: fixtureBottlenecks(),
    flows: [
      { name: 'f1', actor: 'client1', from: 'host1', to: 'media', route: ['lan', 'san, fabric A'], bytes: 2e11, delivered: 2e11, status: 'done', start: 0, end: 360, throughput: 2e11 / 360, label: 'backup, full' },
      { name: 'f2', actor: 'client2', route: ['lan'], bytes: 1.5e11, delivered: 5e10, status: 'failed', start: 30, end: 120, throughput: 5e10 / 90, reason: 'link "lan" down' },
      { name: 'f3', actor: 'client2', route: ['lan'], bytes: 1e11, delivered: 1e11, status: 'running', start: 500, end: null, throughput: null },
    ],
    jobs: [
      { name: 'backup host1', kind: 'backup', actor: 'client1', status: 'completed', start: 0, end: 400, bytes: 2e11 },
      { name: 'backup host2', kind: 'backup', actor: 'client2', status: 'failed', start: 30, end: 120, bytes: 5e10, reason: 'link "lan" down' },
      { name: 'restore host1', kind: 'restore', actor: 'client1', status: 'running', start: 420, end: null, bytes: 1e11 },
    ],
    links: [
      { name: 'lan', bandwidth: 1.25e9, latency: 5e-5, bytes: 3e11, busy: 480, meanUtilisation: 0.4, peakUtilisation: 1 },
      { name: 'san, fabric A', bandwidth: 3.2e9, latency: 2e-6, bytes: 2e11, busy: 360, meanUtilisation: 0.104, peakUtilisation: 0.9 },
    ],
    devices: [{ name: 'tape0', kind: 'tape drive', bytes: 2e11, busy: 360, meanUtilisation: 0.6 }],
    interval: 30,
    timeseries: samples(),
    checks: [
      { check: 'makespan < 8 h', metric: 'makespan', op: '<', expected: 28800, measured: 540, pass: true },
      { check: 'jobs_failed == 0', metric: 'jobs_failed', op: '==', expected: 0, measured: 1, pass: false },
      { check: 'restore_time < 1 h', metric: 'restore_time', op: '<', expected: 3600, measured: null, pass: false },
    ],
    ledger: [],
    assumptions: [
      { path: 'topology.libraries.lib1.drives.d1.backhitch', name: 'libraries.*.drives.*.backhitch', kind: 'duration', value: 2e9, text: '2 s', unit: 's', source: 'UNSOURCED: no <b>published</b> back-hitch time', unsourced: true, set: false },
      { path: 'topology.libraries.lib1.drives.d2.backhitch', name: 'libraries.*.drives.*.backhitch', kind: 'duration', value: 2e9, text: '2 s', unit: 's', source: 'UNSOURCED: no <b>published</b> back-hitch time', unsourced: true, set: false },
      { path: 'protocol.commTimeout', name: 'protocol.commTimeout', kind: 'duration', value: 9e10, text: '90 s', unit: 's', source: 'IBM Spectrum Protect server option COMMTIMEOUT, default 60 s', unsourced: false, set: true },
    ],
    ...over,
  };
}

const LAN = { key: 'link lan', name: 'lan', words: 'lan', resources: ['lan'], share: 0.9 };
const DRIVES = { key: 'link device tape drive', name: '4 tape drives <b>(lib1/d1, lib1/d2, lib1/d3, lib1/d4)</b>', words: 'tape drives <b>', resources: ['lib1/d1', 'lib1/d2', 'lib1/d3', 'lib1/d4'], share: 0.99 };

/** A sweep over one numeric setting × 3 seeds, with one failed check. */
export function sweepFixture(): SweepRow[] {
  const rows: SweepRow[] = [];
  let run = 0;
  for (const bw of ['1', '2', '4']) {
    for (const seed of [1, 2, 3]) {
      const makespan = 1000 / Number(bw) + seed * 7;
      rows.push({
        run: run++, settings: { 'links.lan.bandwidth': bw, 'hosts.count': '2' }, seed, traceHash: `${run}`.padStart(64, '0'),
        metrics: { makespan, bytes_moved: 1e11 + seed }, units: { makespan: 's', bytes_moved: 'B' },
        checksFailed: makespan > 900 ? ['makespan < 900 s'] : [],
        // From 4 on the LAN no longer holds the backup: the drives do (one seed disagrees at 2).
        bottlenecks: [{ phase: 'backup', ...(Number(bw) >= 4 || (bw === '2' && seed === 3) ? DRIVES : LAN) }],
      });
    }
  }
  return rows;
}

/** A backup held by a VIOS SEA, then by the tape drives: names with markup in them, as a report must escape. */
export function fixtureBottlenecks(): RunResult['bottlenecks'] {
  const sea = { kind: 'link' as const, link: 'vios1.sea<i>', device: null, capacity: 479e6, feed: null };
  const drive = { kind: 'flow-cap' as const, link: 'lib1/d1', device: 'lto-9 drive', capacity: 400e6, feed: null };
  const seaRow = { key: 'link vios1.sea<i>', limiter: sea, bytes: 3e12, share: 0.75 };
  const driveRow = { key: 'flow-cap lib1/d1', limiter: drive, bytes: 1e12, share: 0.25 };
  const run = { phase: 'run', t0: 0, t1: 600, key: 'link vios1.sea<i>', limiter: sea, links: ['vios1.sea<i>'], bytes: 3e12, moved: 4e12, resources: [seaRow, driveRow] };
  return {
    phases: [run, { ...run, phase: 'backup' }],
    timeline: [
      { t0: 0, t1: 450, key: 'link vios1.sea<i>', limiter: sea, links: ['vios1.sea<i>'], bytes: 3e12, moved: 3e12 },
      { t0: 450, t1: 600, key: 'flow-cap device lto-9 drive', limiter: drive, links: ['lib1/d1'], bytes: 1e12, moved: 1e12 },
    ],
  };
}

/** runFixture with `links` links sampled `samples` times: a report of a big run, for the writers' scaling tests. */
export function bigRun(samples: number, seed = 42, links = 100): RunResult {
  const at = Array.from({ length: samples }, (_, i) => i);
  const series = Array.from({ length: links }, (_, l): SampledSeries => ({
    kind: l % 10 === 0 ? 'device' : 'link', name: `link-${l}`, bandwidth: 1e9, rate: at.map((i) => (((i * 7 + l * 13) % 100) / 100) * 1e9),
  }));
  return runFixture({ seed, interval: 1, endTime: samples, timeseries: { t: at, series } });
}
