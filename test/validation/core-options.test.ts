import { describe, expect, it } from 'vitest';
import { deadline, execute, fallback, instrument, policy, retry, runWithContext, timeout, withTestingBypass, setTestingBypass } from '../../src/index.js';
import { VirtualClock } from '../../src/testing/index.js';

const noop = (): number => 1;
type Row = [label: string, build: () => unknown, type: typeof TypeError | typeof RangeError, message: string];

const rows: Row[] = [
  ['action', () => execute(42 as never), TypeError, 'execute: action must be a function (got 42)'],
  ['options type', () => execute(noop, 'fast' as never), TypeError, 'execute: options must be an object (got "fast")'],
  ['maxAttempts 0', () => execute(noop, { maxAttempts: 0 }), RangeError, 'execute: maxAttempts must be a positive integer (got 0)'],
  ['maxAttempts 1.5', () => execute(noop, { maxAttempts: 1.5 }), RangeError, 'execute: maxAttempts must be a positive integer (got 1.5)'],
  ['maxAttempts NaN', () => execute(noop, { maxAttempts: Number.NaN }), RangeError, 'execute: maxAttempts must be a positive integer (got NaN)'],
  ['maxAttempts Infinity', () => execute(noop, { maxAttempts: Infinity }), RangeError, 'execute: maxAttempts must be a positive integer (got Infinity)'],
  ['maxAttempts string', () => execute(noop, { maxAttempts: '3' as never }), TypeError, 'execute: maxAttempts must be a positive integer (got "3")'],
  ['baseDelay negative', () => execute(noop, { baseDelay: -1 }), RangeError, 'execute: baseDelay must be a non-negative finite number of milliseconds (got -1)'],
  ['maxDelay < baseDelay', () => execute(noop, { baseDelay: 500, maxDelay: 100 }), RangeError, 'execute: maxDelay must be at least baseDelay (500) (got 100)'],
  ['backoff unknown name', () => execute(noop, { backoff: 'linear' as never }), RangeError, 'execute: backoff must be a Backoff or one of fullJitter, equalJitter, decorrelatedJitter, exponential, constant (got "linear")'],
  ['backoff object without delay', () => execute(noop, { backoff: {} as never }), TypeError, 'execute: backoff must be a Backoff (an object with a delay function) or a backoff name (got an object)'],
  ['retryIf', () => execute(noop, { retryIf: true as never }), TypeError, 'execute: retryIf must be a function (got true)'],
  ['retryOn', () => execute(noop, { retryOn: 'Error' as never }), TypeError, 'execute: retryOn must be an error class or an array of classes (got "Error")'],
  ['retryOn empty', () => execute(noop, { retryOn: [] }), RangeError, 'execute: retryOn must be an error class or a non-empty array of classes (got an array)'],
  ['retryIfResult', () => execute(noop, { retryIfResult: 1 as never }), TypeError, 'execute: retryIfResult must be a function (got 1)'],
  ['hedgingDelay', () => execute(noop, { hedgingDelay: -5 }), RangeError, 'execute: hedgingDelay must be a non-negative finite number of milliseconds (got -5)'],
  ['retryBudget', () => execute(noop, { retryBudget: {} as never }), TypeError, 'execute: retryBudget must be a RetryBudget (got an object)'],
  ['maxRetryAfter', () => execute(noop, { maxRetryAfter: Number.NaN }), RangeError, 'execute: maxRetryAfter must be a non-negative finite number of milliseconds (got NaN)'],
  ['attemptTimeout 0', () => execute(noop, { attemptTimeout: 0 }), RangeError, 'execute: attemptTimeout must be a positive finite number of milliseconds (got 0)'],
  ['timeout 0', () => execute(noop, { timeout: 0 }), RangeError, 'execute: timeout must be a positive finite number of milliseconds (got 0)'],
  ['timeout string', () => execute(noop, { timeout: '1s' as never }), TypeError, 'execute: timeout must be a positive finite number of milliseconds (got "1s")'],
  ['minDeadlineThreshold', () => execute(noop, { minDeadlineThreshold: -1 }), RangeError, 'execute: minDeadlineThreshold must be a non-negative finite number of milliseconds (got -1)'],
  ['deadline NaN', () => execute(noop, { deadline: Number.NaN }), RangeError, 'execute: deadline must be a finite number of epoch milliseconds (got NaN)'],
  ['deadline invalid Date', () => execute(noop, { deadline: new Date('nope') }), RangeError, 'execute: deadline must be a valid Date or finite epoch milliseconds (got an invalid Date)'],
  ['deadline string', () => execute(noop, { deadline: '2026' as never }), TypeError, 'execute: deadline must be a number (epoch ms) or a Date (got "2026")'],
  ['priority', () => execute(noop, { priority: 'urgent' as never }), RangeError, 'execute: priority must be one of low, standard, critical (got "urgent")'],
  ['signal', () => execute(noop, { signal: {} as never }), TypeError, 'execute: signal must be an AbortSignal (got an object)'],
  ['name', () => execute(noop, { name: 5 as never }), TypeError, 'execute: name must be a string (got 5)'],
  ['clock', () => execute(noop, { clock: { now: () => 1 } as never }), TypeError, 'execute: clock must be a Clock (an object with now and setTimer) (got an object)'],
  ['random', () => execute(noop, { random: 0.5 as never }), TypeError, 'execute: random must be a function (got 0.5)'],
  ['fallback', () => execute(noop, { fallback: 'default' as never }), TypeError, 'execute: fallback must be a function (got "default")'],
  ['instrumenter', () => execute(noop, { instrumenter: 'otel' as never }), TypeError, 'execute: instrumenter must be an Instrumenter object or an array of them (got "otel")'],
  ['retry()', () => retry({ maxAttempts: -1 }), RangeError, 'retry: maxAttempts must be a positive integer (got -1)'],
  ['timeout()', () => timeout(-1), RangeError, 'timeout: ms must be a positive finite number of milliseconds (got -1)'],
  ['timeout() type', () => timeout('5' as never), TypeError, 'timeout: ms must be a positive finite number of milliseconds (got "5")'],
  ['deadline()', () => deadline(Number.NaN), RangeError, 'deadline: minThreshold must be a non-negative finite number of milliseconds (got NaN)'],
  ['fallback()', () => fallback(null as never), TypeError, 'fallback: fn must be a function (got null)'],
  ['instrument()', () => instrument([5] as never), TypeError, 'instrument: instrumenter must be an Instrumenter object or an array of them (got an array)'],
  ['policy.execute option', () => policy(retry()).execute(noop, { timeout: -1 }), RangeError, 'policy.execute: timeout must be a positive finite number of milliseconds (got -1)'],
  ['runWithContext timeout', () => runWithContext({ timeout: 0 }, noop), RangeError, 'runWithContext: timeout must be a positive finite number of milliseconds (got 0)'],
  ['runWithContext fn', () => runWithContext({}, 'x' as never), TypeError, 'runWithContext: fn must be a function (got "x")'],
  ['runWithContext priority', () => runWithContext({ priority: 'high' as never }, noop), RangeError, 'runWithContext: priority must be one of low, standard, critical (got "high")'],
  ['withTestingBypass', () => withTestingBypass(5 as never), TypeError, 'withTestingBypass: fn must be a function (got 5)'],
  ['setTestingBypass', () => setTestingBypass('yes' as never), TypeError, 'setTestingBypass: on must be a boolean (got "yes")'],
  ['VirtualClock now', () => new VirtualClock({ now: Number.NaN }), RangeError, 'VirtualClock: now must be a finite number (got NaN)'],
  ['VirtualClock maxTimers', () => new VirtualClock({ maxTimers: 0 }), RangeError, 'VirtualClock: maxTimers must be a positive integer (got 0)'],
];

describe('option validation: exact messages, thrown when built', () => {
  it.each(rows)('%s', (_label, build, type, message) => {
    expect(build).toThrow(new type(message));
    expect(build).toThrow(type);
  });
});
