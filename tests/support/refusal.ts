/** The ScenarioError a scenario text is refused with; fails the test if it loads or throws something else. */
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
