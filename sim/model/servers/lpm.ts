/**
 * Live Partition Mobility: a running partition moves to another server.
 *
 * 1. "LPM: copying memory of P to S": the partition's memory crosses the
 *    movers' link (route [from.mover, to.mover], or the route given) in
 *    rounds while the partition keeps running (sim/model/precopy.ts): round 1
 *    copies all of it, each later round what it dirtied during the one before
 *    ("..., round k"), until what is left meets the source server's
 *    threshold or its round limit. With the default dirty rate of 0 this is
 *    the developerWorks lower bound, memory / mover bandwidth.
 *    The target's cores are reserved from the start: a server without room
 *    for the partition's entitlement refuses the migration, as LPM
 *    validation does.
 * 2. "LPM: P paused": the partition is suspended: its copies stop (CPU link
 *    at 0 B/s) and its adapter on the old server stops carrying bytes. What
 *    is left is copied ("LPM: final copy of P to S"), then the switch-over
 *    costs the source server's `lpm.switchover` (default 2 s, UNSOURCED).
 *    Downtime = final copy + switch-over.
 * 3. "LPM: P virtual adapters re-attached on S": the adapter on the new
 *    server comes up and the partition runs there.
 *
 * Connections open across the move (`lpm.inflight`):
 * - `pause` (default): the old adapter's bandwidth is set to 0 for the
 *   downtime and back after it, so flows crossing it stall and then go on, as a TCP
 *   connection survives LPM (the partition keeps its MAC and IP). A flow's
 *   route cannot change in the flow model, so those flows finish over the old
 *   server's links; the old adapter drains: once the last connection that was
 *   open at the pause has ended it goes down, and a transfer that still names
 *   it then fails. New transfers must follow `partition.where`.
 * - `fail`: the old adapter goes down at the start of the pause and the flows
 *   crossing it fail with TransferFailed (a brownout the connection did not
 *   survive).
 *
 * If the memory copy fails (a mover link down) the migration is aborted and
 * the partition stays where it was.
 */
import { moverLink } from '../../foundation/link-names.ts';
import { mark, sleep, transfer, perform } from '../../engine/commands.ts';
import { CommandError } from '../../engine/errors.ts';
import type { Kernel } from '../../engine/kernel.ts';
import type { Wait } from '../../engine/wait.ts';
import type { Flow } from '../../net/flow.ts';
import { type Partition, type Server } from './power-server.ts';
import type { StoryData } from '../../foundation/story.ts';
import { lpmMigrate, partitionWhere } from './commands.ts';
import { preCopy } from '../precopy.ts';

export interface MigrationResult {
  /** memory bytes copied, every round and the final copy */
  bytes: number;
  partition: string;
  from: string;
  to: string;
  /** pre-copy rounds, and the bytes the final copy moved while suspended */
  rounds: number;
  finalBytes: number;
  /** the threshold was met (else the round limit stopped the rounds) */
  converged: boolean;
  /** seconds spent in the pre-copy rounds */
  copySeconds: number;
  /** seconds suspended: final copy + switch-over */
  downtime: number;
}

interface Migration {
  partition: Partition;
  from: Server;
  to: Server;
  memory: number;
  route: string[];
  actor: string;
  phase: 'copy' | 'paused' | 'done';
  /** the lpm.migrate that started it, if any */
  wait: Wait | null;
  /** flows over the old adapter when the pause began (pause mode) */
  connections: Flow[];
  copyEnd: number;
}

export class LiveMobility {
  private count = 0;

  constructor(
    private readonly kernel: Kernel,
    private readonly servers: ReadonlyMap<string, Server>,
    private readonly partitions: ReadonlyMap<string, Partition>,
  ) {}

  /** `lpm.migrate` and `partition.where`. */
  defineCommands(): void {
    this.kernel.defineCommand(lpmMigrate.op, (cmd, wait) => {
      const refused = this.start(cmd.partition as string, cmd.to as string, { memory: cmd.memory as number | undefined, route: cmd.route as string[] | undefined, wait });
      if (refused !== null) throw new CommandError(`lpm.migrate: ${refused}`);
    });
    this.kernel.defineCommand(partitionWhere.op, (cmd, wait, k) => {
      const p = this.partitions.get(cmd.partition as string);
      if (p === undefined) throw new CommandError(`partition.where: no partition named '${cmd.partition as string}'`);
      k.resolve(wait, { partition: p.def.name, server: p.server.def.name, migratingTo: p.migratingTo?.def.name ?? null });
    });
  }

  /** The `migrate` fault: false if the partition is not one of ours; a refusal is traced. */
  fault(partition: string, to: string): boolean {
    if (!this.partitions.has(partition)) return false;
    const refused = this.start(partition, to, {});
    if (refused !== null) this.kernel.trace.mark(this.kernel.now, 0, `LPM refused: ${refused}`);
    return true;
  }

  /** Starts a migration; the reason if it is refused, else null. */
  start(name: string, toName: string, opts: { memory?: number; route?: string[]; wait?: Wait }): string | null {
    const p = this.partitions.get(name);
    if (p === undefined) return `no partition named '${name}'`;
    const to = this.servers.get(toName);
    if (to === undefined) return `no server named '${toName}'; servers are: ${[...this.servers.keys()].join(', ')}`;
    if (p.migratingTo !== null) return `${name} is already migrating to ${p.migratingTo.def.name}`;
    if (p.server === to) return `${name} already runs on ${toName}`;
    if (to.free + 1e-9 < p.def.cores) return `${toName} has ${to.free} free cores and ${name} is entitled to ${p.def.cores}`;
    const memory = opts.memory ?? p.def.memory;
    if (!(memory >= 0) || !Number.isFinite(memory)) return `memory must be a finite number of bytes >= 0, got ${memory}`;
    const from = p.server;
    to.used += p.def.cores;
    p.migratingTo = to;
    const m: Migration = {
      partition: p, from, to, memory, route: opts.route ?? [moverLink(from.def.name), moverLink(toName)],
      actor: `LPM ${name} to ${toName} #${++this.count}`, phase: 'copy', wait: opts.wait ?? null, connections: [], copyEnd: 0,
    };
    if (m.wait !== null) {
      m.wait.cancel = () => {
        m.wait = null;
        if (m.phase !== 'copy') return; // the switch-over has begun: it completes without its caller
        this.kernel.kill(m.actor, 'the lpm.migrate that asked for it stopped waiting');
        this.abort(m, 'its caller stopped waiting');
      };
    }
    const self = this;
    const start = this.kernel.now;
    const p0 = p.def;
    const policy = from.def.precopy;
    const guest = { memory, dirtyRate: p0.dirtyRate, workingSet: Math.min(p0.workingSet, memory) };
    const copying = `LPM: copying memory of ${name} to ${toName}`;
    this.kernel.spawn(m.actor, function* (ctx) {
      let rounds;
      let finalBytes = 0;
      try {
        rounds = yield* preCopy(ctx, {
          route: m.route, guest, policy,
          label: (round, bytes) => ({ label: round === 1 ? copying : `${copying}, round ${round}`, data: round === 1 ? { bytes, route: m.route, event: 'lpm-copy' } : { bytes, route: m.route, round, event: 'lpm-copy' } }),
        });
        m.copyEnd = ctx.now;
        self.suspend(m);
        const left = Math.ceil(rounds.left);
        if (left > 0) {
          yield* perform(transfer(m.route, left, { label: `LPM: final copy of ${name} to ${toName}`, data: { bytes: left, route: m.route, final: true, event: 'lpm-copy' } }));
          finalBytes = left;
        }
      } catch (e) {
        self.abort(m, (e as Error).message);
        return;
      }
      yield sleep(policy.switchover, `LPM: ${name} paused`, { event: 'lpm-paused' } satisfies StoryData);
      self.reattach(m);
      yield mark(`LPM: ${name} virtual adapters re-attached on ${toName}`, { event: 'lpm-reattached' } satisfies StoryData);
      const r: MigrationResult = {
        bytes: rounds.bytes + finalBytes, partition: name, from: from.def.name, to: toName,
        rounds: rounds.rounds, finalBytes, converged: rounds.converged,
        copySeconds: (m.copyEnd - start) / 1e9, downtime: (ctx.now - m.copyEnd) / 1e9,
      };
      if (m.wait !== null) self.kernel.resolve(m.wait, r);
    });
    return null;
  }

  private abort(m: Migration, reason: string): void {
    if (m.phase === 'paused') this.resumeHere(m);
    m.phase = 'done';
    m.to.used -= m.partition.def.cores;
    m.partition.migratingTo = null;
    const msg = `LPM of ${m.partition.def.name} to ${m.to.def.name} aborted, it stays on ${m.from.def.name}: ${reason}`;
    this.kernel.trace.mark(this.kernel.now, 0, msg);
    if (m.wait !== null) this.kernel.reject(m.wait, new CommandError(msg));
  }

  private suspend(m: Migration): void {
    m.phase = 'paused';
    const net = this.kernel.net;
    const old = m.partition.adapters.get(m.from.def.name)!;
    if (m.from.def.inflight === 'fail') {
      net.setLinkUp(old, false);
    } else {
      for (const f of net.flows()) if (f.route.includes(old)) m.connections.push(f);
      net.setBandwidth(old, 0);
    }
    m.partition.cpu.setRunning(false);
  }

  /** The final copy failed: the partition runs on where it was. */
  private resumeHere(m: Migration): void {
    const net = this.kernel.net;
    const old = m.partition.adapters.get(m.from.def.name)!;
    if (m.from.def.inflight === 'fail') net.setLinkUp(old, true);
    else net.setBandwidth(old, m.from.def.vlan.bandwidth);
    m.partition.cpu.setRunning(true);
  }

  private reattach(m: Migration): void {
    const p = m.partition;
    const net = this.kernel.net;
    p.server = m.to;
    p.migratingTo = null;
    m.from.used -= p.def.cores;
    m.phase = 'done';
    net.setLinkUp(p.adapters.get(m.to.def.name)!, true);
    p.cpu.setRunning(true);
    if (m.from.def.inflight === 'pause') {
      const old = p.adapters.get(m.from.def.name)!;
      net.setBandwidth(old, m.from.def.vlan.bandwidth);
      // One tick on, after the network has re-rated the resumed flows.
      this.kernel.at(this.kernel.now + 1, () => this.drain(p, m.from, old, m.connections));
    }
  }

  /** Takes the old adapter down once the connections open at the pause have ended; looks again when the last should end. */
  private drain(p: Partition, from: Server, link: number, connections: Flow[]): void {
    if (p.server === from) return; // it came back: the adapter is its own again
    const net = this.kernel.net;
    const now = this.kernel.now;
    const live = connections.filter((f) => net.flow(f.id) === f);
    if (live.length === 0) {
      net.setLinkUp(link, false);
      return;
    }
    let next = -1;
    for (const f of live) {
      let t = -1;
      if (f.rate > 0) t = now + Math.ceil((f.remainingAt(now) / f.rate) * 1e9);
      else {
        const arrive = f.createdAt + net.routeLatency(f.route);
        if (arrive > now) t = arrive;
      }
      next = Math.max(next, t);
    }
    if (next < 0) {
      this.kernel.trace.mark(now, 0, `LPM: ${p.def.name}'s adapter on ${from.def.name} stays up: the connections still on it are stalled`);
      return;
    }
    this.kernel.at(Math.max(next, now + 1), () => this.drain(p, from, link, connections));
  }
}
