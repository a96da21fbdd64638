/**
 * A quantity that matches its pattern may still be out of range ("1e400 GB",
 * "200 d"): the units parser decides. The scenario validator calls this for
 * every size, rate and duration (the `backlabQuantity` keyword, which exists
 * only in the loader's copy of the schema, so scenarios/schema.json stays
 * plain JSON Schema for editors).
 */
import { parseDuration, parseRate, parseSize } from '../foundation/units.ts';

export const QUANTITY_PARSE: Record<string, (x: unknown) => number> = { size: parseSize, rate: parseRate, duration: parseDuration };

/** Why a quantity of this kind cannot be read, or null when it can. */
export function quantityProblem(kind: string, data: string): string | null {
  try {
    QUANTITY_PARSE[kind](data);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

export const quantityOk = (kind: string, data: string): boolean => quantityProblem(kind, data) === null;
