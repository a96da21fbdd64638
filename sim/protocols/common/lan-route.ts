/**
 * The route between two hosts over the scenario's physical links (the ones
 * with `between`): fewest hops, ties broken by the order the links are
 * written in the scenario, so a route never depends on iteration order of
 * anything unordered. Protocols use it for the LAN and WAN legs of their data
 * and control paths; FC routes come from the fabric (fc-fabric.ts).
 */

/** Link names from `from` to `to`, or null if no path joins them. */
export function lanRoute(links: readonly LinkDef[], from: string, to: string): string[] | null {
  if (from === to) return [];
  // Breadth-first from `to`, so walking down the distances from `from` takes the first link in scenario order.
  const dist = new Map<string, number>([[to, 0]]);
  for (let frontier = [to], d = 1; frontier.length > 0 && !dist.has(from); d++) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const l of links) {
        const other = otherEnd(l, node);
        if (other !== undefined && !dist.has(other)) { dist.set(other, d); next.push(other); }
      }
    }
    frontier = next;
  }
  if (!dist.has(from)) return null;
  const route: string[] = [];
  for (let at = from; at !== to;) {
    const here = at;
    const step = links.find((l) => { const o = otherEnd(l, here); return o !== undefined && dist.get(o) === dist.get(here)! - 1; })!;
    route.push(step.name);
    at = otherEnd(step, here)!;
  }
  return route;
}

function otherEnd(l: LinkDef, node: string): string | undefined {
  if (l.between === undefined) return undefined;
  return l.between[0] === node ? l.between[1] : l.between[1] === node ? l.between[0] : undefined;
}import type { LinkDef } from '../../foundation/scenario.ts';

