import { describe, expect, it } from 'vitest';
import { deadlineMiddleware, withDeadline } from './middleware.js';

describe('deadlineMiddleware and withDeadline options', () => {
  const cases: [string, unknown, (owner: string) => Error][] = [
    ['options', 'x', (o) => new TypeError(`${o}: options must be an object (got "x")`)],
    ['header', { header: 5 }, (o) => new TypeError(`${o}: header must be a header name (a string) (got 5)`)],
    ['header token', { header: 'x y' }, (o) => new TypeError(`${o}: header must be a valid header name (an HTTP token) (got "x y")`)],
    ['max', { max: 0 }, (o) => new RangeError(`${o}: max must be a positive finite number of milliseconds (got 0)`)],
    ['max type', { max: '5' }, (o) => new TypeError(`${o}: max must be a positive finite number of milliseconds (got "5")`)],
    ['defaultTimeout', { defaultTimeout: -1 }, (o) => new RangeError(`${o}: defaultTimeout must be a positive finite number of milliseconds (got -1)`)],
    ['priorityHeader', { priorityHeader: true }, (o) => new TypeError(`${o}: priorityHeader must be a header name or false (got true)`)],
    ['clock', { clock: 1 }, (o) => new TypeError(`${o}: clock must be a Clock (an object with now and setTimer) (got 1)`)],
  ];

  it.each(cases)('validate %s with an exact message', (_label, options, error) => {
    expect(() => deadlineMiddleware(options as never)).toThrow(error('deadlineMiddleware'));
    expect(() => withDeadline(() => undefined, options as never)).toThrow(error('withDeadline'));
  });

  it('withDeadline requires a handler function', () => {
    expect(() => withDeadline(5 as never)).toThrow(new TypeError('withDeadline: handler must be a function (got 5)'));
  });
});
