/**
 * The links and flows a re-rate must solve: a dirty link's connected
 * component (links reached through the flows they share), found once however
 * many of its links are dirty. Marks visited links in `linkVisit` and flows in
 * `Flow.visit` with `epoch`; appends to `links` and `flows`. `stack` is the
 * caller's scratch array, so that a re-rate allocates nothing.
 */
import type { Flow } from './flow.ts';

export function addComponent(root: number, linkFlows: readonly Flow[][], linkVisit: number[], epoch: number, links: number[], flows: Flow[], stack: number[]): void {
  if (linkVisit[root] === epoch) return;
  linkVisit[root] = epoch;
  stack.length = 0;
  stack.push(root);
  while (stack.length > 0) {
    const x = stack.pop()!;
    links.push(x);
    const onLink = linkFlows[x];
    for (let j = 0; j < onLink.length; j++) {
      const f = onLink[j];
      if (f.visit === epoch) continue;
      f.visit = epoch;
      flows.push(f);
      const route = f.route;
      for (let i = 0; i < route.length; i++) {
        const m = route[i];
        if (linkVisit[m] !== epoch) { linkVisit[m] = epoch; stack.push(m); }
      }
    }
  }
}
