/**
 * `topology.hypervisors`, declared once: hypervisors, their VMs, the VMs'
 * disks, VSS limits and application writers. The declaration gives the
 * schema, the README rows, the resolved types and every default (the VSS
 * flush-and-hold window and writer freeze limit among them);
 * `resolveHypervisors` adds what a schema cannot say (hosts, arrays and
 * volumes that must exist, a raw-mapped LUN owned by one disk, global VM
 * names, one random stream per writer) and defines the names steps refer to.
 */
import { mandatory } from '../../foundation/declare-forms.ts';
import type { Path } from '../../foundation/path.ts';
import { duration, flag, list, named, number, object, oneOf, rate, resolveField, size, text, type Resolved } from '../../foundation/declare.ts';
import type { ResolveContext } from '../family.ts';
import { guestFields, policyFields } from '../precopy.ts';

const DISK = object({
  kind: oneOf(['virtual', 'rdm'], {
    description: 'virtual: a disk file on a datastore volume; rdm: a raw-mapped LUN.',
    required: true,
    unit: 'virtual or rdm',
    source: 'VMware: a virtual disk on a datastore, or a raw device mapping of a whole LUN',
  }),
  storage: text({ description: 'The storage system.', required: true, unit: 'storage system name' }),
  volume: text({ description: 'The volume (datastore) or LUN on it.', required: true, unit: 'volume name' }),
});

const VSS = object({
  flushHold: duration({
    description: 'Flush-and-hold window: the kernel cancels a shadow copy whose release comes later.',
    default: '10 s',
    positive: true,
    source: 'Microsoft IVssProviderCreateSnapshotSet::CommitSnapshots: "VSS Kernel Support will cancel the Flush and Hold if the release is not received within 10 seconds" (domain-figures §8)',
  }),
  freeze: duration({
    description: 'Writer freeze-to-thaw limit (20 s for Exchange).',
    default: '60 s',
    positive: true,
    source: 'Microsoft CVssWriter::Initialize dwTimeoutFreeze default 60000 ms; 20 s for Exchange writers (Veeam KB1377) (domain-figures §8)',
  }),
}, { description: 'VSS time limits, for protocols that quiesce the VM.' });

const PATTERN = object({
  block: size({ description: 'Write block: ticks write whole blocks.', default: '4 KiB', source: 'WAFL 4 KB block (Hitz, Lau, Malcolm, USENIX Winter 1994); NTFS default cluster 4 KB' }),
  cv: number({
    description: 'Coefficient of variation of the bytes per tick (lognormal).',
    default: 0.5,
    minimum: 0,
    unit: 'ratio',
    source: 'UNSOURCED: spread of the bytes written per tick (lognormal); 0 gives a steady writer',
  }),
  tick: duration({ description: 'Integration step.', default: '1 s', positive: true, source: 'UNSOURCED: the model\'s integration step, not a property of the application' }),
  stream: text({ description: 'Name of its seeded random stream.', defaultText: 'writer0, writer1, ... by position', unit: 'name', source: 'model: the seeded stream family/hypervisors/<vm>/<stream>' }),
});

const WRITER = object({
  disk: text({ description: 'The disk it writes to.', required: true, unit: 'disk name' }),
  rate: rate({
    description: 'Mean write rate.',
    required: true,
    positive: true,
    source: 'the application\'s mean write rate (writers and vm.write count on the volume but do not load the array\'s device link)',
  }),
  pattern: PATTERN,
});

const VM = object({
  running: flag({ description: 'Powered on at the start.', default: true }),
  memory: size({ description: 'Memory of the VM: what vm.migrate copies in its first round.', defaultText: 'none (vm.migrate must then be given memory)', source: 'configuration' }),
  ...guestFields('VM'),
  vss: VSS,
  disks: named(DISK, { description: 'Disks by name.' }),
  writers: list(WRITER, { description: 'Application writers.' }),
});

/** How VMs leave this hypervisor live (vm.migrate), with vMotion's published behaviour as defaults. */
const MIGRATION = object(policyFields({
  rounds: { value: 30, source: 'UNSOURCED: vMotion publishes no round limit (SDPS makes it converge); a bound for convergence: fail' },
  stopDowntime: { value: '500 ms', source: 'Broadcom KB 436882 "How to identify vMotion stun time": iterations continue "until the remaining set of dirty pages is small enough that it can be transferred within the 500 ms switchover time goal"' },
  switchover: { description: 'Fixed cost of the switch-over after the final copy (device state, resume on the target): downtime = final copy + this.', value: '100 ms', source: 'UNSOURCED: the stun beyond the final memory copy is not published; vMotion targets < 1 s in all (Broadcom KB 436882, 500 ms goal for the final copy)' },
  convergence: { value: 'slowdown', source: 'vMotion since vSphere 5.0, Stun During Page Send: "if the rate at which the pages are dirtied exceeds the transmission rate, the source vCPUs will be placed in a sleep state" (D. Epping, yellow-bricks.com, 2012); slowed to `slowdownShare` of the copy rate' },
}), { description: 'Live migration of VMs leaving this hypervisor (vm.migrate): memory copied in rounds (sim/model/precopy.ts), then the VM is stunned for the final copy and the switch-over.' });

export const HYPERVISORS = named(object({
  host: text({ description: 'The topology host or partition it runs on.', required: true, unit: 'host or partition name' }),
  migration: MIGRATION,
  vms: mandatory(named(VM, { description: 'Virtual machines by name (VM names are global).' })),
}), { description: 'Hypervisors and their VMs: disks on storage volumes or raw-mapped LUNs, application writers, VSS limits.' });

type Written = Resolved<typeof HYPERVISORS>[number];
export type DiskDef = Written['vms'][number]['disks'][number];
/** a writer, its stream named */
export type WriterDef = Resolved<typeof WRITER> & { pattern: { stream: string } };
export type VmDef = Omit<Written['vms'][number], 'writers'> & { writers: WriterDef[] };
export type HypervisorDef = Omit<Written, 'vms'> & { vms: VmDef[] };

export function resolveHypervisors(topology: Record<string, unknown>, ctx: ResolveContext, path: Path): HypervisorDef[] {
  const at = (...p: (string | number)[]): Path => [...path, 'hypervisors', ...p];
  const written = resolveField(HYPERVISORS, topology.hypervisors, at(), ctx);
  const vmNames = new Map<string, string>();
  const disks = new DiskOwners(ctx);
  const defs = written.map((h): HypervisorDef => {
    const { name, host } = h;
    if (ctx.names.has('device', name)) ctx.fail(at(name), `'${name}' is already the name of a device; faults name devices, so names must differ`);
    if (!ctx.names.has('host', host) && !ctx.names.has('partition', host)) {
      const known = [...ctx.names.list('host'), ...ctx.names.list('partition')];
      ctx.fail(at(name, 'host'), `no host or partition named '${host}'${known.length ? `; there are: ${known.join(', ')}` : '; define it under topology.hosts'}`);
    }
    const vms = h.vms.map((v): VmDef => {
      const p = at(name, 'vms', v.name);
      const other = vmNames.get(v.name);
      if (other !== undefined) ctx.fail(p, `a VM named '${v.name}' already runs on hypervisor '${other}'; VM names are global`);
      vmNames.set(v.name, name);
      for (const d of v.disks) disks.claim(`${v.name}.${d.name}`, d, [...p, 'disks', d.name]);
      if (v.workingSet !== undefined && v.memory !== undefined && v.workingSet > v.memory) ctx.fail([...p, 'workingSet'], `a working set of ${v.workingSet} bytes is more than the VM's memory (${v.memory} bytes)`);
      return { ...v, writers: writersOf(v, p, ctx) };
    });
    return { name, host, migration: h.migration, vms };
  });
  for (const h of defs) {
    ctx.names.define('hypervisor', h.name);
    ctx.names.define('device', h.name);
    for (const v of h.vms) ctx.names.define('vm', v.name);
  }
  return defs;
}

/** Which disks use each volume: a raw-mapped LUN belongs to one disk alone. */
class DiskOwners {
  private readonly rdm = new Map<string, string>();
  private readonly onVolume = new Map<string, string>();

  constructor(private readonly ctx: ResolveContext) {}

  claim(user: string, d: DiskDef, dp: Path): void {
    const { ctx } = this;
    if (!ctx.names.has('storage', d.storage)) {
      const known = ctx.names.list('storage');
      ctx.fail([...dp, 'storage'], `no storage system named '${d.storage}'${known.length ? `; storage systems are: ${known.join(', ')}` : ': define it under topology.storage'}`);
    }
    const id = `${d.storage}/${d.volume}`;
    if (!ctx.names.has('volume', id)) ctx.fail([...dp, 'volume'], `storage system '${d.storage}' has no volume named '${d.volume}'`);
    const raw = this.rdm.get(id);
    if (raw !== undefined) ctx.fail(dp, `volume '${id}' is raw-mapped (rdm) by disk ${raw}; a raw-mapped LUN belongs to that one disk`);
    if (d.kind === 'rdm') {
      const shared = this.onVolume.get(id);
      if (shared !== undefined) ctx.fail(dp, `volume '${id}' already holds disk ${shared}; a raw-mapped LUN belongs to one disk alone`);
      this.rdm.set(id, user);
    }
    this.onVolume.set(id, user);
  }
}

/** A VM's writers, each on one of its disks and with a random stream of its own. */
function writersOf(v: Written['vms'][number], p: Path, ctx: ResolveContext): WriterDef[] {
  const streams = new Set<string>();
  return v.writers.map((w, i) => {
    const wp = [...p, 'writers', i];
    if (!v.disks.some((d) => d.name === w.disk)) ctx.fail([...wp, 'disk'], `VM '${v.name}' has no disk named '${w.disk}'${v.disks.length ? `; its disks are: ${v.disks.map((d) => d.name).join(', ')}` : ': give it disks first'}`);
    if (!(w.pattern.block >= 1)) ctx.fail([...wp, 'pattern', 'block'], 'a write block is at least one byte');
    const stream = w.pattern.stream ?? `writer${i}`;
    if (streams.has(stream)) ctx.fail([...wp, 'pattern', 'stream'], `another writer of VM '${v.name}' draws from stream '${stream}'; give each its own, or they write the same amounts`);
    streams.add(stream);
    return { ...w, pattern: { ...w.pattern, stream } };
  });
}
