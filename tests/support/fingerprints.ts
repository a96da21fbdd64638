/** The trace hash of every bundled scenario and variant at one fixed seed: what the fingerprint pins hold. */
import { readdirSync, readFileSync } from 'node:fs';
import { loadScenario } from '../../sim/scenario/scenario.ts';
import { runScenario } from '../../sim/scenario/run.ts';

export const FINGERPRINT_SEED = 42;
export const PIN_FILE = new URL('../fingerprints.json', import.meta.url).pathname;
const dir = new URL('../../scenarios/', import.meta.url);

/** `file.yaml` and `file.yaml [variant]` -> trace hash, in file then variant order. */
export function fingerprints(): Record<string, string> {
  const out: Record<string, string> = {};
  const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f) && f !== 'schema.json').sort();
  for (const f of files) {
    const text = readFileSync(new URL(f, dir), 'utf8');
    const base = loadScenario(`scenarios/${f}`, text);
    for (const variant of [undefined, ...base.variants]) {
      const s = loadScenario(`scenarios/${f}`, text, { variant });
      out[variant === undefined ? f : `${f} [${variant}]`] = runScenario({ ...s, seed: FINGERPRINT_SEED }).traceHash;
    }
  }
  return out;
}
