/**
 * Makes a failing scenario smaller while it still fails the same way:
 * delta debugging over the document. Each candidate removes one element of
 * a list or one entry of a map (a fault, a flow, a partition, a client ...),
 * largest first; a candidate that no longer loads, or no longer fails with
 * the same invariant, is dropped. Passes repeat until none removes anything
 * or the budget of runs is spent. No generator-specific knowledge needed.
 */
type Node = unknown;
type Doc = Record<string, unknown>;
type Path = (string | number)[];

/** Every removable node's path, largest subtree first (ties in document order). */
export function removable(doc: Doc): Path[] {
  const out: { path: Path; size: number; order: number }[] = [];
  const walk = (node: Node, path: Path): number => {
    if (Array.isArray(node)) {
      let size = 1;
      node.forEach((x, i) => {
        const s = walk(x, [...path, i]);
        out.push({ path: [...path, i], size: s, order: out.length });
        size += s;
      });
      return size;
    }
    if (node !== null && typeof node === 'object') {
      let size = 1;
      for (const [k, v] of Object.entries(node as Doc)) {
        const s = walk(v, [...path, k]);
        if (path.length > 0) out.push({ path: [...path, k], size: s, order: out.length });
        size += s;
      }
      return size;
    }
    return 1;
  };
  walk(doc, []);
  return out.sort((a, b) => b.size - a.size || a.order - b.order).map((x) => x.path);
}

export function without(doc: Doc, path: Path): Doc {
  const copy = structuredClone(doc);
  let node = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (Array.isArray(node)) node.splice(last as number, 1);
  else delete node[last];
  return copy;
}

/** The smallest document found that `stillFails`, and how many candidate runs it took. */
export function shrink(doc: Doc, stillFails: (d: Doc) => boolean, maxRuns = 300): { doc: Doc; runs: number; removed: number } {
  let best = doc;
  let runs = 0;
  let removed = 0;
  for (let progress = true; progress && runs < maxRuns;) {
    progress = false;
    for (const path of removable(best)) {
      if (runs >= maxRuns) break;
      const candidate = without(best, path);
      runs++;
      if (stillFails(candidate)) {
        best = candidate;
        removed++;
        progress = true;
        break; // paths shift after a removal: list them again
      }
    }
  }
  return { doc: best, runs, removed };
}
