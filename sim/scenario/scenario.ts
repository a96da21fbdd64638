/**
 * A scenario as the simulator uses it: checked, with every quantity in
 * bytes, bytes/s or ticks. loadScenario() is the one way in, for the CLI, the
 * sweeps and the visualizer alike: parse, apply the variant and --set
 * overrides, check against the schema, check the meaning, resolve units.
 */
import type { Scenario } from '../foundation/scenario.ts';
import { type Path } from '../foundation/path.ts';
import { ScenarioError } from '../foundation/errors.ts';
import { applySetting, deepMerge, SettingError, type Setting } from './overrides.ts';
import { resolveScenario } from './semantics.ts';
import { parseScenarioText, type ScenarioSource } from './source.ts';
import { validateScenario } from './validate.ts';

export interface LoadOptions {
  /** a variant named in the scenario's `variants` */
  variant?: string;
  sets?: Setting[];
  /** the text already parsed (parseScenarioText of the same file and text): `validate` reads a file's variants from one parse, not one each */
  source?: ScenarioSource;
}

export function loadScenario(file: string, text: string, opts: LoadOptions = {}): Scenario {
  const src = opts.source ?? parseScenarioText(file, text);
  const doc0 = src.doc;
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
    try { doc = applySetting(doc, s); } catch (e) {
      if (e instanceof SettingError) throw new ScenarioError(`${file} (--set)`, e.at, e.message);
      throw e;
    }
    overridden.push(s.path);
  }
  // A field changed by --set has no place in the file; say so instead of pointing at the old value.
  // A field the variant gave is blamed at the variant's own line.
  const where = (path: Path): string => {
    if (overridden.some((p) => startsWith(path, p))) return `${file} (--set)`;
    const given = opts.variant === undefined ? undefined : variantPart(doc0, opts.variant, path);
    const pos = src.position(given ?? path);
    const at = pos ? `${file}:${pos.line}:${pos.col}` : file;
    return given === undefined ? at : `${at} (variant ${opts.variant})`;
  };
  validateScenario({ ...src, doc }, where);
  const scenario = resolveScenario(doc as Record<string, unknown>, file, where);
  scenario.variants = variants;
  scenario.variant = opts.variant ?? null;
  scenario.settings = [...(opts.variant ? [`variant=${opts.variant}`] : []), ...(opts.sets ?? []).map((s) => s.text)];
  return scenario;
}

function startsWith(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((k, i) => k === path[i]);
}

/**
 * Where in the file the variant gave the value at `path`: the variant's own
 * field, or a field above it that the variant replaced whole; undefined when
 * the value is the base file's.
 */
function variantPart(doc: unknown, variant: string, path: Path): Path | undefined {
  if (path.length === 0) return undefined;
  let node = (doc as { variants: Record<string, unknown> }).variants[variant];
  const at: Path = ['variants', variant];
  for (const k of path) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return at; // replaced whole here
    if (!Object.hasOwn(node, k)) return undefined;
    node = (node as Record<string | number, unknown>)[k];
    at.push(k);
  }
  return at;
}

function variantNames(doc: unknown): string[] {
  const v = (doc as { variants?: unknown } | null)?.variants;
  return typeof v === 'object' && v !== null ? Object.keys(v) : [];
}
