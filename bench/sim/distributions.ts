// Latency distributions for simulated dependencies. A distribution is a function of a seeded
// random source, so it is reproducible, and it never returns less than a small positive floor
// (a real call never completes in zero time).
import type { Random } from './random.js';

/** Draws one latency (ms) from `random`. */
export type Distribution = (random: Random) => number;

const FLOOR = 0.01;

/** Always `ms`. */
export function constant(ms: number): Distribution {
  return () => ms;
}

/** Uniform between `min` and `max`. */
export function uniform(min: number, max: number): Distribution {
  return (random) => min + (max - min) * random();
}

/** One standard normal draw (Box–Muller; two uniforms per draw, so the stream stays simple). */
function gauss(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Normal with `mean` and standard deviation `sd`, floored at `min` (default 1% of the mean). */
export function normal(mean: number, sd: number, min = mean / 100): Distribution {
  return (random) => Math.max(min, FLOOR, mean + sd * gauss(random));
}

/** Exponential with `mean` (memoryless service times). */
export function exponential(mean: number): Distribution {
  return (random) => Math.max(FLOOR, -mean * Math.log(1 - random()));
}

/** Z-score of the 99th percentile of the standard normal. */
const Z99 = 2.326347874;

/** Log-normal given its median and 99th percentile: a typical service latency shape. */
export function logNormal(p50: number, p99: number): Distribution {
  const mu = Math.log(p50);
  const sigma = Math.log(p99 / p50) / Z99;
  return (random) => Math.max(FLOOR, Math.exp(mu + sigma * gauss(random)));
}

/** Long tail: with `probability` a call takes `factor` times as long as `base` says (GC pauses, cold caches). */
export function longTail(base: Distribution, probability = 0.01, factor = 20): Distribution {
  return (random) => {
    const ms = base(random);
    return random() < probability ? ms * factor : ms;
  };
}
