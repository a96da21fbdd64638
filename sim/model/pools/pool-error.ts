/** A pool's refusal, with a stable code a job decides by. */
import { BacklabError } from '../../foundation/errors.ts';

export type PoolErrorCode =
  | 'pool.full' // a disk pool with no room and no next pool
  | 'pool.max-scratch' // the pool holds maxScratch cartridges already
  | 'pool.no-slot' // no scratch in the library, and no free slot to check one in
  | 'pool.no-drive' // every drive the step needs has failed
  | 'pool.expired' // a restore of a version retention removed
  | 'pool.no-version' // a restore of a version never taken
  | 'pool.refused'; // anything else: a step that does not apply to this kind of pool

export class PoolError extends BacklabError<{ pool: string }> {
  override name = 'PoolError';
  declare readonly code: PoolErrorCode;
  constructor(message: string, code: PoolErrorCode, pool: string) {
    super(message, code, { pool });
  }
}
