/**
 * An independent max-min fair allocation, written plainly for tests: the
 * textbook water-filling over all constraints at once, O(F·L) per round.
 * Deliberately shares no code with sim/net.
 */
export interface RefFlow {
  route: number[];
  cap: number;
}

export function referenceMaxMin(bandwidth: number[], flows: RefFlow[]): number[] {
  const rate = flows.map(() => 0);
  const frozen = flows.map(() => false);
  const remaining = bandwidth.slice();
  for (;;) {
    const open = flows.map((_, i) => i).filter((i) => !frozen[i]);
    if (open.length === 0) return rate;
    // The smallest increment any constraint allows to every open flow.
    let inc = Infinity;
    for (let l = 0; l < bandwidth.length; l++) {
      const n = open.filter((i) => flows[i].route.includes(l)).length;
      if (n > 0) inc = Math.min(inc, remaining[l] / n);
    }
    for (const i of open) inc = Math.min(inc, flows[i].cap - rate[i]);
    for (const i of open) {
      rate[i] += inc;
      for (const l of flows[i].route) remaining[l] -= inc;
    }
    const tol = (x: number) => 1e-9 * Math.max(1, x);
    for (const i of open) {
      const capped = flows[i].cap < Infinity && flows[i].cap - rate[i] <= tol(flows[i].cap);
      const saturated = flows[i].route.some((l) => remaining[l] <= tol(bandwidth[l]));
      if (capped || saturated) frozen[i] = true;
    }
  }
}
