/**
 * Errors across a postMessage. Structured cloning keeps an Error's message
 * but not its class, and actors test `e instanceof TransferFailed` or
 * `TapeError`; so an error crosses as its class's key and its own fields,
 * and is rebuilt on the other side with the same prototype and fields (no
 * constructor runs). Everything else is plain data and crosses as it is.
 *
 * The classes and their keys are the composition root's (sim/registry.ts):
 * each family declares its own.
 */
import { ERROR_CLASSES as CLASSES } from '../registry.ts';

const TAG = '$backlabError';

interface EncodedError {
  [TAG]: string;
  fields: Record<string, unknown>;
}

export function encodeValue(v: unknown): unknown {
  if (!(v instanceof Error)) return v;
  const proto = Object.getPrototypeOf(v);
  const key = Object.keys(CLASSES).find((k) => CLASSES[k].prototype === proto) ?? 'Error';
  const fields: Record<string, unknown> = { name: v.name };
  for (const f of Object.getOwnPropertyNames(v)) fields[f] = encodeValue((v as unknown as Record<string, unknown>)[f]);
  return { [TAG]: key, fields } satisfies EncodedError;
}

export function decodeValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || !(TAG in v)) return v;
  const e = v as EncodedError;
  const err = Object.create((CLASSES[e[TAG]] ?? Error).prototype) as Record<string, unknown>;
  for (const [f, x] of Object.entries(e.fields)) {
    Object.defineProperty(err, f, { value: decodeValue(x), writable: true, configurable: true, enumerable: f !== 'message' && f !== 'stack' });
  }
  return err;
}
