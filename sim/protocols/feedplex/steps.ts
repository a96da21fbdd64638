/**
 * The figures as data: each numbered step of FIG. 2, 3 and 4 that moves a
 * block is one pipeline stage (pipeline.ts). A step says which host's cores
 * copy the block, into which layer, and what device work goes with the copy
 * (a read from a plex, the pipe between the adapters, a write to plexes).
 *
 * A copy moves the block from one place where it is held to the next: a
 * storage device, the volume manager's buffer (kernel), the application's
 * buffer (user), a network adapter. Counted that way FIG. 2 has the patent's
 * seven; FIG. 3 and FIG. 4 have five, none of them in the user layer, because
 * the volume manager's buffer goes to the adapter through a plex instead of
 * up to an application and back down. Every copy costs one memory copy of
 * the block on the cores of the host that holds the result; the copy across
 * the pipe lands in the receiving host's memory, so it is charged there.
 */

/** Where a copy goes: through the user layer, within the kernel (volume manager, plexes, devices), or across the pipe. */
export type Layer = 'user' | 'kernel' | 'network';

/** The device work a step does besides its memory copy. */
export type Io =
  | { kind: 'copy' }
  | { kind: 'read'; volume: string; except: string }
  | { kind: 'wire'; route: string[] }
  | { kind: 'write'; volume: string; except: string };

export interface Step {
  fig: 2 | 3 | 4;
  n: number;
  text: string;
  /** the host whose cores make the copy, and its role in the patent (node 50 is the source, node 70 the target) */
  host: string;
  /** bytes/s one of its cores copies */
  copyRate: number;
  role: 'source' | 'target';
  layer: Layer;
  /** memory copies of the block this step makes (a write makes one per plex written) */
  copies: number;
  io: Io;
}

/** One node's side of a backup, as the scenario wired it. */
export interface Node {
  host: string;
  /** bytes/s one of the host's cores copies */
  copyRate: number;
  volume: string;
  /** the plex wired to the network adapter: plex 56 on the source, feed plex 76 on the target */
  plex: string;
  /** the links that plex's bytes cross to the other node */
  route: string[];
  /** the plex a read of the volume uses (the first disk plex: plex 58, plex 78) */
  disk: string;
  /** every plex but `plex`: what a write of the volume as a feed volume writes */
  others: string[];
  /** each plex's links, by name: a disk plex's device link (VOLUME.PLEX) or a network plex's route (what the invariants bound) */
  links: Record<string, string[]>;
}

export interface Pair {
  source: Node;
  target: Node;
}

/** The label a student reads in the trace. */
export const stepLabel = (s: Step, restore: boolean): string =>
  `FIG. ${s.fig} step ${s.n}${restore && s.fig === 2 ? ' (restore, roles reversed)' : ''}: ${s.text}`;

const write = (n: Node): Io => ({ kind: 'write', volume: n.volume, except: n.plex });
/** A read never comes from the plex wired to the adapter: it sends the volume's data, it does not hold it ("a plex other than plex 56"). */
const read = (n: Node): Io => ({ kind: 'read', volume: n.volume, except: n.plex });
const list = (n: Node): string => n.others.map((p) => `plex ${p}`).join(', ');

/**
 * FIG. 2, the prior art: the block climbs to the application on the node it
 * leaves and climbs again to the application on the node it reaches. For a
 * restore (no figure of its own) the same seven steps run from `to` = the
 * target back to the source.
 */
export function traditionalSteps(from: Node, to: Node, fromRole: 'source' | 'target'): Step[] {
  const toRole = fromRole === 'source' ? 'target' : 'source';
  const at = (n: number, text: string, node: Node, role: 'source' | 'target', layer: Layer, io: Io, copies = 1): Step =>
    ({ fig: 2, n, text, host: node.host, copyRate: node.copyRate, role, layer, copies, io });
  return [
    at(1, `physical layer to volume manager on ${from.host}: volume ${from.volume} reads the block from plex ${from.disk}`, from, fromRole, 'kernel', read(from)),
    at(2, `volume manager to the application in the user layer of ${from.host}`, from, fromRole, 'user', { kind: 'copy' }),
    at(3, `application through the kernel to the network adapter of ${from.host}`, from, fromRole, 'user', { kind: 'copy' }),
    at(4, `network adapter of ${from.host} across the pipe to the network adapter of ${to.host}`, to, toRole, 'network', { kind: 'wire', route: from.route }),
    at(5, `network adapter through the kernel to the application in the user layer of ${to.host}`, to, toRole, 'user', { kind: 'copy' }),
    at(6, `application to the volume manager of ${to.host}`, to, toRole, 'user', { kind: 'copy' }),
    at(7, `volume manager to physical layer on ${to.host}: volume ${to.volume} writes ${list(to)}`, to, toRole, 'kernel', write(to), to.others.length),
  ];
}

/** FIG. 3: volume 54 feeds plex 56, the adapters carry the block, feed plex 76 feeds feed volume 74, which writes its other plexes. */
export function feedPlexBackupSteps({ source: s, target: t }: Pair): Step[] {
  const at = (n: number, text: string, node: Node, role: 'source' | 'target', layer: Layer, io: Io, copies = 1): Step =>
    ({ fig: 3, n, text, host: node.host, copyRate: node.copyRate, role, layer, copies, io });
  return [
    at(1, `volume ${s.volume} receives the block from plex ${s.disk} (its storage device)`, s, 'source', 'kernel', read(s)),
    at(2, `plex ${s.plex} takes the block from volume ${s.volume} to the network adapter of ${s.host}`, s, 'source', 'kernel', { kind: 'copy' }),
    at(3, `the network adapter of ${s.host} sends the block across to the network adapter of ${t.host}`, t, 'target', 'network', { kind: 'wire', route: s.route }),
    at(4, `feed plex ${t.plex} receives the block from the network adapter of ${t.host} and feeds it to feed volume ${t.volume}`, t, 'target', 'kernel', { kind: 'copy' }),
    at(5, `feed volume ${t.volume} directs the block to every other plex: ${list(t)}`, t, 'target', 'kernel', write(t), t.others.length),
  ];
}

/** FIG. 4 step 1: the roles reverse before any block moves. */
export function roleSwapLabel({ source: s, target: t }: Pair): string {
  return `FIG. 4 step 1: roles reverse: plex ${t.disk} becomes the feed plex of feed volume ${t.volume} (from its storage device), plex ${t.plex} sends to the network adapter of ${t.host}, plex ${s.plex} becomes the feed plex of volume ${s.volume}, which becomes a feed volume`;
}

/** FIG. 4: feed plex 78 feeds feed volume 74, plex 76 sends, feed plex 56 feeds feed volume 54, which writes all its plexes. */
export function feedPlexRestoreSteps({ source: s, target: t }: Pair): Step[] {
  const at = (n: number, text: string, node: Node, role: 'source' | 'target', layer: Layer, io: Io, copies = 1): Step =>
    ({ fig: 4, n, text, host: node.host, copyRate: node.copyRate, role, layer, copies, io });
  return [
    at(2, `feed plex ${t.disk} transfers the block from its storage device to feed volume ${t.volume}`, t, 'target', 'kernel', read(t)),
    at(3, `feed volume ${t.volume} transfers the block to the network adapter of ${t.host} through plex ${t.plex}`, t, 'target', 'kernel', { kind: 'copy' }),
    at(4, `the network adapter of ${t.host} sends the block to the network adapter of ${s.host}`, s, 'source', 'network', { kind: 'wire', route: t.route }),
    at(5, `feed plex ${s.plex} transfers the block from the network adapter of ${s.host} to feed volume ${s.volume}`, s, 'source', 'kernel', { kind: 'copy' }),
    at(6, `feed volume ${s.volume} directs the block to all its plexes: ${list(s)}`, s, 'source', 'kernel', write(s), s.others.length),
  ];
}

/** The steps of a backup, or of the restore of that backup, in the scenario's design. */
export function jobSteps(design: 'feed-plex' | 'traditional', pair: Pair, kind: 'backup' | 'restore'): Step[] {
  if (design === 'feed-plex') return kind === 'backup' ? feedPlexBackupSteps(pair) : feedPlexRestoreSteps(pair);
  return kind === 'backup' ? traditionalSteps(pair.source, pair.target, 'source') : traditionalSteps(pair.target, pair.source, 'target');
}

/** Memory copies per block, by host and layer: what a design costs each node. */
export function copiesPerBlock(steps: readonly Step[]): Map<string, Record<Layer, number>> {
  const out = new Map<string, Record<Layer, number>>();
  for (const s of steps) {
    const row = out.get(s.host) ?? { user: 0, kernel: 0, network: 0 };
    row[s.layer] += s.copies;
    out.set(s.host, row);
  }
  return out;
}
