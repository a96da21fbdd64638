/**
 * A plain-language sentence for the step under way, for a student who has
 * never seen a mirror or a tape drive. Keyed by the step's operation; steps
 * without one here are told by their own label.
 */
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

/** Sentences for the patents' own steps and the events around them, by the label they carry. */
const BY_LABEL: [RegExp, string][] = [
  [/^FIG\. 3 step 1:/, 'The backup client in the partition starts a backup (or restore).'],
  [/^FIG\. 3 steps 2-7:/, 'Data goes from the client over the server\'s virtual LAN to the storage agent, which turns TCP/IP into Fibre Channel and sends it over the SAN to the tape drive.'],
  [/^FIG\. 3 step 8:/, 'That piece of data is now on tape.'],
  [/^FIG\. 3 step 9:/, 'More data is left: the client sends the next piece.'],
  [/^FIG\. 4 steps 2-7:/, 'The client and the backup server exchange protocol information: only small messages cross the physical LAN, never the data.'],
  [/^FIG\. 4: backup server assigns/, 'The backup server gives the session a tape drive and says which cartridge to mount.'],
  [/^FIG\. 4: backup server records/, 'The backup server notes where the data went, so a restore can find it.'],
  [/^FIG\. 4:/, 'Protocol information between the client and the backup server.'],
  [/^FIG\. 5:/, 'The client sends to one address shared by the LAN-free servers; the one on its own physical server answers.'],
  [/^tape reconfiguration/, 'With an FC card of its own, a moved partition needs its tape paths rebuilt by hand before it can write again.'],
  [/^SAN path of .* failed/, 'The SAN path broke: the client sends its data over the LAN to the backup server instead.'],
  [/^LPM: copying memory/, 'Live Partition Mobility copies the partition\'s memory to the other server while it keeps running.'],
  [/^LPM: .* paused/, 'The partition stops for a moment while it switches servers; its connections wait.'],
  [/^LPM: .* re-attached/, 'The partition now runs on the other server; its connections carry on.'],
  [/^FIG\. 3B step 1/, 'The DR services pick the host from the DR plan, not the one named in the backup, which is gone.'],
  [/^FIG\. 3B step 2/, 'The VM\'s data comes back from the snapshot at the secondary site and the VM starts there.'],
  [/^FIG\. 3A step 1/, 'The data protection software starts a backup of the VMs on a host.'],
  [/^FIG\. 3A step 2/, 'A snapshot of the storage is taken, with a note of which VM and host it belongs to.'],
];

export function plainSentence(op: string | undefined, label: string): string {
  if (/^FIG\. 3A step 4/.test(label) && op === 'job.begin') return 'The DR services saw the heartbeats stop: they declare a disaster and start the failover.';
  if (/^FIG\. 3A step 5/.test(label) && op === 'job.begin') return 'Each VM with a backup at the secondary site is restored on a host there.';
  if (/^FIG\. 3A step 3/.test(label)) return 'The mirror copies what changed since its last update across the WAN to the secondary site.';
  const said = BY_LABEL.find(([re]) => re.test(label));
  if (said !== undefined) return said[1];
  return (op && BY_OP[op]) || 'See the label: this is what the actor does now.';
}
