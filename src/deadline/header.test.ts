import { describe, expect, it } from 'vitest';
import { decodeBudget, decodeBudgets, encodeGrpcTimeout, encodeMsTimeout, formatOf } from './header.js';

describe('encodeGrpcTimeout', () => {
  it.each([
    [1500, '1500m'],
    [1000, '1S'],
    [2000, '2S'],
    [60_000, '1M'],
    [90_000, '90S'],
    [3_600_000, '1H'],
    [0.001, '1u'],
    [0.5, '500u'],
    [1.5, '1500u'],
    [0.000_001, '1n'],
    [99_999_999, '99999999m'],
  ])('keeps %s ms exactly as %s', (ms, text) => {
    expect(encodeGrpcTimeout(ms)).toBe(text);
  });

  it('uses the finest unit that fits in 8 digits when no unit is exact, rounding down', () => {
    expect(encodeGrpcTimeout(1500.3737)).toBe('1500373u');
    expect(encodeGrpcTimeout(12.345_678_9)).toBe('12345678n');
    expect(encodeGrpcTimeout(123_456.789)).toBe('123456m');
    expect(encodeGrpcTimeout(100_000_000.5)).toBe('100000S');
  });

  it('writes a spent budget as 0n and clamps absurd budgets to 99999999H', () => {
    expect(encodeGrpcTimeout(0)).toBe('0n');
    expect(encodeGrpcTimeout(-5)).toBe('0n');
    expect(encodeGrpcTimeout(Number.NaN)).toBe('0n');
    expect(encodeGrpcTimeout(1e300)).toBe('99999999H');
    expect(encodeGrpcTimeout(Infinity)).toBe('99999999H');
  });
});

describe('encodeMsTimeout', () => {
  it('writes whole milliseconds, rounded down, in plain digits', () => {
    expect(encodeMsTimeout(1500.9)).toBe('1500');
    expect(encodeMsTimeout(0.4)).toBe('0');
    expect(encodeMsTimeout(-1)).toBe('0');
    expect(encodeMsTimeout(Number.NaN)).toBe('0');
    expect(encodeMsTimeout(1e300)).toBe(String(Number.MAX_SAFE_INTEGER));
  });
});

describe('decodeBudget', () => {
  it('reads milliseconds, with surrounding whitespace and an optional fraction', () => {
    expect(decodeBudget('1500', 'ms')).toBe(1500);
    expect(decodeBudget(' 007 ', 'ms')).toBe(7);
    expect(decodeBudget('12.5', 'ms')).toBe(12.5);
    expect(decodeBudget('0', 'ms')).toBe(0);
  });

  it.each(['', ' ', '-1', '+1', '1e3', '1e309', 'NaN', 'Infinity', '0x10', '1,5', '1.', '.5', '12ms', '١٢'])(
    'ignores the malformed ms value %j',
    (text) => {
      expect(decodeBudget(text, 'ms')).toBeUndefined();
    },
  );

  it('reads every gRPC unit', () => {
    expect(decodeBudget('2H', 'grpc')).toBe(7_200_000);
    expect(decodeBudget('3M', 'grpc')).toBe(180_000);
    expect(decodeBudget('4S', 'grpc')).toBe(4000);
    expect(decodeBudget('1500m', 'grpc')).toBe(1500);
    expect(decodeBudget('1500u', 'grpc')).toBe(1.5);
    expect(decodeBudget('1500000n', 'grpc')).toBe(1.5);
    expect(decodeBudget('0n', 'grpc')).toBe(0);
  });

  it.each(['123456789m', '5', '5s', '5h', '5x', '-5m', '5 m', 'm', '1.5S', '1e3m', ''])('ignores the malformed gRPC value %j', (text) => {
    expect(decodeBudget(text, 'grpc')).toBeUndefined();
  });

  it('refuses overlong values before parsing them', () => {
    expect(decodeBudget('1'.repeat(33), 'ms')).toBeUndefined();
    expect(decodeBudget(`${' '.repeat(100)}5`, 'ms')).toBeUndefined();
    expect(decodeBudget('9'.repeat(32), 'ms')).toBe(1e32);
  });
});

describe('decodeBudgets', () => {
  it('takes the smallest well-formed value of repeated and comma-joined headers, clamped to max', () => {
    expect(decodeBudgets(['300', '200, junk, 250'], 'ms', 1000)).toBe(200);
    expect(decodeBudgets(['junk', ''], 'ms', 1000)).toBeUndefined();
    expect(decodeBudgets([], 'ms', 1000)).toBeUndefined();
    expect(decodeBudgets(['99999999999999'], 'ms', 1000)).toBe(1000);
    expect(decodeBudgets(['99999999H'], 'grpc', 300_000)).toBe(300_000);
  });
});

describe('formatOf', () => {
  it('chooses the gRPC format for grpc-timeout in any case', () => {
    expect(formatOf('grpc-timeout')).toBe('grpc');
    expect(formatOf('GRPC-Timeout')).toBe('grpc');
    expect(formatOf('x-request-timeout')).toBe('ms');
  });
});
