/**
 * A run's limiters (sim/trace/limiters.ts) as plain, structured-cloneable
 * data, so the worker that holds the trace folds it once and the page asks
 * reports/explain*.ts its questions without a round trip per click or frame.
 *
 * The trace module keeps a timeline per group and expands a flow's intervals
 * only when asked; here every flow's intervals are expanded once, in columns
 * (a few thousand for the bundled scenarios), with each distinct limiter
 * stored once and referred to by index.
 */
import type { FlowLimits, LimiterBytes, Limiters, LimitInterval } from '../sim/trace/limiters.ts';
import type { Limiter } from '../sim/foundation/limits.ts';

export interface LimiterData {
  end: number;
  flows: FlowLimits[];
  bytes: LimiterBytes[];
  limiters: Limiter[];
  /** intervals of flows[i] are rows from[i] .. from[i + 1] - 1 */
  from: Int32Array;
  t0: Float64Array;
  t1: Float64Array;
  rate: Float64Array;
  sharers: Int32Array;
  group: Int32Array;
  limiter: Int32Array;
}

const limiterId = (l: Limiter): string => JSON.stringify([l.kind, l.link, l.device, l.capacity, l.feed?.kind ?? null, l.feed?.link ?? null]);

export function packLimiters(lim: Limiters): LimiterData {
  const flows = [...lim.flows.values()].sort((a, b) => a.flow - b.flow);
  const all = flows.map((f) => lim.intervals(f.flow));
  const n = all.reduce((a, xs) => a + xs.length, 0);
  const d: LimiterData = {
    end: lim.end, flows, bytes: [...lim.bytes], limiters: [],
    from: new Int32Array(flows.length + 1), t0: new Float64Array(n), t1: new Float64Array(n), rate: new Float64Array(n),
    sharers: new Int32Array(n), group: new Int32Array(n), limiter: new Int32Array(n),
  };
  const ids = new Map<string, number>();
  let row = 0;
  all.forEach((xs, i) => {
    d.from[i] = row;
    for (const x of xs) {
      const key = limiterId(x.limiter);
      let id = ids.get(key);
      if (id === undefined) { id = d.limiters.push(x.limiter) - 1; ids.set(key, id); }
      d.t0[row] = x.t0; d.t1[row] = x.t1; d.rate[row] = x.rate; d.sharers[row] = x.sharers; d.group[row] = x.group; d.limiter[row] = id;
      row++;
    }
  });
  d.from[flows.length] = row;
  return d;
}

/** The Limiters interface over packed data; a flow's intervals are built on first use and kept. */
export function unpackLimiters(d: LimiterData): Limiters {
  const index = new Map(d.flows.map((f, i) => [f.flow, i]));
  const cache = new Map<number, LimitInterval[]>();
  const intervals = (flow: number): LimitInterval[] => {
    let out = cache.get(flow);
    if (out !== undefined) return out;
    out = [];
    const i = index.get(flow);
    if (i !== undefined) {
      for (let r = d.from[i]; r < d.from[i + 1]; r++) {
        out.push({ t0: d.t0[r], t1: d.t1[r], limiter: d.limiters[d.limiter[r]], rate: d.rate[r], sharers: d.sharers[r], group: d.group[r] });
      }
    }
    cache.set(flow, out);
    return out;
  };
  return {
    flows: new Map(d.flows.map((f) => [f.flow, f])),
    bytes: d.bytes,
    end: d.end,
    // A copy: callers of the trace module's intervals() own what they get.
    intervals: (flow) => intervals(flow).slice(),
    members(group, t) {
      const out: number[] = [];
      d.flows.forEach((f, i) => {
        for (let r = d.from[i]; r < d.from[i + 1]; r++) {
          // A group span still open when the trace ends counts at its last instant too, as in the trace module.
          const live = d.t1[r] > t || (d.t1[r] === d.end && t === d.end && f.end < 0);
          if (d.group[r] === group && d.t0[r] <= t && live) { out.push(f.flow); break; }
        }
      });
      return out.sort((a, b) => a - b);
    },
  };
}
