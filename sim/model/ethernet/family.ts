/**
 * Ethernet ports. A link entry may say what it is (`port: 10GbE, mtu: 9000`)
 * instead of how fast it is: the bandwidth it implies is the TCP payload rate
 * one stream reaches on such a port, not the line rate. Preamble, inter-frame
 * gap, Ethernet, IP and TCP headers all come out of every frame, so a bigger
 * MTU carries more payload per byte on the wire. An explicit `bandwidth`
 * still wins (a measured figure, a CPU-bound host).
 */
import { withRows } from '../../foundation/declare-forms.ts';
import type { Path } from '../../foundation/path.ts';
import { object, oneOf, resolveField, type DocRow } from '../../foundation/declare.ts';
import type { Family, LinkDefaults, ResolveContext } from '../family.ts';

export const ETHERNET_PORTS = ['100MbE', '1GbE', '10GbE', '25GbE'] as const;
export type EthernetPort = (typeof ETHERNET_PORTS)[number];
export const ETHERNET_MTUS = [1500, 9000] as const;

const AIX = 'IBM AIX 7.2 "Adapter performance guidelines", Table 1 (dedicated adapter, simplex TCP streaming), https://www.ibm.com/docs/ssw_aix_72/performance/adapter_perf_guides.html; domain-figures §4';

interface Figure {
  /** usable TCP payload, bytes/s */
  rate: number;
  /** as the source prints it */
  printed: string;
  source: string;
}

/**
 * Usable TCP payload rates by port and MTU. The AIX table gives Mb/s and "MB/s";
 * its MB are MiB (948 Mb/s / 8 / 2^20 = 113.0), so the bit rates are used here:
 * 948 Mb/s is 118.5e6 bytes/s.
 */
export const TCP_PAYLOAD: Record<EthernetPort, Partial<Record<number, Figure>>> = {
  '100MbE': { 1500: { rate: 94.8e6 / 8, printed: '94.8 Mb/s (11.3 MiB/s), full duplex', source: AIX } },
  '1GbE': {
    1500: { rate: 948e6 / 8, printed: '948 Mb/s (113.0 MiB/s)', source: AIX },
    9000: { rate: 989e6 / 8, printed: '989 Mb/s (117.9 MiB/s)', source: AIX },
  },
  '10GbE': {
    1500: { rate: 7200e6 / 8, printed: '7200 Mb/s (858 MiB/s; peak 9415 Mb/s), RFC 1323 on', source: AIX },
    9000: { rate: 9631e6 / 8, printed: '9631 Mb/s (1148 MiB/s; peak 9891 Mb/s), RFC 1323 on', source: AIX },
  },
  '25GbE': {
    1500: {
      rate: (25e9 * 1448) / 1538 / 8,
      printed: '25 Gb/s × 1448/1538 ≈ 23.5 Gb/s (2.94 GB/s)',
      source: 'UNSOURCED measurement: no published 25 GbE TCP rate found (domain-figures §4, §12); derived from the wire efficiency of a 1500-byte MTU (1448 B of TCP payload per 1538 B on the wire). The same derivation gives the 10 GbE *peak* (9415 Mb/s), not its sustained 7200, so expect less in practice (CPU-bound)',
    },
  },
};

const KNOWN = ETHERNET_PORTS.flatMap((p) => Object.keys(TCP_PAYLOAD[p]).map((m) => `${p} at MTU ${m}`)).join(', ');

/** The usable TCP payload rate of a port at an MTU, bytes/s; undefined for a combination nobody published. */
export function tcpPayloadRate(port: EthernetPort, mtu: number): number | undefined {
  return TCP_PAYLOAD[port]?.[mtu]?.rate;
}

/** One README row per published figure, under the port field: `links.*.port: 10GbE, mtu: 9000`. */
const figureRows = (name: string): DocRow[] => ETHERNET_PORTS.flatMap((port) => Object.entries(TCP_PAYLOAD[port]).map(([mtu, f]): DocRow => ({
  name: `${name}: ${port}, mtu: ${mtu}`,
  default: `${(f!.rate / 1e6).toFixed(2)} MB/s (${f!.printed})`,
  unit: 'bytes/s, usable TCP payload per direction',
  source: f!.source,
})));

/** The fields a link entry may add. */
const LINK = {
  port: withRows(oneOf(ETHERNET_PORTS, {
    description: 'An Ethernet port: the link\'s bandwidth becomes the usable TCP payload rate of one stream on it (AIX adapter guide), unless bandwidth is given.',
    unit: 'port type; implies the bandwidth below',
  }), figureRows),
  mtu: oneOf(ETHERNET_MTUS, {
    description: 'Frame size with `port`: 1500 or 9000 (jumbo frames).',
    default: 1500,
    unit: 'bytes',
    source: 'IEEE 802.3 standard frame payload; 9000 (jumbo) must be asked for, as in the AIX table',
  }),
};
const PORT = object(LINK);

function linkDefaults(entry: Record<string, unknown>, ctx: ResolveContext, path: Path): LinkDefaults | undefined {
  const { port, mtu } = resolveField(PORT, entry, path, ctx);
  if (port === undefined) {
    if (entry.mtu !== undefined) ctx.fail([...path, 'mtu'], "an MTU needs a port type: add 'port' (e.g. 10GbE) or leave out 'mtu'");
    return undefined;
  }
  const rate = tcpPayloadRate(port, mtu);
  if (rate === undefined) {
    // A measured bandwidth makes the pair descriptive only; without one there is nothing to imply.
    if (entry.bandwidth !== undefined) return undefined;
    ctx.fail([...path, entry.mtu === undefined ? 'port' : 'mtu'], `no published TCP payload rate for ${port} at MTU ${mtu}; known: ${KNOWN}. Give the link a bandwidth instead`);
  }
  return { bandwidth: rate };
}

export const ethernetFamily: Family<undefined> = {
  key: 'ethernet',
  title: 'Ethernet ports on links: usable TCP throughput by port speed and MTU',
  declares: { link: LINK },
  ops: {},
  linkDefaults,
  resolve: () => undefined,
  build: () => undefined,
};
