import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BacklabError, codeOf, hasCode } from '../sim/foundation/errors.ts';
import { parseScenarioText } from '../sim/scenario/source.ts';

const root = resolve(new URL('..', import.meta.url).pathname);

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(join(root, p)).isDirectory()) return sources(p);
    return n.endsWith('.ts') ? [p] : [];
  });
}

/**
 * Text read as data, in its direct forms: a pattern tested against an error's
 * message, a step's label or a finding's text, or such a text searched or cut.
 */
const TEXT_AS_DATA = [
  /\.(test|exec)\([^)]*\.(message|label|text)\b/,
  /\.(message|label|text)\s*\.\s*(match|includes|startsWith|endsWith|search|replace)\(/,
  /findingsText\([^)]*\)\s*\.\s*(match|includes|startsWith|search)\(/,
];
const readsText = (line: string) => TEXT_AS_DATA.some((re) => re.test(line));

test('no decision under sim/ or viz/ reads an error message, a label or a finding text (issue 17)', () => {
  const hits = ['sim', 'viz'].flatMap(sources).flatMap((f) => readFileSync(join(root, f), 'utf8').split('\n').map((l, i) => [f, i + 1, l] as const).filter(([, , l]) => readsText(l)).map(([f, n, l]) => `${f}:${n}: ${l.trim()}`));
  assert.equal(hits, []);
});

test('the rule catches the forms it forbids (the ones the code had) and leaves formatting alone', () => {
  assert.ok(readsText("if (/tape drive \\S+ (has )?failed/.test(e.message)) { error = why; break; }"));
  assert.ok(readsText("const figure = FIGURE.test(e.text);"));
  assert.ok(readsText("reason: tf.message.replace(/^transfer of \\d+ bytes failed after \\d+ bytes: /, '')"));
  assert.ok(!readsText("throw new ScenarioError(where, '', `cannot be read as JSON: ${(e as Error).message.split('\\n')[0]}`);"));
});

test('an error says what it is by its code, which a decision reads', () => {
  const e = new BacklabError('tape drive lib/d1 failed', 'tape.drive-failed', { drive: 'lib/d1' });
  assert.ok(hasCode(e, 'tape.drive-failed'));
  assert.is(codeOf(e), 'tape.drive-failed');
  assert.equal(e.data, { drive: 'lib/d1' });
  assert.ok(!hasCode(new Error('tape.drive-failed'), 'tape.drive-failed'), 'the words of a plain error are not a code');
});

test('broken JSON is reported at its line and column without reading the parser\'s words', () => {
  const at = (text: string) => { try { parseScenarioText('x.json', text); } catch (e) { return (e as Error).message.split('  ')[0]; } return ''; };
  assert.is(at('{\n  "name": "a",\n  "seed": }'), 'x.json:3:11');
  assert.is(at('[1, 2'), 'x.json:1:6');
});

test.run();
