/**
 * The links and flows a re-rate must solve: each dirty link's connected
 * component (links reached through the flows they share), found once however
 * many of its links are dirty. Marks visited links in `linkVisit` and flows in
 * `Flow.visit` with `epoch`; fills `links` and `flows`, which it empties first.
 */
import type { Flow } from './flow.ts';

export function components(dirty: readonly number[], linkFlows: readonly Flow[][], linkVisit: number[], epoch: number, links: number[], flows: Flow[]): void {
  links.length = 0;
  flows.length = 0;
  const stack: number[] = [];
  for (const l of dirty) {
    if (linkVisit[l] === epoch) continue;
    linkVisit[l] = epoch;
    stack.push(l);
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
}
