/**
 * A tape library: cartridges in their slots, drives, and the robots
 * (accessors) that carry cartridges between them.
 *
 * Robots are a FIFO resource: a drive that needs one while all are busy waits
 * its turn, in the order the requests came. Without geometry each trip with a
 * cartridge (slot to drive, or back) takes `move` and any robot serves any
 * drive. With geometry (geometry.ts) each accessor has a position and works
 * the drives of its own zone, and a trip costs by distance and handlings.
 * A cartridge is either in its slot or
 * belongs to one drive, from the moment that drive claims it until the robot
 * has put it back, so two drives never mount the same cartridge.
 */
import type { Kernel } from '../../engine/kernel.ts';
import type { Wait } from '../../engine/wait.ts';
import { zoneOf, type Geometry } from './geometry.ts';
import { Rail, type Planned } from './rail.ts';
import type { Generation } from './lto.ts';
import type { TapeDrive } from './tape-drive.ts';

export interface CartridgeSpec {
  name: string;
  generation: Generation;
  /** native bytes */
  capacity: number;
  /** native bytes already written */
  used: number;
  /** false for a new LTO-9 cartridge that still needs media optimisation */
  initialised: boolean;
  /** its slot, in frames along the rail (geometry.ts); 0 without geometry */
  position: number;
}

export class Cartridge {
  used: number;
  initialised: boolean;
  /** the drive that holds or has claimed it; null when it is in its slot */
  drive: TapeDrive | null = null;

  constructor(readonly spec: CartridgeSpec) {
    this.used = spec.used;
    this.initialised = spec.initialised;
  }

  get name(): string {
    return this.spec.name;
  }

  get generation(): Generation {
    return this.spec.generation;
  }

  get position(): number {
    return this.spec.position;
  }

  get capacity(): number {
    return this.spec.capacity;
  }

  get full(): boolean {
    return this.used >= this.spec.capacity;
  }
}

export interface RobotSpec {
  count: number;
  /** ticks per trip with a cartridge, without geometry */
  move: number;
  /** frames, handling and travel; null: every trip costs `move` */
  geometry: Geometry | null;
}

interface Queue {
  free: number;
  readonly waiting: { w: Wait; granted: (robot: number) => void }[];
}

export class TapeLibrary {
  readonly cartridges = new Map<string, Cartridge>();
  /** robot trips, and ticks the robots spent on them (all accessors together) */
  moves = 0;
  robotBusy = 0;
  /** without geometry one queue for all robots; with geometry one per accessor (its zone) */
  private readonly queues: Queue[];
  /** where the accessors are over time (geometry only) */
  private readonly rail: Rail | null;

  constructor(readonly name: string, readonly robot: RobotSpec, private readonly kernel: Kernel) {
    const g = robot.geometry;
    this.queues = g === null ? [{ free: robot.count, waiting: [] }] : Array.from({ length: robot.count }, () => ({ free: 1, waiting: [] }));
    this.rail = g === null ? null : new Rail(g, robot.count);
  }

  /** The accessor that serves a drive at `position` (0 without geometry: the shared pool). */
  zoneOf(position: number): number {
    return this.robot.geometry === null ? 0 : zoneOf(this.robot.geometry, this.robot.count, position);
  }

  /**
   * Settles `w` when a robot of `zone` is this caller's, and calls `granted`
   * with it at that moment (the caller then owes a release even if it stops
   * waiting before it resumes); cancelling the wait leaves the queue.
   */
  acquireRobot(w: Wait, zone: number, granted: (robot: number) => void): void {
    const q = this.queues[zone];
    if (q.free > 0) {
      q.free--;
      granted(zone);
      this.kernel.resolve(w, undefined);
      return;
    }
    q.waiting.push({ w, granted });
    w.cancel = () => {
      const i = q.waiting.findIndex((x) => x.w === w);
      if (i >= 0) q.waiting.splice(i, 1);
    };
  }

  /** The robot goes straight to the first caller still waiting for it, or back to the pool. */
  releaseRobot(zone: number): void {
    const q = this.queues[zone];
    for (let next = q.waiting.shift(); next !== undefined; next = q.waiting.shift()) {
      if (!next.w.stale) {
        next.granted(zone);
        this.kernel.resolve(next.w, undefined);
        return;
      }
    }
    q.free++;
  }

  /**
   * `robot`'s trip through `stops`, granted now: ticks to wait for the other
   * accessor (geometry, two accessors), then ticks to handle the cartridge at
   * each stop in turn; without geometry `move` per trip (`trips`).
   */
  travel(robot: number, stops: readonly number[], trips: number): Planned {
    const p = this.rail === null ? { wait: 0, ticks: this.robot.move * trips, pushed: 0 } : this.rail.plan(robot, this.kernel.now, stops);
    this.moves += trips;
    this.robotBusy += p.ticks + p.pushed;
    return p;
  }

  /** The first empty cartridge of this generation in its slot, in the order the scenario lists them. */
  scratch(generation: Generation): Cartridge | undefined {
    for (const c of this.cartridges.values()) if (c.drive === null && c.used === 0 && c.generation === generation) return c;
    return undefined;
  }
}
