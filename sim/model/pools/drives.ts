/**
 * The drives pools use, shared by every pool of a run: a request waits, in
 * the order asked, until enough of its pool's drives are free; a drive
 * remembers the cartridge left mounted in it, so its next user unmounts it
 * first (an op abandoned mid-way leaves one there).
 */
import type { Kernel } from '../../engine/kernel.ts';
import type { Wait } from '../../engine/wait.ts';
import type { Volume } from './volumes.ts';
import { PoolError } from './pool-error.ts';

interface Request { w: Wait; pool: string; drives: readonly string[]; count: number }

export class Drives {
  private readonly busy = new Set<string>();
  /** what each drive has mounted */
  readonly mounted = new Map<string, Volume>();
  private readonly queue: Request[] = [];

  constructor(private readonly kernel: Kernel) {}

  /** Settles `w` with `count` of `drives` once they are free; cancelling the wait leaves the queue. */
  acquire(w: Wait, pool: string, drives: readonly string[], count: number): void {
    const r = { w, pool, drives, count };
    this.queue.push(r);
    w.cancel = () => {
      const i = this.queue.indexOf(r);
      if (i >= 0) this.queue.splice(i, 1);
    };
    this.grant();
  }

  release(drives: readonly string[]): void {
    for (const d of drives) this.busy.delete(d);
    this.grant();
  }

  /** A failed drive's device link is down: the pools leave it alone (Spectrum Protect takes it offline). */
  private works(drive: string): boolean {
    const net = this.kernel.net;
    return net.up[net.linkId(drive)];
  }

  private grant(): void {
    for (let i = 0; i < this.queue.length; i++) {
      const r = this.queue[i];
      if (r.w.stale) { this.queue.splice(i--, 1); continue; }
      const working = r.drives.filter((d) => this.works(d));
      if (working.length < r.count) {
        this.queue.splice(i--, 1);
        this.kernel.reject(r.w, new PoolError(`pool '${r.pool}' needs ${r.count} working drive${r.count > 1 ? 's' : ''} and has ${working.length} (${r.drives.filter((d) => !this.works(d)).join(', ')} failed)`, 'pool.no-drive', r.pool));
        continue;
      }
      const free = working.filter((d) => !this.busy.has(d));
      if (free.length < r.count) continue;
      const got = free.slice(0, r.count);
      for (const d of got) this.busy.add(d);
      this.queue.splice(i--, 1);
      this.kernel.resolve(r.w, got);
    }
  }
}
