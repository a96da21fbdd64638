/**
 * The backup server's view of its tape drives: which cartridge each holds,
 * who holds it, and how many mount points each node holds. Pure bookkeeping
 * (no time), so the allocation rules can be tested alone. As IBM Spectrum
 * Protect allocates them:
 *
 * - each session (or migration process) takes a mount point of its own: one
 *   drive, never shared with another session (no multiplexing: that is a
 *   NetBackup feature, MPX, not a Spectrum Protect one);
 * - at most MOUNTLIMIT mount points of the library's device class at once
 *   (default DRIVES, the drives defined), DEFINE DEVCLASS:
 *   https://www.ibm.com/docs/SSSQZW_7.1.0/com.ibm.itsm.srv.ref.doc/r_cmd_devclass_generictape_define.html ;
 * - at most MAXNUMMP mount points per client node (default 1), REGISTER NODE:
 *   https://ibm.com/docs/en/SSEQVQ_8.1.25/srv.reference/r_cmd_node_register.html ;
 *   a session beyond it waits for one of its node's mount points (MediaW);
 * - a backup takes the free drive that already holds a filling cartridge
 *   (no mount), else the first free drive with a scratch cartridge; a restore
 *   wants the drive holding its cartridge, else a free drive to mount it in.
 */
/** The holder of a drive the backup server took offline after it failed: no session gets it again. */
const OFFLINE = '(offline)';

export interface DriveState {
  name: string;
  cartridge: string | null;
  /** the node (or migration process) that holds it, or null when free */
  holder: string | null;
}

export interface Grant {
  drive: string;
  unmount: string | null;
  mount: string | null;
}

export class DrivePool {
  readonly drives: DriveState[];
  private nextScratch = 0;
  /** cartridges the library swapped in by itself when one filled up */
  private readonly taken = new Set<string>();
  /** mount points held per node */
  private readonly held = new Map<string, number>();

  /**
   * @param mountLimit MOUNTLIMIT: mount points of the device class at once
   * @param maxNumMp MAXNUMMP: mount points one client node may hold
   */
  constructor(drives: readonly string[], private readonly scratch: readonly string[], private readonly mountLimit = drives.length, private readonly maxNumMp = 1) {
    this.drives = drives.map((name) => ({ name, cartridge: null, holder: null }));
  }

  /** Mount points in use. */
  get mounted(): number {
    return this.drives.filter((d) => d.holder !== null && d.holder !== OFFLINE).length;
  }

  /** Mount points `node` holds now. */
  heldBy(node: string): number {
    return this.held.get(node) ?? 0;
  }

  /** Whether `node` may take one more mount point now (migration processes are not client nodes: `limited` false). */
  private mayMount(node: string, limited: boolean): boolean {
    return this.mounted < this.mountLimit && (!limited || this.heldBy(node) < this.maxNumMp);
  }

  private take(d: DriveState, node: string): void {
    d.holder = node;
    this.held.set(node, this.heldBy(node) + 1);
  }

  /** A drive for a backup of `node` (or a migration process, `limited` false), or null to wait. */
  forBackup(node: string, limited = true): Grant | null {
    if (!this.mayMount(node, limited)) return null;
    const free = this.drives.filter((d) => d.holder === null);
    const best = free.find((d) => d.cartridge !== null) ?? free[0];
    if (best === undefined) return null;
    this.take(best, node);
    if (best.cartridge !== null) return { drive: best.name, unmount: null, mount: null };
    while (this.nextScratch < this.scratch.length && this.taken.has(this.scratch[this.nextScratch])) this.nextScratch++;
    if (this.nextScratch >= this.scratch.length) throw new Error(`no empty cartridge left in the library for drive ${best.name}`);
    best.cartridge = this.scratch[this.nextScratch++];
    return { drive: best.name, unmount: null, mount: best.cartridge };
  }

  /** A drive to read `cartridge` in for `node`, or null to wait: the drive holding it if free, else a free drive. */
  forRestore(node: string, cartridge: string): Grant | null {
    if (!this.mayMount(node, true)) return null;
    const holder = this.drives.find((d) => d.cartridge === cartridge);
    if (holder !== undefined) {
      if (holder.holder !== null) return null;
      this.take(holder, node);
      return { drive: holder.name, unmount: null, mount: null };
    }
    const idle = this.drives.find((d) => d.holder === null);
    if (idle === undefined) return null;
    this.take(idle, node);
    const unmount = idle.cartridge;
    idle.cartridge = cartridge;
    return { drive: idle.name, unmount, mount: cartridge };
  }

  /** A session ended; the drive now holds `cartridge` (a write may have filled one and moved on); a failed drive goes offline for good. */
  release(drive: string, cartridge: string | null, written: readonly string[] = [], failed = false): void {
    for (const c of written) this.taken.add(c);
    const d = this.drives.find((x) => x.name === drive)!;
    if (d.holder !== null) this.held.set(d.holder, this.heldBy(d.holder) - 1);
    d.holder = failed ? OFFLINE : null;
    if (cartridge !== null) d.cartridge = cartridge;
  }
}
