import { describe, expect, it } from 'vitest';
import { createFetch } from './create-fetch.js';

describe('createFetch options', () => {
  const cases: [string, unknown, Error][] = [
    ['options', 5, new TypeError('createFetch: options must be an object (got 5)')],
    ['fetch', { fetch: 5 }, new TypeError('createFetch: fetch must be a function (got 5)')],
    ['retryOnStatus', { retryOnStatus: 503 }, new TypeError('createFetch: retryOnStatus must be an array of HTTP status codes or a function (got 503)')],
    [
      'retryOnStatus element type',
      { retryOnStatus: [503, '504'] },
      new TypeError('createFetch: retryOnStatus[1] must be an HTTP status code (an integer from 100 to 599) (got "504")'),
    ],
    [
      'retryOnStatus element range',
      { retryOnStatus: [99] },
      new RangeError('createFetch: retryOnStatus[0] must be an HTTP status code (an integer from 100 to 599) (got 99)'),
    ],
    [
      'retryOnStatus element integer',
      { retryOnStatus: [503.5] },
      new RangeError('createFetch: retryOnStatus[0] must be an HTTP status code (an integer from 100 to 599) (got 503.5)'),
    ],
    ['retryMethods', { retryMethods: 'GET' }, new TypeError('createFetch: retryMethods must be an array of HTTP methods (got "GET")')],
    ['retryMethods element', { retryMethods: ['GET', 'NOT OK'] }, new TypeError('createFetch: retryMethods[1] must be an HTTP method (got "NOT OK")')],
    ['idempotencyKey', { idempotencyKey: 'yes' }, new TypeError('createFetch: idempotencyKey must be a boolean or a function (got "yes")')],
    ['idempotencyKeyHeader', { idempotencyKeyHeader: 'a b' }, new TypeError('createFetch: idempotencyKeyHeader must be a valid header name (an HTTP token) (got "a b")')],
    ['deadlineHeader', { deadlineHeader: true }, new TypeError('createFetch: deadlineHeader must be a header name or false (got true)')],
    ['deadlineHeader token', { deadlineHeader: '' }, new TypeError('createFetch: deadlineHeader must be a valid header name (an HTTP token) (got "")')],
    ['priorityHeader', { priorityHeader: 1 }, new TypeError('createFetch: priorityHeader must be a header name or false (got 1)')],
    ['throwOnStatus', { throwOnStatus: 1 }, new TypeError('createFetch: throwOnStatus must be a boolean (got 1)')],
    ['signal', { signal: {} }, new TypeError('createFetch: signal must be an AbortSignal (got an object)')],
    ['deadline', { deadline: 'soon' }, new TypeError('createFetch: deadline must be a number (epoch ms) or a Date (got "soon")')],
    ['timeout', { timeout: 0 }, new RangeError('createFetch: timeout must be a positive finite number of milliseconds (got 0)')],
    ['priority', { priority: 'urgent' }, new RangeError('createFetch: priority must be one of low, standard, critical (got "urgent")')],
    ['name', { name: 7 }, new TypeError('createFetch: name must be a string (got 7)')],
    ['clock', { clock: {} }, new TypeError('createFetch: clock must be a Clock (an object with now and setTimer) (got an object)')],
    ['maxAttempts (an execute option)', { maxAttempts: 0 }, new RangeError('createFetch: maxAttempts must be a positive integer (got 0)')],
    ['hedgingDelay (an execute option)', { hedgingDelay: -1 }, new RangeError('createFetch: hedgingDelay must be a non-negative finite number of milliseconds (got -1)')],
    ['attemptTimeout (an execute option)', { attemptTimeout: 0 }, new RangeError('createFetch: attemptTimeout must be a positive finite number of milliseconds (got 0)')],
    ['maxRetryAfter (an execute option)', { maxRetryAfter: -5 }, new RangeError('createFetch: maxRetryAfter must be a non-negative finite number of milliseconds (got -5)')],
    ['fallback (an execute option)', { fallback: 'x' }, new TypeError('createFetch: fallback must be a function (got "x")')],
  ];

  it.each(cases)('validates %s with an exact message', (_label, options, error) => {
    expect(() => createFetch(options as never)).toThrow(error);
  });

  it('accepts every option at its valid values', () => {
    expect(typeof createFetch({ retryOnStatus: [], retryMethods: [], idempotencyKey: false, deadlineHeader: false, priorityHeader: false })).toBe('function');
    expect(typeof createFetch({ deadlineHeader: 'grpc-timeout', throwOnStatus: true, hedgingDelay: 0, deadline: new Date() })).toBe('function');
  });
});
