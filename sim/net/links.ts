/**
 * The network's links: their names, bandwidth, latency, per-flow cap and
 * state, and routes as cached arrays of link ids. What a link *is*, apart
 * from the flows crossing it (network.ts), so the re-rating code reads
 * against a small, stable table.
 */

import { BacklabError } from '../foundation/errors.ts';
import { TICKS_PER_SECOND } from '../foundation/time.ts';
import { MAXMIN, sharingPenalty, windowCap, type NetworkModel } from './model.ts';
import type { Flow } from './flow.ts';

export interface LinkSpec {
  /** bytes per second, > 0 (0 is allowed and stalls every flow on it) */
  bandwidth: number;
  /** ticks (ns), paid once per flow or message before its first byte moves */
  latency?: number;
  /** most bytes per second any one flow may take on this link (e.g. a TCP window / RTT) */
  flowCap?: number;
}

/** A link or flow the network cannot have: a name defined twice, a bad bandwidth, an unknown link. */
export class NetworkError extends BacklabError {
  override name = 'NetworkError';
  constructor(message: string, code = 'net.invalid', data: Record<string, unknown> = {}) {
    super(message, code, data);
  }
}



export class Links {
  readonly linkNames: string[] = [];
  private readonly linkIds = new Map<string, number>();
  readonly bandwidth: number[] = [];
  readonly latency: number[] = [];
  readonly flowCap: number[] = [];
  readonly up: boolean[] = [];
  private readonly routes = new Map<string, Int32Array>();
  /** How flows share links (model.ts); useModel chooses it. */
  protected model: NetworkModel = MAXMIN;

  /** Chooses how flows share links, before the first flow starts (a run's network section). */
  useModel(model: NetworkModel): void {
    this.model = model;
  }

  /** Sets a flow's sharing weights for the model, once its latency is paid (as SimGrid does). */
  weigh(f: Flow): void {
    f.penalty = sharingPenalty(this.model, f.route, this.latency, this.bandwidth);
    f.usage = 1 + this.model.crossTraffic;
  }

  /** Adds a link to the table, checked; its id. */
  addLink(name: string, spec: LinkSpec): number {
    if (this.linkIds.has(name)) throw new NetworkError(`link '${name}' is defined twice`);
    const latency = spec.latency ?? 0;
    const flowCap = spec.flowCap ?? Infinity;
    if (!(spec.bandwidth >= 0) || !Number.isFinite(spec.bandwidth)) throw new NetworkError(`link '${name}': bandwidth must be a finite number of bytes/s >= 0, got ${spec.bandwidth}`);
    if (!Number.isInteger(latency) || latency < 0) throw new NetworkError(`link '${name}': latency must be a whole number of ticks (ns) >= 0, got ${latency}`);
    if (!(flowCap > 0)) throw new NetworkError(`link '${name}': flowCap must be > 0 bytes/s, got ${flowCap}`);
    const id = this.linkNames.length;
    this.linkNames.push(name);
    this.linkIds.set(name, id);
    this.bandwidth.push(spec.bandwidth);
    this.latency.push(latency);
    this.flowCap.push(flowCap);
    this.up.push(true);
    return id;
  }

  get linkCount(): number {
    return this.linkNames.length;
  }

  linkId(name: string): number {
    const id = this.linkIds.get(name);
    if (id === undefined) throw new NetworkError(`no link named '${name}'`);
    return id;
  }

  /** The id of a link, or undefined if there is none of that name. */
  linkIdOrUndefined(name: string): number | undefined {
    return this.linkIds.get(name);
  }

  /** Link ids for a route given by link names; cached, so routes may be named freely on the hot path. */
  route(names: readonly string[]): Int32Array {
    const key = names.join('\u0000');
    let r = this.routes.get(key);
    if (r === undefined) {
      if (names.length === 0) throw new NetworkError('a route needs at least one link');
      r = Int32Array.from(names, (n) => this.linkId(n));
      if (new Set(r).size !== r.length) throw new NetworkError(`route [${names.join(', ')}] crosses a link twice`);
      this.routes.set(key, r);
    }
    return r;
  }

  /** A flow's cap: the least of its own, the model's window bound and its links' flowCaps; fromLink if a flowCap is it. */
  routeCap(route: Int32Array, cap: number, latency: number): { cap: number; fromLink: boolean } {
    let least = Math.min(cap, windowCap(this.model, latency)), fromLink = false;
    for (let i = 0; i < route.length; i++) {
      const fc = this.flowCap[route[i]];
      if (fc <= least && fc < Infinity) { least = fc; fromLink = true; }
    }
    return { cap: least, fromLink };
  }

  routeLatency(route: Int32Array): number {
    let s = 0;
    for (let i = 0; i < route.length; i++) s += this.latency[route[i]];
    return s;
  }

  /** The first down link on a route, or -1. */
  downLink(route: Int32Array): number {
    for (let i = 0; i < route.length; i++) if (!this.up[route[i]]) return route[i];
    return -1;
  }

  /**
   * Delay of a small control message that does not contend for bandwidth:
   * latency + size / the route's narrowest bandwidth, in ticks; null if a link
   * is down or carries nothing (a paused partition's adapter): the message is
   * lost, as a datagram would be, and its sender must ask again.
   */
  messageDelay(route: Int32Array, size: number): number | null {
    if (this.downLink(route) >= 0) return null;
    let minBw = Infinity;
    for (let i = 0; i < route.length; i++) minBw = Math.min(minBw, this.bandwidth[route[i]]);
    if (!(minBw > 0)) return null;
    const serial = size > 0 ? Math.ceil((size / minBw) * TICKS_PER_SECOND - 1e-6) : 0;
    return this.routeLatency(route) + serial;
  }
}
