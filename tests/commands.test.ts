import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kernel } from '../sim/engine/kernel.ts';
import { all, any, command, perform, receive, send, sleep, type Op } from '../sim/engine/commands.ts';
import { tapeMount, tapeWrite } from '../sim/model/libraries/commands.ts';
import { vtlReplicate } from '../sim/model/vtls/commands.ts';
import { jobEnd, tally } from '../sim/protocols/common/report.ts';

const root = resolve(new URL('..', import.meta.url).pathname);

test('a constructor gives the plain command the kernel reads: op first, the fields as given, nothing more', () => {
  const w = tapeWrite({ drive: 'lib/d1', bytes: 5e9, route: ['fc-a'], label: 'write', data: { blocks: 2 } });
  assert.equal(Object.keys(w), ['op', 'drive', 'bytes', 'route', 'label', 'data']);
  assert.equal(w, { op: 'tape.write', drive: 'lib/d1', bytes: 5e9, route: ['fc-a'], label: 'write', data: { blocks: 2 } });
  assert.equal(structuredClone(w), w, 'what a worker sends is what the kernel gets');
  assert.equal(tapeMount({ library: 'lib', drive: 'lib/d1', cartridge: 'A00001' }), { op: 'tape.mount', library: 'lib', drive: 'lib/d1', cartridge: 'A00001' });
  assert.is(tapeWrite.op, 'tape.write', 'the handler registers under the same op');
  // Optional fields left out stay out: the trace and a handler's `=== undefined` see the same thing either way, a key check does not.
  assert.equal(Object.keys(vtlReplicate({ vtl: 'v', cartridge: 'c', label: 'r' })), ['op', 'vtl', 'cartridge', 'label']);
  assert.equal(Object.keys(jobEnd('backup a', 10)), ['op', 'job', 'bytes', 'label']);
  assert.equal(Object.keys(tally('blocks')), ['op', 'metric', 'value']);
});

test('a declared command round-trips through the kernel: its handler reads the arguments, the actor gets the result typed', () => {
  const double = command<{ n: number }, { twice: number }>('test.double');
  const k = new Kernel({ seed: 1 });
  const seen: unknown[] = [];
  k.defineCommand(double.op, (cmd, wait, kernel) => {
    seen.push(cmd);
    kernel.resolve(wait, { twice: 2 * double.args(cmd).n });
  });
  const got: unknown[] = [];
  k.spawn('a', function* (): Generator<Op, void, unknown> {
    const r = yield* perform(double({ n: 21, label: 'double 21' }));
    const twice: number = r.twice;
    // @ts-expect-error: the result is typed, so a wrong use fails the typecheck
    const wrong: string = r.twice;
    void wrong;
    const [x, slept] = yield* perform(all([double({ n: 1 }), sleep(5)]));
    const first = yield* perform(any([receive<{ type: 'hello' }>({ type: 'hello' }), double({ n: 4 })]));
    got.push(twice, x.twice, slept, first.index === 1 ? first.value.twice : first.value.body.type);
  });
  k.run();
  assert.equal(got, [42, 2, undefined, 8]);
  assert.equal(seen[0], { op: 'test.double', n: 21, label: 'double 21' });
});

test('receive with a timeout may answer null; without one it answers a message', () => {
  const k = new Kernel({ seed: 1 });
  const got: unknown[] = [];
  k.spawn('b', function* () {
    const none = yield* perform(receive<{ type: 'x' }>({ type: 'x' }, 10));
    got.push(none);
    const m = yield* perform(receive<{ type: 'y'; n: number }>({ type: 'y' }));
    got.push(m.body.n);
  });
  k.spawn('a', function* () {
    yield sleep(20);
    yield send('b', { type: 'y', n: 7 });
  });
  k.run();
  assert.equal(got, [null, 7]);
});

// ---- the acceptance rule of issue 17, enforced from now on ----

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(join(root, p)).isDirectory()) return sources(p);
    return n.endsWith('.ts') ? [p] : [];
  });
}

/** Where a `{ op: ...}` value may be written: the command definitions, and two objects that only share the word. */
const DEFINITIONS: Record<string, string> = {
  'sim/engine/commands.ts': 'the built-in commands',
  'sim/protocols/remotecopy/emf.ts': "the EMF's common commands (SCSI-like steps sent in a message to device control), declared and built here",
  'sim/trace/chrome.ts': "a Chrome trace event's args, not a command",
};
const isDefinition = (f: string) => f in DEFINITIONS || /^sim\/model\/[^/]+\/commands\.ts$/.test(f);

/** `{ op: ` written as a value (not `& { op: 'x' }` or `| { op: 'x' }` in a type). */
export function opLiterals(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, i) => (/(?<![&|] )\{ op: /.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
}

/** A cast on what a yield or perform(...) resolved with: `(yield c) as X`, `(yield c).body as X`, `perform(c)) as X`, or `perform<X>(`. */
export function resultCasts(file: string, text: string): string[] {
  const cast = /(\byield\b.*\)(\.\w+)?\s+as\s+(?:[A-Z{(]|string\b|number\b|boolean\b|unknown\b|any\b))|\bperform</;
  return text.split('\n').flatMap((line, i) => (cast.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
}

test('no `{ op:` literal outside the command definitions (issue 17)', () => {
  const found = sources('sim').filter((f) => !isDefinition(f)).flatMap((f) => opLiterals(f, readFileSync(join(root, f), 'utf8')));
  // The kernel's own type narrowings are types, not literals; see opLiterals.
  assert.equal(found, []);
});

test('no cast on a command result in sim/protocols/ or sim/model/ (issue 17)', () => {
  const found = ['sim/protocols', 'sim/model'].flatMap(sources).flatMap((f) => resultCasts(f, readFileSync(join(root, f), 'utf8')));
  assert.equal(found, []);
});

test('the rules catch what they forbid, and leave types and words alone', () => {
  assert.equal(opLiterals('x.ts', "yield { op: 'tape.write', drive };").length, 1);
  assert.equal(opLiterals('x.ts', "const c = cmd as Command & { op: 'send' };\ntype T =\n  | { op: 'load' };").length, 0);
  assert.equal(resultCasts('x.ts', 'const r = (yield c) as { bytes: number };').length, 1);
  assert.equal(resultCasts('x.ts', "const m = (yield receive({ type: 'a' })).body as Extract<Message, { type: 'a' }>;").length, 1);
  assert.equal(resultCasts('x.ts', 'const r = yield* perform<Where>(c);').length, 1);
  assert.equal(resultCasts('x.ts', 'const r = yield* perform(partitionWhere({ partition }));').length, 0);
  assert.equal(resultCasts('x.ts', 'yield mark(`${l.library} (attached to ${l.vtl}) as a ghost library`);').length, 0);
});

test.run();
