// Values that change along a simulation's timeline (a latency factor, an error rate, a request
// rate), as functions of the simulated time in ms since the start of the run.

/** A value at simulated time `t` (ms since the start of the run). */
export type Schedule = (t: number) => number;

/** A schedule, or a plain number meaning "always this". */
export type ScheduleLike = Schedule | number;

/** Turns a {@link ScheduleLike} into a schedule. */
export function toSchedule(value: ScheduleLike): Schedule {
  return typeof value === 'number' ? () => value : value;
}

/**
 * Piecewise schedule through `points` ([t, value] pairs, t ascending): linear between points
 * (or holding each value until the next point with `step`), constant before the first and after
 * the last. Two points at the same time make a jump; at that instant the later one holds.
 */
export function piecewise(points: readonly (readonly [number, number])[], mode: 'linear' | 'step' = 'linear'): Schedule {
  if (points.length === 0) throw new RangeError('piecewise: points must not be empty');
  for (let i = 1; i < points.length; i++) {
    if ((points[i] as readonly [number, number])[0] < (points[i - 1] as readonly [number, number])[0]) {
      throw new RangeError('piecewise: points must be sorted by time');
    }
  }
  const first = points[0] as readonly [number, number];
  const last = points[points.length - 1] as readonly [number, number];
  return (t) => {
    if (t < first[0]) return first[1];
    if (t >= last[0]) return last[1];
    let i = 1;
    while ((points[i] as readonly [number, number])[0] <= t) i++;
    const [t0, v0] = points[i - 1] as readonly [number, number];
    const [t1, v1] = points[i] as readonly [number, number];
    if (mode === 'step' || t1 === t0) return v0;
    return v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
  };
}

/** `inside` during [from, to), `outside` elsewhere. */
export function window(from: number, to: number, inside: number, outside = 0): Schedule {
  return (t) => (t >= from && t < to ? inside : outside);
}
