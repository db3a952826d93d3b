import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBudget, decodeBudgets, encodeGrpcTimeout, encodeMsTimeout, GRPC_MAX_VALUE } from './header.js';

const UNIT_MS: Record<string, number> = { H: 3_600_000, M: 60_000, S: 1000, m: 1, u: 1e-3, n: 1e-6 };
// Floating-point slack when comparing a decoded budget with the one encoded.
const EPS = 1e-9;
const budget = fc.double({ min: 0, max: GRPC_MAX_VALUE * 3_600_000, noNaN: true });

describe('deadline header codec (properties)', () => {
  it('gRPC: decode(encode(ms)) is never above ms and within one unit below it', () => {
    fc.assert(
      fc.property(budget, (ms) => {
        const text = encodeGrpcTimeout(ms);
        expect(text).toMatch(/^\d{1,8}[HMSmun]$/);
        const decoded = decodeBudget(text, 'grpc');
        expect(decoded).toBeDefined();
        const unit = UNIT_MS[text.slice(-1)] as number;
        expect(decoded as number).toBeLessThanOrEqual(ms * (1 + EPS) + EPS);
        expect(decoded as number).toBeGreaterThan(ms - unit - ms * EPS);
      }),
      { numRuns: 10_000 },
    );
  });

  it('gRPC: whole milliseconds below 8 digits survive exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: GRPC_MAX_VALUE }), (ms) => {
        expect(decodeBudget(encodeGrpcTimeout(ms), 'grpc')).toBe(ms);
      }),
    );
  });

  it('ms: decode(encode(ms)) is ms rounded down', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: Number.MAX_SAFE_INTEGER, noNaN: true }), (ms) => {
        expect(decodeBudget(encodeMsTimeout(ms), 'ms')).toBe(Math.floor(ms));
      }),
      { numRuns: 10_000 },
    );
  });

  it('decoding never throws and never yields a negative, non-finite or unclamped budget', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[\s\d.,eE+\-HMSmun]{0,40}$/));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 4 }), fc.double({ min: 1, max: 1e9, noNaN: true }), (values, max) => {
        for (const format of ['ms', 'grpc'] as const) {
          const ms = decodeBudgets(values, format, max);
          if (ms !== undefined) {
            expect(Number.isFinite(ms)).toBe(true);
            expect(ms).toBeGreaterThanOrEqual(0);
            expect(ms).toBeLessThanOrEqual(max);
          }
        }
      }),
      { numRuns: 10_000 },
    );
  });
});
