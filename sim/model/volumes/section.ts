/**
 * `topology.volumes`, declared once: the schema, the README rows and the
 * resolved values all come from here. family.ts keeps what a schema cannot
 * say: hosts and links that must exist, device names that must not clash.
 */
import { exactlyOne } from '../../foundation/declare-forms.ts';
import { duration, list, named, object, rate, text, type Resolved } from '../../foundation/declare.ts';

const DISK = object({
  rate: rate({ description: 'The disk\'s sustained transfer rate.', required: true, positive: true, source: 'the disk\'s own figure: a scenario gives it, no default is assumed' }),
  latency: duration({ description: 'Paid once per I/O before its first byte.', default: '0 s', source: 'UNSOURCED: streaming I/O is modelled, seeks are not; give a disk\'s access time to add it per I/O' }),
}, { description: 'A plex on a disk of its own: a device link named VOLUME.PLEX.' });

const NETWORK = object({
  route: list(text({ description: 'A link.', required: true, unit: 'link', source: 'topology' }), { description: 'Links from the volume\'s host to where the plex\'s data lives, in order.', minItems: 1, required: true }),
}, { description: 'A plex wired to a network adapter: its bytes cross these links.' });

export const VOLUMES = named(object({
  description: text({ description: 'What the volume is, for the reader.' }),
  host: text({ description: 'The host whose volume manager owns the volume.', source: 'topology' }),
  plexes: named(exactlyOne({ disk: DISK, network: NETWORK }), { description: 'The volume\'s plexes, by name: each on a disk of its own or wired to a network adapter.', minEntries: 1, required: true }),
}), { description: 'Logical volumes: each maps to one or more plexes (mirrors); a write writes every plex, a read uses one.' });

export type VolumeEntry = Resolved<typeof VOLUMES>[number];
