/**
 * A host's processor, as far as moving bytes costs it: some cores, each
 * copying memory at a fixed rate. A copy of B bytes keeps one core busy for
 * B / copyBandwidth; copies running together share the cores, up to one core
 * each (processor sharing). That is exactly a link of bandwidth
 * cores × copyBandwidth with a per-flow cap of copyBandwidth, so the CPU is
 * the device link `<host>.cpu`: `host.copy` runs a flow over it alone, and a
 * protocol may put it in a route beside network links to charge one memory
 * copy per byte of that flow to the host (a feed-plex hop: the bytes are not
 * faster than the copy that touches them).
 *
 * CPU seconds are the bytes the link carried divided by copyBandwidth (the
 * device row of the report: bytes / copyBandwidth). A protocol that knows
 * which layers its bytes cross on this host prices them with the one cost
 * law (byte-cost.ts) and sets the link's bandwidth to cores × clock / cycles
 * per byte of that stack (`HostCpu.charge`); the host's `clock` is what the
 * law's cycles are counted against.
 */
import type { LinkSpec } from '../../net/links.ts';
import { cpuLink } from '../../foundation/link-names.ts';
import type { Path } from '../../foundation/path.ts';
import type { Kernel } from '../../engine/kernel.ts';
import { CommandError } from '../../engine/errors.ts';
import { perform, transfer } from '../../engine/commands.ts';
import type { Network } from '../../net/network.ts';
import type { ResolveContext } from '../family.ts';
import { number, object, rate, resolveField } from '../../foundation/declare.ts';
import type { Delegate } from '../delegate.ts';
import { notation } from '../../foundation/declare-forms.ts';
import { hostCharge, hostCopy } from './commands.ts';
import { cpuBoundRate } from './byte-cost.ts';
import { ioCostFields, tcpCostFields, type CpuCost } from './cpu-cost.ts';

const CACHEBENCH = 'Intel community thread "Single-threaded memory performance for dual socket Xeon E5-* systems" (CacheBench 64 MiB copy: E5-2650 v2 6249 MB/s, E5-2670 5896 MB/s; X5660 9283, i7-3960X 11525), domain-figures §6; range 6-12 GB/s';

/**
 * Single-thread large-buffer memcpy of one core, for a host's CPU and a
 * server's partitions alike; `note` adds what the source says in that place.
 */
export const copyBandwidth = (description: string, note = '') => rate({
  description,
  default: '6 GB/s',
  positive: true,
  unit: 'bytes/s per core',
  source: CACHEBENCH + note,
  spread: { low: '5896 MB/s', high: '11525 MB/s', source: 'the CacheBench 64 MiB copies of that thread: E5-2670 5896 MB/s to i7-3960X 11525 MB/s (domain-figures §6)' },
});

/** Default clock of a host or a server's partitions: the processor the copy rate was measured on. */
export const DEFAULT_CLOCK = 2.6e9;
export const DEFAULT_CLOCK_SOURCE = 'Intel Xeon E5-2650 v2 base clock 2.6 GHz (ark.intel.com): the processor of the CacheBench copy rate behind the copyBandwidth default, so clock / copyBandwidth is one measured core\'s copy cost';

/** A processor clock written "3.5 GHz" or "1650 MHz"; undefined when not written (the caller's default applies). */
export const clockField = (description: string, defaultText: string, source: string) => notation({
  description,
  pattern: '^\\s*[0-9]+(\\.[0-9]+)?\\s*(GHz|MHz)\\s*$',
  defaultText,
  unit: 'Hz',
  source,
  parse: hertz,
  refused: (written: unknown) => `${JSON.stringify(written)} is not a clock rate; write e.g. "3.5 GHz" or "1650 MHz"`,
});

/** "3.5 GHz", "1650 MHz" to Hz; undefined for anything else, or no speed at all. */
function hertz(text: string): number | undefined {
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*(GHz|MHz)\s*$/.exec(text);
  const hz = m === null ? 0 : Number(m[1]) * (m[2] === 'GHz' ? 1e9 : 1e6);
  return hz > 0 ? hz : undefined;
}

/** The fields a topology.hosts entry may add. */
export const HOST_CPU = {
  cores: number({
    description: 'Cores of the host\'s CPU. Makes the device link `NAME.cpu` (bandwidth cores × copyBandwidth, at most copyBandwidth per flow): `host.copy` runs copies on it, and a route may cross it to charge one memory copy per byte of that flow to this host.',
    defaultText: 'none (no CPU modelled)',
    unit: 'cores',
    source: 'configuration; gives the host the device link `HOST.cpu` (bandwidth cores × copyBandwidth, per-flow cap copyBandwidth); CPU seconds = its bytes / copyBandwidth',
  }),
  copyBandwidth: copyBandwidth('Memory-copy rate of one core.'),
  clock: clockField('Processor clock: what the cost law\'s cycles per byte are counted against (byte-cost.ts).', `${DEFAULT_CLOCK / 1e9} GHz`, DEFAULT_CLOCK_SOURCE),
  ...tcpCostFields(),
  ...ioCostFields('this host issues'),
};
const CPU = object(HOST_CPU);

export interface CpuDef extends CpuCost {
  host: string;
  cores: number;
  /** bytes/s one core copies */
  copyBandwidth: number;
  /** Hz */
  clock: number;
}

export function cpuSpec(d: CpuDef): LinkSpec {
  return { bandwidth: d.cores * d.copyBandwidth, flowCap: d.copyBandwidth };
}

/** Hosts of topology.hosts that model a CPU (they give `cores`); partitions' entries may not (their server gives them). */
export function resolveHostCpus(topology: Record<string, unknown>, ctx: ResolveContext, partitions: ReadonlyMap<string, string>): CpuDef[] {
  const out: CpuDef[] = [];
  // The raw entry says which fields were written; the resolved one what they are.
  for (const [host, raw] of Object.entries((topology.hosts ?? {}) as Record<string, Record<string, unknown>>)) {
    const p: Path = ['topology', 'hosts', host];
    const server = partitions.get(host);
    if (server !== undefined) {
      for (const field of Object.keys(HOST_CPU)) {
        if (raw[field] !== undefined) ctx.fail([...p, field], `'${host}' is a partition of server '${server}': its CPU is its entitlement there; give it as topology.servers.${server}.partitions.${host}.cores (the per-core copy rate comes from the server)`);
      }
    }
    const { cores, copyBandwidth, clock, tcpCycles, zeroCopyShare, ioCycles, ioSize } = resolveField(CPU, raw, p, ctx);
    if (cores === undefined) {
      for (const field of Object.keys(HOST_CPU).filter((k) => k !== 'cores' && k !== 'clock')) if (raw[field] !== undefined) ctx.fail([...p, field], `${field === 'copyBandwidth' ? 'a copy rate' : `${field}, a CPU cost,`} needs cores to run on: give ${host} 'cores' too`);
      continue;
    }
    if (!(cores > 0)) ctx.fail([...p, 'cores'], 'a host needs more than 0 cores');
    out.push({ host, cores, copyBandwidth, clock: clock ?? DEFAULT_CLOCK, tcpCycles, zeroCopyShare, ioCycles, ioSize });
  }
  return out;
}

/** One host's CPU in a run. */
export class HostCpu {
  /** bandwidth of the CPU link when the host runs (a paused partition's is 0) */
  private bandwidth: number;
  /** cycles one byte crossing the link costs: a memory copy's until a protocol charges a stack */
  cyclesPerByte: number;

  constructor(readonly def: CpuDef, readonly link: number, private readonly net: Network) {
    this.bandwidth = def.cores * def.copyBandwidth;
    this.cyclesPerByte = def.clock / def.copyBandwidth;
  }

  /** Prices every byte crossing this CPU at `cyclesPerByte` (the cost law of the layers it runs): bandwidth cores × clock / cycles. */
  charge(cyclesPerByte: number): void {
    this.cyclesPerByte = cyclesPerByte;
    this.bandwidth = cpuBoundRate(this.def.cores, this.def.clock, cyclesPerByte);
    if (this.net.bandwidth[this.link] > 0) this.net.setBandwidth(this.link, this.bandwidth);
  }

  /** Stops every copy on this CPU (a partition suspended by LPM) or lets them go on. */
  setRunning(running: boolean): void {
    this.net.setBandwidth(this.link, running ? this.bandwidth : 0);
  }
}

/**
 * `host.copy { host, bytes, copies? }`: `copies` successive memory copies of
 * `bytes` on the host's cores; resolves { bytes, copies, cpuSeconds, seconds }.
 * Successive copies of one buffer are one flow of copies × bytes: at any
 * instant the flow's rate depends only on what else runs, so k copies in a row
 * take as long as one flow k times the size.
 */
export function defineHostCopy(kernel: Kernel, delegate: Delegate, cpus: ReadonlyMap<string, HostCpu>): void {
  kernel.defineCommand(hostCopy.op, (cmd, wait) => {
    const host = cmd.host as string;
    const cpu = cpus.get(host);
    if (cpu === undefined) throw new CommandError(`host.copy: no CPU is modelled for '${host}' (give it cores in topology.hosts, or make it a partition of a server)`);
    const bytes = cmd.bytes as number;
    const copies = (cmd.copies as number | undefined) ?? 1;
    if (!Number.isInteger(copies) || copies < 1) throw new CommandError(`host.copy: copies must be a whole number >= 1, got ${copies}`);
    if (!(bytes >= 0) || !Number.isFinite(bytes)) throw new CommandError(`host.copy: bytes must be a finite number >= 0, got ${bytes}`);
    const label = `${copies === 1 ? 'memory copy' : `${copies} memory copies`} of ${bytes} B on ${host}'s cores`;
    delegate.run(wait, `host.copy on ${host}`, function* () {
      const r = yield* perform(transfer([cpuLink(host)], bytes * copies, { label }));
      return { bytes, copies, cpuSeconds: (bytes * copies) / cpu.def.copyBandwidth, seconds: (r.end - r.start) / 1e9 };
    });
  });
}

/** `host.charge { host, cyclesPerByte }`: the cost law of what a protocol runs on that CPU. */
export function defineHostCharge(kernel: Kernel, cpus: ReadonlyMap<string, HostCpu>): void {
  kernel.defineCommand(hostCharge.op, (cmd, wait) => {
    const { host, cyclesPerByte } = hostCharge.args(cmd);
    const cpu = cpus.get(host);
    if (cpu === undefined) throw new CommandError(`host.charge: no CPU is modelled for '${host}' (give it cores in topology.hosts, or make it a partition of a server)`);
    if (!(cyclesPerByte > 0) || !Number.isFinite(cyclesPerByte)) throw new CommandError(`host.charge: cycles per byte must be a finite number > 0, got ${cyclesPerByte}`);
    cpu.charge(cyclesPerByte);
    kernel.resolve(wait, { bandwidth: cpuBoundRate(cpu.def.cores, cpu.def.clock, cyclesPerByte) });
  });
}
