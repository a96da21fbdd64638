/**
 * What the pools hold: each client's backup versions, and where each
 * version's bytes are now (a disk pool, or cartridges of a tape pool; and
 * copies in copy pools). Expiry applies the one retention rule
 * (sim/model/retention.ts) to a client's chain in the pool it was backed up
 * to, wherever migration has since moved its bytes.
 */
import type { BackupLevel } from '../../foundation/scenario.ts';
import { retained, type RetentionPolicy, type Version } from '../retention.ts';

/** Some of a version's bytes in one place: a disk pool (cartridge null) or one cartridge of a pool. */
export interface Part {
  pool: string;
  cartridge: string | null;
  /** host (logical) bytes */
  bytes: number;
}

export interface Held extends Version {
  client: string;
  /** the pool it was backed up to: its retention applies */
  home: string;
  /** logical bytes of the backup */
  logical: number;
  parts: Part[];
  /** parts in copy pools */
  copies: Part[];
}

/** Every version of every client, by home pool and client, each list in the order taken. */
export class Catalog {
  private readonly chains = new Map<string, Held[]>();

  private key(home: string, client: string): string {
    return `${home}\u0000${client}`;
  }

  chain(home: string, client: string): readonly Held[] {
    return this.chains.get(this.key(home, client)) ?? [];
  }

  /** A new version of a client's backup, taken today: it builds on the client's previous one (an incremental) or last full (a differential). */
  add(home: string, client: string, day: number, level: BackupLevel, logical: number): Held {
    const k = this.key(home, client);
    let c = this.chains.get(k);
    if (c === undefined) this.chains.set(k, (c = []));
    let lastFull = -1;
    c.forEach((v, i) => { if (v.level === 'full' || v.level === 'synthetic-full') lastFull = i; });
    const base = level === 'full' || level === 'synthetic-full' || c.length === 0 ? null : level === 'differential' ? (lastFull < 0 ? null : lastFull) : c.length - 1;
    const v: Held = { client, home, day, level, logical, base, parts: [], copies: [] };
    c.push(v);
    return v;
  }

  /** Removes the versions of pools in `homes` past their policy today; returns them. */
  expire(home: string, policy: RetentionPolicy, today: number): Held[] {
    const gone: Held[] = [];
    for (const [k, c] of this.chains) {
      if (!k.startsWith(`${home}\u0000`)) continue;
      const keep = retained(c, policy, today);
      const kept = c.filter((v, i) => keep[i] || (gone.push(v), false));
      // Bases are indices into the chain: renumber them for the versions kept.
      const at = new Map(kept.map((v, i) => [v, i]));
      for (const v of kept) if (v.base !== null) v.base = at.get(c[v.base]) ?? null;
      this.chains.set(k, kept);
    }
    return gone;
  }

  /** Every version held, chain by chain. */
  all(): Held[] {
    return [...this.chains.values()].flat();
  }
}
