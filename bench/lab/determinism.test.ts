// Every scenario must give the same numbers, bit for bit, for the same seed: that is what makes
// the lab's tables citable. Runs each scenario twice at smoke size and compares the JSON.
import { describe, expect, it } from 'vitest';
import { runScenario } from './define.js';
import { scenarios } from './scenarios/index.js';

describe('lab determinism', () => {
  for (const def of scenarios) {
    it(`${def.id}: the same seed gives the same result, byte for byte; another seed does not`, async () => {
      const a = JSON.stringify(await runScenario(def, { seed: 42, size: 'smoke' }));
      const b = JSON.stringify(await runScenario(def, { seed: 42, size: 'smoke' }));
      const c = JSON.stringify(await runScenario(def, { seed: 43, size: 'smoke' }));
      expect(b).toBe(a);
      expect(c).not.toBe(a);
      const parsed = JSON.parse(a) as { variants: { metrics: Record<string, unknown> }[] };
      expect(parsed.variants.length).toBe(def.variants.length);
    }, 60_000);
  }
});
