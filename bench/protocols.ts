/**
 * A protocol at scale: scenarios/lanfree-sweep.yaml with N client partitions
 * in each design, run twice in this process. Reports events per second of a
 * real protocol run (actors, messages, tape firmware, shaped flows, LPM-free)
 * next to the bare engine's figure.
 *
 * Checked: every backup job completes with its bytes (migrations aside), and the two runs of a
 * design give the same trace hash.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';

export interface ProtocolBenchRow {
  bench: 'protocol';
  protocol: 'lanfree';
  design: string;
  clients: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** simulated backup makespan, s */
  backupMakespan: number;
  traceHash: string;
}

const FILE = new URL('../scenarios/lanfree-sweep.yaml', import.meta.url);

export function runProtocolBench(clients: number): { rows: ProtocolBenchRow[]; errors: string[] } {
  const text = readFileSync(FILE, 'utf8');
  const rows: ProtocolBenchRow[] = [];
  const errors: string[] = [];
  for (const design of ['lan', 'dedicated', 'shared']) {
    const scn = loadScenario('scenarios/lanfree-sweep.yaml', text, { variant: design, sets: [{ path: ['protocol', 'backup', 'clients'], value: clients, text: `protocol.backup.clients=${clients}` }] });
    const hashes: string[] = [];
    for (let i = 0; i < 2; i++) {
      const t0 = performance.now();
      const r = runScenario(scn);
      const seconds = (performance.now() - t0) / 1000;
      hashes.push(r.traceHash);
      // Backups only: at 64 partitions the LAN design's disk pool passes HIGHMIG and its migrations are jobs too.
      const backups = r.jobs.filter((j) => j.kind === 'backup' && j.status === 'completed');
      const bytes = backups.reduce((sum, j) => sum + j.bytes, 0);
      if (backups.length !== clients || bytes !== clients * 100e9) {
        errors.push(`protocol lanfree ${design}: ${backups.length} of ${clients} backups completed, ${bytes} bytes`);
      }
      if (i === 1) rows.push({ bench: 'protocol', protocol: 'lanfree', design, clients, events: r.events, seconds, eventsPerSecond: r.events / seconds, backupMakespan: r.metrics.backup_makespan, traceHash: r.traceHash });
    }
    if (hashes[0] !== hashes[1]) errors.push(`protocol lanfree ${design}: two runs differ: ${hashes[0]} vs ${hashes[1]}`);
  }
  return { rows, errors };
}
