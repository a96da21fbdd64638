/** A tape drive's refusal or failure, with a stable code a job decides by. */
import { BacklabError } from '../../foundation/errors.ts';

/** Why a drive refused or broke off a request: what a job decides by (a failed drive ends it; a lost feed may be retried another way). */
export type TapeErrorCode =
  | 'tape.drive-failed' // the drive itself failed (a device-fails fault); it refuses everything from then on
  | 'tape.feed-lost' // the flow feeding or draining the drive failed; the drive is fine
  | 'tape.stopped' // the request was interrupted
  | 'tape.no-cartridge' // nothing mounted, or the cartridge asked for is not there
  | 'tape.busy' // the drive or the cartridge is held
  | 'tape.wrong-generation' // the drive can neither read nor write the cartridge's generation
  | 'tape.read-only' // a write to a cartridge the drive can read but not write (two generations back)
  | 'tape.no-scratch' // the library has no empty cartridge of the generation left
  | 'tape.too-much' // a read of more than the cartridge holds
  | 'tape.refused'; // anything else: a command the drive does not have, the wrong library

export class TapeError extends BacklabError<{ drive: string; bytes?: number }> {
  override name = 'TapeError';
  declare readonly code: TapeErrorCode;
  constructor(message: string, code: TapeErrorCode, data: { drive: string; bytes?: number }) {
    super(message, code, data);
  }
}
