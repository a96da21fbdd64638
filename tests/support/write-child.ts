/**
 * A report writer to kill (tests/write.test.ts): writes runFixture with
 * `samples` timeseries samples (of 100 links) and the given seed to `dir`, over and over, saying
 * "go" once it starts, so the parent can kill it at any instant of a write.
 */
import { writeRunReport } from '../../reports/write.ts';
import { bigRun } from './fixtures.ts';

const [dir, seed, samples] = process.argv.slice(2);
const r = bigRun(Number(samples), Number(seed));
process.stdout.write('go\n');
for (;;) writeRunReport(r, dir);
