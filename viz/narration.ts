/**
 * A plain-language sentence for the step under way, for a student who has
 * never seen a mirror or a tape drive. Keyed by the step's operation; steps
 * without one here are told by their own label.
 */
import { storyData, type FigureRef, type StoryEvent } from '../sim/foundation/story.ts';

const BY_OP: Record<string, string> = {
  'job.begin': 'A new piece of work begins.',
  'storage.snapshot': 'The storage keeps a frozen, read-only image of the volume: the backup.',
  'storage.snapshot.list': 'The DR services look for backups on the surviving storage.',
  'storage.mirror.break': 'The secondary copy stops following the primary so it can be written.',
  'storage.restore': 'The volume goes back to the chosen backup: writes since then are lost.',
  'vm.register': 'The hypervisor at the secondary site learns about the VM.',
  'vm.start': 'The VM boots on its new host.',
  'vmdr.recovered': 'The VM runs again, at the secondary site.',
  sleep: 'This takes time: the clock runs while nothing else happens for this actor.',
  transfer: 'Data moves over the network, sharing each link with the other transfers.',
  'tape.idle': 'The tape drive is ready and waiting for work.',
  'tape.mount': 'A robot carries a cartridge from its slot to the drive, which loads and threads the tape.',
  'tape.unmount': 'The drive rewinds and unloads the tape; a robot puts the cartridge back in its slot.',
  'tape.locate': 'The drive winds the tape to where the data starts.',
  'tape.write': 'Data streams onto the tape; a feed slower than the drive makes it slow down or stop and back up.',
  'tape.read': 'The drive streams data back off the tape.',
  'vm.freeze': 'Writes to the VM\'s disks are held in memory so that the snapshot sees one consistent state.',
  'vm.thaw': 'The held writes go to disk and the application carries on.',
  'volume.read': 'A volume reads a block from one of its plexes (its copies on disk).',
  'volume.write': 'A volume writes a block to every one of its plexes.',
  'host.copy': 'The host\'s processor copies the data from one buffer to another: this costs CPU time.',
  'vtl.write': 'The backup lands on a virtual tape: disk that looks like tape, storing each repeated chunk once.',
  'vtl.replicate': 'Only the chunks the remote library does not have yet cross the WAN.',
  'lpm.migrate': 'The partition moves to another server while it keeps running.',
  'partition.where': 'The client checks which server its partition runs on now.',
};

/** Sentences for the patents' own steps, by protocol/figure/step[/part] (FigureRef); `op` narrows one to a command. */
const BY_FIGURE: { key: string; op?: string; say: string }[] = [
  { key: 'lanfree/3/1', say: 'The backup client in the partition starts a backup (or restore).' },
  { key: 'lanfree/3/2-7', say: 'Data goes from the client over the server\'s virtual LAN to the storage agent, which turns TCP/IP into Fibre Channel and sends it over the SAN to the tape drive.' },
  { key: 'lanfree/3/8', say: 'That piece of data is now on tape.' },
  { key: 'lanfree/3/9', say: 'More data is left: the client sends the next piece.' },
  { key: 'lanfree/4/2-7', say: 'The client and the backup server exchange protocol information: only small messages cross the physical LAN, never the data.' },
  { key: 'lanfree/4//assign', say: 'The backup server gives the session a tape drive and says which cartridge to mount.' },
  { key: 'lanfree/4//record', say: 'The backup server notes where the data went, so a restore can find it.' },
  { key: 'lanfree/4/', say: 'Protocol information between the client and the backup server.' },
  { key: 'lanfree/5/', say: 'The client sends to one address shared by the LAN-free servers; the one on its own physical server answers.' },
  { key: 'vmdr/3A/4', op: 'job.begin', say: 'The DR services saw the heartbeats stop: they declare a disaster and start the failover.' },
  { key: 'vmdr/3A/5', op: 'job.begin', say: 'Each VM with a backup at the secondary site is restored on a host there.' },
  { key: 'vmdr/3A/3', say: 'The mirror copies what changed since its last update across the WAN to the secondary site.' },
  { key: 'vmdr/3B/1', say: 'The DR services pick the host from the DR plan, not the one named in the backup, which is gone.' },
  { key: 'vmdr/3B/2', say: 'The VM\'s data comes back from the snapshot at the secondary site and the VM starts there.' },
  { key: 'vmdr/3A/1', say: 'The data protection software starts a backup of the VMs on a host.' },
  { key: 'vmdr/3A/2', say: 'A snapshot of the storage is taken, with a note of which VM and host it belongs to.' },
];

/** Sentences for the moments around the figures (StoryEvent). */
const BY_EVENT: Record<StoryEvent, string> = {
  'san-fallback': 'The SAN path broke: the client sends its data over the LAN to the backup server instead.',
  'lpm-copy': 'Live Partition Mobility copies the partition\'s memory to the other server while it keeps running.',
  'lpm-paused': 'The partition stops for a moment while it switches servers; its connections wait.',
  'lpm-reattached': 'The partition now runs on the other server; its connections carry on.',
};

const keyOf = (f: FigureRef, withPart: boolean): string => `${f.protocol}/${f.figure}/${f.step ?? ''}${withPart && f.part !== undefined ? `/${f.part}` : ''}`;

/** The sentence for a step: by its figure (a part before the whole step), then its moment, then its operation. Never by its label. */
export function plainSentence(op: string | undefined, data: unknown): string {
  const story = storyData(data);
  const f = story.figure;
  if (f !== undefined) {
    const keys = f.part === undefined ? [keyOf(f, false)] : [keyOf(f, true), keyOf(f, false)];
    for (const key of keys) {
      const said = BY_FIGURE.find((x) => x.key === key && (x.op === undefined || x.op === op));
      if (said !== undefined) return said.say;
    }
  }
  if (story.event !== undefined) return BY_EVENT[story.event];
  return (op && BY_OP[op]) || 'See the label: this is what the actor does now.';
}
