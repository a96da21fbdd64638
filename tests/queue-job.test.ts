import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkJob, decodeResult, encodeResult, JobRefused, batchId, type SweepQueueJob } from '../sim/cli/queue-job.ts';
import { parseQueueUrl } from '../sim/cli/queue-url.ts';
import { UsageError } from '../sim/cli/args.ts';

const GOOD: SweepQueueJob = {
  kind: 'sweep', version: '1.2.3', run: 4, name: 'net.yaml', docHash: 'ab'.repeat(32), variant: null,
  sets: ['until=1 h'], settings: { until: '1 h' }, seed: 7, maxEvents: 1000,
};

const refused = (data: unknown, why: RegExp) => {
  try { checkJob(data, '1.2.3'); } catch (e) {
    assert.instance(e, JobRefused);
    assert.match((e as Error).message, why);
    return;
  }
  assert.unreachable(`accepted ${JSON.stringify(data)}`);
};

test('a well-formed sweep job and fuzz job are accepted as they are', () => {
  assert.equal(checkJob(structuredClone(GOOD), '1.2.3'), GOOD);
  const fuzz = { kind: 'fuzz', version: '1.2.3', case: { kind: 'lanfree', seed: 3, faults: 'heavy', twice: false, placed: true } };
  assert.equal(checkJob(fuzz, '1.2.3'), fuzz);
});

test('a worker refuses paths, code, unknown fields, wrong types and another version', () => {
  refused({ ...GOOD, name: '/etc/passwd' }, /is a path/);
  refused({ ...GOOD, name: '..' }, /is a path/);
  refused({ ...GOOD, file: 'net.yaml' }, /unknown field file/);
  refused({ ...GOOD, code: 'process.exit(1)' }, /unknown field code/);
  refused({ ...GOOD, kind: 'eval' }, /kind is "eval"/);
  refused({ ...GOOD, docHash: 'name: x' }, /docHash is not a SHA-256/);
  refused({ ...GOOD, docHash: undefined, doc: 'name: x' }, /unknown field doc/);
  refused({ ...GOOD, seed: -1 }, /seed is not a whole number/);
  refused({ ...GOOD, seed: 1.5 }, /seed is not a whole number/);
  refused({ ...GOOD, sets: 'until=1 h' }, /sets is not a list/);
  refused({ ...GOOD, version: '9.9.9' }, /from backlab "9\.9\.9"/);
  const { docHash: _, ...noDoc } = GOOD;
  refused(noDoc, /missing docHash/);
  refused('name: x', /the job is not an object/);
  refused({ kind: 'fuzz', version: '1.2.3', case: { kind: 'nosuch', seed: 1, faults: 'none', twice: false, placed: false } }, /case\.kind "nosuch"/);
});

test('results cross as text with every number exact, NaN, infinities and -0 included', () => {
  const v = { a: NaN, b: Infinity, c: -Infinity, d: -0, e: [1.5, null, 'NaN'], f: { $number: 'x', g: 1 } };
  const back = decodeResult<typeof v>(encodeResult(v));
  assert.ok(Number.isNaN(back.a));
  assert.is(back.b, Infinity);
  assert.is(back.c, -Infinity);
  assert.ok(Object.is(back.d, -0));
  assert.equal(back.e, [1.5, null, 'NaN']);
  assert.equal(back.f, { $number: 'x', g: 1 });
});

test('the batch id is the same for the same jobs and changes with any of them', () => {
  assert.is(batchId([GOOD, GOOD]), batchId([structuredClone(GOOD), structuredClone(GOOD)]));
  assert.is.not(batchId([GOOD]), batchId([{ ...GOOD, seed: 8 }]));
  assert.match(batchId([GOOD]), /^[0-9a-f]{16}$/);
});

test('queue URLs: host, port, database, user and password, TLS for rediss://; the password never shown', () => {
  const plain = parseQueueUrl('redis://10.0.0.5', 'sweep');
  assert.equal([plain.options.host, plain.options.port, plain.options.db, plain.options.tls], ['10.0.0.5', 6379, 0, undefined]);
  const full = parseQueueUrl('rediss://backlab:s%3Acret@redis.example.org:6380/3', 'worker');
  assert.equal([full.options.host, full.options.port, full.options.db, full.options.username, full.options.password], ['redis.example.org', 6380, 3, 'backlab', 's:cret']);
  assert.equal(full.options.tls, { servername: 'redis.example.org' });
  assert.is(full.shown, 'rediss://backlab:***@redis.example.org:6380/3');
  assert.is(parseQueueUrl('redis://:pw@h:1', 'sweep').shown, 'redis://:***@h:1');
  for (const bad of ['localhost:6379', 'http://h:1', 'redis://h:1/x', 'redis://h:1?db=2']) {
    assert.throws(() => parseQueueUrl(bad, 'sweep'), (e: unknown) => e instanceof UsageError && /--queue/.test((e as Error).message));
  }
});

test.run();
