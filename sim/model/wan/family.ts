/**
 * WAN circuits. A link entry with a `wan:` object is a leased line between
 * sites: its nominal rate (or a named carrier such as OC-3) times a link
 * efficiency gives the bandwidth replication really gets, its length or round
 * trip gives the one-way latency, and a TCP window caps every flow at
 * window / RTT however fat the pipe (the bandwidth-delay product: a sender may
 * have at most one window unacknowledged per round trip).
 *
 * The link's own bandwidth, latency and flowCap still win over what the
 * circuit implies.
 */
import { maybe, withRows } from '../../foundation/declare-forms.ts';
import type { Path } from '../../foundation/path.ts';
import { duration, number, object, oneOf, rate, resolveField, size, type DocRow } from '../../foundation/declare.ts';
import type { Family, LinkDefaults, ResolveContext } from '../family.ts';

import { parseDuration } from '../../foundation/units.ts';
import { distance, fibreDelay, FIBRE_SOURCE } from './propagation.ts';

/** Nominal line rates, bits/s. */
export const CARRIERS = {
  T1: 1.544e6,
  T3: 44.736e6,
  'OC-3': 155.52e6,
  'OC-12': 622.08e6,
  'OC-48': 2488.32e6,
  'OC-192': 9953.28e6,
} as const;
export type Carrier = keyof typeof CARRIERS;

const CARRIER_SOURCE: Record<Carrier, string> = {
  T1: 'T-carrier DS1 (domain-figures §7; consistent with HP VLS guide Table 5)',
  T3: 'T-carrier DS3 (domain-figures §7; consistent with HP VLS guide Table 5)',
  'OC-3': 'Wikipedia "Optical Carrier transmission rates" (payload 148.608 Mb/s; the line rate is used, as HP Table 5 applies its efficiency to it): domain-figures §7',
  'OC-12': 'Wikipedia "Optical Carrier transmission rates": domain-figures §7',
  'OC-48': 'Wikipedia "Optical Carrier transmission rates" (OC-n = n × 51.84 Mb/s)',
  'OC-192': 'Wikipedia "Optical Carrier transmission rates" (OC-n = n × 51.84 Mb/s)',
};

const carrierRows = (name: string): DocRow[] => Object.entries(CARRIERS).map(([c, bps]) => ({ name: `${name}: ${c}`, default: `${bps / 1e6} Mb/s`, unit: 'nominal line rate, bits/s', source: CARRIER_SOURCE[c as Carrier] }));

/** A link entry's `wan` object. */
const WAN = maybe(object({
  rate: rate({ description: 'Nominal line rate, e.g. "155 Mb/s"; give it or a carrier.', positive: true, defaultText: 'none (rate or carrier is required)', unit: 'bytes/s (nominal line rate)', source: 'the circuit ordered' }),
  carrier: withRows(oneOf(Object.keys(CARRIERS) as Carrier[], { description: 'A named carrier instead of a rate: T1, T3, OC-3, OC-12, OC-48, OC-192.', unit: 'carrier' }), carrierRows),
  efficiency: number({
    description: 'Share of the line rate the data gets (protocol overhead, TCP on a long fat pipe).',
    default: 0.66,
    unit: 'fraction of the line rate',
    source: 'HP StorageWorks VLS/D2D solutions guide AG306-96028, Table 5 "Estimated time to replicate data" ("link rate at 66 % efficiency"): domain-figures §7',
  }),
  rtt: duration({ description: 'Round-trip time; the link latency becomes half of it.', defaultText: 'from distance (10 µs/km), else 2 × the link latency, else none', source: FIBRE_SOURCE }),
  distance: distance('Length of the circuit, e.g. "500 km": round trip 10 µs per km. Instead of rtt.'),
  window: size({
    description: 'TCP window of every flow: a flow moves at most window / rtt.',
    positive: true,
    defaultText: 'none (no per-flow cap)',
    unit: 'bytes; flowCap = window / rtt',
    source: 'a sender has at most one window unacknowledged per round trip, so throughput ≤ window / RTT (RFC 7323 §1, the "bandwidth*delay product")',
  }),
}, { description: 'A WAN circuit: bandwidth = rate × efficiency, latency = rtt / 2, per-flow cap = window / rtt (the link\'s own fields win).' }));

/** A WAN circuit as resolved: what the link entry's `wan` object implies. */
export interface WanCircuit {
  /** nominal line rate, bytes/s */
  nominal: number;
  efficiency: number;
  /** ticks, or undefined if nothing gives one */
  rtt?: number;
  /** TCP window, bytes */
  window?: number;
}

/** Reads a link entry's `wan` object; fails with the field path on an impossible value. */
export function wanCircuit(entry: Record<string, unknown>, ctx: ResolveContext, path: Path): WanCircuit | undefined {
  const p: Path = [...path, 'wan'];
  const w = resolveField(WAN, entry.wan, p, ctx);
  if (w === undefined) return undefined;
  if (entry.port !== undefined) ctx.fail(p, "a link is an Ethernet port or a WAN circuit, not both: leave out 'port' or 'wan'");
  if ((w.rate === undefined) === (w.carrier === undefined)) ctx.fail(p, w.rate === undefined ? `a WAN needs its line rate: 'rate' (e.g. "155 Mb/s") or 'carrier' (${Object.keys(CARRIERS).join(', ')})` : "give 'rate' or 'carrier', not both");
  const nominal = w.rate ?? CARRIERS[w.carrier!] / 8;
  const efficiency = w.efficiency;
  if (!(efficiency > 0 && efficiency <= 1)) ctx.fail([...p, 'efficiency'], `the link efficiency is the share of the line rate data gets: above 0 and at most 1, got ${efficiency}`);
  if (w.rtt !== undefined && w.distance !== undefined) ctx.fail(p, "give 'rtt' or 'distance', not both: a distance implies the round trip (10 µs per km)");
  let rtt: number | undefined;
  if (w.rtt !== undefined) rtt = w.rtt;
  else if (w.distance !== undefined) rtt = 2 * fibreDelay(w.distance);
  else if (entry.latency !== undefined) rtt = 2 * parseDuration(entry.latency);
  const window = w.window;
  if (window !== undefined && (rtt === undefined || rtt === 0)) ctx.fail([...p, 'window'], "a TCP window caps a flow at window / round trip, so it needs one: give 'rtt' or 'distance' (or the link a latency above 0 s)");
  return { nominal, efficiency, rtt, window };
}

/** Bandwidth = nominal × efficiency; latency = RTT / 2; per-flow cap = window / RTT. */
export function circuitDefaults(c: WanCircuit): LinkDefaults {
  const d: LinkDefaults = { bandwidth: c.nominal * c.efficiency };
  if (c.rtt !== undefined) d.latency = Math.round(c.rtt / 2);
  if (c.window !== undefined && c.rtt !== undefined) d.flowCap = c.window / (c.rtt / 1e9);
  return d;
}

export const wanFamily: Family<undefined> = {
  key: 'wan',
  title: 'WAN circuits on links: line rate × efficiency, distance or RTT, TCP window per flow',
  declares: { link: { wan: WAN } },
  ops: {},
  linkDefaults(entry, ctx, path) {
    const c = wanCircuit(entry, ctx, path);
    return c === undefined ? undefined : circuitDefaults(c);
  },
  resolve: () => undefined,
  build: () => undefined,
};
