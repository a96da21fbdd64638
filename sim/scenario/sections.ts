/**
 * The scenario's own sections, declared once (sim/foundation/declare.ts): the
 * top-level settings, the network model, a link, a flow, a job and the report. The base schema
 * (base-schema.json) holds the frame they plug into and what has no default
 * (names, faults, variants, checks); semantics.ts resolves with these.
 */
import { duration, flag, integer, list, number, object, oneOf, rate, size, text } from '../foundation/declare.ts';
import { maybe, notation } from '../foundation/declare-forms.ts';
import { DAYS_FORMS, readDays, readInstant, readSchedule, SCHEDULE_FORMS } from '../foundation/calendar.ts';
import { LEVELS } from './backup-levels.ts';
import type { NetworkModelDef } from '../foundation/scenario.ts';
import { MAX_WORKERS } from '../engine/remote.ts';
import { MODELS, type ModelName } from '../net/model.ts';

export const SEED = integer({ description: 'Seed of every random stream; --seed overrides it.', default: 1, minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

export const WORKERS = integer({
  description: 'Run the actors in this many worker threads (CLI) or Web Workers (browser), placed round robin in spawn order; 0 runs them in-process. The results and trace hash are the same either way; `backlab run --workers N` overrides it.',
  default: 0, minimum: 0, maximum: MAX_WORKERS,
});

export const UNTIL = duration({ description: 'Stop the run at this virtual time; without it the run goes until nothing is left to do. It also sets the clock: exact to 1 ns up to 104 days, past them in steps of 2, 4, ... up to 1024 ns (4 ns for 400 days, 292 years at most).' });

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

/** parse and refused of a notation from a reader that returns the value or why a text is not one; `hint` says what to write. */
const readBy = <T>(read: (t: string) => T | string, hint?: string) => ({
  parse: (t: string): T | undefined => { const v = read(t); return typeof v === 'string' ? undefined : v; },
  refused: (w: unknown): string => {
    const v = typeof w === 'string' ? read(w) : 'expected text';
    const why = typeof v === 'string' ? v : 'unexpected';
    return hint === undefined || why.startsWith('expected') ? why : `${why}; write ${hint}`;
  },
});

export const JOB_SCHEDULE = notation({
  description: `Run the job's steps at every occurrence of this calendar schedule before the scenario's until, each occurrence a job of its own named JOB@YYYY-MM-DD: ${SCHEDULE_FORMS}. A monthly day a month lacks (31 in April) is skipped, as cron does; -1 is the last day of every month.`,
  examples: ['daily 22:00', 'weekly Sun 20:00', 'weekly Mon,Wed,Fri 21:30', 'monthly 1 02:00', 'monthly -1 23:00'],
  ...readBy(readSchedule, SCHEDULE_FORMS),
});
export const JOB_WINDOW = duration({ description: 'The backup window of a scheduled job, from each occurrence\'s start: a run not finished when it closes has missed it.', positive: true });
export const JOB_ON_MISS = oneOf(['continue', 'cancel'] as const, {
  description: 'What happens to a run still going when its window closes: `continue` runs on to the end (the window is reported missed, and by how much); `cancel` stops it at the window\'s close.',
  default: 'continue',
  source: 'IBM Spectrum Protect DEFINE SCHEDULE: DURATION is the startup window, and a session that has started is not stopped when it closes; Veritas NetBackup Administrator\'s Guide, Duration: a backup that starts runs to completion even if the window closes',
});

// IBM Spectrum Protect client options reference (backup-archive client), MAXCMDRETRIES and RETRYPERIOD.
export const JOB_RETRIES = integer({
  description: 'How many times a scheduled run that failed starts again from its first step (a link down at its start, a drive lost).',
  default: 2, minimum: 0, source: 'IBM Spectrum Protect client option MAXCMDRETRIES, default 2',
});
export const JOB_RETRY_PERIOD = duration({
  description: 'How long a scheduled run that failed waits before it starts again.',
  default: '20 min', source: 'IBM Spectrum Protect client option RETRYPERIOD, default 20 minutes',
});

/** A share of the data per day, `1 %/day`, as a fraction (0.01), or why a text is not one. */
function readDailyShare(text: string): number | string {
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*%\s*\/\s*day$/.exec(text.trim());
  if (m === null) return `expected a share of the data per day such as '1 %/day', got '${text}'`;
  const v = Number(m[1]) / 100;
  return v > 1 ? `${m[1]} %/day is more than the whole data` : v;
}
const dailyShare = (description: string, source: string) =>
  notation({ description, examples: ['1 %/day', '0.1 %/day'], default: '0 %/day', source, ...readBy(readDailyShare, "a percentage per day, e.g. '1 %/day'") });

/** `data:` of a scheduled job: the client's data its backups move (sim/scenario/backup-levels.ts has the arithmetic). */
export const JOB_DATA = maybe(object({
  size: size({ description: 'The client\'s data at the calendar\'s epoch: what a full backup moves on day 0.', required: true }),
  change: dailyShare('The share of the data rewritten each day (its mean, with changeSpread).', 'configuration: no data changes unless the scenario says how much'),
  growth: dailyShare('New data each day, as a share of the data that day (compounding).', 'configuration: no growth unless the scenario says how much'),
  changeSpread: number({ description: 'Coefficient of variation of the daily change: each day\'s change is drawn lognormal about `change` from a stream of the scenario\'s seed and the job\'s name; 0: every day the mean.', minimum: 0, default: 0, source: 'configuration: every day the mean unless a spread is written' }),
  overlap: oneOf(['random', 'none'] as const, {
    description: 'How days\' changes overlap: `random`, each day rewrites blocks uniformly at random, so k days rewrite 1 − (1 − c)^k of the data; `none`, each day rewrites blocks no other day touched, k × c (at most all of it).',
    default: 'random',
    source: 'UNSOURCED: uniform random change is the simplest model that lets days overlap; real change concentrates on hot blocks, which overlap more',
  }),
}, { description: 'The client\'s data a scheduled job backs up: its size, daily change and growth. A step writes `bytes: data` to move what each occurrence\'s level moves.' }));

export const JOB_LEVEL = oneOf(LEVELS, {
  description: 'The level of every occurrence (the first is always a full): `full` moves all the data; `incremental` what changed since the last backup of any level; `differential` what changed since the last full; `synthetic-full` an incremental, the full being built on the backup server (not modelled). Use `levels` to mix them by calendar.',
});
const levelDays = (level: string) => notation({ description: `The days the job runs a ${level}: ${DAYS_FORMS}.`, examples: ['weekly Sun', 'monthly 1', 'monthly -1'], ...readBy(readDays, DAYS_FORMS) });
export const JOB_LEVELS = maybe(object({
  full: levelDays('full'),
  'synthetic-full': levelDays('synthetic full'),
  differential: levelDays('differential'),
  otherwise: oneOf(LEVELS, { description: 'The level of the other days.', default: 'incremental', source: 'IBM Spectrum Protect progressive incremental ("incremental forever"): after the first full, every backup is an incremental' }),
}, { description: 'Levels by calendar day, e.g. `{ full: weekly Sun, otherwise: incremental }`: on a day several rules name, full wins over synthetic-full over differential. The first occurrence is always a full.' }));

/** `calendar:`: the instant time 0 stands for, so that weekdays and days of the month are defined. */
export const CALENDAR = object({
  epoch: notation({
    description: 'The calendar instant of time 0, YYYY-MM-DD HH:MM on a plain civil clock (no time zone, no daylight saving).',
    examples: ['2026-01-05 00:00'],
    default: '2026-01-05 00:00',
    source: 'time origin: a Monday at midnight, so a week of schedules starts with the run',
    ...readBy(readInstant),
  }),
});

export const REPORT = object({
  interval: duration({ description: 'Sampling interval of timeseries.csv and the throughput charts.', defaultText: 'about 500 samples over the run' }),
  headline: list(text({ description: 'a metric of this scenario', required: true }), {
    description: 'The metrics the report is for, e.g. `[backup_throughput]`: the compare and sweep reports draw them first, one line or bar per design on shared axes, before every other metric.',
  }),
  x: text({ description: 'The setting the headline runs along in a sweep, as `--set` names it (`protocol.backup.clients`): the x axis of the sweep\'s headline chart, one line per value of the other settings.' }),
  scale: oneOf(['linear', 'log2'] as const, {
    description: 'The x axis of the sweep\'s charts: `log2` spaces 1, 2, 4 ... 64 evenly, where the designs part; `linear` spaces the values as numbers.',
    default: 'linear', source: 'configuration: an axis spaced as numbers unless the scenario says otherwise',
  }),
});

const SIMGRID_DOCS = 'SimGrid 3.32 defaults (docs: Configuring SimGrid, network/*; Velho & Legrand, SIMUTools 2009)';
const byModel = (pick: (m: NetworkModelDef) => unknown): string =>
  `by model: ${Object.values(MODELS).map((m) => `${m.model} ${String(pick(m))}`).join(', ')}`;

export const NETWORK = object({
  model: oneOf(Object.keys(MODELS) as ModelName[], {
    description: 'How flows share links: `maxmin` is pure max-min fairness; `simgrid-lv08` is SimGrid\'s default TCP model (latency and bandwidth factors, RTT-weighted sharing, the TCP window bound, ACK cross-traffic on the same links), `simgrid-cm02` the same without the correction factors. Every field below overrides one of the model\'s figures.',
    default: 'maxmin', source: 'configuration: pure max-min is what backlab has always run',
  }),
  latencyFactor: number({ description: 'Multiplies the latency a flow pays before its first byte (TCP slow start).', minimum: 0, defaultText: byModel((m) => m.latencyFactor), source: SIMGRID_DOCS }),
  bandwidthFactor: number({ description: 'Multiplies every link\'s bandwidth as flows see it (headers and ACKs).', exclusiveMinimum: 0, defaultText: byModel((m) => m.bandwidthFactor), source: SIMGRID_DOCS }),
  rttWeighted: flag({ description: 'Share each link in inverse proportion to each flow\'s route latency + weightS / bandwidth summed over its links, as TCP favours short round trips.', defaultText: byModel((m) => m.rttWeighted), source: SIMGRID_DOCS }),
  weightS: size({ description: 'SimGrid\'s weight-S: bytes added to the RTT weight as weightS / bandwidth per link.', defaultText: byModel((m) => `${m.weightS} B`), source: SIMGRID_DOCS }),
  tcpGamma: size({ description: 'The largest TCP window: a flow moves at most bandwidthFactor * tcpGamma / (2 * route latency); 0 B: no bound.', defaultText: byModel((m) => `${m.tcpGamma} B`), source: SIMGRID_DOCS }),
  crossTraffic: number({ description: 'Fraction of a flow\'s rate its ACKs take on the same links, the other way.', minimum: 0, defaultText: byModel((m) => m.crossTraffic), source: SIMGRID_DOCS }),
});

/** The network model a scenario runs: its named model's figures, with each field written overriding one. */
export function networkModel(written: Partial<NetworkModelDef> & { model: ModelName }): NetworkModelDef {
  const out: NetworkModelDef = { ...MODELS[written.model] };
  for (const [k, v] of Object.entries(written)) if (v !== undefined) Object.assign(out, { [k]: v });
  return out;
}
