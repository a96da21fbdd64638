/**
 * Every flow of a run, as flows.csv lists it: the scenario's own and every
 * flow a protocol or a device starts (tape streams, replication, copies).
 * It listens to the kernel (Kernel.flowWatch) rather than reading the trace
 * back, so a run without a kept trace still reports them. A flow costs one
 * small record; only flows still moving are held whole, to tell how far
 * they got when the run stops.
 */
import type { Kernel } from '../engine/kernel.ts';
import type { Flow } from '../net/flow.ts';
import { FlowStatus } from '../trace/format.ts';
import type { FlowRow, JobRow } from '../foundation/result.ts';

interface Entry {
  id: number;
  owner: number;
  /** the actor whose request it serves (a client's write a drive streams), or -1 */
  for: number;
  label: string | undefined;
  /** the job the command that started it was for (Labelled.job), if it said */
  job: string | undefined;
  bytes: number;
  route: Int32Array;
  start: number;
  /** ticks, -1 while moving */
  end: number;
  delivered: number;
  status: FlowRow['status'];
  reason?: string;
}

const STATUS: Record<number, FlowRow['status']> = { [FlowStatus.Done]: 'done', [FlowStatus.Failed]: 'failed', [FlowStatus.Cancelled]: 'cancelled' };

export class FlowBook {
  private readonly entries = new Map<number, Entry>();
  private readonly live = new Map<number, Flow>();
  /** a family's helper actor, by name: the pid of the actor whose request it serves, and the job that request was for */
  private readonly helpers = new Map<string, { pid: number; job: string | undefined }>();

  constructor(private readonly kernel: Kernel) {
    kernel.flowWatch = {
      started: (f, label, forPid, job) => {
        const e = this.entry(f);
        e.label = label;
        e.job = job;
        if (forPid !== undefined && forPid !== f.ownerPid) e.for = forPid;
        if (e.end < 0) this.live.set(f.id, f);
      },
      ended: (f, status, reason) => {
        const e = this.entry(f);
        e.end = f.endedAt;
        e.delivered = f.delivered;
        e.status = STATUS[status];
        if (reason !== undefined) e.reason = reason;
        this.live.delete(f.id);
      },
      helps: (helper, forPid, job) => { this.helpers.set(helper, { pid: forPid, job }); },
    };
  }

  private entry(f: Flow): Entry {
    let e = this.entries.get(f.id);
    if (e === undefined) {
      e = { id: f.id, owner: f.ownerPid, for: -1, label: undefined, job: undefined, bytes: f.bytes, route: f.route, start: f.createdAt, end: -1, delivered: 0, status: 'running' };
      this.entries.set(f.id, e);
    }
    return e;
  }

  /**
   * The actor whose request `actor`'s work serves, through helpers serving
   * helpers, to the one that asked; and the job the nearest request named.
   */
  private servedBy(actor: string, job: string | undefined): { name: string; job: string | undefined } {
    const k = this.kernel;
    let name = actor;
    for (let h = this.helpers.get(name); h !== undefined && k.nameOf(h.pid) !== name; h = this.helpers.get(name)) {
      name = k.nameOf(h.pid);
      job ??= h.job;
    }
    return { name, job };
  }

  /**
   * The rows, in the order the flows started. A flow belongs to the job its
   * command named (Labelled.job: work an actor does for a job another began,
   * asked by a message), or its helper's caller's command named. Else it
   * serves the request of its `for` actor, else of its owner, followed back
   * through the helper actors families spawn for a caller, and belongs to
   * that actor's job that was under way when it started (the latest begun,
   * when jobs of one actor nest). The job's kind is its phase.
   */
  rows(jobs: readonly JobRow[]): FlowRow[] {
    const k = this.kernel;
    const byActor = new Map<string, JobRow[]>();
    const byName = new Map(jobs.map((j) => [j.name, j]));
    for (const j of jobs) {
      const list = byActor.get(j.actor);
      if (list === undefined) byActor.set(j.actor, [j]); else list.push(j);
    }
    const jobOf = (actor: string, t: number): JobRow | undefined => {
      let best: JobRow | undefined;
      for (const j of byActor.get(actor) ?? []) if (j.start <= t && (j.end === null || t <= j.end) && (best === undefined || j.start >= best.start)) best = j;
      return best;
    };
    const names = k.net.linkNames;
    const rows: FlowRow[] = [];
    for (const e of [...this.entries.values()].sort((a, b) => a.id - b.id)) {
      const actor = k.nameOf(e.owner);
      const { name: served, job: named } = this.servedBy(e.for >= 0 ? k.nameOf(e.for) : actor, e.job);
      const forName = served === actor ? undefined : served;
      const start = e.start / 1e9;
      const job = (named === undefined ? undefined : byName.get(named)) ?? jobOf(served, start) ?? jobOf(actor, start);
      const flow = this.live.get(e.id);
      const delivered = flow === undefined ? e.delivered : e.bytes - flow.remainingAt(k.now);
      const end = e.end < 0 ? null : e.end / 1e9;
      rows.push({
        id: e.id, name: `flow ${e.id}`, actor, for: forName, job: job?.name, phase: job?.kind,
        route: Array.from(e.route, (l) => names[l]), bytes: e.bytes, delivered, status: e.status,
        start, end, throughput: end !== null && end > start ? delivered / (end - start) : null, reason: e.reason, label: e.label,
      });
    }
    return rows;
  }
}
