/**
 * The Emulation Management Framework's conversion (FIG. 3 step 3): a Smart
 * Copy request, whether it came as NDMP tape copy or SMI-S copy services,
 * becomes the same standardised tape commands: load, rewind, position, copy N
 * blocks, write filemark, unload.
 */

export type CommonCommand =
  | { op: 'load'; cartridge: string }
  | { op: 'rewind' }
  /** to the end of the data already on the cartridge */
  | { op: 'position' }
  | { op: 'copy'; vtl: string; cartridge: string; blocks: number; bytes: number }
  | { op: 'write-filemark' }
  | { op: 'unload' };

export interface CopySource {
  vtl: string;
  cartridge: string;
  /** logical bytes the virtual cartridge holds */
  bytes: number;
}

/** One copy and a filemark per virtual cartridge, all stacked on the physical cartridge `to`. */
export function toCommonCommands(to: string, sources: readonly CopySource[], blockSize: number): CommonCommand[] {
  return [
    { op: 'load', cartridge: to },
    { op: 'rewind' },
    { op: 'position' },
    ...sources.flatMap((s): CommonCommand[] => [
      { op: 'copy', vtl: s.vtl, cartridge: s.cartridge, blocks: Math.ceil(s.bytes / blockSize), bytes: s.bytes },
      { op: 'write-filemark' },
    ]),
    { op: 'unload' },
  ];
}

/**
 * The same job as the remote device runs it: each virtual cartridge read
 * from its replica in the remote library (the auto-migration layers' software
 * link maps a local cartridge to the remote one in its slot).
 */
export function onReplicas(commands: readonly CommonCommand[], remote: string, replicaOf: (cartridge: string) => string): CommonCommand[] {
  return commands.map((c) => (c.op === 'copy' ? { ...c, vtl: remote, cartridge: replicaOf(c.cartridge) } : c));
}

export function describe(c: CommonCommand): string {
  switch (c.op) {
    case 'load': return `load ${c.cartridge}`;
    case 'copy': return `copy ${c.blocks} blocks of ${c.cartridge}`;
    case 'write-filemark': return 'write filemark';
    default: return c.op;
  }
}
