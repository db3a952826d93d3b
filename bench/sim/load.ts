// Open-loop load: users arrive on their own schedule whatever happens to earlier requests, as
// real traffic does (a closed loop, where each client waits for its answer before sending
// again, hides overload by slowing down with the server).
import type { Clock } from '../../src/core/clock.js';
import type { Random } from './random.js';
import { toSchedule, type ScheduleLike } from './schedule.js';

/** Options of {@link openLoop}. */
export interface OpenLoopOptions {
  clock: Clock;
  random: Random;
  /** Requests per second, possibly varying over the run (t in ms since `start`). */
  rate: ScheduleLike;
  /** Epoch ms of t = 0. @defaultValue clock.now() */
  start?: number;
  /** Arrivals stop at t = duration (ms). */
  duration: number;
  /** `poisson` (exponential gaps, like independent users) or `uniform` (evenly spaced). @defaultValue 'poisson' */
  arrivals?: 'poisson' | 'uniform';
  /** Called at each arrival with its index and time (ms since `start`). */
  onArrival: (index: number, t: number) => void;
}

/** Starts an open-loop generator on `clock`; arrivals happen as the clock runs. */
export function openLoop(o: OpenLoopOptions): void {
  const start = o.start ?? o.clock.now();
  const rate = toSchedule(o.rate);
  const poisson = (o.arrivals ?? 'poisson') === 'poisson';
  let index = 0;
  const gap = (t: number): number => {
    const perMs = rate(t) / 1000;
    if (!(perMs > 0)) return 1; // no traffic now: look again in a millisecond
    return poisson ? -Math.log(1 - o.random()) / perMs : 1 / perMs;
  };
  const arrive = (): void => {
    const t = o.clock.now() - start;
    if (t >= o.duration) return;
    if (rate(t) > 0) o.onArrival(index++, t);
    o.clock.setTimer(gap(t), arrive);
  };
  // Evenly spaced arrivals start at t = 0; Poisson ones after a first random gap, like the rest.
  o.clock.setTimer(Math.max(0, start - o.clock.now()) + (poisson ? gap(0) : 0), arrive);
}
