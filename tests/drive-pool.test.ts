import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DrivePool } from '../sim/protocols/lanfree/drive-pool.ts';

test('one session per drive: the first four get a drive each with a scratch cartridge to mount, the fifth waits', () => {
  const pool = new DrivePool(['d1', 'd2', 'd3', 'd4'], ['A1', 'A2', 'A3', 'A4', 'A5'], 1);
  assert.equal([1, 2, 3, 4].map(() => pool.forBackup()), [
    { drive: 'd1', unmount: null, mount: 'A1' }, { drive: 'd2', unmount: null, mount: 'A2' },
    { drive: 'd3', unmount: null, mount: 'A3' }, { drive: 'd4', unmount: null, mount: 'A4' },
  ]);
  assert.is(pool.forBackup(), null);
  pool.release('d3', 'A3');
  // The freed drive keeps its cartridge: the next backup appends to it, no mount.
  assert.equal(pool.forBackup(), { drive: 'd3', unmount: null, mount: null });
});

test('multiplexing: sessions spread to the drive with the fewest, up to the limit per drive', () => {
  const pool = new DrivePool(['d1', 'd2'], ['A1', 'A2'], 2);
  const drives = [1, 2, 3, 4].map(() => pool.forBackup()!.drive);
  assert.equal(drives, ['d1', 'd2', 'd1', 'd2']);
  assert.is(pool.forBackup(), null);
});

test('a restore takes the drive holding its cartridge, or an idle drive after unmounting what is there', () => {
  const pool = new DrivePool(['d1', 'd2'], ['A1', 'A2'], 1);
  pool.forBackup(); pool.forBackup();
  pool.release('d1', 'A1'); pool.release('d2', 'A2');
  assert.equal(pool.forRestore('A2'), { drive: 'd2', unmount: null, mount: null });
  assert.equal(pool.forRestore('B7'), { drive: 'd1', unmount: 'A1', mount: 'B7' });
  assert.is(pool.forRestore('A2'), null, 'd2 is busy with the first restore');
});

test('a cartridge the library swapped in by itself is never handed out as scratch', () => {
  const pool = new DrivePool(['d1', 'd2'], ['A1', 'A2', 'A3'], 1);
  pool.forBackup();
  pool.release('d1', 'A2', ['A1', 'A2']); // A1 filled up; the library loaded A2
  assert.equal(pool.forBackup(), { drive: 'd1', unmount: null, mount: null });
  assert.equal(pool.forBackup(), { drive: 'd2', unmount: null, mount: 'A3' });
});

test.run();
