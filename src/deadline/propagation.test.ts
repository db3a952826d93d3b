import { describe, expect, it } from 'vitest';
import { useClock } from '../../test/helpers/clock.js';
import { runWithContext } from '../core/ambient.js';
import { extractDeadline, injectDeadline } from './propagation.js';

const MAX = 300_000;

describe('injectDeadline', () => {
  it('writes the remaining whole milliseconds, rounded down, of the given deadline', () => {
    const clock = useClock();
    const headers = injectDeadline(new Headers(), { context: { deadline: clock.now() + 1500.9 }, clock });
    expect(headers.get('x-request-timeout')).toBe('1500');
  });

  it('writes the gRPC format for grpc-timeout in any case', () => {
    const clock = useClock();
    const headers = injectDeadline({}, { header: 'Grpc-Timeout', context: { deadline: new Date(clock.now() + 1500) }, clock });
    expect(headers).toEqual({ 'Grpc-Timeout': '1500m' });
  });

  it('uses the ambient deadline by default and writes nothing without one', () => {
    const clock = useClock();
    expect(injectDeadline({}, { clock })).toEqual({});
    const headers = runWithContext({ deadline: clock.now() + 250 }, () => injectDeadline(new Map<string, string>(), { clock }));
    expect([...headers]).toEqual([['x-request-timeout', '250']]);
    expect(injectDeadline({}, { clock, context: {} })).toEqual({});
  });

  it('writes a spent budget as 0', () => {
    const clock = useClock();
    expect(injectDeadline({}, { clock, context: { deadline: clock.now() - 10 } })).toEqual({ 'x-request-timeout': '0' });
  });

  it('replaces a value held under the same name in another case, in every container', () => {
    const clock = useClock();
    const context = { deadline: clock.now() + 42 };
    const record: Record<string, string> = { 'X-Request-Timeout': '9', other: 'x' };
    expect(injectDeadline(record, { clock, context })).toEqual({ other: 'x', 'x-request-timeout': '42' });
    const map = new Map([['X-REQUEST-TIMEOUT', '9']]);
    expect([...injectDeadline(map, { clock, context })]).toEqual([['x-request-timeout', '42']]);
    const pairs: [string, string][] = [['X-Request-Timeout', '9'], ['a', 'b']];
    expect(injectDeadline(pairs, { clock, context })).toEqual([['a', 'b'], ['x-request-timeout', '42']]);
    const seen: [string, string][] = [];
    injectDeadline({ set: (k: string, v: string) => seen.push([k, v]) }, { clock, context });
    expect(seen).toEqual([['x-request-timeout', '42']]);
  });

  it('writes a __proto__ header as an own property', () => {
    const clock = useClock();
    const record: Record<string, string> = {};
    injectDeadline(record, { header: '__proto__', clock, context: { deadline: clock.now() + 5 } });
    expect(Object.keys(record)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
  });

  it('validates its arguments with exact messages', () => {
    expect(() => injectDeadline(5 as never)).toThrow(
      new TypeError('injectDeadline: headers must be a Headers, Map, array of pairs, plain object or an object with set() (got 5)'),
    );
    expect(() => injectDeadline({}, 'x' as never)).toThrow(new TypeError('injectDeadline: options must be an object (got "x")'));
    expect(() => injectDeadline({}, { header: 7 as never })).toThrow(new TypeError('injectDeadline: header must be a header name (a string) (got 7)'));
    expect(() => injectDeadline({}, { header: 'bad header' })).toThrow(
      new TypeError('injectDeadline: header must be a valid header name (an HTTP token) (got "bad header")'),
    );
    expect(() => injectDeadline({}, { clock: {} as never })).toThrow(
      new TypeError('injectDeadline: clock must be a Clock (an object with now and setTimer) (got an object)'),
    );
    expect(() => injectDeadline({}, { context: 3 as never })).toThrow(new TypeError('injectDeadline: context must be an object (got 3)'));
    expect(() => injectDeadline({}, { context: { deadline: Number.NaN } })).toThrow(
      new RangeError('injectDeadline: deadline must be a finite number of epoch milliseconds (got NaN)'),
    );
  });
});

describe('extractDeadline', () => {
  it('reads every common header container, case-insensitively', () => {
    const clock = useClock();
    const now = clock.now();
    const read = (headers: Parameters<typeof extractDeadline>[0]): number | undefined => extractDeadline(headers, { clock });
    expect(read(new Headers({ 'X-Request-Timeout': '100' }))).toBe(now + 100);
    expect(read({ 'x-request-timeout': '100' })).toBe(now + 100);
    expect(read({ 'X-Request-Timeout': '100' })).toBe(now + 100);
    expect(read({ 'x-request-timeout': ['300', '100'] })).toBe(now + 100);
    expect(read({ 'x-request-timeout': 100 })).toBe(now + 100);
    expect(read(new Map([['X-REQUEST-TIMEOUT', '100']]))).toBe(now + 100);
    expect(read(new Map([['x-request-timeout', ['100']]]))).toBe(now + 100);
    expect(read([['x-request-timeout', '100']])).toBe(now + 100);
    expect(read({ get: (name: string) => (name === 'x-request-timeout' ? ['100'] : undefined) })).toBe(now + 100);
    expect(read({})).toBeUndefined();
    expect(read(undefined)).toBeUndefined();
    expect(read(null)).toBeUndefined();
  });

  it('reads grpc-timeout in the gRPC format', () => {
    const clock = useClock();
    expect(extractDeadline({ 'grpc-timeout': '2S' }, { header: 'GRPC-TIMEOUT', clock })).toBe(clock.now() + 2000);
    expect(extractDeadline({ 'grpc-timeout': '2000' }, { header: 'grpc-timeout', clock })).toBeUndefined();
  });

  it("treats '0' as a valid, already spent budget", () => {
    const clock = useClock();
    expect(extractDeadline({ 'x-request-timeout': '0' }, { clock })).toBe(clock.now());
  });

  describe('hostile header matrix: never throws, never beyond max', () => {
    const hostile: [string, unknown, 'ignored' | 'clamped' | number][] = [
      ['a huge number', '99999999999999999999999999', 'clamped'],
      ['MAX_SAFE_INTEGER + 1', String(Number.MAX_SAFE_INTEGER + 1), 'clamped'],
      ['1e309', '1e309', 'ignored'],
      ['Infinity', 'Infinity', 'ignored'],
      ['negative', '-5', 'ignored'],
      ['negative zero', '-0', 'ignored'],
      ['NaN', 'NaN', 'ignored'],
      ['empty', '', 'ignored'],
      ['whitespace', '   ', 'ignored'],
      ['hex', '0x10', 'ignored'],
      ['a unit suffix', '10s', 'ignored'],
      ['an overlong digit string', '9'.repeat(10_000), 'ignored'],
      ['an array of junk', ['junk', 'NaN'], 'ignored'],
      ['an empty array', [], 'ignored'],
      ['an array with a valid value', ['junk', '50'], 50],
      ['duplicates joined by commas', '500, 50', 50],
      ['a number value', 250, 250],
      ['an infinite number value', Infinity, 'ignored'],
      ['a nested object', { valueOf: () => 5 }, 'ignored'],
      ['null', null, 'ignored'],
      ['a symbol', Symbol('x'), 'ignored'],
    ];
    /** Extracts `value` sent in `header` and checks the outcome; never throws by construction of the API. */
    function expectExtracted(header: string, value: unknown, expected: 'ignored' | 'clamped' | number): void {
      const clock = useClock();
      const deadline = extractDeadline({ [header]: value } as never, { header, clock, max: MAX });
      if (expected === 'ignored') expect(deadline).toBeUndefined();
      else expect(deadline).toBe(clock.now() + (expected === 'clamped' ? MAX : expected));
    }
    it.each(hostile)('x-request-timeout: %s', (_label, value, expected) => {
      expectExtracted('x-request-timeout', value, expected);
    });

    const grpc: [string, string | string[], 'ignored' | 'clamped' | number][] = [
      ['a 9-digit value', '123456789m', 'ignored'],
      ['the largest value', '99999999H', 'clamped'],
      ['an unknown unit', '5x', 'ignored'],
      ['a lowercase hour unit', '5h', 'ignored'],
      ['no unit', '5', 'ignored'],
      ['negative', '-5m', 'ignored'],
      ['a fraction', '1.5S', 'ignored'],
      ['empty', '', 'ignored'],
      ['an array', ['7S', '9H'], 7000],
    ];
    it.each(grpc)('grpc-timeout: %s', (_label, value, expected) => {
      expectExtracted('grpc-timeout', value, expected);
    });

    it('survives hostile containers', () => {
      const clock = useClock();
      const throwing = new Proxy({}, { get: () => { throw new Error('boom'); }, ownKeys: () => { throw new Error('boom'); } });
      expect(extractDeadline(throwing as never, { clock })).toBeUndefined();
      expect(extractDeadline({ get: () => { throw new Error('boom'); } }, { clock })).toBeUndefined();
      expect(extractDeadline('x-request-timeout: 5' as never, { clock })).toBeUndefined();
      expect(extractDeadline(Object.create(null) as Record<string, string>, { clock })).toBeUndefined();
      expect(extractDeadline({ __proto__: '5' }, { clock })).toBeUndefined();
    });
  });

  it('validates its options with exact messages', () => {
    expect(() => extractDeadline({}, { max: 0 })).toThrow(new RangeError('extractDeadline: max must be a positive finite number of milliseconds (got 0)'));
    expect(() => extractDeadline({}, { max: Infinity })).toThrow(
      new RangeError('extractDeadline: max must be a positive finite number of milliseconds (got Infinity)'),
    );
    expect(() => extractDeadline({}, { max: '5' as never })).toThrow(
      new TypeError('extractDeadline: max must be a positive finite number of milliseconds (got "5")'),
    );
    expect(() => extractDeadline({}, { header: '' })).toThrow(new TypeError('extractDeadline: header must be a valid header name (an HTTP token) (got "")'));
    expect(() => extractDeadline({}, { clock: 1 as never })).toThrow(
      new TypeError('extractDeadline: clock must be a Clock (an object with now and setTimer) (got 1)'),
    );
  });
});
