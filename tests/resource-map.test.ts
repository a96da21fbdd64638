import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { placeOf } from '../viz/resource-map.ts';
import type { Topology } from '../viz/run-view.ts';

const topo: Topology = {
  sites: [],
  nodes: [
    { name: 'vios1', kind: 'host', site: null }, { name: 'lpar1', kind: 'partition', site: null, server: 'p1' },
    { name: 'lpar10', kind: 'partition', site: null, server: 'p1' }, { name: 'p1', kind: 'server', site: null },
    { name: 'lib1', kind: 'library', site: null }, { name: 'core', kind: 'switch', site: null },
  ],
  edges: [{ name: 'vios1-lan', a: 'vios1', b: 'core', links: ['vios1-lan'], kind: 'ethernet', what: 'link vios1-lan' }, { name: 'hba', a: 'lpar1', b: 'core', links: ['san/hba:tx', 'san/hba:rx'], kind: 'fc', what: 'HBA hba' }],
  placements: [{ link: 'lpar1@p1', partition: 'lpar1', server: 'p1' }],
  vms: [],
  zones: [],
};

test('a resource is drawn on its edge, or under the node that owns it, or nowhere', () => {
  assert.equal(placeOf(topo, 'vios1-lan'), { edge: 'vios1-lan' });
  assert.equal(placeOf(topo, 'san/hba:rx'), { edge: 'hba' });
  assert.equal(placeOf(topo, 'vios1.sea'), { node: 'vios1', label: 'sea' });
  assert.equal(placeOf(topo, 'lpar10.cpu'), { node: 'lpar10', label: 'cpu' });
  assert.equal(placeOf(topo, 'lpar1@p1'), { node: 'lpar1', label: '@p1' });
  assert.equal(placeOf(topo, 'p1.vlan'), { node: 'p1', label: 'vlan' });
  assert.equal(placeOf(topo, 'lib1/d3'), { node: 'lib1', label: 'd3' });
  assert.is(placeOf(topo, 'san/lto-d1:tx'), null);
  assert.is(placeOf(topo, 'vios1'), null, 'a node is not its own resource');
});

test.run();
