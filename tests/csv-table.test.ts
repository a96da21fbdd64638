/**
 * reports/csv.ts joins its rows itself: held byte for byte to csv-stringify,
 * the library it replaced (and which readers of these files have been given),
 * on the cells that need quoting and those that do not.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { stringify } from 'csv-stringify/sync';
import { cell, table, type Cell, type Column } from '../reports/csv.ts';

const awkward: Cell[] = ['plain', 'a,b', 'he said "hi"', 'line\nbreak', 'cr\rhere', '', ' padded ', '"', ',', 'ünïcode', 1.5, -0, 0, 1e21, 2 ** -30, NaN, Infinity, -Infinity, true, false, null, undefined];

test('table: the same bytes as csv-stringify, header included, for cells that need quotes and cells that do not', () => {
  const columns: Column<Cell[]>[] = [
    { name: 'name, with comma', value: (r) => r[0] },
    { name: 'say "x"', value: (r) => r[1] },
    { name: 'n', value: (r) => r[2] },
  ];
  const rows: Cell[][] = awkward.map((v, i) => [v, awkward[(i * 7 + 3) % awkward.length], awkward[(i * 5 + 1) % awkward.length]]);
  const expected = stringify(rows.map((r) => columns.map((c) => cell(c.value(r)))), { header: true, columns: columns.map((c) => c.name) });
  assert.is(table(columns, rows), expected);
});

test('table: no rows is the header alone', () => {
  const columns: Column<number>[] = [{ name: 'a', value: (r) => r }, { name: 'b"', value: (r) => r }];
  assert.is(table(columns, []), stringify([], { header: true, columns: ['a', 'b"'] }));
  assert.is(table(columns, []), 'a,"b"""\n');
});

test.run();
