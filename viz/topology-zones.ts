/**
 * FC zones as the topology draws them: each zone's ports, grouped by the
 * node that owns them, so the view can mark every box a zone reaches (the
 * LAN-free client's partition and the library whose drives it is zoned
 * with). A member names a port, or a host or partition standing for its
 * ports in the fabric, as the fabrics family reads it
 * (sim/model/fabrics/family.ts); the document was validated before it gets
 * here, so no member is unknown.
 */
import type { TopoZone } from './run-view.ts';

export interface ZonePort {
  name: string;
  /** the host or partition it is an initiator of; null for a target */
  host: string | null;
}

/** `ownerOf(port)`: the node drawn for a port, or null when the topology draws none. */
export function zonesOf(fabric: string, ports: readonly ZonePort[], zones: readonly (readonly [string, readonly string[]])[], ownerOf: (port: string) => string | null): TopoZone[] {
  const portsOf = (member: string): string[] => (ports.some((p) => p.name === member) ? [member] : ports.filter((p) => p.host === member).map((p) => p.name));
  return zones.map(([name, written]) => {
    const held = [...new Set(written.flatMap(portsOf))];
    const members = new Map<string, string[]>();
    for (const port of held) {
      const node = ownerOf(port);
      if (node !== null) (members.get(node) ?? members.set(node, []).get(node)!).push(port);
    }
    const targets = held.filter((n) => ports.find((p) => p.name === n)?.host === null);
    return { name, fabric, ports: held, targets, members: [...members].map(([node, mine]) => ({ node, ports: mine })) };
  });
}
