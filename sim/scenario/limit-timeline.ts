/**
 * A run's bottlenecks without its trace: the network's limit ledger read at
 * every sampling instant and at every job's beginning and end, so a phase
 * (the stretch from the first job of a kind beginning to the last ending)
 * gets exactly the bytes moved in it, and the dominant bottleneck has a
 * timeline at the sampling resolution. `backlab explain` reads the same
 * limiters from the trace at every rate change.
 *
 * A phase edge that is not a checkpoint (a scenario's own jobs do not pass
 * through the job book) takes its piece's bytes in proportion to time.
 */
import type { Links } from '../net/links.ts';
import { ledgerIds } from '../net/limit-ledger.ts';
import { limiterKey, type Limiter, type LimiterShare } from '../foundation/limits.ts';
import type { Bottlenecks, JobRow, PhaseBottleneck } from '../foundation/result.ts';
import { TICKS_PER_SECOND } from '../foundation/time.ts';
import { equipmentKind } from '../foundation/link-names.ts';
import { smooth, stretchOf, type Segment } from '../trace/bottleneck-timeline.ts';

/** Past this many pieces, every other boundary that is not a job's is dropped. */
const MAX_PIECES = 2000;

interface Piece {
  t0: number;
  t1: number;
  bytes: Map<number, number>;
  /** t1 is a job's beginning or end */
  pinned: boolean;
}

export class LimitTimeline {
  private readonly pieces: Piece[] = [];
  private last = new Map<number, number>();
  private lastT = 0;

  /** `totals`: the ledger's bytes so far (Network.limitTotals); `net` names its links. */
  constructor(private readonly totals: () => Map<number, number>, private readonly net: Pick<Links, 'linkNames' | 'bandwidth' | 'flowCap'>, private readonly devices: ReadonlyMap<number, string>) {}

  /** The ledger at t (now, or the last event's time at the end of an idle run); `pinned` for a job boundary. */
  checkpoint(t: number, pinned: boolean): void {
    // A second reading at the same instant adds nothing but, for a job's edge, the pin.
    if (t <= this.lastT) {
      const prev = this.pieces[this.pieces.length - 1];
      if (pinned && prev !== undefined) prev.pinned = true;
      return;
    }
    const now = this.totals();
    const bytes = new Map<number, number>();
    for (const [k, b] of now) {
      const d = b - (this.last.get(k) ?? 0);
      if (d > 0) bytes.set(k, d);
    }
    this.pieces.push({ t0: this.lastT, t1: t, bytes, pinned });
    this.last = now;
    this.lastT = t;
    if (this.pieces.length > MAX_PIECES) this.coarsen();
  }

  /** The whole run (phase 'run') and each job kind's phase, and the dominant bottleneck's timeline; times in seconds. */
  result(jobs: readonly JobRow[], end: number): Bottlenecks {
    const limiters = new Map<string, Limiter>();
    const keyOf = new Map<number, string>();
    const named = (k: number): string => {
      let key = keyOf.get(k);
      if (key === undefined) {
        const l = this.limiterOf(k);
        keyOf.set(k, (key = limiterKey(l)));
        if (!limiters.has(key)) limiters.set(key, l);
      }
      return key;
    };
    const segs: Segment[] = this.pieces.map((p) => {
      const bytes = new Map<string, number>();
      for (const [k, b] of p.bytes) { const key = named(k); bytes.set(key, (bytes.get(key) ?? 0) + b); }
      return { t0: p.t0, t1: p.t1, bytes };
    });
    const s = (t: number): number => t / TICKS_PER_SECOND;
    const phase = (name: string, t0: number, t1: number): PhaseBottleneck => {
      const bytes = bytesBetween(segs, t0, t1);
      const st = stretchOf(s(t0), s(t1), bytes, limiters);
      const resources: LimiterShare[] = [...bytes].filter(([, b]) => b > 0)
        .map(([key, b]) => ({ key, limiter: limiters.get(key)!, bytes: b, share: st.moved > 0 ? b / st.moved : 0 }))
        .sort((a, b) => b.bytes - a.bytes || (a.key < b.key ? -1 : 1));
      return { phase: name, ...st, resources };
    };
    const phases = [phase('run', 0, end)];
    for (const [kind, w] of windows(jobs, end)) phases.push(phase(kind, w.t0, w.t1));
    const timeline = smooth(segs, limiters, end / 100).map((x) => ({ ...x, t0: s(x.t0), t1: s(x.t1) }));
    return { phases, timeline };
  }

  private limiterOf(key: number): Limiter {
    const id = ledgerIds(key);
    const net = this.net;
    const name = (l: number): string | null => (l >= 0 ? net.linkNames[l] : null);
    const capacity = id.link < 0 ? 0 : id.kind === 'link-cap' ? net.flowCap[id.link] : net.bandwidth[id.link];
    // A device's kind, else the kind of equipment its name tells (link-names.ts): as the trace's reader names them.
    const kind = (l: number): string | null => (l < 0 ? null : this.devices.get(l) ?? equipmentKind(net.linkNames[l]));
    return {
      kind: id.kind, link: name(id.link), device: kind(id.link), capacity,
      feed: id.feedKind === null ? null : { kind: id.feedKind, link: name(id.feedLink), device: kind(id.feedLink) },
    };
  }

  /** Joins each unpinned boundary at an odd place with the piece after it. */
  private coarsen(): void {
    const out: Piece[] = [];
    let odd = false;
    for (const p of this.pieces) {
      const prev = out[out.length - 1];
      if (prev !== undefined && !prev.pinned && (odd = !odd)) {
        for (const [k, b] of p.bytes) prev.bytes.set(k, (prev.bytes.get(k) ?? 0) + b);
        prev.t1 = p.t1;
        prev.pinned = p.pinned;
      } else out.push(p);
    }
    this.pieces.splice(0, this.pieces.length, ...out);
  }
}

/** Each job kind's stretch, ticks: its first job's start to its last job's end (the run's end while one runs). */
function windows(jobs: readonly JobRow[], end: number): Map<string, { t0: number; t1: number }> {
  const out = new Map<string, { t0: number; t1: number }>();
  for (const j of jobs) {
    if (j.kind === 'transfer') continue;
    const t0 = Math.round(j.start * TICKS_PER_SECOND), t1 = j.end === null ? end : Math.round(j.end * TICKS_PER_SECOND);
    const w = out.get(j.kind);
    if (w === undefined) out.set(j.kind, { t0, t1 });
    else { w.t0 = Math.min(w.t0, t0); w.t1 = Math.max(w.t1, t1); }
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Bytes by limiter in [t0, t1): whole pieces inside, a piece cut by an edge in proportion to time. */
function bytesBetween(segs: readonly Segment[], t0: number, t1: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of segs) {
    const a = Math.max(t0, s.t0), b = Math.min(t1, s.t1);
    if (b <= a) continue;
    const f = (b - a) / (s.t1 - s.t0);
    for (const [k, v] of s.bytes) out.set(k, (out.get(k) ?? 0) + v * f);
  }
  return out;
}
