/**
 * Routes for the DR services' messages: the fewest links between two hosts,
 * walked over the links' `between` ends (hosts and switches). Ties go to the
 * link declared first, so a route never depends on anything but the file.
 */
import type { LinkDef } from '../../scenario/scenario.ts';

export function routeBetween(links: readonly LinkDef[], from: string, to: string): string[] | null {
  if (from === to) return [];
  const via = new Map<string, { node: string; link: string }>([[from, { node: from, link: '' }]]);
  let frontier = [from];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const l of links) {
        if (l.between === undefined) continue;
        const [a, b] = l.between;
        const other = a === node ? b : b === node ? a : null;
        if (other === null || via.has(other)) continue;
        via.set(other, { node, link: l.name });
        if (other === to) return walkBack(via, from, to);
        next.push(other);
      }
    }
    frontier = next;
  }
  return null;
}

function walkBack(via: Map<string, { node: string; link: string }>, from: string, to: string): string[] {
  const route: string[] = [];
  for (let n = to; n !== from; n = via.get(n)!.node) route.unshift(via.get(n)!.link);
  return route;
}

/** One-way latency of a route, ticks. */
export function routeLatency(links: readonly LinkDef[], route: readonly string[]): number {
  return route.reduce((s, name) => s + links.find((l) => l.name === name)!.latency, 0);
}
