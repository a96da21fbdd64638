/**
 * What a protocol says of a run once it has ended, as data: invariants and
 * tests read the fields, and `findingsText` is the one place that turns them
 * into the sentences `backlab run`, `compare`, the reports and the visualizer
 * show. Numbers are in base units (seconds, bytes), unrounded; rounding is
 * the formatter's. What limited a run's bytes is not a finding: every run
 * counts it the same way (RunResult.bottlenecks, reports/said.ts words it).
 */

/** One VM's memory-copy count at one host of a feed-plex job, by layer. */
export interface CopiesAt { host: string; user: number; kernel: number; network: number }

/** Percentiles and the worst case of a measure, in its unit. */
export interface Spread { p50: number; p90: number; p99: number; max: number }

export type RunFinding =
  /** the design that ran, in one line (words by nature: nothing decides by them) */
  | { kind: 'design'; text: string }
  /** feedplex: the link or device with the most seconds of work at its full rate; null when nothing moved */
  | { kind: 'heaviest'; resource: string | null; seconds: number }
  /** feedplex: memory copies per block, per job and host */
  | { kind: 'copies'; jobs: { kind: string; job: string; hosts: CopiesAt[] }[] }
  /** feedplex: CPU seconds per host (copies and applications) */
  | { kind: 'cpu'; hosts: { host: string; coreSeconds: number }[] }
  /** remotecopy: what a WAN link carried and how long it was busy */
  | { kind: 'wan'; link: string; bytes: number; busySeconds: number }
  /** vmdr: a struck VM restored at the secondary site; seconds and bytes */
  | { kind: 'vm-recovered'; vm: string; rpo: number; rpoBytes: number; rto: number; host: string; snapshot: string; metadataHost: string; againOn: string | null }
  /** vmdr: a struck VM not restored */
  | { kind: 'vm-lost'; vm: string; why: string; rpoBytes: number }
  /** vmdr: no disaster struck a protected VM */
  | { kind: 'no-disaster' }
  /** vmdr: RPO and RTO (seconds) over disaster instants spread over the cycle from `from` to `to` (seconds); rto null: no VM restored */
  | { kind: 'dr-instants'; instants: number; from: number; to: number; rpo: Spread; rto: Spread | null }
  /** consistentsnap: the application's check of the backup set; null torn: nothing to check */
  | { kind: 'consistency'; torn: number | null; contained: number; firstMissing: number | null }
  /** consistentsnap: the snapshots taken (seconds), or why the backup failed */
  | { kind: 'backup-set'; aborted: string | null; snapshots: { disks: string[]; time: number }[]; frozenAt: number[] }
  /** consistentsnap: the application stopped (seconds) */
  | { kind: 'application-stopped'; at: number; why: string };

/** The heading a finding is shown under; unique within a run. */
export function findingKey(f: RunFinding): string {
  switch (f.kind) {
    case 'design': return 'design';
    case 'heaviest': return 'busiest';
    case 'copies': return 'copies';
    case 'cpu': return 'cpu';
    case 'wan': return `${f.link} (WAN)`;
    case 'vm-recovered': case 'vm-lost': return `vm ${f.vm}`;
    case 'no-disaster': return 'disaster';
    case 'dr-instants': return 'over the instant';
    case 'consistency': return 'consistent';
    case 'backup-set': return 'backup';
    case 'application-stopped': return 'application';
  }
}

const s1 = (seconds: number) => `${seconds.toFixed(1)} s`;
const gb = (bytes: number) => `${(bytes / 1e9).toFixed(3)} GB`;
const exact = (seconds: number) => `${+seconds.toFixed(6)} s`;
const LAYERS = ['user', 'kernel', 'network'] as const;

/** The sentence a finding is shown as. */
export function findingText(f: RunFinding): string {
  switch (f.kind) {
    case 'design': return f.text;
    case 'heaviest':
      return f.resource === null ? 'no link or device carried bytes' : `${f.resource}: ${f.seconds.toFixed(2)} s of work at its full rate, the most of any link or device`;
    case 'copies':
      return f.jobs.map((j) => `${j.kind} ${j.job}: ${j.hosts.map((h) => {
        const total = LAYERS.reduce((a, l) => a + h[l], 0);
        return `${h.host} ${total} (${LAYERS.filter((l) => h[l] > 0).map((l) => `${l} ${h[l]}`).join(', ')})`;
      }).join(', ')} memory copies per block`).join('; ');
    case 'cpu': return `${f.hosts.map((h) => `${h.host} ${h.coreSeconds.toFixed(2)}`).join(', ')} core-seconds (copies and applications)`;
    case 'wan': return `carried ${(f.bytes / 1e9).toPrecision(4)} GB, busy ${(f.busySeconds / 3600).toPrecision(4)} h`;
    case 'vm-recovered':
      return `RPO ${s1(f.rpo)} (${gb(f.rpoBytes)}), RTO ${s1(f.rto)}: restored on ${f.host} from ${f.snapshot}, whose metadata names ${f.metadataHost}`
        + (f.againOn === null ? '' : `; restored again on ${f.againOn} after losing ${f.host}`);
    case 'vm-lost': return `lost (${f.why}); ${gb(f.rpoBytes)} written in the run gone`;
    case 'no-disaster': return 'none struck a protected VM';
    case 'dr-instants': {
      const q = (x: Spread) => `p50 ${s1(x.p50)}, p90 ${s1(x.p90)}, p99 ${s1(x.p99)}, worst ${s1(x.max)}`;
      return `the disaster at ${f.instants} instants over ${s1(f.from)}-${s1(f.to)}: RPO ${q(f.rpo)}; RTO ${f.rto === null ? 'none (no VM restored)' : q(f.rto)}`;
    }
    case 'consistency':
      if (f.torn === null) return 'no backup set to check: every attempt was aborted';
      return f.torn === 0
        ? `yes: the copies hold the first ${f.contained} writes of the application and nothing after them`
        : `no: ${f.torn} writes torn between the copies (they hold ${f.contained} writes, but not write #${f.firstMissing} that ${f.torn} of them depend on)`;
    case 'backup-set':
      if (f.aborted !== null) return `failed: ${f.aborted}`;
      return `${f.snapshots.length} snapshots (${f.snapshots.map((c) => `${c.disks.join('+')} at ${exact(c.time)}`).join(', ')}) of the data frozen at ${f.frozenAt.map(exact).join(' and ')}`;
    case 'application-stopped': return `SQL Server stopped at ${exact(f.at)}: ${f.why}`;
  }
}

/** Heading -> sentence, in the order the protocol gave them (a later finding under the same heading replaces the earlier). */
export function findingsText(findings: readonly RunFinding[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of findings) out[findingKey(f)] = findingText(f);
  return out;
}
