/**
 * Hypervisors and their virtual machines: disks on storage volumes, the
 * applications that write to them, and quiescing (freeze and thaw), as a
 * snapshot-consistent backup (VSS, VMware Tools) needs it.
 *
 * A disk is either `virtual` (a virtual disk file on a datastore volume that
 * other VMs' disks may share, so an array snapshot of the volume takes them
 * all) or `rdm` (a raw device mapping: the VM owns the whole LUN, and an
 * array snapshot of the LUN is a snapshot of that disk alone). Writes land
 * on the disk's volume and count there like any other write (see
 * storage-system.ts); the model does not place a virtual disk inside its
 * datastore.
 *
 * Application writers are integrated, not simulated: they cost no events,
 * and their bytes count on the volume without loading the array's device
 * link (an application's write rate is small beside the bulk moves that
 * link limits).
 * A writer's stream is cut into ticks of `tick`; at the end of each tick it
 * writes a lognormal amount with mean `rate × tick` and coefficient of
 * variation `cv` (0: exactly rate × tick), rounded down to whole blocks with
 * the remainder carried to the next tick, so over T it writes rate·T on
 * average and never drifts by more than a block. The draws come from the
 * writer's own seeded stream, one per tick whatever happens, so the writes
 * at time t depend only on the seed and t. The stream is caught up lazily,
 * whenever something looks at or changes the VM or its volumes; a tick's
 * blocks are distinct bytes spread uniformly over the volume.
 */
import type { RandomStream } from '../../engine/rng.ts';
import type { PrecopyPolicy } from '../precopy.ts';
import { ChangeTracker } from '../storage/snapshot.ts';
import { StorageError, type Volume } from '../storage/storage-system.ts';

export interface VssLimits {
  /** ticks the kernel holds I/O for a shadow copy before it cancels it */
  flushHold: number;
  /** ticks a VSS writer stays frozen before it gives up */
  freeze: number;
}

export class VirtualDisk {
  /** bytes this VM's writes put on the volume */
  written = 0;
  /** bytes refused (failed array, read-only mirror destination): I/O errors in the guest */
  refused = 0;

  constructor(
    readonly name: string,
    readonly kind: 'virtual' | 'rdm',
    readonly volume: Volume,
  ) {}
}

export interface WriterPattern {
  /** bytes per write block: a tick writes whole blocks */
  block: number;
  /** coefficient of variation of a tick's amount (lognormal) */
  cv: number;
  /** ticks per integration step */
  tick: number;
}

export class AppWriter {
  private next: number;
  private carry = 0;
  /** bytes the application wrote so far (those a stopped VM would have written are not counted) */
  produced = 0;

  constructor(
    readonly vm: VirtualMachine,
    readonly disk: VirtualDisk,
    /** bytes/s on average */
    readonly rate: number,
    readonly pattern: WriterPattern,
    private readonly rng: RandomStream,
  ) {
    this.next = pattern.tick;
  }

  /** Writes every tick that ended by time t. */
  syncTo(t: number): void {
    const { tick, block, cv } = this.pattern;
    const mean = (this.rate * tick) / 1e9;
    while (this.next <= t) {
      // One draw per tick, used or not, so a stop or a freeze never shifts later draws.
      const drawn = cv > 0 ? this.rng.lognormalFromMean(mean, cv * mean) : mean;
      if (this.vm.state === 'running') {
        const x = this.carry + drawn;
        const bytes = Math.floor(x / block) * block;
        this.carry = x - bytes;
        if (bytes > 0) {
          this.produced += bytes;
          this.vm.put(this.disk, bytes, Math.min(bytes, this.disk.volume.size));
        }
      } else {
        this.carry = 0;
      }
      this.next += tick;
    }
  }
}

/** What live migration needs of a VM's memory (memory unknown: vm.migrate must be told). */
export interface VmMemory {
  memory: number | undefined;
  dirtyRate: number;
  workingSet: number | undefined;
}

export class VirtualMachine {
  state: 'running' | 'stopped' | 'failed';
  /** where a live migration under way takes it */
  migratingTo: Hypervisor | null = null;
  /** when the running freeze began, or null */
  frozenSince: number | null = null;
  /** the disks a freeze holds writes for */
  readonly frozen = new Set<VirtualDisk>();
  /** writes held in memory during a freeze, per disk */
  readonly queues = new Map<VirtualDisk, { bytes: number; distinct: ChangeTracker }>();
  readonly disks = new Map<string, VirtualDisk>();
  readonly writers: AppWriter[] = [];
  /** queued bytes the VM lost when its hypervisor failed */
  lost = 0;

  constructor(
    readonly name: string,
    /** where it runs: vm.migrate moves it */
    public hypervisor: Hypervisor,
    readonly vss: VssLimits,
    running: boolean,
    readonly guest: VmMemory,
  ) {
    this.state = running ? 'running' : 'stopped';
  }

  /** Catches every writer up to time t. */
  sync(t: number): void {
    for (const w of this.writers) w.syncTo(t);
  }

  disk(name: string): VirtualDisk {
    const d = this.disks.get(name);
    if (d === undefined) throw new StorageError(`VM '${this.name}' has no disk named '${name}'; it has: ${[...this.disks.keys()].join(', ') || '(none)'}`);
    return d;
  }

  /** bytes this VM's writes put on its disks so far (not those queued or refused) */
  get written(): number {
    let s = 0;
    for (const d of this.disks.values()) s += d.written;
    return s;
  }

  get queuedBytes(): number {
    let s = 0;
    for (const q of this.queues.values()) s += q.bytes;
    return s;
  }

  /** A write by the guest: into the freeze queue, onto the volume, or refused. Where it went. */
  put(disk: VirtualDisk, bytes: number, distinct: number): 'queued' | 'written' | 'refused' {
    if (this.frozen.has(disk)) {
      let q = this.queues.get(disk);
      if (q === undefined) this.queues.set(disk, (q = { bytes: 0, distinct: new ChangeTracker(disk.volume.size) }));
      q.bytes += bytes;
      q.distinct.add(distinct);
      return 'queued';
    }
    if (disk.volume.refusal() !== null) {
      disk.refused += bytes;
      return 'refused';
    }
    disk.volume.write(bytes, distinct);
    disk.written += bytes;
    return 'written';
  }

  checkRunning(doing: string): void {
    const h = this.hypervisor;
    if (h.failedAt !== null) throw new StorageError(`hypervisor '${h.name}' failed at ${h.failedAt / 1e9} s: cannot ${doing} VM '${this.name}'`);
    if (this.state !== 'running') throw new StorageError(`VM '${this.name}' is ${this.state}: cannot ${doing} it`);
  }

  /** Quiesces: from now on writes to these disks (default all) wait in memory. The caller synced to now. */
  freeze(now: number, disks: VirtualDisk[]): void {
    this.checkRunning('freeze');
    if (this.frozenSince !== null) throw new StorageError(`VM '${this.name}' is already frozen (since ${this.frozenSince / 1e9} s)`);
    this.frozenSince = now;
    for (const d of disks) this.frozen.add(d);
  }

  /** Releases the queue onto the disks. The caller synced to now. */
  thaw(now: number): { queuedBytes: number; frozenFor: number } {
    if (this.frozenSince === null) throw new StorageError(`VM '${this.name}' is not frozen`);
    const frozenFor = now - this.frozenSince;
    this.frozenSince = null;
    this.frozen.clear();
    let queuedBytes = 0;
    for (const [disk, q] of this.queues) {
      queuedBytes += q.bytes;
      this.put(disk, q.bytes, q.distinct.changed);
    }
    this.queues.clear();
    return { queuedBytes, frozenFor };
  }

  /** The hypervisor failed: the VM stops, and what it held in memory is gone. */
  fail(): void {
    this.lost += this.queuedBytes;
    this.queues.clear();
    this.frozen.clear();
    this.frozenSince = null;
    this.state = 'failed';
  }
}

export class Hypervisor {
  failedAt: number | null = null;
  readonly vms = new Map<string, VirtualMachine>();

  constructor(
    readonly name: string,
    /** the topology host or partition it runs on */
    readonly host: string,
    /** how VMs leave it live */
    readonly migration: PrecopyPolicy,
  ) {}
}
