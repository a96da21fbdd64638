import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { MemorySink } from '../sim/trace/sink.ts';
import { readTrace } from '../sim/trace/reader.ts';
import { plainSentence } from '../viz/narration.ts';

const FALLBACK = 'See the label: this is what the actor does now.';

test('every patent step a LAN-free run traces has a plain sentence for the student, not the fallback', () => {
  const text = readFileSync(new URL('../scenarios/lan-vs-lanfree.yaml', import.meta.url), 'utf8');
  for (const variant of ['shared', 'dedicated']) {
    const sink = new MemorySink();
    runScenario(loadScenario('scenarios/lan-vs-lanfree.yaml', text, { variant }), { sink });
    const labels = new Set<string>();
    for (const r of readTrace(sink.bytes())) {
      if ((r.type === 'step' || r.type === 'mark' || r.type === 'send') && /^(FIG\. \d|tape reconfiguration|LPM:)/.test(r.label)) labels.add(r.label);
    }
    assert.ok(labels.size > 10, `${variant}: ${labels.size} labels`);
    for (const l of labels) assert.is.not(plainSentence(undefined, l), FALLBACK, l);
  }
});

test('the sentence follows the label before the operation, and the operation before the fallback', () => {
  assert.match(plainSentence('tape.write', 'FIG. 3 steps 2-7: lpar1 sends 2 GB via ...'), /storage agent/);
  assert.match(plainSentence('tape.write', 'lib1/d1: write 2 GB to A00001L8'), /streams onto the tape/);
  assert.is(plainSentence('no.such.op', 'something'), FALLBACK);
});

test.run();
