/** A scenario that cannot run: names the file, the field path and what was expected. */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
  constructor(
    readonly file: string,
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${file}  ${path || '(top level)'}\n  ${expected}`);
  }
}
