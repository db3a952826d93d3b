// Every scenario must give the same numbers, bit for bit, for the same seed: that is what makes
// the lab's tables citable. Runs each scenario twice at smoke size and compares the JSON.
import { describe, expect, it } from 'vitest';
import { scenarios } from './scenarios/index.js';

describe('lab determinism', () => {
  for (const def of scenarios) {
    it(`${def.id}: the same seed gives the same result, byte for byte; another seed does not`, async () => {
      const a = JSON.stringify(await def.run({ seed: 42, size: 'smoke' }));
      const b = JSON.stringify(await def.run({ seed: 42, size: 'smoke' }));
      const c = JSON.stringify(await def.run({ seed: 43, size: 'smoke' }));
      expect(b).toBe(a);
      expect(c).not.toBe(a);
      const parsed = JSON.parse(a) as { variants: { id: string }[] };
      expect(parsed.variants.length).toBeGreaterThan(0);
      expect(new Set(parsed.variants.map((v) => v.id)).size).toBe(parsed.variants.length);
    }, 60_000);
  }
});
