/**
 * The hypervisors family: `topology.hypervisors`, hosts running VMs whose
 * disks are volumes or raw-mapped LUNs of the storage family, application
 * writers, and the commands that quiesce VMs (vm.freeze, vm.thaw), write,
 * start and stop them, and register a restored VM on another hypervisor
 * (vm.register). A hypervisor is a device: `device-fails: NAME` stops
 * its VMs, and what a frozen VM held in memory is lost.
 *
 * The VSS limits are parameters here for the protocols that quiesce VMs to
 * respect; vm.thaw only reports whether a freeze outlasted the writer limit.
 */
import type { Path } from '../../foundation/path.ts';
import { RandomStream } from '../../engine/rng.ts';
import type { Custom } from '../../engine/commands.ts';
import type { Kernel } from '../../engine/kernel.ts';
import type { Wait } from '../../engine/wait.ts';
import type { BuildContext, Family, FamilyRuntime, OpSpec, ParamDoc, ResolveContext } from '../family.ts';

import { parseDuration, parseRate, parseSize } from '../../foundation/units.ts';
import { AppWriter, Hypervisor, VirtualDisk, VirtualMachine, type WriterPattern } from './hypervisor.ts';
import { storageModelOf } from '../storage/family.ts';
import { StorageError } from '../storage/storage-system.ts';
import { duration, namedMap } from '../schema-parts.ts';
import type { StoryData } from '../../foundation/story.ts';

/** VSS flush-and-hold window: "VSS Kernel Support will cancel the Flush and Hold if the release is not received within 10 seconds" (domain-figures §8). */
export const VSS_FLUSH_HOLD = 10e9;
/** VSS writer freeze-to-thaw timeout, CVssWriter default 60 s (domain-figures §8). */
export const VSS_FREEZE = 60e9;
/** 4 KiB: WAFL's block (Hitz, Lau, Malcolm, USENIX Winter 1994), also NTFS's default cluster. */
export const WRITE_BLOCK = 4096;
export const WRITER_CV = 0.5;
export const WRITER_TICK = 1e9;

export interface DiskDef { name: string; kind: 'virtual' | 'rdm'; storage: string; volume: string }
export interface WriterDef { disk: string; rate: number; pattern: WriterPattern; stream: string }
export interface VmDef { name: string; running: boolean; vss: { flushHold: number; freeze: number }; disks: DiskDef[]; writers: WriterDef[] }
export interface HypervisorDef { name: string; host: string; vms: VmDef[] }

type Obj = Record<string, unknown>;

export class HypervisorModel implements FamilyRuntime {
  readonly hypervisors = new Map<string, Hypervisor>();
  readonly vms = new Map<string, VirtualMachine>();

  constructor(readonly kernel: Kernel) {}

  vm(name: string): VirtualMachine {
    const v = this.vms.get(name);
    if (v === undefined) throw new StorageError(`no VM named '${name}'`);
    return v;
  }

  nodeDown(node: string, down: boolean): void {
    // A hypervisor does not come back by itself when its host does: its VMs stay stopped.
    if (!down) return;
    for (const h of this.hypervisors.values()) if (h.host === node) this.failDevice(h.name);
  }

  failDevice(name: string): boolean {
    const h = this.hypervisors.get(name);
    if (h === undefined) return false;
    if (h.failedAt !== null) return true;
    const now = this.kernel.now;
    let lost = 0;
    for (const vm of h.vms.values()) {
      vm.sync(now);
      lost += vm.queuedBytes;
      vm.fail();
    }
    h.failedAt = now;
    this.kernel.trace.mark(now, 0, `hypervisor ${name} fails`, { fails: name, lostQueuedBytes: lost });
    return true;
  }
}

const MODELS = new WeakMap<Kernel, HypervisorModel>();

/** The hypervisor models built into this kernel (one run), if the scenario has any: for a protocol's end-of-run measures. */
export function hypervisorModelOf(kernel: Kernel): HypervisorModel | undefined {
  return MODELS.get(kernel);
}

const vmParam = { vm: { kind: 'name', ref: 'vm', required: true, description: 'the virtual machine' } } as const;

const OPS: Record<string, OpSpec> = {
  'vm.freeze': {
    description: 'Quiesce the VM: from now on its writes (to the given disks, default all) wait in memory and nothing reaches the disks; result { vm, time, disks, limit, written } (written: bytes its writes put on its disks so far, all in a snapshot taken now).',
    params: { ...vmParam, disks: { kind: 'names', description: 'only these disks of the VM (default: all)' } },
  },
  'vm.thaw': {
    description: 'Release a frozen VM: the queued writes reach the disks now; result { vm, queuedBytes, frozenFor, overLimit, bytes } (bytes: the queued bytes written).',
    params: vmParam,
  },
  'vm.write': {
    description: 'The guest writes bytes to one of its disks: onto the volume, or into the queue while frozen; result { vm, disk, bytes, queued } (bytes: what reached the disk).',
    params: {
      ...vmParam,
      disk: { kind: 'string', required: true, description: 'the disk, by its name in the VM' },
      bytes: { kind: 'size', required: true, description: 'bytes written' },
      changed: { kind: 'size', description: 'distinct bytes touched (default: bytes)' },
    },
  },
  'vm.register': {
    description: 'Register a VM on a hypervisor (a restore to an alternate host): a new, stopped VM with the disks of VM `like` (same names and kinds) on the given volumes, one per disk in its order, and no writers; result { vm, hypervisor, host, disks }.',
    params: {
      vm: { kind: 'string', required: true, description: 'the new VM\'s name (VM names are global)' },
      hypervisor: { kind: 'name', ref: 'hypervisor', required: true, description: 'where it is registered' },
      like: { kind: 'name', ref: 'vm', required: true, description: 'the VM whose disks it takes (the one backed up)' },
      volumes: { kind: 'names', ref: 'volume', required: true, description: 'system/volume for each disk of `like`, in its order' },
    },
  },
  'vm.start': { description: 'Power the VM on: its writers write from the next tick.', params: vmParam },
  'vm.stop': { description: 'Power the VM off (it must not be frozen): its writers stop writing.', params: vmParam },
};

const PARAMS: ParamDoc[] = [
  { name: 'hypervisors.*.host', default: '(required)', unit: 'host or partition name', source: 'scenario' },
  { name: 'hypervisors.*.vms.*.running', default: 'true', unit: 'boolean', source: 'scenario' },
  { name: 'hypervisors.*.vms.*.disks.*.kind', default: '(required)', unit: 'virtual or rdm', source: 'VMware: a virtual disk on a datastore, or a raw device mapping of a whole LUN' },
  { name: 'hypervisors.*.vms.*.vss.flushHold', default: '10 s', unit: 'duration', source: 'Microsoft IVssProviderCreateSnapshotSet::CommitSnapshots: the kernel cancels Flush and Hold after 10 s (domain-figures §8)' },
  { name: 'hypervisors.*.vms.*.vss.freeze', default: '60 s', unit: 'duration', source: 'Microsoft CVssWriter::Initialize dwTimeoutFreeze default 60000 ms; 20 s for Exchange writers (Veeam KB1377) (domain-figures §8)' },
  { name: 'hypervisors.*.vms.*.writers[].rate', default: '(required)', unit: 'B/s', source: 'scenario: the application\'s mean write rate (writers and vm.write count on the volume but do not load the array\'s device link)' },
  { name: 'hypervisors.*.vms.*.writers[].pattern.block', default: '4 KiB', unit: 'bytes', source: 'WAFL 4 KB block (Hitz, Lau, Malcolm, USENIX Winter 1994); NTFS default cluster 4 KB' },
  { name: 'hypervisors.*.vms.*.writers[].pattern.cv', default: '0.5', unit: 'ratio', source: 'UNSOURCED: spread of the bytes written per tick (lognormal); 0 gives a steady writer' },
  { name: 'hypervisors.*.vms.*.writers[].pattern.tick', default: '1 s', unit: 'duration', source: 'UNSOURCED: the model\'s integration step, not a property of the application' },
  { name: 'hypervisors.*.vms.*.writers[].pattern.stream', default: 'writer0, writer1, ... by position', unit: 'name', source: 'model: the seeded stream family/hypervisors/<vm>/<stream>' },
];

const section = namedMap(
  'Hypervisors and their VMs: disks on storage volumes or raw-mapped LUNs, application writers, VSS limits.',
  {
    type: 'object',
    additionalProperties: false,
    required: ['host', 'vms'],
    properties: {
      host: { type: 'string', description: 'The topology host or partition it runs on.' },
      vms: {
        type: 'object',
        propertyNames: { $ref: '#/definitions/name' },
        additionalProperties: {
          type: 'object',
          additionalProperties: false,
          properties: {
            running: { type: 'boolean', description: 'Powered on at the start. Default true.' },
            vss: {
              type: 'object',
              additionalProperties: false,
              description: 'VSS time limits, for protocols that quiesce the VM.',
              properties: {
                flushHold: duration('Flush-and-hold window. Default 10 s.'),
                freeze: duration('Writer freeze-to-thaw limit. Default 60 s (20 s for Exchange).'),
              },
            },
            disks: {
              type: 'object',
              propertyNames: { $ref: '#/definitions/name' },
              additionalProperties: {
                type: 'object',
                additionalProperties: false,
                required: ['kind', 'storage', 'volume'],
                properties: {
                  kind: { enum: ['virtual', 'rdm'], description: 'virtual: a disk file on a datastore volume; rdm: a raw-mapped LUN.' },
                  storage: { type: 'string', description: 'The storage system.' },
                  volume: { type: 'string', description: 'The volume (datastore) or LUN on it.' },
                },
              },
            },
            writers: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['disk', 'rate'],
                properties: {
                  disk: { type: 'string', description: 'The disk it writes to.' },
                  rate: { $ref: '#/definitions/rate', description: 'Mean write rate.' },
                  pattern: {
                    type: 'object',
                    additionalProperties: false,
                    properties: {
                      block: { $ref: '#/definitions/size', description: 'Write block: ticks write whole blocks. Default 4 KiB.' },
                      cv: { type: 'number', minimum: 0, description: 'Coefficient of variation of the bytes per tick (lognormal). Default 0.5.' },
                      tick: duration('Integration step. Default 1 s.'),
                      stream: { type: 'string', description: 'Name of its seeded random stream. Default writer0, writer1, ... by position.' },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
);

function resolve(topology: Obj, ctx: ResolveContext, path: Path): HypervisorDef[] {
  const raw = (topology.hypervisors ?? {}) as Record<string, Obj>;
  const at = (...p: (string | number)[]): Path => [...path, 'hypervisors', ...p];
  const vmNames = new Map<string, string>();
  const rdm = new Map<string, string>();
  const onVolume = new Map<string, string>();
  const defs = Object.entries(raw).map(([name, h]): HypervisorDef => {
    if (ctx.names.has('device', name)) ctx.fail(at(name), `'${name}' is already the name of a device; faults name devices, so names must differ`);
    const host = h.host as string;
    if (!ctx.names.has('host', host) && !ctx.names.has('partition', host)) {
      const known = [...ctx.names.list('host'), ...ctx.names.list('partition')];
      ctx.fail(at(name, 'host'), `no host or partition named '${host}'${known.length ? `; there are: ${known.join(', ')}` : '; define it under topology.hosts'}`);
    }
    const vms = Object.entries(h.vms as Record<string, Obj>).map(([vn, v]): VmDef => {
      const p = at(name, 'vms', vn);
      const other = vmNames.get(vn);
      if (other !== undefined) ctx.fail(p, `a VM named '${vn}' already runs on hypervisor '${other}'; VM names are global`);
      vmNames.set(vn, name);
      const disks = Object.entries((v.disks ?? {}) as Record<string, Obj>).map(([dn, d]): DiskDef => {
        const dp = [...p, 'disks', dn];
        const storage = d.storage as string, volume = d.volume as string, kind = d.kind as 'virtual' | 'rdm';
        if (!ctx.names.has('storage', storage)) {
          const known = ctx.names.list('storage');
          ctx.fail([...dp, 'storage'], `no storage system named '${storage}'${known.length ? `; storage systems are: ${known.join(', ')}` : ': define it under topology.storage'}`);
        }
        const id = `${storage}/${volume}`;
        if (!ctx.names.has('volume', id)) ctx.fail([...dp, 'volume'], `storage system '${storage}' has no volume named '${volume}'`);
        const user = `${vn}.${dn}`;
        const raw = rdm.get(id);
        if (raw !== undefined) ctx.fail(dp, `volume '${id}' is raw-mapped (rdm) by disk ${raw}; a raw-mapped LUN belongs to that one disk`);
        if (kind === 'rdm') {
          const shared = onVolume.get(id);
          if (shared !== undefined) ctx.fail(dp, `volume '${id}' already holds disk ${shared}; a raw-mapped LUN belongs to one disk alone`);
          rdm.set(id, user);
        }
        onVolume.set(id, user);
        return { name: dn, kind, storage, volume };
      });
      const vss = (v.vss ?? {}) as Obj;
      const flushHold = vss.flushHold === undefined ? VSS_FLUSH_HOLD : parseDuration(vss.flushHold);
      const freeze = vss.freeze === undefined ? VSS_FREEZE : parseDuration(vss.freeze);
      if (!(flushHold > 0)) ctx.fail([...p, 'vss', 'flushHold'], 'the flush-and-hold window must be above 0 s');
      if (!(freeze > 0)) ctx.fail([...p, 'vss', 'freeze'], 'the freeze limit must be above 0 s');
      const streams = new Set<string>();
      const writers = ((v.writers ?? []) as Obj[]).map((w, i): WriterDef => {
        const wp = [...p, 'writers', i];
        const disk = w.disk as string;
        if (!disks.some((d) => d.name === disk)) ctx.fail([...wp, 'disk'], `VM '${vn}' has no disk named '${disk}'${disks.length ? `; its disks are: ${disks.map((d) => d.name).join(', ')}` : ': give it disks first'}`);
        const rate = parseRate(w.rate);
        if (!(rate > 0)) ctx.fail([...wp, 'rate'], 'a writer needs a rate above zero');
        const pat = (w.pattern ?? {}) as Obj;
        const block = pat.block === undefined ? WRITE_BLOCK : parseSize(pat.block);
        if (!(block >= 1)) ctx.fail([...wp, 'pattern', 'block'], 'a write block is at least one byte');
        const tick = pat.tick === undefined ? WRITER_TICK : parseDuration(pat.tick);
        if (!(tick > 0)) ctx.fail([...wp, 'pattern', 'tick'], 'the integration step must be above 0 s');
        const cv = (pat.cv as number | undefined) ?? WRITER_CV;
        const stream = (pat.stream as string | undefined) ?? `writer${i}`;
        if (streams.has(stream)) ctx.fail([...wp, 'pattern', 'stream'], `another writer of VM '${vn}' draws from stream '${stream}'; give each its own, or they write the same amounts`);
        streams.add(stream);
        return { disk, rate, pattern: { block, cv, tick }, stream };
      });
      return { name: vn, running: (v.running as boolean | undefined) ?? true, vss: { flushHold, freeze }, disks, writers };
    });
    return { name, host, vms };
  });
  for (const h of defs) {
    ctx.names.define('hypervisor', h.name);
    ctx.names.define('device', h.name);
    for (const v of h.vms) ctx.names.define('vm', v.name);
  }
  return defs;
}

function build(defs: HypervisorDef[], ctx: BuildContext): HypervisorModel | void {
  if (defs.length === 0) return;
  const kernel = ctx.kernel;
  const storage = storageModelOf(kernel);
  const model = new HypervisorModel(kernel);
  MODELS.set(kernel, model);
  for (const hd of defs) {
    const h = new Hypervisor(hd.name, hd.host);
    model.hypervisors.set(hd.name, h);
    for (const vd of hd.vms) {
      const vm = new VirtualMachine(vd.name, h, vd.vss, vd.running);
      h.vms.set(vd.name, vm);
      model.vms.set(vd.name, vm);
      for (const dd of vd.disks) {
        if (storage === undefined) throw new Error(`VM '${vd.name}': the storage family was not built before the hypervisors`);
        vm.disks.set(dd.name, new VirtualDisk(dd.name, dd.kind, storage.volume(dd.storage, dd.volume)));
      }
      for (const wd of vd.writers) {
        const disk = vm.disks.get(wd.disk)!;
        const w = new AppWriter(vm, disk, wd.rate, wd.pattern, new RandomStream(kernel.seed, `family/hypervisors/${vd.name}/${wd.stream}`));
        vm.writers.push(w);
        disk.volume.writers.push((t) => w.syncTo(t));
      }
    }
  }
  const define = (op: string, handler: (cmd: Custom, wait: Wait) => void) => {
    kernel.defineCommand(op, (cmd, wait) => {
      try {
        handler(cmd, wait);
      } catch (e) {
        kernel.reject(wait, e);
      }
    });
  };
  const mark = (label: string, data?: unknown) => kernel.trace.mark(kernel.now, 0, label, data);

  define('vm.freeze', (cmd, wait) => {
    const vm = model.vm(cmd.vm as string);
    const names = (cmd.disks as string[] | undefined) ?? [...vm.disks.keys()];
    const disks = names.map((n) => vm.disk(n));
    vm.sync(kernel.now);
    vm.freeze(kernel.now, disks);
    mark(`VM ${vm.name} frozen`, { disks: names });
    kernel.resolve(wait, { vm: vm.name, time: kernel.now, disks: names, limit: vm.vss.freeze, written: vm.written });
  });

  define('vm.thaw', (cmd, wait) => {
    const vm = model.vm(cmd.vm as string);
    vm.checkRunning('thaw');
    vm.sync(kernel.now);
    const { queuedBytes, frozenFor } = vm.thaw(kernel.now);
    const overLimit = frozenFor > vm.vss.freeze;
    mark(`VM ${vm.name} thawed`, { queuedBytes, frozenFor, overLimit });
    kernel.resolve(wait, { vm: vm.name, queuedBytes, frozenFor, overLimit, bytes: queuedBytes });
  });

  define('vm.write', (cmd, wait) => {
    const vm = model.vm(cmd.vm as string);
    vm.checkRunning('write from');
    const disk = vm.disk(cmd.disk as string);
    const bytes = cmd.bytes as number;
    const changed = (cmd.changed as number | undefined) ?? bytes;
    if (changed > bytes) throw new StorageError(`a write touches at most the bytes it writes: changed ${changed} > bytes ${bytes}`);
    if (changed > disk.volume.size) throw new StorageError(`a write cannot touch ${changed} distinct bytes of volume '${disk.volume.id}', which holds ${disk.volume.size}`);
    vm.sync(kernel.now);
    const where = vm.put(disk, bytes, changed);
    if (where === 'refused') throw new StorageError(`VM '${vm.name}' cannot write to disk '${disk.name}': ${disk.volume.refusal()}`);
    kernel.resolve(wait, { vm: vm.name, disk: disk.name, bytes: where === 'written' ? bytes : 0, queued: where === 'queued' ? bytes : 0 });
  });

  /** a registered VM -> the scenario's VM it stands in for (a restore's copy), so a viewer moves that VM */
  const standsFor = new Map<string, string>();
  define('vm.register', (cmd, wait) => {
    const name = cmd.vm as string;
    if (model.vms.has(name)) throw new StorageError(`a VM named '${name}' already exists; VM names are global`);
    const h = model.hypervisors.get(cmd.hypervisor as string);
    if (h === undefined) throw new StorageError(`no hypervisor named '${String(cmd.hypervisor)}'`);
    if (h.failedAt !== null) throw new StorageError(`hypervisor '${h.name}' failed at ${h.failedAt / 1e9} s: cannot register VM '${name}'`);
    const like = model.vm(cmd.like as string);
    const volumes = cmd.volumes as string[];
    if (volumes.length !== like.disks.size) throw new StorageError(`VM '${like.name}' has ${like.disks.size} disk${like.disks.size === 1 ? '' : 's'} (${[...like.disks.keys()].join(', ')}); give one volume for each, not ${volumes.length}`);
    if (storage === undefined) throw new StorageError('no storage systems: a VM needs volumes for its disks');
    const vm = new VirtualMachine(name, h, like.vss, false);
    [...like.disks.values()].forEach((d, i) => vm.disks.set(d.name, new VirtualDisk(d.name, d.kind, storage.volume(undefined, volumes[i]))));
    h.vms.set(name, vm);
    model.vms.set(name, vm);
    standsFor.set(name, standsFor.get(like.name) ?? like.name);
    mark(`VM ${name} registered on ${h.name}`, { like: like.name, volumes });
    kernel.resolve(wait, { vm: name, hypervisor: h.name, host: h.host, disks: [...vm.disks.keys()] });
  });

  define('vm.start', (cmd, wait) => {
    const vm = model.vm(cmd.vm as string);
    if (vm.hypervisor.failedAt !== null) throw new StorageError(`hypervisor '${vm.hypervisor.name}' failed at ${vm.hypervisor.failedAt / 1e9} s: cannot start VM '${vm.name}'`);
    vm.sync(kernel.now);
    vm.state = 'running';
    mark(`VM ${vm.name} started`, { vmStarted: { vm: standsFor.get(vm.name) ?? vm.name, host: vm.hypervisor.host } } satisfies StoryData);
    kernel.resolve(wait, { vm: vm.name, time: kernel.now });
  });

  define('vm.stop', (cmd, wait) => {
    const vm = model.vm(cmd.vm as string);
    vm.checkRunning('stop');
    if (vm.frozenSince !== null) throw new StorageError(`VM '${vm.name}' is frozen: thaw it before stopping it`);
    vm.sync(kernel.now);
    vm.state = 'stopped';
    mark(`VM ${vm.name} stopped`);
    kernel.resolve(wait, { vm: vm.name, time: kernel.now });
  });

  return model;
}

export const hypervisorsFamily: Family<HypervisorDef[]> = {
  key: 'hypervisors',
  title: 'hypervisors and VMs: virtual and raw-mapped disks, application writers, freeze and thaw',
  schema: { section },
  params: PARAMS,
  ops: OPS,
  resolve,
  build,
};
