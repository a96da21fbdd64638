/** Actor names of the lanfree protocol, as the trace and the visualizer show them. */
export const backupServerActor = (host: string): string => `backup server ${host}`;
export const clientActor = (client: string, kind: 'backup' | 'restore'): string => `LAN-free client ${client} (${kind})`;
export const agentActor = (partition: string): string => `storage agent ${partition}`;
