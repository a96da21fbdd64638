/**
 * The compute family: host CPUs as memory-copy cost (host.ts), physical
 * servers cut into logical partitions with the hypervisor's virtual Ethernet
 * (server.ts), the VIO server's Shared Ethernet Adapter (vios.ts) and Live
 * Partition Mobility (lpm.ts). It extends `topology.hosts` entries with
 * `cores` and `copyBandwidth`, and owns `topology.servers`.
 */
import { cpuLink } from '../../foundation/link-names.ts';
import type { Family, FamilyRuntime } from '../family.ts';
import { defineHostCopy, HOST_CPU, HostCpu, cpuSpec, resolveHostCpus, type CpuDef } from './host.ts';
import { LiveMobility } from './lpm.ts';
import { Delegate } from '../delegate.ts';
import { buildServers, resolveServers, SERVERS, type PartitionDef, type ServerDef } from './power-server.ts';

export interface ComputeDef {
  hosts: CpuDef[];
  servers: ServerDef[];
  partitions: PartitionDef[];
}

export const computeFamily: Family<ComputeDef> = {
  key: 'servers',
  title: 'compute: host CPUs as memory-copy cost (topology.hosts), servers with logical partitions, virtual Ethernet, VIOS Shared Ethernet Adapter, Live Partition Mobility',
  declares: { section: SERVERS, host: HOST_CPU },
  ops: {
    'host.copy': {
      description: 'Copy bytes in memory on a host\'s cores (copies: successive copies of them); copies on one host share its cores. Resolves { bytes, copies, cpuSeconds, seconds }.',
      params: {
        host: { kind: 'name', ref: 'cpu', required: true, description: 'a host with cores, or a partition' },
        bytes: { kind: 'size', required: true, description: 'the buffer copied' },
        copies: { kind: 'integer', description: 'how many successive copies of it (default 1)' },
      },
    },
    'lpm.migrate': {
      description: 'Live Partition Mobility: copy the partition\'s memory to another server while it runs, pause it, re-attach its virtual adapters there. Resolves when it runs on the new server.',
      params: {
        partition: { kind: 'name', ref: 'partition', required: true, description: 'the partition to move' },
        to: { kind: 'name', ref: 'server', required: true, description: 'the server it moves to' },
        memory: { kind: 'size', description: 'bytes to copy (default: the partition\'s memory)' },
        route: { kind: 'names', ref: 'link', description: 'links the memory crosses (default [FROM.mover, TO.mover])' },
      },
    },
    'partition.where': {
      description: 'Which server a partition runs on now: resolves { partition, server, migratingTo }.',
      params: { partition: { kind: 'name', ref: 'partition', required: true, description: 'the partition' } },
    },
  },

  resolve(topology, ctx) {
    const { servers, partitions } = resolveServers(topology, ctx);
    const placed = new Map(partitions.map((p) => [p.name, p.server]));
    for (const s of servers) if (s.vios !== null) placed.set(s.vios.name, s.name);
    const hosts = resolveHostCpus(topology, ctx, placed);
    for (const h of hosts) {
      const name = cpuLink(h.host);
      if (ctx.names.has('link', name)) ctx.fail(['topology', 'hosts', h.host, 'cores'], `a CPU makes the link '${name}', but a link of that name already exists; rename one`);
      ctx.names.define('link', name);
      ctx.names.define('device', name);
      ctx.names.define('cpu', h.host);
    }
    return { hosts, servers, partitions };
  },

  build(def, ctx): FamilyRuntime {
    const kernel = ctx.kernel;
    const cpus = new Map<string, HostCpu>();
    const devices = new Map<string, number>();
    for (const h of def.hosts) {
      const id = ctx.device(cpuLink(h.host), 'cpu', cpuSpec(h));
      devices.set(cpuLink(h.host), id);
      cpus.set(h.host, new HostCpu(h, id, kernel.net));
    }
    const { servers, partitions } = buildServers(def, ctx, cpus, devices);
    defineHostCopy(kernel, new Delegate(kernel), cpus);
    const lpm = new LiveMobility(kernel, servers, partitions);
    lpm.defineCommands();
    return {
      failDevice(name) {
        const id = devices.get(name);
        if (id === undefined) return false;
        kernel.net.setLinkUp(id, false);
        return true;
      },
      migrate: (partition, to) => lpm.fault(partition, to),
      nodeDown(name, down) {
        // A failed host or partition stops copying and its partition adapter drops off the vLAN.
        const cpu = cpus.get(name);
        if (cpu !== undefined) kernel.net.setLinkUp(devices.get(cpuLink(name))!, !down);
        const p = partitions.get(name);
        if (p !== undefined) kernel.net.setLinkUp(p.adapters.get(p.server.def.name)!, !down);
      },
    };
  },
};
