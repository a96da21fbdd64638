/**
 * The names of the links the equipment adds to the network, from the names a
 * scenario gives its hosts, ports and servers. Protocols name routes with
 * them and the visualizer finds a link's load by them, so they live here,
 * below both, once.
 */

/** The link from a port into its switch (`tx`) or from the switch to the port (`rx`). */
export function portLink(fabric: string, port: string, dir: 'tx' | 'rx'): string {
  return `${fabric}/${port}:${dir}`;
}

/** One direction of an ISL. */
export function islLink(fabric: string, isl: string, from: string, to: string): string {
  return `${fabric}/${isl}:${from}>${to}`;
}

/** A VIO server's Shared Ethernet Adapter: the bridge between its server's virtual LAN and the physical LAN. */
export const seaLink = (vios: string): string => `${vios}.sea`;
/** A VIOS's NPIV pass-through of virtual FC adapters to its physical FC ports (a device: the VIOS's cores). */
export const npivLink = (vios: string): string => `${vios}.npiv`;
/** A host's CPU as a device link: memory copies share its cores. */
export const cpuLink = (host: string): string => `${host}.cpu`;
/** A POWER server's hypervisor virtual LAN, its partition mover (LPM), and a partition's virtual adapter on a server. */
export const vlanLink = (server: string): string => `${server}.vlan`;
export const moverLink = (server: string): string => `${server}.mover`;
export const adapterLink = (partition: string, server: string): string => `${partition}@${server}`;

/**
 * The kind of equipment a link named by one of the builders above stands
 * for, read back from its name, or null for a link the scenario names itself
 * (scenario names cannot hold '/' or '@'). The bottleneck reports group
 * links by it: two LAN-free servers' HBA ports saturated together are one
 * bottleneck, "2 fc ports", not two halves.
 */
export function equipmentKind(link: string): string | null {
  if (/\/[^/]+:[^>]+>[^>]+$/.test(link)) return 'isl';
  if (/\/[^/]+:(tx|rx)$/.test(link)) return 'fc port';
  if (link.includes('@')) return 'virtual adapter';
  return null;
}
