/** The ScenarioError a scenario text is refused with; fails the test if it loads or throws something else. */
import { existsSync } from 'node:fs';
import * as assert from 'uvu/assert';
import { ScenarioError } from '../../sim/foundation/errors.ts';
import { loadScenario, type LoadOptions } from '../../sim/scenario/scenario.ts';

export function refusal(text: string, file = 'bad.yaml', opts: LoadOptions = {}): ScenarioError {
  try {
    loadScenario(file, text, opts);
  } catch (e) {
    assert.instance(e, ScenarioError, `expected a ScenarioError, got ${(e as Error).stack}`);
    return e as ScenarioError;
  }
  throw new Error('expected the scenario to be refused');
}

/** A command refused its input as bad input should be: exit 2, the reason matched, no stack trace, nothing written at `out`. */
export function assertRefused(r: { status: number | null; stderr: string }, want: RegExp, out: string, what: string): void {
  assert.is(r.status, 2, `${what}: ${r.stderr}`);
  assert.match(r.stderr, want);
  assert.not.match(r.stderr, /\n\s+at /, 'no stack trace');
  assert.not.ok(existsSync(out), 'nothing written');
}
