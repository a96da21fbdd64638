/**
 * A logical volume and its plexes (VxVM's words): a plex is one complete
 * copy of the volume's data, and a volume with several plexes is a mirror.
 * Writing the volume writes every plex; reading it needs only one. A plex
 * usually lives on a disk, but it may instead be wired to a network adapter:
 * its bytes then cross a route of links (a remote mirror, or the feed plex of
 * a volume whose data arrives from the network and is fed into the other
 * plexes).
 *
 * A plex whose I/O fails is detached, as a volume manager does, and the
 * volume carries on with the others; a detached plex takes no more writes
 * and serves no reads for the rest of the run (reattaching and resyncing it
 * is an administrator's act this model leaves out).
 */

export interface PlexDef {
  name: string;
  /** a disk plex: its disk's device link (named `volume.plex`), rate and access latency */
  disk?: { device: string; rate: number; latency: number };
  /** a network plex: the links its bytes cross */
  network?: { route: string[] };
}

export interface VolumeDef {
  name: string;
  host?: string;
  plexes: PlexDef[];
}

export class Plex {
  detached: string | null = null;
  /** bytes this plex took from writes and feeds, and gave to reads */
  written = 0;
  read = 0;

  constructor(readonly def: PlexDef) {}

  get name(): string {
    return this.def.name;
  }

  get kind(): 'disk' | 'network' {
    return this.def.disk !== undefined ? 'disk' : 'network';
  }

  /** the links its bytes cross: its disk's device link, or its network route */
  get route(): string[] {
    return this.def.disk !== undefined ? [this.def.disk.device] : this.def.network!.route;
  }
}

export class LogicalVolume {
  readonly plexes: Plex[];

  constructor(readonly def: VolumeDef) {
    this.plexes = def.plexes.map((p) => new Plex(p));
  }

  get name(): string {
    return this.def.name;
  }

  active(): Plex[] {
    return this.plexes.filter((p) => p.detached === null);
  }

  plex(name: string): Plex {
    const p = this.plexes.find((x) => x.name === name);
    if (p === undefined) throw new Error(`volume '${this.name}' has no plex named '${name}'; its plexes are: ${this.plexes.map((x) => x.name).join(', ')}`);
    return p;
  }

  /** The plexes a read may use, best first: the one asked for, else disk plexes before network ones, in their order, but `except`. */
  readOrder(asked?: string, except?: string): Plex[] {
    if (asked !== undefined) {
      const p = this.plex(asked);
      if (p.detached !== null) throw new Error(`plex '${asked}' of volume '${this.name}' is detached (${p.detached})`);
      return [p];
    }
    const a = this.active().filter((p) => p.name !== except);
    return [...a.filter((p) => p.kind === 'disk'), ...a.filter((p) => p.kind === 'network')];
  }

  /** true if the plex was attached until now */
  detach(p: Plex, reason: string): boolean {
    if (p.detached !== null) return false;
    p.detached = reason;
    return true;
  }
}
