/**
 * The trace's SHA-256: Node's native one where the runtime has it (about six
 * times faster than JS), else the pure-TS one (browsers). Both compute the
 * same function, so a run hashes alike in the CLI and in the visualizer.
 */
import { Sha256 } from './sha256.ts';

export interface Hasher {
  update(data: Uint8Array): void;
  hex(): string;
}

interface NodeHash {
  update(data: Uint8Array): void;
  digest(encoding: 'hex'): string;
}

type GetBuiltin = (id: 'node:crypto') => { createHash(alg: 'sha256'): NodeHash };

export function createSha256(): Hasher {
  const get = (globalThis as { process?: { getBuiltinModule?: GetBuiltin } }).process?.getBuiltinModule;
  if (typeof get !== 'function') return new Sha256();
  const h = get('node:crypto').createHash('sha256');
  let hex: string | undefined;
  return {
    update: (data) => h.update(data),
    hex: () => (hex ??= h.digest('hex')),
  };
}
