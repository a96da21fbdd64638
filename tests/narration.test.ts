import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { MemorySink } from '../sim/trace/sink.ts';
import { readTrace } from '../sim/trace/reader.ts';
import { plainSentence } from '../viz/narration.ts';
import { storyData } from '../sim/foundation/story.ts';

const FALLBACK = 'See the label: this is what the actor does now.';

test('every patent step and LPM moment a LAN-free run traces has a plain sentence for the student, read from its data', () => {
  const text = readFileSync(new URL('../scenarios/lan-vs-lanfree.yaml', import.meta.url), 'utf8');
  for (const variant of ['shared', 'dedicated']) {
    const sink = new MemorySink();
    runScenario(loadScenario('scenarios/lan-vs-lanfree.yaml', text, { variant }), { sink });
    const told = new Map<string, { op: string | undefined; data: unknown }>();
    for (const r of readTrace(sink.bytes())) {
      if (r.type !== 'step' && r.type !== 'mark') continue;
      const story = storyData(r.data);
      if (story.figure !== undefined || story.event !== undefined) told.set(r.label, { op: r.type === 'step' ? r.op : undefined, data: r.data });
    }
    assert.ok(told.size > 10, `${variant}: ${told.size} labels`);
    for (const [label, { op, data }] of told) assert.is.not(plainSentence(op, data), FALLBACK, label);
    // The labels still read as before: the data sits beside them.
    assert.ok([...told.keys()].some((l) => l.startsWith('FIG. 3 steps 2-7: ')), variant);
  }
});

test('the sentence follows the figure step\'s data, a part before its whole step, then the operation, then the fallback; never the label', () => {
  const fig = (figure: string, step: string | null, part?: string) => ({ figure: { protocol: 'lanfree', figure, step, ...(part ? { part } : {}) } });
  assert.match(plainSentence('tape.write', fig('3', '2-7')), /storage agent/);
  assert.match(plainSentence('send', fig('4', null, 'assign')), /gives the session a tape drive/);
  assert.match(plainSentence('send', fig('4', null, 'something else')), /Protocol information between/);
  assert.match(plainSentence('job.begin', { figure: { protocol: 'vmdr', figure: '3A', step: '4' } }), /declare a disaster/);
  assert.match(plainSentence('sleep', { figure: { protocol: 'vmdr', figure: '3A', step: '4' } }), /the clock runs/);
  assert.match(plainSentence('sleep', { event: 'lpm-paused' }), /stops for a moment/);
  // The same figure number in another protocol's patent is another step.
  assert.is.not(plainSentence(undefined, { figure: { protocol: 'consistentsnap', figure: '3', step: '1' } }), plainSentence(undefined, fig('3', '1')));
  assert.match(plainSentence('tape.write', undefined), /streams onto the tape/);
  assert.is(plainSentence('no.such.op', { label: 'FIG. 3 step 8: written' }), FALLBACK);
});

test.run();
