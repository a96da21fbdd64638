/**
 * The labels students see in the trace. The patent's figure numbers and step
 * numbers were stripped from the text we have; the figures are numbered here
 * in the order the description walks through them (FIG. 1 to FIG. 6), and
 * each figure's steps in the order its paragraph gives them (README.md).
 */

export const FIG = {
  askDiskInfo: 'FIG. 1 step 1: backup client asks the virtual center server for the VM disk information',
  answerDiskInfo: 'FIG. 1 step 2: virtual center server answers the disk numbers and types (virtual or physical)',
  injectFcm: 'FIG. 2 step 1: backup client injects the FCM into the VM',
  installFcm: 'FIG. 2 step 2: FCM hardware provider installs in the VM',
  injectProxy: 'FIG. 3 step 1: backup client injects and installs the proxy and the VPS',
  passDiskInfo: 'FIG. 3 step 2: backup client passes the disk information to the proxy',
  matchTargets: 'FIG. 3 step 3: proxy matches the target volumes on the VSS provider',
  freezeWriters: 'FIG. 4 step 1: backup client issues freeze writers to the proxy',
  submitFreeze: 'FIG. 4 step 2: proxy updates the VSS framework with the disk information and submits the freeze through the VPS',
  stopWriters: 'FIG. 4 step 3: VPS stops the VSS writers: the application holds its writes',
  lockVolumes: 'FIG. 4 step 4: virtual and physical volumes locked: no write reaches either',
  requestSnapshots: 'FIG. 5 step 1: backup client requests snapshots of the frozen volumes',
  physicalSnapshot: 'FIG. 5 step 2: FCM takes the snapshot of the physical (RDM) volumes',
  virtualSnapshot: 'FIG. 5 step 3: VMware takes the snapshot of the virtual volumes through the VSS provider',
  thaw: 'FIG. 6 step 1: backup client issues thaw to the proxy',
  releaseLocks: 'FIG. 6 step 2: proxy asks the VSS framework to release the locks on the virtual and physical volumes',
  writesResume: 'FIG. 6 step 3: volumes out of the frozen state: the held writes reach the disks',
} as const;

/** The baseline: VMware's quiesced snapshot of the virtual volumes, then FCM's own VSS backup of the physical ones. */
export const SEPARATE = {
  askDiskInfo: 'separate step 1: backup client asks the virtual center server for the VM disk information',
  answerDiskInfo: 'separate step 2: virtual center server answers the disk numbers and types',
  virtualBackup: 'separate step 3: backup client asks VMware for a quiesced snapshot of the virtual volumes',
  virtualWriters: 'separate step 4: VSS freezes the writers for the virtual volumes',
  virtualHold: 'separate step 5: VSS holds writes to the virtual volumes',
  virtualSnapshot: 'separate step 6: VMware takes the snapshot of the virtual volumes',
  virtualRelease: 'separate step 7: VSS releases the virtual volumes and thaws the writers',
  physicalBackup: 'separate step 8: backup client asks the FCM for a backup of the physical volumes',
  physicalWriters: 'separate step 9: VSS freezes the writers for the physical volumes',
  physicalHold: 'separate step 10: VSS holds writes to the physical volumes',
  physicalSnapshot: 'separate step 11: FCM takes the snapshot of the physical volumes',
  physicalRelease: 'separate step 12: VSS releases the physical volumes and thaws the writers',
} as const;

/** What a VSS requester asks the framework to label its steps with. */
export interface VssLabels {
  writers: string;
  hold: string;
  release: string;
}

export const PATENTED_VSS: VssLabels = { writers: FIG.stopWriters, hold: FIG.lockVolumes, release: FIG.writesResume };
export const VIRTUAL_VSS: VssLabels = { writers: SEPARATE.virtualWriters, hold: SEPARATE.virtualHold, release: SEPARATE.virtualRelease };
export const PHYSICAL_VSS: VssLabels = { writers: SEPARATE.physicalWriters, hold: SEPARATE.physicalHold, release: SEPARATE.physicalRelease };
