import { describe, expect, it } from 'vitest';
import { checkDelay, checkPositiveDuration, checkPositiveInteger, checkProbability, checkFunction, checkOptionsObject, describeValue } from './validate.js';

describe('validation helpers', () => {
  it.each([
    [() => checkPositiveInteger('x', 'n', 0), RangeError, 'x: n must be a positive integer (got 0)'],
    [() => checkPositiveInteger('x', 'n', 1.5), RangeError, 'x: n must be a positive integer (got 1.5)'],
    [() => checkPositiveInteger('x', 'n', '3'), TypeError, 'x: n must be a positive integer (got "3")'],
    [() => checkDelay('x', 'd', -1), RangeError, 'x: d must be a non-negative finite number of milliseconds (got -1)'],
    [() => checkDelay('x', 'd', Number.NaN), RangeError, 'x: d must be a non-negative finite number of milliseconds (got NaN)'],
    [() => checkDelay('x', 'd', Infinity), RangeError, 'x: d must be a non-negative finite number of milliseconds (got Infinity)'],
    [() => checkPositiveDuration('x', 't', 0), RangeError, 'x: t must be a positive finite number of milliseconds (got 0)'],
    [() => checkProbability('x', 'p', 1.1), RangeError, 'x: p must be a number between 0 and 1 (got 1.1)'],
    [() => checkFunction('x', 'f', {}), TypeError, 'x: f must be a function (got an object)'],
    [() => checkOptionsObject('x', []), TypeError, 'x: options must be an object (got an array)'],
    [() => checkOptionsObject('x', 5), TypeError, 'x: options must be an object (got 5)'],
  ] as const)('%#: throws the exact message', (fn, type, message) => {
    expect(fn).toThrow(new type(message));
  });

  it('describes values without throwing', () => {
    expect(describeValue('a'.repeat(100))).toBe(JSON.stringify(`${'a'.repeat(40)}…`));
    expect(describeValue(Symbol('s'))).toBe('Symbol(s)');
    expect(describeValue(10n)).toBe('10');
    expect(describeValue(new Date(Number.NaN))).toBe('an invalid Date');
    expect(describeValue(() => 1)).toBe('a function');
    expect(describeValue(null)).toBe('null');
  });

  it('returns valid values unchanged', () => {
    expect(checkPositiveInteger('x', 'n', 3)).toBe(3);
    expect(checkDelay('x', 'd', 0)).toBe(0);
    expect(checkProbability('x', 'p', 1)).toBe(1);
    expect(checkOptionsObject('x', undefined)).toEqual({});
  });
});
