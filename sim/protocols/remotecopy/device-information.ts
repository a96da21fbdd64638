/**
 * Device information (FIG. 2): what each copy engine knows of the physical
 * libraries attached to its storage device, passed between the auto-migration
 * layers over the Physical Device Discovery link, so the local library can
 * present a remote physical library as a "ghost" library of its own.
 *
 * Computed once from the resolved topology (a library is attached to a
 * virtual library when one of its drives is that VLS's `tape`), and handed to
 * the actors as plain data.
 */
import type { TapeDef } from '../../model/libraries/family.ts';
import type { VtlDef } from '../../model/vtls/vtl.ts';

export type Site = 'local' | 'remote';

/** A physical library as a storage device reports it. */
export interface PhysicalLibrary {
  library: string;
  /** the drive attached to the virtual library, and its LTO generation */
  drive: string;
  driveGeneration: string;
  /** the virtual library it is attached to */
  vtl: string;
  site: Site;
  /** native bytes already on each when the run starts */
  cartridges: { name: string; generation: string; used: number }[];
}

/** Where a physical cartridge is: FIG. 3 step 4's answer. */
export interface MediumLocation {
  cartridge: string;
  library: string;
  drive: string;
  vtl: string;
  site: Site;
}

/** The physical libraries attached to the local and the remote virtual library. */
export function attachedLibraries(tapes: TapeDef | undefined, vtls: readonly VtlDef[], local: string, remote: string): PhysicalLibrary[] {
  const out: PhysicalLibrary[] = [];
  for (const [vtl, site] of [[local, 'local'], [remote, 'remote']] as const) {
    const drive = vtls.find((v) => v.name === vtl)?.tape;
    if (drive === undefined) continue;
    const lib = tapes?.libraries.find((l) => l.drives.some((d) => d.name === drive));
    if (lib === undefined) continue;
    out.push({ library: lib.name, drive, driveGeneration: lib.drives.find((d) => d.name === drive)!.generation, vtl, site, cartridges: lib.cartridges.map((c) => ({ name: c.name, generation: c.generation, used: c.used })) });
  }
  return out;
}

/** Device information's lookup: the library holding the cartridge, or undefined. */
export function locateMedium(libraries: readonly PhysicalLibrary[], cartridge: string): MediumLocation | undefined {
  for (const l of libraries) {
    const c = l.cartridges.find((x) => x.name === cartridge);
    if (c !== undefined) return { cartridge, library: l.library, drive: l.drive, vtl: l.vtl, site: l.site };
  }
  return undefined;
}

/**
 * What the local copy interface shows the backup application: every attached
 * library as if it hung off the local VLS. A remote one is marked `ghost` for
 * the trace; the backup application never sees the remote device's name.
 */
export function presentedLibraries(libraries: readonly PhysicalLibrary[], local: string): { library: string; presentedBy: string; ghost: boolean; cartridges: string[] }[] {
  return libraries.map((l) => ({ library: l.library, presentedBy: local, ghost: l.site === 'remote', cartridges: l.cartridges.map((c) => c.name) }));
}
