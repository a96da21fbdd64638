/**
 * The backup server's view of its tape drives: which cartridge each holds,
 * how many sessions use it, and who waits. Pure bookkeeping (no time), so
 * the allocation rule can be tested alone: a session takes the drive with the
 * fewest sessions below `multiplex` (lowest index first); a restore wants the
 * drive that holds its cartridge, or an idle one to mount it in; otherwise
 * it queues, first come first served.
 */
export interface DriveState {
  name: string;
  cartridge: string | null;
  sessions: number;
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

  constructor(drives: readonly string[], private readonly scratch: readonly string[], private readonly multiplex: number) {
    this.drives = drives.map((name) => ({ name, cartridge: null, sessions: 0 }));
  }

  /** A drive for a backup, or null if every drive has `multiplex` sessions. */
  forBackup(): Grant | null {
    let best: DriveState | null = null;
    for (const d of this.drives) if (d.sessions < this.multiplex && (best === null || d.sessions < best.sessions)) best = d;
    if (best === null) return null;
    best.sessions++;
    if (best.cartridge !== null) return { drive: best.name, unmount: null, mount: null };
    while (this.nextScratch < this.scratch.length && this.taken.has(this.scratch[this.nextScratch])) this.nextScratch++;
    if (this.nextScratch >= this.scratch.length) throw new Error(`no empty cartridge left in the library for drive ${best.name}`);
    best.cartridge = this.scratch[this.nextScratch++];
    return { drive: best.name, unmount: null, mount: best.cartridge };
  }

  /** A drive to read `cartridge` in, or null to wait: the drive holding it if it has room, else an idle drive. */
  forRestore(cartridge: string): Grant | null {
    const holder = this.drives.find((d) => d.cartridge === cartridge);
    if (holder !== undefined) {
      if (holder.sessions >= this.multiplex) return null;
      holder.sessions++;
      return { drive: holder.name, unmount: null, mount: null };
    }
    const idle = this.drives.find((d) => d.sessions === 0);
    if (idle === undefined) return null;
    idle.sessions++;
    const unmount = idle.cartridge;
    idle.cartridge = cartridge;
    return { drive: idle.name, unmount, mount: cartridge };
  }

  /** A session ended; the drive now holds `cartridge` (a write may have filled one and moved on). */
  release(drive: string, cartridge: string | null, written: readonly string[] = []): void {
    for (const c of written) this.taken.add(c);
    const d = this.drives.find((x) => x.name === drive)!;
    d.sessions--;
    if (cartridge !== null) d.cartridge = cartridge;
  }
}
