// Seeded randomness for simulations. Every consumer (load generator, each dependency, each
// variant's client) gets its own stream derived from the run's seed and a label, so adding a
// variant or reordering work never shifts the numbers another component sees.
import { seededRandom, type Random } from '../../src/core/random.js';

/** resile's random source type, re-exported for the kit. */
export type { Random };

/** FNV-1a over `label`, mixed with `seed`: a 32-bit seed for one named stream. */
export function deriveSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ Math.trunc(seed)) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** An independent, reproducible random stream named `label` within the run seeded by `seed`. */
export function stream(seed: number, label: string): Random {
  return seededRandom(deriveSeed(seed, label));
}
