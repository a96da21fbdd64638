/**
 * What a virtual tape library holds, read out to the run's ledger when it
 * changes, and the invariants those figures keep (checked by tests and the
 * fuzzer, never by a run).
 */
import type { Ledger } from '../../engine/ledger.ts';
import type { VirtualTapeLibrary } from './vtl.ts';

/** Writes the library's figures to the ledger (the ledger keeps only those that changed). */
export function readOut(v: VirtualTapeLibrary, ledger: Ledger, now: number): void {
  const s = v.name;
  const { dedup } = v;
  ledger.set(s, 'logical', dedup.logical);
  ledger.set(s, 'stored', dedup.stored);
  ledger.set(s, 'garbage', dedup.garbage);
  if (v.def.diskCapacity !== undefined) ledger.set(s, 'capacity', v.def.diskCapacity);
  ledger.set(s, 'versions', v.catalog.count);
  const scratch = v.scratchCount();
  ledger.set(s, 'cartridges-used', v.def.barcodes.length - scratch);
  ledger.set(s, 'cartridges-scratch', scratch);
  if (v.def.replicate !== undefined) {
    ledger.set(s, 'replica-pending', v.pendingBytes());
    ledger.set(s, 'replica-lag', v.lag(now));
  }
}

/** Relative slack for sums of doubles taken in different orders. */
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * The library's invariants, as the problems found (none: []): stored bytes
 * a kept version references never exceed the logical bytes kept (garbage
 * is stored until collected, so stored itself may, until vtl.gc), garbage is
 * never negative, the logical bytes are those of versions not expired (and
 * the bytes pending replication those of kept versions not yet sent), no
 * cartridge holds more than its capacity, every cartridge is scratch or
 * used, and no restore returned a version retention had removed by the
 * time it finished.
 */
export function audit(v: VirtualTapeLibrary): string[] {
  const out: string[] = [];
  const { dedup } = v;
  const referenced = dedup.stored - dedup.garbage;
  // Stored and garbage are long sums of doubles that rise and fall: once everything has expired and been collected they are 0 give or take
  // the rounding of the bytes that went through them, so the slack scales with what the library can hold, not with what is left.
  const slack = 1e-9 * Math.max(1, dedup.stored, dedup.garbage, dedup.logical, v.def.barcodes.length * v.def.capacity);
  if (referenced - dedup.logical > slack) out.push(`${v.name}: ${referenced} stored bytes referenced exceed the ${dedup.logical} logical bytes kept`);
  if (dedup.garbage < -slack) out.push(`${v.name}: garbage is negative (${dedup.garbage})`);
  let kept = 0, versions = 0, pending = 0;
  for (const d of v.catalog.datasets()) {
    for (const x of v.catalog.versionsOf(d)) {
      if (x.expiredOn !== null) continue;
      kept += x.bytes;
      versions++;
      if (x.pending) pending += x.bytes;
    }
  }
  if (!close(pending, v.pendingBytes())) out.push(`${v.name}: ${v.pendingBytes()} bytes pending replication, but the kept versions not yet replicated hold ${pending}`);
  if (!close(kept + v.copied.logical, dedup.logical)) out.push(`${v.name}: logical bytes ${dedup.logical} are not those of the versions kept (${kept}) and cartridges copied in (${v.copied.logical})`);
  if (versions !== v.catalog.count) out.push(`${v.name}: ${v.catalog.count} versions counted, ${versions} kept`);
  let scratch = 0, used = 0;
  for (const c of v.cartridges.values()) {
    if (c.used > v.def.capacity) out.push(`${v.name}: cartridge ${c.barcode} holds ${c.used} bytes, over its ${v.def.capacity}`);
    if ([...c.versions].some((x) => x.expiredOn !== null)) out.push(`${v.name}: cartridge ${c.barcode} still lists an expired version`);
    if (c.used === 0 && c.versions.size === 0) scratch++;
    else used++;
  }
  for (const r of v.catalog.restored) {
    const x = r.version;
    if (r.expiredOn !== null) out.push(`${v.name}: restored the ${x.level} of '${x.dataset}' taken on day ${x.day} on day ${r.day}, after retention removed it on day ${r.expiredOn}`);
  }
  if (scratch !== v.scratchCount() || scratch + used !== v.def.barcodes.length) out.push(`${v.name}: ${scratch} scratch and ${used} used cartridges of ${v.def.barcodes.length}`);
  return out;
}
