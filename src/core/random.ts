/** A source of uniform random numbers in [0, 1), like `Math.random`. */
export type Random = () => number;

/** The platform's `Math.random`. */
export const defaultRandom: Random = () => Math.random();

/**
 * A deterministic random source (mulberry32): the same seed always yields the same sequence,
 * so jittered backoffs and chaos injection can be reproduced exactly in tests and simulations.
 */
export function seededRandom(seed: number): Random {
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new TypeError(`seededRandom: seed must be a finite number (got ${String(seed)})`);
  }
  let state = Math.trunc(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
