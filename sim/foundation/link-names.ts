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
/** A host's CPU as a device link: memory copies share its cores. */
export const cpuLink = (host: string): string => `${host}.cpu`;
/** A POWER server's hypervisor virtual LAN, its partition mover (LPM), and a partition's virtual adapter on a server. */
export const vlanLink = (server: string): string => `${server}.vlan`;
export const moverLink = (server: string): string => `${server}.mover`;
export const adapterLink = (partition: string, server: string): string => `${partition}@${server}`;
