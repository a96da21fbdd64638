/**
 * The VIO server partition's Shared Ethernet Adapter: a layer-2 bridge in
 * software between the hypervisor's virtual Ethernet and a physical adapter,
 * so every byte bridged costs VIOS processor cycles. The bridge is the device
 * link `<vios>.sea`, whose bandwidth is what the VIOS cores can bridge:
 *
 *   rate = cores × clock / cyclesPerByte
 *
 * cyclesPerByte comes from IBM's SEA sizing rule (POWER5 Infocenter
 * "Processor allocation", domain-figures §4): at MTU 1500 one 1.65 GHz
 * processor drives one Gigabit Ethernet adapter to its maximum bandwidth, at
 * MTU 9000 half of one does. GbE's maximum TCP payload rate is 113.0 MB/s at
 * MTU 1500 and 117.9 MB/s at MTU 9000 (AIX "Adapter performance guidelines"),
 * so one byte costs 1.65e9 / 113.0e6 = 14.6 cycles at MTU 1500 and
 * 0.5 × 1.65e9 / 117.9e6 = 7.0 cycles at MTU 9000; the rule says to scale by
 * clock, which the formula does. A default VIOS (1 core at 1.65 GHz, MTU
 * 1500) bridges 113 MB/s.
 *
 * Flows from a partition to the physical LAN cross the SEA:
 * [<partition>@<server>, <server>.vlan, <vios>.sea, <physical link>, ...].
 * The SEA's CPU is the VIOS's own entitlement (its cores count against the
 * server's), not a `.cpu` link: the VIOS does nothing else in this model.
 */
import { maybe, notation } from '../../foundation/declare-forms.ts';
import type { Path } from '../../foundation/path.ts';
import { name, number, object, oneOf, type Resolved } from '../../foundation/declare.ts';
import type { ResolveContext } from '../family.ts';

/** The reference processor of IBM's SEA sizing rule. */
export const SEA_REFERENCE_CLOCK = 1.65e9;
/** GbE TCP payload rates, bytes/s (AIX adapter performance guidelines). */
export const GBE_PAYLOAD = { 1500: 113.0e6, 9000: 117.9e6 } as const;
/** Processors per GbE adapter at full rate (IBM POWER5 "Processor allocation"). */
export const SEA_PROCESSORS_PER_GBE = { 1500: 1, 9000: 0.5 } as const;

export const MTUS = [1500, 9000] as const;
export type Mtu = (typeof MTUS)[number];

/** Cycles one bridged byte costs, from the sizing rule. */
export function seaCyclesPerByte(mtu: Mtu): number {
  return (SEA_PROCESSORS_PER_GBE[mtu] * SEA_REFERENCE_CLOCK) / GBE_PAYLOAD[mtu];
}

export interface ViosDef {
  name: string;
  server: string;
  cores: number;
  /** Hz */
  clock: number;
  mtu: Mtu;
  cyclesPerByte: number;
  /** bytes/s the SEA bridges: cores × clock / cyclesPerByte */
  rate: number;
}

const SIZING = 'IBM POWER5 Infocenter "Processor allocation" (SEA)';

/** `topology.servers.*.vios`, declared once. */
export const VIOS = maybe(object({
  name: name({ description: 'Name of the VIOS partition.', defaultText: 'SERVER-vios', source: 'naming only' }),
  cores: number({ description: 'Cores entitled to the VIOS (taken from the server\'s).', default: 1, unit: 'cores', source: `${SIZING}: one processor per Gigabit Ethernet adapter at MTU 1500` }),
  clock: notation({
    description: 'Processor clock, e.g. "3.5 GHz".',
    pattern: '^\\s*[0-9]+(\\.[0-9]+)?\\s*(GHz|MHz)\\s*$',
    defaultText: `${SEA_REFERENCE_CLOCK / 1e9} GHz (the sizing rule's processor)`,
    unit: 'Hz',
    source: 'the processor of IBM\'s SEA sizing rule (POWER5 "Processor allocation"); "scale by the ratio of the processor frequencies"',
    parse: hertz,
    refused: (written: unknown) => `${JSON.stringify(written)} is not a clock rate; write e.g. "3.5 GHz" or "1650 MHz"`,
  }),
  mtu: oneOf(MTUS, { description: 'Ethernet MTU: 1500 or 9000 (jumbo frames, half the CPU per byte).', default: 1500, unit: 'bytes', source: 'standard Ethernet MTU; 9000 for jumbo frames' }),
  cyclesPerByte: number({
    description: 'Processor cycles per bridged byte; overrides the figure the MTU implies.',
    defaultText: `${seaCyclesPerByte(1500).toFixed(2)} (MTU 1500), ${seaCyclesPerByte(9000).toFixed(2)} (MTU 9000)`,
    unit: 'cycles per byte bridged',
    source: 'derived: 1 processor × 1.65 GHz per GbE at MTU 1500, 0.5 at MTU 9000 (IBM POWER5 "Processor allocation"), over GbE TCP payload 113.0 / 117.9 MB/s (AIX "Adapter performance guidelines"), domain-figures §4. SEA rate = cores × clock / cyclesPerByte',
  }),
}, { description: 'A VIO server partition bridging the virtual LAN to the physical one with a Shared Ethernet Adapter: device link `VIOS.sea`, bandwidth cores × clock / cyclesPerByte; route out [P@NAME, NAME.vlan, VIOS.sea, <physical link>].' }));

/** "3.5 GHz", "1650 MHz" to Hz; undefined for anything else, or no speed at all. */
function hertz(text: string): number | undefined {
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*(GHz|MHz)\s*$/.exec(text);
  const hz = m === null ? 0 : Number(m[1]) * (m[2] === 'GHz' ? 1e9 : 1e6);
  return hz > 0 ? hz : undefined;
}

export function resolveVios(server: string, raw: NonNullable<Resolved<typeof VIOS>>, ctx: ResolveContext, p: Path): ViosDef {
  const name = raw.name ?? `${server}-vios`;
  const { cores, mtu } = raw;
  if (!(cores > 0)) ctx.fail([...p, 'cores'], 'a VIOS needs more than 0 cores to bridge anything');
  const clock = raw.clock ?? SEA_REFERENCE_CLOCK;
  const cyclesPerByte = raw.cyclesPerByte ?? seaCyclesPerByte(mtu);
  if (!(cyclesPerByte > 0)) ctx.fail([...p, 'cyclesPerByte'], 'bridging a byte costs more than 0 cycles');
  return { name, server, cores, clock, mtu, cyclesPerByte, rate: (cores * clock) / cyclesPerByte };
}
