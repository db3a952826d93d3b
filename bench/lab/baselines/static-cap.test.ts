import { describe, expect, it } from 'vitest';
import { BulkheadFullError } from '../../../src/core/errors/bulkhead-full-error.js';
import { StaticCap } from './static-cap.js';

describe('StaticCap', () => {
  it('admits up to its limit, rejects the rest at once, and frees a slot on settle', async () => {
    const cap = new StaticCap(2);
    const gates: (() => void)[] = [];
    const held = (): Promise<void> => new Promise((resolve) => gates.push(resolve));
    const a = cap.run(held);
    const b = cap.run(held);
    await expect(cap.run(held)).rejects.toBeInstanceOf(BulkheadFullError);
    expect(cap.inFlight).toBe(2);
    gates[0]!();
    await a;
    expect(cap.inFlight).toBe(1);
    await expect(cap.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(cap.inFlight).toBe(1);
    gates[1]!();
    await b;
    expect(cap.inFlight).toBe(0);
  });

  it('validates its limit', () => {
    expect(() => new StaticCap(0)).toThrow('StaticCap: limit must be a positive integer (got 0)');
    expect(() => new StaticCap(1.5)).toThrow(RangeError);
  });
});
