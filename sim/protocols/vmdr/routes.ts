/** Latency of the DR services' message routes (found by sim/protocols/common/lan-route.ts). */

/** One-way latency of a route, ticks. */
export function routeLatency(links: readonly LinkDef[], route: readonly string[]): number {
  return route.reduce((s, name) => s + links.find((l) => l.name === name)!.latency, 0);
}import type { LinkDef } from '../../foundation/scenario.ts';

