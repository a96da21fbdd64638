/**
 * What travels through the queue: a job is one run as plain data (a
 * scenario document with its settings and seed, or a fuzz case), never a
 * path and never code; a result is the run's row as text. A worker trusts
 * nothing in a job: checkJob() takes it apart field by field and refuses
 * anything else, before the scenario is validated again in the thread that
 * runs it.
 */
import { createHash } from 'node:crypto';
import { FUZZ_KINDS } from '../fuzz/generate.ts';
import type { FuzzCase } from '../fuzz/fuzz-one.ts';

/** BullMQ's key prefix and queue name: every backlab command and worker meet here. */
export const QUEUE_PREFIX = 'backlab';
export const QUEUE_NAME = 'runs';

/**
 * One run of a sweep as it waits in the queue: the scenario file's text by
 * its SHA-256 (queue-docs.ts), its settings and seed, loaded in the worker as
 * `backlab sweep` loads it.
 */
export interface SweepQueueJob {
  kind: 'sweep';
  /** the backlab version that enqueued it: a worker of another version refuses it (its runs could differ) */
  version: string;
  run: number;
  /** the file's base name, for messages only */
  name: string;
  /** SHA-256 (hex) of the scenario document, YAML or JSON text, stored once beside the jobs */
  docHash: string;
  variant: string | null;
  /** each --set as typed, path=value */
  sets: string[];
  /** the settings as the row reports them */
  settings: Record<string, string>;
  /** null: the scenario's own seed */
  seed: number | null;
  maxEvents: number;
}

export interface FuzzQueueJob {
  kind: 'fuzz';
  version: string;
  case: FuzzCase;
}

export type QueueJob = SweepQueueJob | FuzzQueueJob;

/** A sweep job with its document fetched: what a worker thread runs. */
export type SweepRunJob = Omit<SweepQueueJob, 'docHash'> & { doc: string };
export type RunJob = SweepRunJob | FuzzQueueJob;

/** A job no worker will run, whatever the attempt: malformed, or from another backlab. */
export class JobRefused extends Error {
  override name = 'JobRefused';
}

export function checkJob(data: unknown, version: string): QueueJob {
  const o = record(data, 'the job');
  const kind = o.kind;
  if (kind === 'sweep') return checkSweepJob(o, version);
  if (kind === 'fuzz') return checkFuzzJob(o, version);
  throw new JobRefused(`the job's kind is ${JSON.stringify(kind)}, not "sweep" or "fuzz"`);
}

function checkSweepJob(o: Record<string, unknown>, version: string): SweepQueueJob {
  only(o, ['kind', 'version', 'run', 'name', 'docHash', 'variant', 'sets', 'settings', 'seed', 'maxEvents']);
  checkVersion(o, version);
  const name = text(o.name, 'name', 255);
  // A name for messages, never a place to read: no folders, no drive letters.
  if (/[/\\:\0]/.test(name) || name === '.' || name === '..') throw new JobRefused(`name ${JSON.stringify(name)} is a path; a job carries the scenario document itself, not where it is`);
  const settings = record(o.settings, 'settings');
  for (const [k, v] of Object.entries(settings)) text(v, `settings.${k}`, 100_000);
  return {
    kind: 'sweep',
    version,
    run: whole(o.run, 'run'),
    name,
    docHash: hash(o.docHash, 'docHash'),
    variant: o.variant === null ? null : text(o.variant, 'variant', 1000),
    sets: list(o.sets, 'sets').map((s, i) => text(s, `sets[${i}]`, 100_000)),
    settings: settings as Record<string, string>,
    seed: o.seed === null ? null : whole(o.seed, 'seed'),
    maxEvents: whole(o.maxEvents, 'maxEvents'),
  };
}

function checkFuzzJob(o: Record<string, unknown>, version: string): FuzzQueueJob {
  only(o, ['kind', 'version', 'case']);
  checkVersion(o, version);
  const c = record(o.case, 'case');
  only(c, ['kind', 'seed', 'faults', 'twice', 'placed'], 'case.');
  if (typeof c.kind !== 'string' || !FUZZ_KINDS.includes(c.kind)) throw new JobRefused(`case.kind ${JSON.stringify(c.kind)} is not one of ${FUZZ_KINDS.join(', ')}`);
  if (c.faults !== 'none' && c.faults !== 'light' && c.faults !== 'heavy') throw new JobRefused(`case.faults ${JSON.stringify(c.faults)} is not none, light or heavy`);
  if (typeof c.twice !== 'boolean' || typeof c.placed !== 'boolean') throw new JobRefused('case.twice and case.placed are true or false');
  return { kind: 'fuzz', version, case: { kind: c.kind, seed: whole(c.seed, 'case.seed'), faults: c.faults, twice: c.twice, placed: c.placed } };
}

function checkVersion(o: Record<string, unknown>, version: string): void {
  if (o.version !== version) throw new JobRefused(`the job is from backlab ${JSON.stringify(o.version)} and this worker runs ${version}; runs of another version could differ`);
}

function record(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new JobRefused(`${what} is not an object`);
  return v as Record<string, unknown>;
}

function only(o: Record<string, unknown>, keys: string[], at = ''): void {
  const extra = Object.keys(o).filter((k) => !keys.includes(k));
  if (extra.length > 0) throw new JobRefused(`unknown field${extra.length > 1 ? 's' : ''} ${extra.map((k) => at + k).join(', ')}; a job has ${keys.map((k) => at + k).join(', ')}`);
  const missing = keys.filter((k) => !(k in o));
  if (missing.length > 0) throw new JobRefused(`missing ${missing.map((k) => at + k).join(', ')}`);
}

function text(v: unknown, what: string, max: number): string {
  if (typeof v !== 'string') throw new JobRefused(`${what} is not text`);
  if (v.length > max) throw new JobRefused(`${what} is longer than ${max} characters`);
  return v;
}

function hash(v: unknown, what: string): string {
  if (typeof v !== 'string' || !/^[0-9a-f]{64}$/.test(v)) throw new JobRefused(`${what} is not a SHA-256 in hex`);
  return v;
}

function whole(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new JobRefused(`${what} is not a whole number >= 0`);
  return v;
}

function list(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new JobRefused(`${what} is not a list`);
  return v;
}

/**
 * One id for the same runs of the same backlab: rerunning the command finds
 * the runs it enqueued before and collects their results instead of running
 * them again.
 */
export function batchId(jobs: readonly QueueJob[]): string {
  const h = createHash('sha256');
  for (const j of jobs) h.update(JSON.stringify(j)).update('\n');
  return h.digest('hex').slice(0, 16);
}

export const jobIdOf = (batch: string, index: number): string => `${batch}-${index}`;

/**
 * A result as text, numbers exactly: JSON alone turns NaN and Infinity into
 * null and -0 into 0, and runs.csv must be byte-identical to the local sweep's.
 */
export function encodeResult(v: unknown): string {
  return JSON.stringify(v, (_, x) => (typeof x === 'number' && (!Number.isFinite(x) || Object.is(x, -0)) ? { $number: Object.is(x, -0) ? '-0' : String(x) } : x));
}

export function decodeResult<R>(s: string): R {
  return JSON.parse(s, (_, x) => (x !== null && typeof x === 'object' && !Array.isArray(x) && Object.keys(x).length === 1 && typeof x.$number === 'string' ? Number(x.$number) : x)) as R;
}
