// The knee simulation behind the default algorithm (bench/sim/adaptive.ts prints the full table):
// these checks keep the default's behaviour from regressing.
import { describe, expect, it } from 'vitest';
import { scenarios, simulateKnee } from '../../bench/sim/knee.js';

const scenario = (prefix: string) => {
  const found = scenarios.find((s) => s.name.startsWith(prefix));
  if (found === undefined) throw new Error(`no scenario ${prefix}`);
  return found;
};

describe('adaptive limiter against a server with a knee (simulated time)', () => {
  it('under overload the default keeps full throughput at near-baseline latency, and beats gradient2 on latency', () => {
    const [vegas] = simulateKnee(scenario('steady overload'), {});
    const [gradient] = simulateKnee(scenario('steady overload'), { algorithm: 'gradient2' });
    expect(vegas!.goodput).toBeGreaterThan(1900); // capacity: 40 workers / 20 ms = 2000 per second
    expect(vegas!.p50).toBeLessThan(20 * 1.5);
    expect(vegas!.p50).toBeLessThan(gradient!.p50);
  });

  it('rejects nothing at half load', () => {
    const [r] = simulateKnee(scenario('half load'), {});
    expect(r!.rejected).toBe(0);
  });

  it('re-learns a permanently slower dependency instead of starving it', () => {
    const [, last] = simulateKnee(scenario('permanently slower'), {});
    expect(last!.goodput).toBeGreaterThan(950); // capacity after the change: 1000 per second
    expect(last!.p50).toBeLessThan(40 * 1.5);
  });
});
