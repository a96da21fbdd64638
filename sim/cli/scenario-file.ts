/** Reading a scenario file from disk for a command, with --set and --variant applied. */
import { type Scenario } from '../foundation/scenario.ts';
import { readFileSync } from 'node:fs';
import { ScenarioError } from '../foundation/errors.ts';
import { parseSetting, type Setting } from '../scenario/overrides.ts';
import { loadScenario } from '../scenario/scenario.ts';
import { UsageError, type Parsed } from './args.ts';

export function readScenarioText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ScenarioError(file, '', code === 'ENOENT' ? 'no such file' : `cannot be read: ${(e as Error).message}`);
  }
}

/** --set path=value (repeatable) and --until T, as settings applied before the scenario is checked. */
export function settingsOf(p: Parsed, command: string): Setting[] {
  const sets = (p.flags.get('set') ?? []).map((arg) => {
    try { return parseSetting(arg); } catch (e) { throw new UsageError(`${command}: ${(e as Error).message}`); }
  });
  const until = p.flags.get('until')?.[0];
  if (until !== undefined) sets.push(parseSetting(`until=${until}`));
  return sets;
}

export function loadScenarioFile(file: string, opts: { variant?: string; sets?: Setting[] } = {}): Scenario {
  return loadScenario(file, readScenarioText(file), opts);
}
