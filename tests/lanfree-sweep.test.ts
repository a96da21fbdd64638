/**
 * scenarios/lanfree-sweep.yaml against the cost law worked by hand: where each design saturates, and at what
 * rate, from the published figures alone (the constants are written out here, not imported from the model).
 *
 * One processor's bytes cost cycles/byte = user copies x 5.6 (70% of the TCP rule's 8 cycles/B, the
 * zero-copy share) + 2.4 (the rest of the rule, per 1448-byte segment) + kernel copies x clock / 6 GB/s
 * + 50,000 cycles per 256 KiB FC write; a path the CPU bounds moves cores x clock / cycles per byte.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenarioFile } from '../sim/cli/scenario-file.ts';
import { runScenario } from '../sim/scenario/run.ts';
import type { RunResult } from '../sim/foundation/result.ts';

const CLOCK = 3.5e9; // every partition of p1 and p2 (the scenario's servers)
const TCP = 8; // cycles/B to send or receive at MTU 1500 ("1 GHz per 1 Gbps", Foong et al. 2003)
const FC_WRITE = 50_000 / (256 * 1024); // UNSOURCED: cycles of one SCSI write of a 256 KiB tape block
const VETH_COPY = CLOCK / 6e9; // the hypervisor's copy: one in-kernel memcpy at 6 GB/s per core (CacheBench)
const USER_COPY = 0.7 * TCP; // a user-to-kernel copy with its system calls (MSG_ZEROCOPY saves 70%)
const LTO8_STEPS = [365, 341, 318, 306.4, 273, 249.5, 226, 203, 180, 157.5, 135, 112].map((r) => r * 1e6); // IBM STAKKZ speed matching
const TEN_GBE = 7200e6 / 8; // AIX adapter guide, 10GbE TCP at MTU 1500

/** The speed-matching step a drive runs at when fed f (at or above its lowest step). */
const step = (f: number) => LTO8_STEPS.find((s) => s <= f)!;

const runAt = (variant: string, clients: number): RunResult =>
  runScenario(loadScenarioFile('scenarios/lanfree-sweep.yaml', { variant, sets: [{ path: ['protocol', 'backup', 'clients'], value: clients, text: `protocol.backup.clients=${clients}` }] }));

/** Rates of the tape writes that ran entirely between t0 and t1 s (all sessions streaming), and their spread. */
function steadyRates(r: RunResult, t0: number, t1: number): number[] {
  const rates = r.flows.filter((f) => f.phase === 'backup' && f.start >= t0 && f.end !== null && f.end <= t1).map((f) => f.throughput!);
  assert.ok(rates.length > 0, `no flow ran between ${t0} and ${t1} s`);
  return rates;
}
const within = (got: number, want: number, tol: number, what: string) => assert.ok(Math.abs(got - want) <= tol * want, `${what}: ${got} against ${want}`);

test('shared, 16 partitions and up: the two LAN-free servers\' cores (TCP receive + FC write) hold it at 2 x 854.6 MB/s', () => {
  const cycles = USER_COPY + (TCP - USER_COPY) + FC_WRITE; // TCP receive (one kernel-to-user copy, segments) + FC write: 8.19
  const server = (2 * CLOCK) / cycles; // 2 cores each
  within(server, 854.6e6, 0.001, 'the closed form itself');
  const r = runAt('shared', 16);
  // The eight sessions a LAN-free server serves share its cores: 106.8 MB/s each, while all sixteen run.
  for (const rate of steadyRates(r, 100, 900)) within(rate, server / 8, 0.001, 'a tape stream');
  // That is under LTO-8's lowest matched speed, 112 MB/s: the drives back-hitch, but a session whose drive
  // repositions waits, and the server's cores serve the other seven (not the 96.4 MB/s a drive alone would get).
  assert.ok(server / 8 < 112e6);
  assert.ok(r.devices.filter((d) => /^lib1\//.test(d.name)).every((d) => (d.counters?.backhitches ?? 0) > 0), 'every drive back-hitches');
  // Each byte is charged once, on the server that received it: CPU seconds = bytes x cycles / clock.
  within(r.metrics.cpu_lanfree_servers, (1.6e12 * cycles) / CLOCK, 0.001, 'LAN-free CPU seconds');
  // The run: below 2 x 854.6 MB/s only by the first 95 s of mounts (two robots) and the staggered ends.
  const rate = r.metrics.backup_throughput;
  assert.ok(rate <= 2 * server && rate >= 0.94 * 2 * server, `${rate / 1e6} MB/s`);
  assert.match(r.bottlenecks.phases.find((p) => p.phase === 'backup')!.links.join(' '), /^lanfree1\.cpu lanfree2\.cpu$/);
});

test('up to 8 partitions each design is held by its clients\' half core: 203.9 MB/s of TCP, or 302 MB/s to its own agent', () => {
  const tcpSender = (0.5 * CLOCK) / (USER_COPY + (TCP - USER_COPY) + VETH_COPY); // TCP send + the hypervisor's copy
  const ownAgent = (0.5 * CLOCK) / (USER_COPY + FC_WRITE); // shared memory to its own storage agent + FC write
  within(tcpSender, 203.9e6, 0.001, 'TCP sender');
  within(ownAgent, 302.3e6, 0.001, 'own agent');
  // lan: into the disk pool, no drive to match; shared and dedicated: the drive runs at the step under the feed.
  within(steadyRates(runAt('lan', 1), 0, Infinity)[0], tcpSender, 0.001, 'lan');
  within(steadyRates(runAt('shared', 8), 100, 400)[0], step(tcpSender), 0.001, 'shared (203 MB/s step)');
  within(steadyRates(runAt('dedicated', 8), 100, 400)[0], step(ownAgent), 0.001, 'dedicated (273 MB/s step)');
});

test('lan, 8 partitions and up: the backup server\'s 10GbE, 900 MB/s', () => {
  const r = runAt('lan', 16);
  within(r.metrics.backup_throughput, TEN_GBE, 0.001, 'lan at 16');
});

test.run();
