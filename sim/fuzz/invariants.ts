/**
 * What must hold of every run, whatever the scenario: one named check per
 * invariant (TigerBeetle's checkers), each answering null or what broke it.
 * The fuzzer runs them all on every run; a protocol adds its own
 * (Protocol.invariants).
 */
import type { Invariant, RunProbe } from './invariant.ts';
import { protocolNamed } from '../registry.ts';
import { SCHEDULE_INVARIANTS } from './schedule-invariants.ts';

export type { Invariant, RunProbe } from './invariant.ts';

const EPS = 1e-9;

export const CORE_INVARIANTS: Invariant[] = [
  {
    name: 'virtual time never goes back',
    check({ records }) {
      let last = 0;
      for (const r of records) {
        if (r.t < last) return `a ${r.type} record at ${r.t} ns follows one at ${last} ns`;
        last = r.t;
      }
      return null;
    },
  },
  {
    name: 'bytes are conserved: offered = delivered + lost + cancelled + in flight',
    check({ bytes: b }) {
      const accounted = b.delivered + b.lost + b.cancelled + b.inFlight;
      return Math.abs(b.offered - accounted) <= EPS * Math.max(1, b.offered) ? null : `offered ${b.offered} B, accounted ${accounted} B (delivered ${b.delivered}, lost ${b.lost}, cancelled ${b.cancelled}, in flight ${b.inFlight})`;
    },
  },
  {
    name: 'each flow delivers at most its bytes, and all of them when it is done',
    check({ result }) {
      for (const f of result.flows) {
        if (f.delivered > f.bytes * (1 + EPS)) return `flow ${f.name} delivered ${f.delivered} B of ${f.bytes} B`;
        if (f.status === 'done' && Math.abs(f.delivered - f.bytes) > EPS * Math.max(1, f.bytes)) return `flow ${f.name} is done with ${f.delivered} B of ${f.bytes} B`;
      }
      return null;
    },
  },
  {
    name: 'no link or device carries more than its bandwidth',
    check({ result }) {
      const { t, series } = result.timeseries;
      for (const s of series) {
        const k = s.rate.findIndex((r) => r / s.bandwidth > 1 + 1e-6);
        if (k >= 0) return `${s.kind} ${s.name} at ${(100 * s.rate[k] / s.bandwidth).toFixed(4)}% in the interval from ${t[k]} s`;
      }
      for (const l of [...result.links, ...result.devices]) {
        if (l.meanUtilisation > 1 + 1e-6) return `${l.name} carried ${l.bytes} B, more than its bandwidth allows over the run`;
        if (l.busy > result.endTime * (1 + EPS) + 1e-9) return `${l.name} was busy ${l.busy} s of a ${result.endTime} s run`;
      }
      return null;
    },
  },
  {
    name: 'every job ends completed, or failed with a reason, or is still running when the clock is stopped at until',
    check({ result }) {
      for (const j of result.jobs) {
        if (j.status === 'failed' && !j.reason) return `${j.kind} ${j.name} failed without a reason`;
        if (j.status === 'running' && result.stopReason !== 'until') return `${j.kind} ${j.name} is still running, but the run ended ${result.stopReason} at ${result.endTime} s: it waits for something that will never come`;
      }
      return null;
    },
  },
  {
    name: 'the equipment holds together (cartridges within capacity, ...)',
    check({ audits }) {
      return audits.length === 0 ? null : audits.join('; ');
    },
  },
  ...SCHEDULE_INVARIANTS,
];

/** The core invariants and the scenario's protocol's, each with its verdict. */
export function violations(p: RunProbe): { invariant: string; what: string }[] {
  const out: { invariant: string; what: string }[] = [];
  for (const inv of CORE_INVARIANTS) {
    const what = inv.check(p);
    if (what !== null) out.push({ invariant: inv.name, what });
  }
  const proto = p.scenario.protocol;
  if (proto !== null) {
    for (const inv of protocolNamed(proto.name)?.invariants ?? []) {
      const what = inv.check(proto.def, p.result);
      if (what !== null) out.push({ invariant: `${proto.name}: ${inv.name}`, what });
    }
  }
  return out;
}
