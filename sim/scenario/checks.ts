/**
 * Checks a scenario states about its own outcome: "makespan < 8 h",
 * "bytes_lost == 0", "rpo <= 20 min". The value's unit follows the metric's:
 * a duration for seconds, a size for bytes, a rate for bytes/s, a plain
 * number for counts.
 */
import type { Check, MetricUnit } from '../foundation/scenario.ts';
import type { CheckRow } from '../foundation/result.ts';
import { parseDuration, parseRate, parseSize } from '../foundation/units.ts';

const CHECK_RE = /^\s*([a-z][a-z0-9_]*)\s*(<=|>=|==|!=|<|>)\s*(.+?)\s*$/;

/** Reads a check; `units` are the metrics this scenario reports. Throws with what was expected. */
export function parseCheck(text: string, units: Record<string, MetricUnit>): Check {
  const m = CHECK_RE.exec(text);
  if (m === null) throw new Error(`"${text}" is not a check. Write a metric, a comparison and a value, such as "makespan < 8 h" or "bytes_lost == 0".`);
  const [, metric, op, rawValue] = m;
  // Own keys only: "constructor < 5" must not find Object.prototype's.
  const unit = Object.hasOwn(units, metric) ? units[metric] : undefined;
  if (unit === undefined) throw new Error(`"${metric}" is not a metric of this scenario; it reports: ${Object.keys(units).sort().join(', ')}`);
  const valueText = rawValue.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  let value: number;
  if (unit === '') {
    value = Number(valueText);
    if (valueText === '' || !Number.isFinite(value)) throw new Error(`"${metric}" is a count; "${valueText}" is not a number`);
  } else if (/^[0-9.eE+-]+$/.test(valueText) && Number(valueText) === 0) {
    value = 0; // zero needs no unit
  } else {
    const parse = unit === 's' ? parseDuration : unit === 'B' ? parseSize : parseRate;
    value = parse(valueText);
    if (unit === 's') value /= 1e9; // ticks to seconds
  }
  return { text, metric, op: op as Check['op'], value };
}

export function evaluateCheck(c: Check, metrics: Record<string, number>): CheckRow {
  const measured = metrics[c.metric];
  const has = measured !== undefined && Number.isFinite(measured);
  return { check: c.text, metric: c.metric, op: c.op, expected: c.value, measured: has ? measured : null, pass: has && compare(measured, c.op, c.value) };
}

function compare(a: number, op: Check['op'], b: number): boolean {
  switch (op) {
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
    case '==': return a === b;
    case '!=': return a !== b;
  }
}
