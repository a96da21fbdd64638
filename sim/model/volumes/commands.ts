/** The volume family's commands, declared once: arguments and answers. */
import { command } from '../../engine/commands.ts';

interface Written {
  bytes: number;
  /** bytes times the plexes written */
  plexBytes: number;
  plexes: string[];
  /** plexes detached by this write's failures */
  detached: string[];
}

/** Write all attached plexes (but `except`, the plex the bytes come from). */
export const volumeWrite = command<{ volume: string; bytes: number; except?: string }, Written>('volume.write');
/** One plex feeds the others. */
export const volumeFeed = command<{ volume: string; from: string; bytes: number }, Written & { from: string }>('volume.feed');
/** Read one plex, the next one taking over what a failed plex did not deliver. */
export const volumeRead = command<{ volume: string; bytes: number; plex?: string; except?: string }, { bytes: number; plex: string }>('volume.read');
