/**
 * The scenario's own sections, declared once (sim/foundation/declare.ts): the
 * top-level settings, a link, a flow, a job and the report. The base schema
 * (base-schema.json) holds the frame they plug into and what has no default
 * (names, faults, variants, checks); semantics.ts resolves with these.
 */
import { duration, integer, list, object, rate, size, text } from '../foundation/declare.ts';
import { MAX_WORKERS } from '../engine/remote.ts';

export const SEED = integer({ description: 'Seed of every random stream; --seed overrides it.', default: 1, minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

export const WORKERS = integer({
  description: 'Run the actors in this many worker threads (CLI) or Web Workers (browser), placed round robin in spawn order; 0 runs them in-process. The results and trace hash are the same either way; `backlab run --workers N` overrides it.',
  default: 0, minimum: 0, maximum: MAX_WORKERS,
});

export const UNTIL = duration({ description: 'Stop the run at this virtual time; without it the run goes until nothing is left to do.' });

export const LINK = object({
  between: list(text({ description: 'a host or switch', required: true }), { description: 'The two hosts or switches this link joins; lets routes be checked and host failures take the link down.', minItems: 2, maxItems: 2 }),
  bandwidth: rate({ description: 'The link\'s rate. Required unless a port type or link kind implies it.' }),
  latency: duration({ description: 'Paid once per flow before its first byte moves.', defaultText: '0 s, or what its port type or link kind implies' }),
  flowCap: rate({ description: 'The most one flow may take on this link, e.g. a TCP window over the round trip.', positive: true }),
});

export const FLOW = object({
  from: text({ description: 'Host the bytes leave; with `to`, the route must lead from one to the other.' }),
  to: text({ description: 'Host the bytes reach.' }),
  route: list(text({ description: 'a link', required: true }), { description: 'Links the flow crosses, in order.', minItems: 1, required: true }),
  bytes: size({ description: 'How much the flow moves.', required: true }),
  start: duration({ description: 'When the flow is asked for.', default: '0 s' }),
  cap: rate({ description: 'The most this flow may take, e.g. a tape drive\'s speed.', positive: true }),
});

export const JOB_START = duration({ description: 'When the job starts.', default: '0 s' });
export const JOB_KIND = text({ description: 'What the job is, for reports: backup, restore, copy, ...', default: 'job' });

export const REPORT = object({
  interval: duration({ description: 'Sampling interval of timeseries.csv and the throughput charts.', defaultText: 'about 500 samples over the run' }),
});
