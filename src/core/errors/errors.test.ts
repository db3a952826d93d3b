import { describe, expect, it } from 'vitest';
import { BulkheadFullError } from './bulkhead-full-error.js';
import { ChaosError } from './chaos-error.js';
import { CircuitOpenError } from './circuit-open-error.js';
import { DeadlineExceededError } from './deadline-exceeded-error.js';
import { fatal, isFatal, unwrapFatal } from './fatal.js';
import { findError, findErrorWhere } from './find-error.js';
import { HedgeLostError } from './hedge-lost-error.js';
import { RateLimitExceededError } from './rate-limit-exceeded-error.js';
import { isResileError, RESILE_ERROR_BRAND, ResileError } from './resile-error.js';
import { RetryAfterError } from './retry-after-error.js';
import { RetryExhaustedError } from './retry-exhausted-error.js';
import { ShedLoadError } from './shed-load-error.js';
import { StoreUnavailableError } from './store-unavailable-error.js';
import { TimeoutError } from './timeout-error.js';

const cases: [ResileError | RetryExhaustedError, string, string][] = [
  [new BulkheadFullError(), 'BulkheadFullError', 'ERR_BULKHEAD_FULL'],
  [new ShedLoadError(), 'ShedLoadError', 'ERR_SHED_LOAD'],
  [new RateLimitExceededError(undefined, { retryAfter: 5 }), 'RateLimitExceededError', 'ERR_RATE_LIMIT_EXCEEDED'],
  [new CircuitOpenError(), 'CircuitOpenError', 'ERR_CIRCUIT_OPEN'],
  [new TimeoutError(100), 'TimeoutError', 'ERR_TIMEOUT'],
  [new DeadlineExceededError(1), 'DeadlineExceededError', 'ERR_DEADLINE_EXCEEDED'],
  [new RetryExhaustedError([new Error('a'), new Error('b')], 2), 'RetryExhaustedError', 'ERR_RETRY_EXHAUSTED'],
  [new RetryAfterError(10), 'RetryAfterError', 'ERR_RETRY_AFTER'],
  [new HedgeLostError(1), 'HedgeLostError', 'ERR_HEDGE_LOST'],
  [new ChaosError(), 'ChaosError', 'ERR_CHAOS'],
  [new StoreUnavailableError(), 'StoreUnavailableError', 'ERR_STORE_UNAVAILABLE'],
];

describe('error classes', () => {
  it.each(cases)('%s has a stable name and code and is a ResileError', (error, name, code) => {
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
    expect(error instanceof ResileError).toBe(true);
    expect(error instanceof Error).toBe(true);
    expect(isResileError(error)).toBe(true);
    expect(Object.keys(error)).not.toContain('code');
  });

  it('keeps subclasses apart', () => {
    expect(new BulkheadFullError() instanceof CircuitOpenError).toBe(false);
    expect(new CircuitOpenError() instanceof CircuitOpenError).toBe(true);
    expect(new Error('x') instanceof ResileError).toBe(false);
    expect(isResileError({ code: 'ERR_TIMEOUT' })).toBe(false);
    expect(isResileError(null)).toBe(false);
  });

  it('recognises errors from another copy of the library by brand and code', () => {
    const foreign = Object.assign(new Error('from another install'), { code: 'ERR_CIRCUIT_OPEN', [RESILE_ERROR_BRAND]: true });
    expect(foreign instanceof ResileError).toBe(true);
    expect(foreign instanceof CircuitOpenError).toBe(true);
    expect(foreign instanceof BulkheadFullError).toBe(false);
    expect(isResileError(foreign)).toBe(true);
  });

  it('RetryExhaustedError is an AggregateError with the last error as cause', () => {
    const a = new Error('first');
    const b = new Error('second');
    const e = new RetryExhaustedError([a, b], 2);
    expect(e).toBeInstanceOf(AggregateError);
    expect(e.errors).toEqual([a, b]);
    expect(e.cause).toBe(b);
    expect(e.attempts).toBe(2);
    expect(e.message).toBe('all 2 attempts failed; last error: second');
  });

  it('carries retryAfter, source and cause', () => {
    const cause = new Error('root');
    const e = new RateLimitExceededError('limited', { retryAfter: 250, source: 'api-quota', cause });
    expect(e.retryAfter).toBe(250);
    expect(e.source).toBe('api-quota');
    expect(e.cause).toBe(cause);
    expect(new ShedLoadError().retryAfter).toBeUndefined();
  });

  it('validates RetryAfterError arguments', () => {
    expect(() => new RetryAfterError(-1)).toThrow(new RangeError('RetryAfterError: ms must be a non-negative number (got -1)'));
    expect(() => new RetryAfterError(Number.NaN)).toThrow(RangeError);
    expect(() => new RetryAfterError('5' as unknown as number)).toThrow(new TypeError('RetryAfterError: ms must be a number (got string)'));
    const e = new RetryAfterError(1000, { cancelAllRetries: true });
    expect(e.retryAfter).toBe(1000);
    expect(e.cancelAllRetries).toBe(true);
  });
});

describe('fatal', () => {
  it('wraps without mutating and unwraps to the original', () => {
    const original = Object.freeze(new Error('bad input'));
    const marked = fatal(original);
    expect(isFatal(marked)).toBe(true);
    expect(isFatal(original)).toBe(false);
    expect(unwrapFatal(marked)).toBe(original);
    expect(fatal(marked)).toBe(marked);
    expect(unwrapFatal('plain')).toBe('plain');
    expect(unwrapFatal(fatal('a string'))).toBe('a string');
  });
});

describe('findError', () => {
  it('searches cause chains and aggregated errors depth first', () => {
    const timeout = new TimeoutError(5);
    const open = new CircuitOpenError();
    const tree = new RetryExhaustedError([new Error('x', { cause: timeout }), open], 2);
    expect(findError(tree, TimeoutError)).toBe(timeout);
    expect(findError(tree, CircuitOpenError)).toBe(open);
    expect(findError(tree, BulkheadFullError)).toBeUndefined();
    expect(findError(undefined, Error)).toBeUndefined();
  });

  it('survives cycles', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(findError(a, TimeoutError)).toBeUndefined();
    expect(findErrorWhere(a, (e) => (e as Error).message === 'b')).toBe(b);
  });
});
