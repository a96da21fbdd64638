/** Pieces the families' schema fragments are made of, so each says only what is its own. */

export type QuantityKind = 'size' | 'rate' | 'duration';

/** A quantity with units, checked against the base schema's pattern for its kind. */
export const quantity = (kind: QuantityKind, description?: string): object =>
  (description === undefined ? { $ref: `#/definitions/${kind}` } : { $ref: `#/definitions/${kind}`, description });

export const size = (description?: string) => quantity('size', description);
export const rate = (description?: string) => quantity('rate', description);
export const duration = (description?: string) => quantity('duration', description);

/** Entries by name (`servers: { p1: {...}, p2: {...} }`): keys must be usable names. */
export const namedMap = (description: string, entry: object): object => ({
  type: 'object',
  description,
  propertyNames: { $ref: '#/definitions/name' },
  additionalProperties: entry,
});
