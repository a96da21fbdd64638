/**
 * "Fail now": the scenario's first timed fault, moved to a chosen virtual
 * time, as an override the loader applies like a --set. The run is then as
 * deterministic as any other. A scenario without a timed fault gets one: the
 * first site fails (or, without sites, the first host).
 */
import type { Setting } from '../sim/scenario/overrides.ts';

export interface FailNow {
  setting: Setting | null;
  /** what the button does, for the page */
  note: string;
  /** the button's name: what happens now ("fail site primary now", "migrate lpar2 to p2 now") */
  label: string;
}

export function failNowPlan(doc: unknown, seconds?: number): FailNow {
  const d = (doc ?? {}) as { faults?: unknown; topology?: { sites?: unknown; hosts?: unknown } };
  const at = `${seconds ?? 0} s`;
  const faults = Array.isArray(d.faults) ? (d.faults as Record<string, unknown>[]) : [];
  const i = faults.findIndex((f) => f && typeof f === 'object' && 'at' in f);
  if (i >= 0) {
    const { at: _old, ...what } = faults[i];
    return {
      setting: { path: ['faults', i, 'at'], text: `faults[${i}].at=${at}`, value: at },
      note: `moves this scenario's fault (${describe(what)}) to the cursor's time and runs again`,
      label: `${describe(what)} now`,
    };
  }
  const first = (v: unknown): string | undefined => (typeof v === 'object' && v !== null ? Object.keys(v)[0] : undefined);
  const site = first(d.topology?.sites);
  const host = first(d.topology?.hosts);
  const fault = site ? { at, 'site-fails': site } : host ? { at, 'host-fails': host } : null;
  if (!fault) return { setting: null, note: 'this scenario has no site or host to fail', label: 'fail now' };
  return {
    setting: { path: ['faults'], text: `faults=[${JSON.stringify(fault)}]`, value: [...faults, fault] },
    note: `this scenario has no timed fault: ${site ? `site ${site}` : `host ${host}`} fails at the cursor's time`,
    label: site ? `fail site ${site} now` : `fail host ${host} now`,
  };
}

/** A fault in words: "site-fails: primary" as "fail site primary", "migrate: { partition, to }" as "migrate lpar2 to p2". */
export function describe(what: Record<string, unknown>): string {
  return Object.entries(what).map(([k, v]) => {
    const failing = /^(.+)-fails$/.exec(k), recovering = /^(.+)-recovers$/.exec(k);
    if (failing && typeof v === 'string') return `fail ${failing[1]} ${v}`;
    if (recovering && typeof v === 'string') return `recover ${recovering[1]} ${v}`;
    if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      const main = o.partition ?? o.target ?? o.name;
      const rest = Object.entries(o).filter(([x]) => x !== 'partition' && x !== 'target' && x !== 'name').map(([x, y]) => `${x} ${String(y)}`);
      return [k, ...(main !== undefined ? [String(main)] : []), ...rest].join(' ');
    }
    return `${k} ${String(v)}`;
  }).join(', ');
}
