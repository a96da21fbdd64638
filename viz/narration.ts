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
};

export function plainSentence(op: string | undefined, label: string): string {
  if (/^FIG\. 3A step 4/.test(label) && op === 'job.begin') return 'The DR services saw the heartbeats stop: they declare a disaster and start the failover.';
  if (/^FIG\. 3A step 5/.test(label) && op === 'job.begin') return 'Each VM with a backup at the secondary site is restored on a host there.';
  if (/^FIG\. 3A step 3/.test(label)) return 'The mirror copies what changed since its last update across the WAN to the secondary site.';
  return (op && BY_OP[op]) || 'See the label: this is what the actor does now.';
}
