/**
 * One copy of 10 GB between two partitions over a server's virtual LAN (its
 * declared 50 Gb/s and 20 us): the smallest scenario whose makespan a
 * closed form gives, 20 us + 10 GB / bandwidth, for the tests that vary it.
 */
export const vlanCopy = (name: string, rest = ''): string => `name: ${name}
topology:
  servers:
    s:
      cores: 4
      partitions: { a: { cores: 1, memory: 1 GB }, b: { cores: 1, memory: 1 GB } }
workload:
  jobs:
    copy: { kind: copy, steps: [ { transfer: { route: [a@s, s.vlan, b@s], bytes: 10 GB } } ] }
${rest}`;
