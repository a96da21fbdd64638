/**
 * A job's step results as jobs.csv and summary.json carry them: each
 * numeric field of each step's result summed under `<op>.<field>`. The
 * scenario's own jobs (workload.ts) and a protocol's jobs (report.ts's
 * jobEnd) keep them alike.
 */

/** `<op>.<field>` to the sum of that field over the job's steps. */
export type StepResults = Record<string, number>;

/** A flow's id and instants (a transfer's start and end, a VM's start time, a snapshot's image time): numbers, but not amounts, so a sum of them over steps means nothing. */
const NOT_AMOUNTS = new Set(['flow', 'start', 'end', 'time', 'imageTime']);

/**
 * Adds one step's result to a job's record: every top-level number (a count
 * true, for a flag such as an over-limit) under `<op>.<field>`, summed over
 * the job's steps. Text, lists, nested records, ids and instants are left
 * out: the record stays a few numbers however many steps a job has.
 */
export function addStepResult(into: StepResults, op: string, result: unknown): void {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return;
  for (const [field, v] of Object.entries(result)) {
    if (NOT_AMOUNTS.has(field)) continue;
    const n = typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'boolean' ? Number(v) : undefined;
    if (n !== undefined) into[`${op}.${field}`] = (into[`${op}.${field}`] ?? 0) + n;
  }
}

/** Counts one step whose result has no number of its own (a mount) as `<op>.count`. */
export function countStep(into: StepResults, op: string): void {
  into[`${op}.count`] = (into[`${op}.count`] ?? 0) + 1;
}

/** Adds every field of `from` (another actor's results, handed back in a message) to `into`. */
export function addStepResults(into: StepResults, from: StepResults | undefined): void {
  for (const [k, v] of Object.entries(from ?? {})) into[k] = (into[k] ?? 0) + v;
}
