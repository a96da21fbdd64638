/**
 * The base of backlab's own errors: a stable `code` that code decides by and
 * plain `data` for what it needs to know, beside the message people read. The
 * message may be reworded at any time; the code and data may not. Both are own
 * fields, so they survive a worker boundary (sim/workers/codec.ts).
 */
export class BacklabError<D extends object = Record<string, unknown>> extends Error {
  constructor(
    message: string,
    /** dotted, stable: 'tape.drive-failed', 'fabric.no-path' */
    readonly code: string,
    readonly data: D = {} as D,
  ) {
    super(message);
  }
}

/**
 * Whether `e` carries one of these codes. By the field, not the class: an
 * error that crossed a worker boundary keeps its own fields even where the
 * codec did not know its class.
 */
export function hasCode(e: unknown, ...codes: string[]): boolean {
  return codeOf(e) !== undefined && codes.includes(codeOf(e)!);
}

/** The stable code of an error, if it has one. */
export function codeOf(e: unknown): string | undefined {
  const code = e instanceof Error ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** A scenario that cannot run: names the file, the field path and what was expected. */
export class ScenarioError extends BacklabError<{ file: string; path: string; expected: string }> {
  override name = 'ScenarioError';
  constructor(file: string, path: string, expected: string) {
    super(`${file}  ${path || '(top level)'}\n  ${expected}`, 'scenario.invalid', { file, path, expected });
  }
  get file(): string { return this.data.file; }
  get path(): string { return this.data.path; }
  get expected(): string { return this.data.expected; }
}
