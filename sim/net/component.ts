/**
 * The links and flows a re-rate must solve: a dirty link's connected
 * component (links reached through the flows they share), found once however
 * many of its links are dirty. Marks visited links in `linkVisit` and flows in
 * `Flow.visit` with `epoch`; writes them into `out` at its counts. `stack` is
 * the caller's scratch array, so that a re-rate allocates nothing.
 */
import type { Flow } from './flow.ts';

/** Arrays written at their counts, not pushed to: see RerateSet.collect for why. */
export interface Gathered {
  readonly links: number[];
  readonly flows: Flow[];
  linkCount: number;
  flowCount: number;
}

export function addComponent(root: number, linkFlows: readonly Flow[][], linkVisit: number[], epoch: number, out: Gathered, stack: number[]): void {
  const { links, flows } = out;
  if (linkVisit[root] === epoch) return;
  linkVisit[root] = epoch;
  stack.length = 0;
  stack.push(root);
  while (stack.length > 0) {
    const x = stack.pop()!;
    links[out.linkCount++] = x;
    const onLink = linkFlows[x];
    for (let j = 0; j < onLink.length; j++) {
      const f = onLink[j];
      if (f.visit === epoch) continue;
      f.visit = epoch;
      flows[out.flowCount++] = f;
      const route = f.route;
      for (let i = 0; i < route.length; i++) {
        const m = route[i];
        if (linkVisit[m] !== epoch) { linkVisit[m] = epoch; stack.push(m); }
      }
    }
  }
}
