/**
 * The compute family: host CPUs as memory-copy cost (host.ts), physical
 * servers cut into logical partitions with the hypervisor's virtual Ethernet
 * (server.ts), the VIO server's Shared Ethernet Adapter (vios.ts) and Live
 * Partition Mobility (lpm.ts). It extends `topology.hosts` entries with
 * `cores` and `copyBandwidth`, and owns `topology.servers`.
 */
import { cpuLink } from '../../foundation/link-names.ts';
import type { Family, FamilyRuntime } from '../family.ts';
import { opsOf } from '../../engine/step-command.ts';
import { hostCopy, lpmMigrate, partitionWhere } from './commands.ts';
import { defineHostCharge, defineHostCopy, HOST_CPU, HostCpu, cpuSpec, resolveHostCpus, type CpuDef } from './host.ts';
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
  ops: opsOf([hostCopy, lpmMigrate, partitionWhere]),

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
    defineHostCharge(kernel, cpus);
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
