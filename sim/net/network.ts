/**
 * The flow-level network: links with bandwidth and latency, routes as
 * ordered links, and flows sharing bandwidth max-min fairly.
 *
 * A flow is created latent, starts moving after its route's latency (paid up
 * front, as in SimGrid), then advances at the rate of its bottleneck group.
 * A model (model.ts) may correct max-min as SimGrid's TCP models do.
 * Every change of the flow set marks the changed links dirty; at most once per
 * instant, after every other event of that instant, the connected components
 * of the dirty links are re-rated (MaxMinSolver) and only groups whose flows
 * or rate changed are touched. A group schedules one completion event for its
 * earliest flow; a re-rate bumps the group's version so older events go stale.
 */

import { PRIORITY_LATE, PRIORITY_NORMAL } from '../foundation/priority.ts';
import { onGrid, TICKS_PER_SECOND } from '../foundation/time.ts';
import { FlowStatus } from '../trace/format.ts';
import type { TraceRecorder } from '../trace/recorder.ts';
import type { NetClock } from './clock.ts';
import { Flow, FlowState, type DeviceLaw } from './flow.ts';
import { atCaps, solveShaped } from './shaped.ts';
import { BottleneckGroup } from './group.ts';
import { MaxMinSolver } from './maxmin.ts';
import { RerateSet } from './rerate-set.ts';
import { Stars } from './star.ts';
import { LinkCarried } from './link-carried.ts';
import { Links, NetworkError, type LinkSpec } from './links.ts';
import { LimitLedger } from './limit-ledger.ts';
import { capFacts } from '../trace/cap-limit.ts';
import { startDelay } from './model.ts';

/** Event kinds the kernel routes to Network.dispatch. */
export const NET_ARRIVE = 16;
export const NET_GROUP_DONE = 17;
export const NET_RERATE = 18;

export interface FlowEnd {
  flow: Flow;
  status: FlowStatus;
  /** Why a flow failed: the link that went down. */
  reason?: string;
}

export class Network extends Links {
  /** Active (moving) flows on each link. */
  private readonly linkFlows: Flow[][] = [];
  private readonly linkGroups: BottleneckGroup[] = [];
  private readonly linkVisit: number[] = [];
  private readonly linkDirty: boolean[] = [];
  /** Bytes carried by each link for flows that have ended, and (by their groups' work clocks) for those still moving. */
  private readonly carried = new LinkCarried();
  /** Time each link has had a flow moving, up to busySince if it has one now. */
  private readonly busyTotal: number[] = [];
  private readonly busySince: number[] = [];

  private readonly live = new Map<number, Flow>();
  private readonly capGroups = new Map<number, BottleneckGroup>();
  private readonly dirty: number[] = [];
  private rerateScheduled = false;
  /** Live flows with a device law (Flow.shape). */
  private shapedLive = 0;
  private epoch = 0;
  private nextFlowId = 1;
  private readonly solver = new MaxMinSolver();
  private readonly set = new RerateSet();
  private readonly stars = new Stars(this.linkFlows, this.linkGroups, this.bandwidth);
  private readonly touched: BottleneckGroup[] = [];
  /** Conservation counters, in bytes. */
  offered = 0;
  delivered = 0;
  lost = 0;
  cancelled = 0;
  /** Bytes moved, by the limiter that held them (limit-ledger.ts). */
  private readonly ledger = new LimitLedger();
  /** Work done, for benchmarks: re-rates, flows re-rated, and of those the ones a solve went over (not a star's, star.ts). */
  rerates = 0;
  flowsRerated = 0;
  flowsSolved = 0;
  constructor(
    private readonly clock: NetClock,
    private readonly trace: TraceRecorder,
    private readonly onEnd: (end: FlowEnd) => void,
  ) {
    super();
  }

  override addLink(name: string, spec: LinkSpec): number {
    const id = super.addLink(name, spec);
    this.linkFlows.push([]);
    this.linkGroups.push(new BottleneckGroup(id));
    this.linkVisit.push(0);
    this.linkDirty.push(false);
    this.stars.addLink();
    this.carried.addLink();
    this.busyTotal.push(0);
    this.busySince.push(0);
    this.trace.link(this.clock.now, id, name, spec.bandwidth, this.latency[id], this.flowCap[id]);
    return id;
  }

  /**
   * Starts a flow of `bytes` over `route`; it moves after the route's latency.
   * `shape`, if given, is the device law of the flow's last hop (see Flow.shape).
   */
  startFlow(route: Int32Array, bytes: number, cap: number, owner: unknown, ownerPid: number, label?: string, shape?: DeviceLaw): Flow {
    if (!(bytes >= 0) || !Number.isFinite(bytes)) throw new NetworkError(`a transfer needs a finite number of bytes >= 0, got ${bytes}`);
    if (!(cap > 0)) throw new NetworkError(`a flow cap must be > 0 bytes/s, got ${cap}`);
    const latency = this.routeLatency(route);
    const { cap: effCap, fromLink: capFromLink } = this.routeCap(route, cap, latency);
    const now = this.clock.now;
    const f = new Flow(this.nextFlowId++, route, bytes, effCap, now, owner, ownerPid);
    if (shape !== undefined) { f.shape = shape; this.shapedLive++; }
    if (effCap < Infinity) f.capFacts = capFacts(route, effCap, capFromLink, (l) => this.bandwidth[l], (l) => this.flowCap[l]);
    this.offered += bytes;
    this.trace.flowStart(now, f.id, ownerPid, bytes, effCap, capFromLink, route, label);
    this.live.set(f.id, f);
    const down = this.downLink(route);
    if (down >= 0) {
      this.end(f, FlowStatus.Failed, `link '${this.linkNames[down]}' is down`);
    } else {
      this.clock.schedule(now + onGrid(startDelay(this.model, latency), this.clock.grid), PRIORITY_NORMAL, NET_ARRIVE, f.id, 0);
    }
    return f;
  }

  /** Abandons a flow (its owner no longer waits): the undelivered bytes count as cancelled. */
  cancelFlow(f: Flow): void {
    if (f.state !== FlowState.Ended) this.end(f, FlowStatus.Cancelled);
  }

  setLinkUp(id: number, upNow: boolean): void {
    if (this.up[id] === upNow) return;
    this.up[id] = upNow;
    this.trace.linkState(this.clock.now, id, upNow, this.bandwidth[id]);
    if (upNow) return;
    const reason = `link '${this.linkNames[id]}' went down`;
    const victims: Flow[] = [];
    for (const f of this.live.values()) if (f.route.includes(id)) victims.push(f);
    for (const f of victims) this.end(f, FlowStatus.Failed, reason);
  }

  setBandwidth(id: number, bandwidth: number): void {
    if (!(bandwidth >= 0) || !Number.isFinite(bandwidth)) throw new NetworkError(`link '${this.linkNames[id]}': bandwidth must be a finite number >= 0, got ${bandwidth}`);
    this.bandwidth[id] = bandwidth;
    this.trace.linkState(this.clock.now, id, this.up[id], bandwidth);
    this.stars.breakAt(id);
    this.markDirty(id);
  }

  /** Handles one of the network's events; false if it was stale. */
  dispatch(kind: number, a: number, b: number): boolean {
    if (kind === NET_GROUP_DONE) return this.groupDone(a, b);
    if (kind === NET_ARRIVE) return this.arrive(a);
    this.rerate();
    return true;
  }

  /** Whether one of the network's events would do nothing now. */
  isStale(kind: number, a: number, b: number): boolean {
    if (kind === NET_GROUP_DONE) {
      const g = a >= 0 ? this.linkGroups[a] : this.capGroups.get(a);
      return g === undefined || g.version !== b;
    }
    if (kind === NET_ARRIVE) return this.live.get(a)?.state !== FlowState.Latent;
    return false;
  }

  // ---- queries ----

  flow(id: number): Flow | undefined { return this.live.get(id); }
  get liveFlows(): number { return this.live.size; }

  /** The flows not yet ended, oldest first. */
  flows(): IterableIterator<Flow> { return this.live.values(); }

  /** Bytes still to deliver over all live flows, computed from the group clocks. */
  inFlight(): number {
    let s = 0;
    const now = this.clock.now;
    for (const f of this.live.values()) s += f.remainingAt(now);
    return s;
  }

  /** Sum of the rates of the flows on a link now, bytes/s. */
  linkLoad(id: number): number {
    let s = 0;
    for (const f of this.linkFlows[id]) s += f.rate;
    return s;
  }

  /** Ticks during which the link had at least one flow moving, so far. */
  linkBusy(id: number): number {
    return this.busyTotal[id] + (this.linkFlows[id].length > 0 ? this.clock.now - this.busySince[id] : 0);
  }

  /** Bytes a link has carried so far, counting flows still moving. */
  linkCarried(id: number): number {
    let s = this.carried.endedOn(id);
    const now = this.clock.now;
    for (const f of this.linkFlows[id]) s += f.bytes - f.remainingAt(now);
    return s;
  }

  /** Every link's linkCarried at once, in O(links + groups on them) rather than O(flows): for sampling. */
  carriedInto(out: Float64Array): void {
    this.carried.carriedInto(out, this.clock.now);
  }

  /** Bytes moved so far by limiter (limit-ledger.ts keys), every live group counted up to now. */
  limitTotals(): Map<number, number> {
    const now = this.clock.now;
    for (const g of this.linkGroups) if (g.size > 0) this.ledger.count(g, now);
    for (const g of this.capGroups.values()) this.ledger.count(g, now);
    return this.ledger.snapshot();
  }

  // ---- events ----

  private arrive(id: number): boolean {
    const f = this.live.get(id);
    if (f === undefined || f.state !== FlowState.Latent) return false;
    if (f.bytes === 0) { this.end(f, FlowStatus.Done); return true; }
    f.state = FlowState.Active;
    const route = f.route;
    this.weigh(f);
    for (let i = 0; i < route.length; i++) {
      const list = this.linkFlows[route[i]];
      if (list.length === 0) this.busySince[route[i]] = this.clock.now;
      f.linkPos[i] = list.length;
      list.push(f);
      this.stars.breakAt(route[i]);
      this.markDirty(route[i]);
    }
    return true;
  }

  private groupDone(gid: number, version: number): boolean {
    const g = gid >= 0 ? this.linkGroups[gid] : this.capGroups.get(gid);
    if (g === undefined || g.version !== version) return false;
    const now = this.clock.now;
    g.settle(now);
    const slack = g.rate / TICKS_PER_SECOND; // what one tick delivers: flows due within this tick finish now
    let f = g.first();
    let ended = 0;
    while (f !== undefined && f.finish - g.work <= slack + 1e-9 * f.finish) {
      this.end(f, FlowStatus.Done);
      ended++;
      f = g.first();
    }
    if (ended === 0 && f !== undefined) {
      // Float noise put the finish a hair past this tick: look again one tick later.
      g.version++;
      this.clock.schedule(Math.max(now + this.clock.grid, g.nextFinish(this.clock.grid)), PRIORITY_NORMAL, NET_GROUP_DONE, g.id, g.version);
    }
    return true;
  }

  private end(f: Flow, status: FlowStatus, reason?: string): void {
    const now = this.clock.now;
    const remaining = status === FlowStatus.Done ? 0 : f.remainingAt(now);
    const delivered = f.bytes - remaining;
    if (f.state === FlowState.Active) {
      if (f.group !== null) { this.ledger.count(f.group, now); this.carried.leaving(f, f.group); f.group.remove(f); }
      const route = f.route;
      for (let i = 0; i < route.length; i++) {
        const l = route[i];
        const list = this.linkFlows[l];
        const last = list.pop()!;
        if (last !== f) {
          const pos = f.linkPos[i];
          list[pos] = last;
          last.linkPos[last.route.indexOf(l)] = pos;
        }
        if (list.length === 0) this.busyTotal[l] += now - this.busySince[l];
        this.markDirty(l);
      }
    }
    this.carried.flowEnded(f.route, delivered);
    f.state = FlowState.Ended;
    if (f.shape !== null) this.shapedLive--;
    f.delivered = delivered;
    f.endedAt = now;
    this.live.delete(f.id);
    if (f.capGroup !== null) this.capGroups.delete(f.capGroup.id);
    this.delivered += delivered;
    if (status === FlowStatus.Failed) this.lost += remaining;
    else if (status === FlowStatus.Cancelled) this.cancelled += remaining;
    this.trace.flowEnd(now, f.id, status, delivered);
    if (status !== FlowStatus.Cancelled) this.onEnd({ flow: f, status, reason });
  }

  private markDirty(l: number): void {
    if (!this.linkDirty[l]) {
      this.linkDirty[l] = true;
      this.dirty.push(l);
    }
    if (!this.rerateScheduled) {
      this.rerateScheduled = true;
      this.clock.schedule(this.clock.now, PRIORITY_LATE, NET_RERATE, 0, 0);
    }
  }

  private rerate(): void {
    this.rerateScheduled = false;
    // Nothing in a re-rate marks a link dirty: the list is emptied after, and reused.
    const dirty = this.dirty;
    let epoch = ++this.epoch;
    const fast = this.shapedLive === 0 && !this.model.rttWeighted && this.model.crossTraffic === 0;
    for (let i = 0; i < dirty.length; i++) this.linkDirty[dirty[i]] = false;
    const set = this.set, { links, flows } = set;
    set.collect(dirty, this.linkFlows, this.linkVisit, epoch, fast ? this.stars : null, this.model.bandwidthFactor);
    dirty.length = 0;
    this.rerates++;
    this.flowsRerated += flows.length + set.starFlows;
    this.flowsSolved += flows.length;
    // Shaped flows (devices whose speed depends on their feed) are solved again at what their device
    // makes of the feed the first solve gives them (shaped.ts). Most runs have none: one solve.
    const shaped = this.shapedLive > 0 && atCaps(flows);
    const solve = (): void => this.solver.solve(links, flows, this.bandwidth, this.linkFlows, epoch, this.model.bandwidthFactor, this.model.rttWeighted || this.model.crossTraffic !== 0);
    solve();
    if (shaped) {
      solveShaped({
        flows,
        capacity: (l) => this.bandwidth[l] * this.model.bandwidthFactor,
        onLink: (l) => this.linkFlows[l],
        solve: () => { epoch = ++this.epoch; solve(); },
      }, (f) => {
        // What starved (or fed) the device, for the trace's readers: the second solve's group hides it.
        if (f.feed !== f.bottleneck) {
          if (f.group !== null) this.ledger.count(f.group, this.clock.now);
          this.trace.flowFeed(this.clock.now, f.id, (f.feed = f.bottleneck));
        }
      });
    }
    if (fast) set.solved(this.stars, this.model.bandwidthFactor);
    this.apply(flows, set.stars, epoch);
  }

  /**
   * Moves re-rated flows between groups and sets each touched group's rate once.
   * `stars` holds pairs (link, index into flows): a star's group is touched where its flows would have come.
   */
  private apply(flows: readonly Flow[], stars: readonly number[], epoch: number): void {
    const now = this.clock.now;
    const touched = this.touched;
    touched.length = 0;
    const touch = (g: BottleneckGroup): void => {
      if (g.touched === epoch) return;
      g.touched = epoch;
      this.ledger.count(g, now);
      g.settle(now);
      g.pending = 0;
      touched.push(g);
    };
    const touchStar = (c: number): void => { touch(this.linkGroups[c]); this.linkGroups[c].pending = Math.max(0, this.stars.share(c, this.model.bandwidthFactor)); };
    let s = 0;
    for (let i = 0; i < flows.length; i++) {
      for (; s < stars.length && stars[s + 1] === i; s += 2) touchStar(stars[s]);
      const f = flows[i];
      // RTT-weighted flows a link limits move at different rates: each has a group of its own, which
      // keeps that link (counted up to now under the one before, by touch).
      const ng = f.bottleneck >= 0 && !this.model.rttWeighted ? this.linkGroups[f.bottleneck] : this.capGroupOf(f);
      touch(ng);
      ng.pending = f.newRate;
      if (ng.id < 0 && ng.held !== f.bottleneck) this.trace.flowHeld(now, f.id, (ng.held = f.bottleneck));
      const og = f.group;
      if (og === ng) continue;
      let remaining = f.bytes;
      if (og !== null) {
        touch(og);
        remaining = Math.max(0, f.finish - og.work);
        this.carried.leaving(f, og);
        og.remove(f);
      }
      ng.add(f, remaining);
      this.carried.joined(f, ng);
      this.trace.flowGroup(now, f.id, ng.id);
    }
    for (; s < stars.length; s += 2) touchStar(stars[s]);
    for (let i = 0; i < touched.length; i++) {
      const g = touched[i];
      const rate = g.size > 0 ? g.pending : 0;
      if (rate !== g.rate) {
        g.rate = rate;
        this.trace.groupRate(now, g.id, rate);
      }
      g.version++;
      const t = g.nextFinish(this.clock.grid);
      if (t !== Infinity) this.clock.schedule(t, PRIORITY_NORMAL, NET_GROUP_DONE, g.id, g.version);
    }
  }

  private capGroupOf(f: Flow): BottleneckGroup {
    if (f.capGroup === null) {
      f.capGroup = new BottleneckGroup(-(f.id + 1));
      this.capGroups.set(f.capGroup.id, f.capGroup);
    }
    return f.capGroup;
  }
}
