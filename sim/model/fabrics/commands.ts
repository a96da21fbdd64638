/** The FC fabric family's job-step command, declared once: parameters, arguments and answer. */
import type { TransferResult } from '../../engine/commands.ts';
import { stepCommand } from '../../engine/step-command.ts';

/** Bytes between two ports of a fabric (default: the one `from` is in), zoned and routed over ISLs. */
export const sanTransfer = stepCommand('san.transfer', {
  description: 'Move bytes between two ports of a Fibre Channel fabric: refused unless a zone holds both, routed over the fewest ISLs (ties to the ISL name first in order), at the max-min share of every port and ISL crossed.',
  params: {
    fabric: { kind: 'name', ref: 'fabric', description: 'the fabric; default the one `from` is in' },
    from: { kind: 'name', ref: 'fc port', required: true, description: 'the port the bytes leave: an initiator (HBA) for a write, a target for a read' },
    to: { kind: 'name', ref: 'fc port', required: true, description: 'the port the bytes reach' },
    bytes: { kind: 'size', required: true, description: 'how much' },
    cap: { kind: 'rate', description: 'the most this transfer may take' },
  },
}).returns<TransferResult>();
