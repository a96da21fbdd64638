/**
 * Network models: how flows share links, beyond pure max-min. SimGrid's TCP
 * models (CM02, and LV08, its default) correct max-min with four facts that
 * an unloaded TCP path shows (Velho & Legrand, "Accuracy Study and
 * Improvement of Network Simulation in the SimGrid Framework", SIMUTools 2009):
 *  - latency factor: slow start makes a transfer pay several RTTs up front;
 *  - bandwidth factor: headers and ACKs leave ~97% of a link to payload;
 *  - RTT-weighted sharing: TCP shares a bottleneck in inverse proportion to
 *    each flow's round trip, modelled as weighted max-min with the weight
 *    route latency + weightS / bandwidth over the route's links;
 *  - the window bound: a flow moves at most gamma / (2 * route latency);
 *  - reverse-path cross-traffic: each flow's ACKs take a fraction of its rate
 *    on the same links, the other way (backlab routes are symmetric).
 * The defaults are SimGrid 3.32's (docs: Configuring SimGrid, network/*),
 * checked against SimGrid itself by tests/network-models.test.ts.
 */
import type { NetworkModelDef } from '../foundation/scenario.ts';
import { TICKS_PER_SECOND } from '../foundation/time.ts';

export type NetworkModel = NetworkModelDef;
export type ModelName = NetworkModelDef['model'];

/** Pure max-min: every correction off. Every run that names no model uses it. */
export const MAXMIN: NetworkModel = { model: 'maxmin', latencyFactor: 1, bandwidthFactor: 1, rttWeighted: false, weightS: 0, tcpGamma: 0, crossTraffic: 0 };

/** SimGrid's network/TCP-gamma default, bytes: the largest TCP window it assumes (4 MiB). */
const SIMGRID_GAMMA = 4194304;
/** SimGrid's network/crosstraffic: ACKs take 5% of a flow's rate the other way (network_cm02.cpp, expand by 0.05). */
const SIMGRID_CROSS = 0.05;

/** Each model's defaults; a scenario may override any factor. */
export const MODELS: Readonly<Record<ModelName, NetworkModel>> = {
  maxmin: MAXMIN,
  // LV08, SimGrid's default network/model: latency factor 13.01, bandwidth factor 0.97, weight-S 20537 B.
  'simgrid-lv08': { model: 'simgrid-lv08', latencyFactor: 13.01, bandwidthFactor: 0.97, rttWeighted: true, weightS: 20537, tcpGamma: SIMGRID_GAMMA, crossTraffic: SIMGRID_CROSS },
  // CM02 (Casanova & Marchal 2002): RTT-weighted max-min, no correction factors, no weight-S.
  'simgrid-cm02': { model: 'simgrid-cm02', latencyFactor: 1, bandwidthFactor: 1, rttWeighted: true, weightS: 0, tcpGamma: SIMGRID_GAMMA, crossTraffic: SIMGRID_CROSS },
};

/** Ticks a flow waits before its first byte: its route's latency times the latency factor. */
export function startDelay(model: NetworkModel, routeLatency: number): number {
  return model.latencyFactor === 1 ? routeLatency : Math.round(routeLatency * model.latencyFactor);
}

/** The window bound on a flow's rate, bytes/s: bandwidthFactor * gamma / (2 * route latency); Infinity if none. */
export function windowCap(model: NetworkModel, routeLatency: number): number {
  if (!(model.tcpGamma > 0) || !(routeLatency > 0)) return Infinity;
  return (model.bandwidthFactor * model.tcpGamma) / ((2 * routeLatency) / TICKS_PER_SECOND);
}

/**
 * A flow's sharing penalty: its share of a link is proportional to 1 / penalty.
 * SimGrid sets it once the latency is paid, and only for a route with latency
 * (a route without keeps its initial penalty of 1).
 */
export function sharingPenalty(model: NetworkModel, route: ArrayLike<number>, latency: ArrayLike<number>, bandwidth: ArrayLike<number>): number {
  if (!model.rttWeighted) return 1;
  let lat = 0, inv = 0;
  for (let i = 0; i < route.length; i++) {
    lat += latency[route[i]];
    // A link stopped at 0 B/s (a paused partition's adapter) stalls the flow by its share, not by its weight.
    if (bandwidth[route[i]] > 0) inv += 1 / bandwidth[route[i]];
  }
  return lat > 0 ? lat / TICKS_PER_SECOND + model.weightS * inv : 1;
}
