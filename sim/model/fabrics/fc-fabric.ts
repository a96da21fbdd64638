/**
 * A Fibre Channel fabric: switches joined by inter-switch links (ISLs), N_Ports
 * on them (HBA ports of hosts, the initiators; tape drive and storage ports,
 * the targets), and zoning, which says who may talk to whom.
 *
 * Every port and every ISL is full duplex: one network link per direction,
 * each at the generation's usable rate per direction. That figure is payload:
 * line coding (8b/10b up to 8GFC, 64b/66b from 16GFC) and framing (headers,
 * CRC, delimiters, inter-frame primitives: about 94 % at full 2 KiB frames)
 * are already inside it, so nothing further is taken off here.
 *
 * A frame pays each switch's port-to-port latency as it enters it; the link
 * into a switch carries that switch's latency (plus the fibre's for a long
 * ISL), the link out to a port none. Routes take the fewest ISLs (FSPF
 * with equal link costs); ties go, hop by hop from the source, to the ISL whose
 * name sorts first, so a route never depends on the order of a file.
 */
import { BacklabError } from '../../foundation/errors.ts';
import { islLink, portLink } from '../../foundation/link-names.ts';
import type { Kernel } from '../../engine/kernel.ts';
import type { Custom } from '../../engine/commands.ts';
import type { Wait } from '../../engine/wait.ts';

export const FC_GENERATIONS = ['4GFC', '8GFC', '16GFC', '32GFC'] as const;
export type FcGeneration = (typeof FC_GENERATIONS)[number];

/** Usable bytes/s per direction (domain-figures §3): coding and framing already taken off. */
export const FC_USABLE: Record<FcGeneration, number> = {
  '4GFC': 400e6,
  '8GFC': 800e6,
  '16GFC': 1600e6,
  '32GFC': 3200e6,
};

/** The slower of two generations: a link runs at the fastest speed both ends support. */
export function slower(a: FcGeneration, b: FcGeneration): FcGeneration {
  return FC_GENERATIONS.indexOf(a) <= FC_GENERATIONS.indexOf(b) ? a : b;
}

export interface FcSwitchDef {
  name: string;
  generation: FcGeneration;
  /** port-to-port latency, ticks */
  latency: number;
}

export interface FcPortDef {
  name: string;
  switch: string;
  /** an initiator is an HBA port in a host or partition; a target is a drive's or a storage system's port */
  role: 'initiator' | 'target';
  /** for an initiator: the host or partition it is in */
  host?: string;
  /** the speed the port and its switch agree on */
  speed: FcGeneration;
  /** usable bytes/s per direction */
  bandwidth: number;
  /** a virtual WWPN (NPIV) of partition `host`: no links of its own; its frames cross a VIOS's physical port */
  npiv: boolean;
}

export interface FcIslDef {
  name: string;
  between: [string, string];
  speed: FcGeneration;
  bandwidth: number;
  /** the fibre's one-way delay, ticks (the switches' own latency is added per direction) */
  latency: number;
}

export interface FcZoneDef {
  name: string;
  /** port names; a host or partition named in the file stands for its initiator ports in this fabric */
  ports: string[];
}

export type DefaultZone = 'all-access' | 'no-access';

export interface FabricDef {
  name: string;
  switches: FcSwitchDef[];
  ports: FcPortDef[];
  isls: FcIslDef[];
  zones: FcZoneDef[];
  /** who may talk when the fabric has no zones */
  defaultZone: DefaultZone;
}

/** Why a route cannot be had. */
export type FabricRouteCode =
  | 'fabric.no-port' // no such port, or the same port at both ends
  | 'fabric.port-failed' // an end's port or its switch failed
  | 'fabric.no-path' // no live ISLs join the two ends' switches
  | 'fabric.zoned'; // no zone holds both ends

/** Why a route cannot be had: unknown port, failed element, no path, zoning. */
export class FabricRouteError extends BacklabError<{ fabric: string }> {
  override name = 'FabricRouteError';
  declare readonly code: FabricRouteCode;
  constructor(message: string, code: FabricRouteCode, data: { fabric: string }) {
    super(message, code, data);
  }
}

/**
 * The network links a frame crosses from port `from` to port `to` (port
 * names), in order: from's port link into its switch, the ISLs, the egress
 * link to `to`. `down` names failed switches, ISLs and ports, which the route
 * avoids (or, for an end, cannot). Zoning is not checked here (see zoningRefusal).
 */
export function fabricRoute(def: FabricDef, from: string, to: string, down: ReadonlySet<string> = new Set()): string[] {
  const port = (n: string) => {
    const p = def.ports.find((x) => x.name === n);
    if (p === undefined) throw new FabricRouteError(`fabric '${def.name}' has no port named '${n}'; its ports are: ${def.ports.map((x) => x.name).join(', ')}`, 'fabric.no-port', { fabric: def.name });
    return p;
  };
  const a = port(from), b = port(to);
  for (const p of [a, b]) if (p.npiv) throw new FabricRouteError(`fabric '${def.name}': '${p.name}' is a virtual (NPIV) port; its frames cross the physical port of the VIOS it is mapped through`, 'fabric.no-port', { fabric: def.name });
  if (a === b) throw new FabricRouteError(`fabric '${def.name}': a transfer needs two different ports, got '${from}' twice`, 'fabric.no-port', { fabric: def.name });
  for (const p of [a, b]) {
    if (down.has(p.name)) throw new FabricRouteError(`fabric '${def.name}': port '${p.name}' has failed`, 'fabric.port-failed', { fabric: def.name });
    if (down.has(p.switch)) throw new FabricRouteError(`fabric '${def.name}': switch '${p.switch}' of port '${p.name}' has failed`, 'fabric.port-failed', { fabric: def.name });
  }
  const hops: string[] = [portLink(def.name, from, 'tx')];
  if (a.switch !== b.switch) {
    const live = def.isls.filter((l) => !down.has(l.name) && !down.has(l.between[0]) && !down.has(l.between[1]));
    // Hops to b's switch from every switch, then walk down the gradient from a's.
    const dist = new Map<string, number>([[b.switch, 0]]);
    for (let frontier = [b.switch], d = 1; frontier.length > 0; d++) {
      const next: string[] = [];
      for (const s of frontier) {
        for (const l of live) {
          const other = l.between[0] === s ? l.between[1] : l.between[1] === s ? l.between[0] : undefined;
          if (other !== undefined && !dist.has(other)) { dist.set(other, d); next.push(other); }
        }
      }
      frontier = next;
    }
    if (!dist.has(a.switch)) {
      const failed = [...down].filter((n) => def.switches.some((s) => s.name === n) || def.isls.some((l) => l.name === n));
      throw new FabricRouteError(`fabric '${def.name}' has no path from switch '${a.switch}' (port '${from}') to switch '${b.switch}' (port '${to}')${failed.length ? `; failed: ${failed.join(', ')}` : ': no ISLs join them'}`, 'fabric.no-path', { fabric: def.name });
    }
    const byName = [...live].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    for (let at = a.switch; at !== b.switch;) {
      const here = at;
      const step = byName.find((l) => l.between.includes(here) && dist.get(l.between[0] === here ? l.between[1] : l.between[0]) === dist.get(here)! - 1)!;
      const next = step.between[0] === here ? step.between[1] : step.between[0];
      hops.push(islLink(def.name, step.name, here, next));
      at = next;
    }
  }
  hops.push(portLink(def.name, to, 'rx'));
  return hops;
}

/** Why zoning refuses a flow between two ports, or null if a zone holds both. */
export function zoningRefusal(def: FabricDef, from: string, to: string): string | null {
  if (def.zones.length === 0) {
    return def.defaultZone === 'all-access' ? null : `fabric '${def.name}' has no zones and its default zone is no-access, so '${from}' may not reach '${to}'`;
  }
  if (def.zones.some((z) => z.ports.includes(from) && z.ports.includes(to))) return null;
  const zonesOf = (p: string) => {
    const zs = def.zones.filter((z) => z.ports.includes(p)).map((z) => z.name);
    return zs.length ? `'${p}' is in ${zs.join(', ')}` : `'${p}' is in no zone`;
  };
  return `zoning of fabric '${def.name}' refuses a flow from '${from}' to '${to}': no zone holds both (${zonesOf(from)}; ${zonesOf(to)})`;
}

/**
 * A fabric in a run: its links in the kernel's network, the switches, ISLs and
 * ports that have failed, and the transfers it routes.
 */
export class FcFabric {
  /** failed switches, ISLs and ports */
  readonly down = new Set<string>();
  /** ports down because their host is, not on their own */
  private readonly hostFailed = new Set<string>();

  constructor(readonly def: FabricDef, private readonly kernel: Kernel) {
    const net = kernel.net;
    const sw = new Map(def.switches.map((s) => [s.name, s]));
    for (const p of def.ports) {
      if (p.npiv) continue; // a virtual WWPN rides its VIOS's physical port
      net.addLink(portLink(def.name, p.name, 'tx'), { bandwidth: p.bandwidth, latency: sw.get(p.switch)!.latency });
      net.addLink(portLink(def.name, p.name, 'rx'), { bandwidth: p.bandwidth, latency: 0 });
    }
    for (const l of def.isls) {
      const [x, y] = l.between;
      net.addLink(islLink(def.name, l.name, x, y), { bandwidth: l.bandwidth, latency: l.latency + sw.get(y)!.latency });
      net.addLink(islLink(def.name, l.name, y, x), { bandwidth: l.bandwidth, latency: l.latency + sw.get(x)!.latency });
    }
  }

  /** Whether this fabric has a switch, ISL or port of that name. */
  owns(name: string): boolean {
    return this.def.switches.some((s) => s.name === name) || this.def.isls.some((l) => l.name === name) || this.def.ports.some((p) => p.name === name);
  }

  /** The links through the fabric now, around failed elements. */
  route(from: string, to: string): string[] {
    return fabricRoute(this.def, from, to, this.down);
  }

  /**
   * Fails a switch (every port on it and every ISL to it go down), an ISL (both
   * directions) or a port: flows crossing them fail; later transfers route around.
   */
  fail(name: string): boolean {
    if (!this.owns(name)) return false;
    if (this.down.has(name)) return true;
    this.down.add(name);
    const links: string[] = [];
    const d = this.def;
    for (const p of d.ports) if ((p.name === name || p.switch === name) && !p.npiv) links.push(portLink(d.name, p.name, 'tx'), portLink(d.name, p.name, 'rx'));
    for (const l of d.isls) {
      if (l.name === name || l.between.includes(name)) links.push(islLink(d.name, l.name, l.between[0], l.between[1]), islLink(d.name, l.name, l.between[1], l.between[0]));
    }
    const what = d.switches.some((s) => s.name === name) ? 'switch' : d.isls.some((l) => l.name === name) ? 'ISL' : 'port';
    this.kernel.trace.mark(this.kernel.now, 0, `fabric ${d.name}: ${what} ${name} fails`, { fails: name, fabric: d.name, [what.toLowerCase()]: name, links });
    const net = this.kernel.net;
    for (const l of links) net.setLinkUp(net.linkId(l), false);
    return true;
  }

  /**
   * The host (or partition) behind some of this fabric's HBA ports went down or
   * came back: its ports follow. A port failed on its own stays failed.
   */
  hostDown(host: string, down: boolean): void {
    for (const p of this.def.ports) {
      if (p.host !== host) continue;
      if (down) this.fail(p.name);
      else if (this.hostFailed.delete(p.name)) this.recover(p.name);
    }
    if (down) for (const p of this.def.ports) if (p.host === host) this.hostFailed.add(p.name);
  }

  private recover(port: string): void {
    const d = this.def;
    const p = d.ports.find((x) => x.name === port)!;
    this.down.delete(port);
    if (this.down.has(p.switch) || p.npiv) return;
    this.kernel.trace.mark(this.kernel.now, 0, `fabric ${d.name}: port ${port} is back`, { fabric: d.name, port });
    const net = this.kernel.net;
    for (const dir of ['tx', 'rx'] as const) net.setLinkUp(net.linkId(portLink(d.name, port, dir)), true);
  }

  /** san.transfer: zoning first, then the route, then the bytes; a refusal fails the step with the reason. */
  transfer(cmd: Custom, wait: Wait): void {
    const { from, to, bytes, cap } = cmd as Custom & { from: string; to: string; bytes: number; cap?: number };
    let route: string[];
    try {
      const refusal = zoningRefusal(this.def, from, to);
      if (refusal !== null) throw new FabricRouteError(refusal, 'fabric.zoned', { fabric: this.def.name });
      route = this.route(from, to);
    } catch (e) {
      this.kernel.reject(wait, e instanceof FabricRouteError ? new FabricRouteError(`san.transfer: ${e.message}`, e.code, e.data) : e);
      return;
    }
    this.kernel.trace.mark(this.kernel.now, 0, `fabric ${this.def.name}: ${from} → ${to}`, { fabric: this.def.name, from, to, route });
    this.kernel.startTransfer(wait, route, bytes, { cap, label: cmd.label ?? `san.transfer ${from} → ${to}` });
  }
}
