/** Two flows over a LAN and a WAN; the LAN flaps at random, so each seed gives another trace (and fails flow a at another time, or not at all). */
export const flappingNet = (name: string): string => `name: ${name}
until: 60 s
topology:
  links:
    lan: { bandwidth: 1 GB/s }
    wan: { bandwidth: 100 MB/s, latency: 1 ms }
workload:
  flows:
    a: { route: [lan, wan], bytes: 1 GB }
    b: { route: [wan], bytes: 500 MB, start: 1 s }
faults:
  - random: { kind: link-flap, targets: [lan], mtbf: 20 s, mttr: 1 s }
checks:
  - makespan < 40 s
`;
