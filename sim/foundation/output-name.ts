/**
 * The names that become part of a report folder's name (a scenario file's
 * name, a variant's name). One pattern, checked where the name enters (the
 * schema for variants, the command for file names), so a name can never
 * climb out of --out, hide a folder (a leading dot) or name nothing.
 */

/** Letters, digits and `. _ -`, starting with a letter or digit, no `..`: a single, visible path segment on every OS. */
export const OUTPUT_NAME_PATTERN = '^(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._-]*$';

/** Well under the 255 bytes a file name may have, with room for `compare-`, `sweep-` and `-<variant>`. */
export const OUTPUT_NAME_MAX = 100;

const OUTPUT_NAME = new RegExp(OUTPUT_NAME_PATTERN);

/** What a user reads when a name does not fit. */
export const outputNameRule = (max = OUTPUT_NAME_MAX): string => `letters, digits and . _ - only, starting with a letter or digit, no '..', at most ${max} characters`;

/** `max`: a name made of several (`sweep-<file>-<variant>`) may be longer than one. */
export function isOutputName(name: string, max = OUTPUT_NAME_MAX): boolean {
  return name.length <= max && OUTPUT_NAME.test(name);
}
