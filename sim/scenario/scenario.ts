/**
 * A scenario as the simulator uses it: checked, with every quantity in
 * bytes, bytes/s or ticks. loadScenario() is the one way in, for the CLI, the
 * sweeps and the visualizer alike: parse, apply the variant and --set
 * overrides, check against the schema, check the meaning, resolve units.
 */
import type { Scenario } from '../foundation/scenario.ts';
import { type Path } from '../foundation/path.ts';
import { ScenarioError } from '../foundation/errors.ts';
import { applySetting, deepMerge, type Setting } from './overrides.ts';
import { resolveScenario } from './semantics.ts';
import { parseScenarioText } from './source.ts';
import { validateScenario } from './validate.ts';

export interface LoadOptions {
  /** a variant named in the scenario's `variants` */
  variant?: string;
  sets?: Setting[];
}

export function loadScenario(file: string, text: string, opts: LoadOptions = {}): Scenario {
  const src = parseScenarioText(file, text);
  let doc = src.doc;
  const overridden: Path[] = [];
  const variants = variantNames(doc);
  if (opts.variant !== undefined) {
    if (!variants.includes(opts.variant)) {
      throw new ScenarioError(file, 'variants', variants.length ? `no variant named '${opts.variant}'; it has: ${variants.join(', ')}` : `no variant named '${opts.variant}'; the scenario has no variants`);
    }
    const over = (doc as { variants: Record<string, unknown> }).variants[opts.variant];
    doc = deepMerge(doc, over);
  }
  for (const s of opts.sets ?? []) {
    doc = applySetting(doc, s);
    overridden.push(s.path);
  }
  // A field changed by --set has no place in the file; say so instead of pointing at the old value.
  const where = (path: Path): string => {
    const key = JSON.stringify(path);
    if (overridden.some((p) => key.startsWith(JSON.stringify(p).slice(0, -1)))) return `${file} (--set)`;
    const pos = src.position(path);
    return pos ? `${file}:${pos.line}:${pos.col}` : file;
  };
  validateScenario({ ...src, doc }, where);
  const scenario = resolveScenario(doc as Record<string, unknown>, file, where);
  scenario.variants = variants;
  scenario.variant = opts.variant ?? null;
  scenario.settings = [...(opts.variant ? [`variant=${opts.variant}`] : []), ...(opts.sets ?? []).map((s) => s.text)];
  return scenario;
}

function variantNames(doc: unknown): string[] {
  const v = (doc as { variants?: unknown } | null)?.variants;
  return typeof v === 'object' && v !== null ? Object.keys(v) : [];
}
