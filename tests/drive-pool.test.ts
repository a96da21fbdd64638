import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DrivePool } from '../sim/protocols/lanfree/drive-pool.ts';

test('one session per drive: the first four get a drive each with a scratch cartridge to mount, the fifth waits', () => {
  const pool = new DrivePool(['d1', 'd2', 'd3', 'd4'], ['A1', 'A2', 'A3', 'A4', 'A5']);
  assert.equal(['a', 'b', 'c', 'd'].map((n) => pool.forBackup(n)), [
    { drive: 'd1', unmount: null, mount: 'A1' }, { drive: 'd2', unmount: null, mount: 'A2' },
    { drive: 'd3', unmount: null, mount: 'A3' }, { drive: 'd4', unmount: null, mount: 'A4' },
  ]);
  assert.is(pool.forBackup('e'), null);
  pool.release('d3', 'A3');
  // The freed drive keeps its cartridge: the next backup appends to it, no mount.
  assert.equal(pool.forBackup('e'), { drive: 'd3', unmount: null, mount: null });
});

test('a free drive holding a filling cartridge goes before an empty one: no mount when one can be saved', () => {
  const pool = new DrivePool(['d1', 'd2', 'd3'], ['A1', 'A2', 'A3']);
  pool.forBackup('a'); pool.forBackup('b');
  pool.release('d2', 'A2');
  assert.equal(pool.forBackup('c'), { drive: 'd2', unmount: null, mount: null });
  assert.equal(pool.forBackup('d'), { drive: 'd3', unmount: null, mount: 'A3' });
});

test('MAXNUMMP: a node never holds more mount points than its limit; other nodes still get the free drives', () => {
  for (const max of [1, 2, 3]) {
    const pool = new DrivePool(['d1', 'd2', 'd3', 'd4', 'd5', 'd6'], ['A1', 'A2', 'A3', 'A4', 'A5', 'A6'], 6, max);
    const granted = [1, 2, 3, 4, 5].map(() => pool.forBackup('big')).filter((g) => g !== null).length;
    assert.is(granted, max, `MAXNUMMP ${max}`);
    assert.is(pool.heldBy('big'), max);
    assert.ok(pool.forBackup('small') !== null, 'another node is not held back');
  }
});

test('MOUNTLIMIT: no more mount points at once than the device class allows, whatever the drives', () => {
  const pool = new DrivePool(['d1', 'd2', 'd3', 'd4'], ['A1', 'A2', 'A3', 'A4'], 2, 4);
  assert.ok(pool.forBackup('a') !== null && pool.forBackup('b') !== null);
  assert.is(pool.forBackup('c'), null);
  assert.is(pool.forRestore('c', 'A1'), null);
  assert.is(pool.mounted, 2);
});

test('a migration process is not a client node: MAXNUMMP does not bound it, MOUNTLIMIT does', () => {
  const pool = new DrivePool(['d1', 'd2', 'd3'], ['A1', 'A2', 'A3'], 2, 1);
  assert.ok(pool.forBackup('migration process 1', false) !== null);
  assert.ok(pool.forBackup('migration process 1', false) !== null);
  assert.is(pool.forBackup('migration process 1', false), null);
});

test('a restore takes the drive holding its cartridge, or an idle drive after unmounting what is there', () => {
  const pool = new DrivePool(['d1', 'd2'], ['A1', 'A2']);
  pool.forBackup('a'); pool.forBackup('b');
  pool.release('d1', 'A1'); pool.release('d2', 'A2');
  assert.equal(pool.forRestore('x', 'A2'), { drive: 'd2', unmount: null, mount: null });
  assert.equal(pool.forRestore('y', 'B7'), { drive: 'd1', unmount: 'A1', mount: 'B7' });
  assert.is(pool.forRestore('z', 'A2'), null, 'd2 is busy with the first restore');
});

test('a cartridge the library swapped in by itself is never handed out as scratch', () => {
  const pool = new DrivePool(['d1', 'd2'], ['A1', 'A2', 'A3']);
  pool.forBackup('a');
  pool.release('d1', 'A2', ['A1', 'A2']); // A1 filled up; the library loaded A2
  assert.equal(pool.forBackup('b'), { drive: 'd1', unmount: null, mount: null });
  assert.equal(pool.forBackup('c'), { drive: 'd2', unmount: null, mount: 'A3' });
});

test.run();
