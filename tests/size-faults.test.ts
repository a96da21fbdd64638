import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertRefused } from './support/refusal.ts';

const bin = new URL('../bin/backlab.mjs', import.meta.url).pathname;
const backlab = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 300_000 });
const dir = mkdtempSync(join(tmpdir(), 'backlab-size-faults-'));

/** A printed `backlab run ...` line, run as it is (through a shell, as a user pastes it), answering its trace hash. */
function replayHash(line: string): string {
  const r = spawnSync('sh', ['-c', `${line.replace(/^backlab /, `'${process.execPath}' '${bin}' `)} --out '${join(dir, 'replay')}'`], { encoding: 'utf8', timeout: 120_000 });
  const m = /trace ([0-9a-f]{64})/.exec(r.stdout);
  assert.ok(m !== null, `no trace hash from: ${line}\n${r.stdout}${r.stderr}`);
  return m![1];
}

interface Config { values: Record<string, string>; met: boolean; margin: number; under: string | null; bottleneck: string | null; faults: { fault: string; at: string; margin: number; replay: string; traceHash: string; instants: number }[] }
interface Answer { chosen: Config | null; failing: Config[]; runs: number; notes: string[] }

// The flagship's shared design: the LAN-free servers' 2 cores each carry the clients' TCP into FC. Without
// the migration 2 cores on lanfree2 fit a 40 min window; moved to p2 at the wrong moment, lpar2 puts a third
// session on lanfree2 and the backup misses it. The answer adds the core that covers the migration.
const FLAGSHIP = ['scenarios/lan-vs-lanfree.yaml', '--variant', 'shared', '--goal', 'backup_makespan <= 40 min', '--vary', 'topology.servers.p2.partitions.lanfree2.cores=2..4', '--json', '--jobs', '2'];
const CORES = 'topology.servers.p2.partitions.lanfree2.cores';

test('the forward answer fits; the worst-placed migration makes it miss, and size adds the core that covers it', () => {
  const forward = JSON.parse(backlab('size', ...FLAGSHIP, '--faults', 'migrate:lpar2').stdout) as Answer;
  const plain = JSON.parse(backlab('size', ...FLAGSHIP).stdout) as Answer;
  // Without --faults the scenario runs as written (its migration at 10 min): 2 cores fit.
  assert.equal(plain.chosen?.values, { [CORES]: '2' });
  assert.equal(forward.chosen?.values, { [CORES]: '3' });
  const miss = forward.failing.find((c) => c.values[CORES] === '2')!;
  assert.ok(miss.margin < 0, `missed: ${miss.margin}`);
  assert.match(miss.under ?? '', /^migrate:lpar2 at /);
  assert.ok(miss.bottleneck !== null);
  const f = miss.faults[0];
  assert.is(f.fault, 'migrate:lpar2');
  assert.ok(f.instants >= 8 && f.instants <= 8 + 2 * 3, `${f.instants} instants run`);
  // The worst run replays from its printed line alone, with the same trace hash.
  assert.is(replayHash(f.replay), f.traceHash);
  // The chosen configuration was run under the migration too, and met the goal there.
  assert.ok(forward.chosen!.faults.length === 1 && forward.chosen!.faults[0].margin >= 0);
});

test('a file of fault entries names faults the scenario does not have: the backup server\'s LAN port going down, scanned at the instants asked', () => {
  const faults = join(dir, 'hba.yaml');
  writeFileSync(faults, '- { at: 1 s, link-down: tsm1-lan }\n');
  const r = backlab('size', 'scenarios/lan-vs-lanfree.yaml', '--variant', 'lan', '--goal', 'jobs_failed <= 0', '--vary', 'protocol.mountLimit=4..4', '--faults', faults, '--instants', '2', '--rounds', '0', '--json', '--jobs', '2');
  const a = JSON.parse(r.stdout) as Answer & { evaluated: Config[] };
  assert.is(a.evaluated[0].faults[0].fault, 'link-down:tsm1-lan');
  assert.is(a.evaluated[0].faults[0].instants, 2);
});

test('bad --faults and --window exit 2 before any run, naming what the scenario has, and write nothing', () => {
  const out = join(dir, 'bad');
  const base = ['scenarios/lan-vs-lanfree.yaml', '--variant', 'shared', '--goal', 'backup_makespan <= 40 min', '--vary', 'protocol.mountLimit=3..4', '--out', out];
  const cases: [string[], RegExp][] = [
    [['--faults', 'migrate:lpar9'], /has no fault migrate:lpar9; its faults are migrate:lpar2/],
    [['--faults', join(dir, 'nosuch.yaml')], /no such file/],
    [['--faults', 'migrate:lpar2', '--window', '10 min'], /not FROM\.\.TO/],
    [['--faults', 'migrate:lpar2', '--window', '1 h..10 min'], /TO must come after FROM/],
    [['--sweep-instant', 'migrate:lpar2'], /--vary is for the search/],
  ];
  for (const [extra, want] of cases) {
    const r = backlab('size', ...base, ...extra);
    assertRefused(r, want, out, extra.join(' '));
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
