import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ScenarioError } from '../sim/foundation/errors.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { ethernetFamily, tcpPayloadRate } from '../sim/model/ethernet/family.ts';
import { familyRows } from '../sim/model/family.ts';
import { refusal } from './support/refusal.ts';

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

const lan = (link: string, bytes = '10 GB') => `name: lan
topology:
  hosts: { a: {}, b: {} }
  links:
    l: { between: [a, b], ${link} }
workload:
  flows:
    f: { from: a, to: b, route: [l], bytes: ${bytes} }
`;

const errorOf = (text: string): string => refusal(text, 'e.yaml').message;

test('10GbE at MTU 9000 implies the AIX guide\'s 9631 Mb/s (its "1148 MB/s" are MiB/s), and one flow takes bytes / that', () => {
  const s = loadScenario('e.yaml', lan('port: 10GbE, mtu: 9000'));
  const rate = 9631e6 / 8;
  assert.is(s.links[0].bandwidth, rate);
  // The guide's MB column, 1148, is the same figure in MiB/s.
  assert.is(Math.round(rate / 2 ** 20), 1148);
  const r = runScenario(s);
  close(r.flows[0].end!, 1e10 / rate, '10 GB over 10GbE jumbo');
});

test('every published row: bit rate / 8 bytes/s, which is the guide\'s MB column in MiB/s', () => {
  // [port, mtu, Mb/s, the guide's "MB/s"] from the AIX Adapter performance guidelines, Table 1.
  const rows: [string, number, number, number][] = [
    ['100MbE', 1500, 94.8, 11.3], ['1GbE', 1500, 948, 113.0], ['1GbE', 9000, 989, 117.9], ['10GbE', 1500, 7200, 858], ['10GbE', 9000, 9631, 1148],
  ];
  for (const [port, mtu, mbps, printed] of rows) {
    const rate = tcpPayloadRate(port as never, mtu)!;
    assert.is(rate, (mbps * 1e6) / 8, `${port} ${mtu}`);
    // Printed to one decimal below 200, to the unit above.
    assert.ok(Math.abs(rate / 2 ** 20 - printed) <= (printed < 200 ? 0.05 : 0.5), `${port} ${mtu}: ${rate / 2 ** 20} MiB/s vs ${printed}`);
  }
});

test('MTU defaults to 1500; an explicit bandwidth wins over the port; 25GbE is derived and flagged', () => {
  assert.is(loadScenario('e.yaml', lan('port: 1GbE')).links[0].bandwidth, 948e6 / 8);
  assert.is(loadScenario('e.yaml', lan('port: 1GbE, mtu: 9000, bandwidth: 100 MB/s')).links[0].bandwidth, 1e8);
  // 25 Gb/s × 1448 payload bytes per 1538 on the wire (MSS 1448 with timestamps; 1500 + 38 of preamble, header, FCS, gap).
  close(loadScenario('e.yaml', lan('port: 25GbE')).links[0].bandwidth, (25e9 / 8) * (1448 / 1538), '25GbE');
  const doc = familyRows(ethernetFamily).find((p) => p.name.includes('25GbE'))!;
  assert.match(doc.source, /^UNSOURCED/);
  // A measured figure makes an unpublished combination usable.
  assert.is(loadScenario('e.yaml', lan('port: 25GbE, mtu: 9000, bandwidth: 3 GB/s')).links[0].bandwidth, 3e9);
  // A link without a port is untouched.
  assert.is(loadScenario('e.yaml', lan('bandwidth: 1 Gb/s')).links[0].bandwidth, 1.25e8);
});

test('bad input: unknown port, unknown MTU, an unpublished pair, an MTU without a port, a port and a WAN', () => {
  assert.match(errorOf(lan('port: 40GbE')), /topology\.links\.l\.port\n {2}expected one of: "100MbE", "1GbE", "10GbE", "25GbE"; got "40GbE"/);
  assert.match(errorOf(lan('port: 10GbE, mtu: 4000')), /topology\.links\.l\.mtu\n {2}expected one of: 1500, 9000; got 4000/);
  assert.match(errorOf(lan('port: 25GbE, mtu: 9000')), /topology\.links\.l\.mtu\n {2}no published TCP payload rate for 25GbE at MTU 9000; known: .*10GbE at MTU 9000.*Give the link a bandwidth/);
  assert.match(errorOf(lan('port: 100MbE, mtu: 9000')), /topology\.links\.l\.mtu\n {2}no published TCP payload rate for 100MbE at MTU 9000/);
  assert.match(errorOf(lan('mtu: 9000, bandwidth: 1 Gb/s')), /topology\.links\.l\.mtu\n {2}an MTU needs a port type/);
  assert.match(errorOf(lan('port: 10GbE, wan: { rate: 1 Gb/s }')), /topology\.links\.l\.wan\n {2}a link is an Ethernet port or a WAN circuit, not both/);
});

test.run();
