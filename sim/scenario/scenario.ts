/**
 * A scenario as the simulator uses it: checked, with every quantity in
 * bytes, bytes/s or ticks. loadScenario() is the one way in, for the CLI, the
 * sweeps and the visualizer alike: parse, apply the variant and --set
 * overrides, check against the schema, check the meaning, resolve units.
 */
import { ScenarioError } from './errors.ts';
import { applySetting, deepMerge, type Setting } from './overrides.ts';
import { resolveScenario } from './semantics.ts';
import { parseScenarioText, type Path } from './source.ts';
import { validateScenario } from './validate.ts';
import type { Check } from './checks.ts';

export interface LinkDef {
  name: string;
  between?: [string, string];
  bandwidth: number;
  latency: number;
  flowCap?: number;
}

export interface FlowDef {
  name: string;
  from?: string;
  to?: string;
  route: string[];
  bytes: number;
  start: number;
  cap?: number;
}

export interface JobDef {
  name: string;
  kind: string;
  start: number;
  /** plain commands, units resolved */
  steps: (Record<string, unknown> & { op: string })[];
}

export type FaultDef =
  | { kind: 'link-down' | 'link-up' | 'host-fails' | 'host-recovers' | 'site-fails' | 'device-fails'; at: number; target: string; index: number }
  | { kind: 'migrate'; at: number; target: string; to: string; index: number }
  | { kind: 'random'; index: number; failure: 'link-flap' | 'host-failure'; targets: string[]; mtbf: number; mttr: number; from: number; until: number };

export interface Scenario {
  file: string;
  name: string;
  description: string;
  seed: number;
  /** ticks; null: run until nothing is left to do */
  until: number | null;
  /** worker threads or Web Workers for the actors; 0: in-process (sim/workers/) */
  workers: number;
  sites: string[];
  /** host name -> site */
  hosts: Map<string, string | undefined>;
  switches: Map<string, string | undefined>;
  links: LinkDef[];
  flows: FlowDef[];
  jobs: JobDef[];
  /** each equipment family's resolved section, by topology key */
  models: Map<string, unknown>;
  faults: FaultDef[];
  /** the protocol's resolved parameters (Protocol.resolve), or null for a network or job scenario */
  protocol: { name: string; def: unknown } | null;
  checks: Check[];
  /** ticks; null: chosen from the run's length */
  interval: number | null;
  variants: string[];
  variant: string | null;
  settings: string[];
}

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
