/**
 * The VIO server partition: its Shared Ethernet Adapter, a layer-2 bridge in
 * software between the hypervisor's virtual Ethernet and a physical adapter,
 * and its NPIV pass-through of virtual Fibre Channel client adapters to its
 * physical FC ports. Both cost VIOS processor cycles, priced by the one cost
 * law (byte-cost.ts), and each is a device link whose bandwidth is what the
 * VIOS cores can move:
 *
 *   `<vios>.sea`   rate = cores × clock / SEA cycles per byte
 *   `<vios>.npiv`  rate = cores × clock / NPIV cycles per byte
 *
 * SEA cycles per byte come from IBM's SEA sizing rule (POWER5 Infocenter
 * "Processor allocation", domain-figures §4): at MTU 1500 one 1.65 GHz
 * processor drives one Gigabit Ethernet adapter to its maximum bandwidth, at
 * MTU 9000 half of one does. GbE's maximum TCP payload is 948 Mb/s at MTU 1500
 * and 989 Mb/s at MTU 9000 (AIX "Adapter performance guidelines"; the guide's
 * "MB/s" column, 113.0 and 117.9, is MiB/s), so one byte costs
 * 1.65e9 / 118.5e6 = 13.9 cycles at MTU 1500 and 0.5 × 1.65e9 / 123.6e6 =
 * 6.7 at MTU 9000; byte-cost.ts splits the two points into a cost per packet
 * and per byte. Cycles scale with the clock, as the rule says. A default VIOS
 * (1 core at 1.65 GHz, MTU 1500) bridges 118.5 MB/s.
 *
 * Flows from a partition to the physical LAN cross the SEA:
 * [<partition>@<server>, <server>.vlan, <vios>.sea, <physical link>, ...];
 * a partition's NPIV I/O crosses [<partition>.cpu, <vios>.npiv, <the VIOS's
 * FC port>, ...]. The two are the VIOS's own entitlement (its cores count
 * against the server's), not a `.cpu` link: the VIOS does nothing else in
 * this model, and a VIOS both bridging and passing NPIV through is charged
 * on two links (the sharing of its cores between them is not modelled).
 */
import { maybe } from '../../foundation/declare-forms.ts';
import { clockField } from './host.ts';
import type { Path } from '../../foundation/path.ts';
import { name, number, object, oneOf, type Resolved } from '../../foundation/declare.ts';
import type { ResolveContext } from '../family.ts';
import { cpuBoundRate, cyclesPerByte, npivLayer, SEA_REFERENCE_CLOCK, seaLayer } from './byte-cost.ts';
import { ioCostFields } from './cpu-cost.ts';


export const MTUS = [1500, 9000] as const;
export type Mtu = (typeof MTUS)[number];

/** Cycles one bridged byte costs, by the cost law (it meets the sizing rule at both MTUs). */
export function seaCyclesPerByte(mtu: Mtu): number {
  return cyclesPerByte(seaLayer(mtu), 0);
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
  /** cycles one byte passed through NPIV costs the VIOS: its ioCycles / ioSize */
  npivCyclesPerByte: number;
  /** bytes/s the VIOS passes through NPIV: cores × clock / npivCyclesPerByte */
  npivRate: number;
}

const SIZING = 'IBM POWER5 Infocenter "Processor allocation" (SEA)';

/** `topology.servers.*.vios`, declared once. */
export const VIOS = maybe(object({
  name: name({ description: 'Name of the VIOS partition.', defaultText: 'SERVER-vios', source: 'naming only' }),
  cores: number({ description: 'Cores entitled to the VIOS (taken from the server\'s).', default: 1, unit: 'cores', source: `${SIZING}: one processor per Gigabit Ethernet adapter at MTU 1500` }),
  clock: clockField('Processor clock, e.g. "3.5 GHz".', `${SEA_REFERENCE_CLOCK / 1e9} GHz (the sizing rule's processor)`, 'the processor of IBM\'s SEA sizing rule (POWER5 "Processor allocation"); "scale by the ratio of the processor frequencies"'),
  mtu: oneOf(MTUS, { description: 'Ethernet MTU: 1500 or 9000 (jumbo frames, half the CPU per byte).', default: 1500, unit: 'bytes', source: 'standard Ethernet MTU; 9000 for jumbo frames' }),
  cyclesPerByte: number({
    description: 'Processor cycles per bridged byte; overrides the figure the MTU implies.',
    defaultText: `${seaCyclesPerByte(1500).toFixed(2)} (MTU 1500), ${seaCyclesPerByte(9000).toFixed(2)} (MTU 9000)`,
    unit: 'cycles per byte bridged',
    derive: (entry) => seaCyclesPerByte((entry.mtu ?? 1500) as Mtu),
    spread: { factors: [1, 118.5 / 100], source: 'up to IBM\'s SEA planning rule of thumb, 100 MB/s simplex per GbE (HMC V7R3.4 Infocenter, SEA planning), against the 118.5 MB/s of TCP payload the sizing rule is read at here: 1.185 × the cycles (domain-figures §4)' },
    source: 'derived: 1 processor × 1.65 GHz per GbE at MTU 1500, 0.5 at MTU 9000 (IBM POWER5 "Processor allocation"), over GbE TCP payload 948 / 989 Mb/s = 118.5 / 123.6 MB/s (AIX "Adapter performance guidelines", whose MB/s column is MiB/s), domain-figures §4. SEA rate = cores × clock / cyclesPerByte',
  }),
  ...ioCostFields('the VIOS relays through NPIV for a client partition (the vfchost adapter relays the command; the HBA DMAs to the client\'s memory, so no byte is touched; IBM publishes no NPIV figure, so the order of a Virtual SCSI operation)'),
}, { description: 'A VIO server partition bridging the virtual LAN to the physical one with a Shared Ethernet Adapter: device link `VIOS.sea`, bandwidth cores × clock / cyclesPerByte; route out [P@NAME, NAME.vlan, VIOS.sea, <physical link>]; and passing virtual FC (NPIV) through to its FC ports: device link `VIOS.npiv`, bandwidth cores × clock / NPIV cycles per byte.' }));

export function resolveVios(server: string, raw: NonNullable<Resolved<typeof VIOS>>, ctx: ResolveContext, p: Path): ViosDef {
  const name = raw.name ?? `${server}-vios`;
  const { cores, mtu } = raw;
  if (!(cores > 0)) ctx.fail([...p, 'cores'], 'a VIOS needs more than 0 cores to bridge anything');
  const clock = raw.clock ?? SEA_REFERENCE_CLOCK;
  const seaCycles = raw.cyclesPerByte ?? seaCyclesPerByte(mtu);
  if (!(seaCycles > 0)) ctx.fail([...p, 'cyclesPerByte'], 'bridging a byte costs more than 0 cycles');
  const npivCyclesPerByte = cyclesPerByte(npivLayer(raw), 0);
  return { name, server, cores, clock, mtu, cyclesPerByte: seaCycles, rate: cpuBoundRate(cores, clock, seaCycles), npivCyclesPerByte, npivRate: cpuBoundRate(cores, clock, npivCyclesPerByte) };
}
