/** The volume family's job-step commands, declared once: parameters, arguments and answers. */
import { stepCommand } from '../../engine/step-command.ts';

interface Written {
  bytes: number;
  /** bytes times the plexes written */
  plexBytes: number;
  plexes: string[];
  /** plexes detached by this write's failures */
  detached: string[];
}

const volume = { kind: 'name', ref: 'logical-volume', required: true, description: 'the volume' } as const;

/** Write all attached plexes (but `except`, the plex the bytes come from). */
export const volumeWrite = stepCommand('volume.write', {
  description: 'Writes every attached plex at once (but `except`), one flow each; ends when all have the bytes. A plex that fails is detached. Result { bytes, plexBytes, plexes, detached }.',
  params: {
    volume,
    bytes: { kind: 'size', required: true, description: 'bytes written to the volume' },
    except: { kind: 'string', description: 'a plex not to write: the feed plex the bytes came in by, or a plex wired to a network adapter that this write must not cross' },
  },
}).returns<Written>();

/** Read one plex, the next one taking over what a failed plex did not deliver. */
export const volumeRead = stepCommand('volume.read', {
  description: 'Reads from one plex: the one named, else the first attached disk plex (then network plexes), never `except`; a failed plex is detached and the rest of the read goes to the next. Result { bytes, plex }.',
  params: {
    volume,
    bytes: { kind: 'size', required: true, description: 'bytes read' },
    plex: { kind: 'string', description: 'the plex to read from' },
    except: { kind: 'string', description: 'a plex not to read from: the plex wired to the network adapter the bytes leave by (it does not hold them)' },
  },
}).returns<{ bytes: number; plex: string }>();

/** One plex feeds the others. */
export const volumeFeed = stepCommand('volume.feed', {
  description: 'The feed-plex step: bytes arriving at plex `from` (over its network route, or read from its disk) are written to every other attached plex as they stream in. Result { bytes, plexBytes, from, plexes, detached }.',
  params: {
    volume,
    from: { kind: 'string', required: true, description: 'the feed plex, whose bytes feed the others' },
    bytes: { kind: 'size', required: true, description: 'bytes fed' },
  },
}).returns<Written & { from: string }>();
