// Pure encoding and decoding of a remaining time budget in a header value. Two formats:
// ordinary headers carry whole milliseconds; `grpc-timeout` carries an integer of at most
// 8 digits followed by a unit (gRPC over HTTP/2 spec). Decoding never throws: anything that is
// not a well-formed budget is `undefined`.

/** The two header formats a budget can travel in. */
export type BudgetFormat = 'ms' | 'grpc';

/** The largest value a `grpc-timeout` may carry (8 digits). */
export const GRPC_MAX_VALUE = 99_999_999;

// gRPC units, coarsest first: a value in the unit is `ms * perMs / msPer`. Keeping the two
// factors as integers keeps conversions of whole values exact in floating point.
const GRPC_UNITS: readonly (readonly [unit: string, msPer: number, perMs: number])[] = [
  ['H', 3_600_000, 1],
  ['M', 60_000, 1],
  ['S', 1_000, 1],
  ['m', 1, 1],
  ['u', 1, 1_000],
  ['n', 1, 1_000_000],
];
const UNIT_MS: ReadonlyMap<string, readonly [msPer: number, perMs: number]> = new Map(
  GRPC_UNITS.map(([unit, msPer, perMs]) => [unit, [msPer, perMs]] as const),
);

// Longer values are not budgets: refuse them before any parsing work (hostile input).
const MAX_VALUE_LENGTH = 32;
const MS_PATTERN = /^\d+(?:\.\d+)?$/;
const GRPC_PATTERN = /^(\d{1,8})([HMSmun])$/;

/** The format used for `header`: gRPC for `grpc-timeout` (any case), milliseconds otherwise. */
export function formatOf(header: string): BudgetFormat {
  return header.toLowerCase() === 'grpc-timeout' ? 'grpc' : 'ms';
}


/**
 * Encodes a remaining budget as a `grpc-timeout` value, never rounding up. A budget that some
 * unit holds exactly in 8 digits uses the coarsest such unit (1500 ms → `1500m`, not `1S` and not
 * `1500000u`); otherwise the finest unit that fits, rounded down. A spent budget is `0n`.
 */
export function encodeGrpcTimeout(ms: number): string {
  if (!(ms > 0)) return '0n';
  for (const [unit, msPer, perMs] of GRPC_UNITS) {
    const v = (ms * perMs) / msPer;
    if (v >= 1 && v <= GRPC_MAX_VALUE && Number.isInteger(v)) return `${String(v)}${unit}`;
  }
  for (let i = GRPC_UNITS.length - 1; i >= 0; i--) {
    const [unit, msPer, perMs] = GRPC_UNITS[i] as readonly [string, number, number];
    const v = Math.floor((ms * perMs) / msPer);
    if (v <= GRPC_MAX_VALUE) return `${String(v)}${unit}`;
  }
  return `${String(GRPC_MAX_VALUE)}H`;
}

/** Encodes a remaining budget as whole milliseconds, rounded down (`0` when spent). */
export function encodeMsTimeout(ms: number): string {
  if (!(ms > 0)) return '0';
  // Plain digits only: String(1e21) would be written in exponent form.
  return String(Math.min(Math.floor(ms), Number.MAX_SAFE_INTEGER));
}

/** Encodes a remaining budget in `format`. */
export function encodeBudget(ms: number, format: BudgetFormat): string {
  return format === 'grpc' ? encodeGrpcTimeout(ms) : encodeMsTimeout(ms);
}

/**
 * Decodes one header value into milliseconds, or `undefined` when it is not a well-formed,
 * non-negative budget in `format`. Surrounding whitespace is ignored. Never throws.
 */
export function decodeBudget(value: string, format: BudgetFormat): number | undefined {
  if (value.length > MAX_VALUE_LENGTH + 8) return undefined;
  const text = value.trim();
  if (text.length === 0 || text.length > MAX_VALUE_LENGTH) return undefined;
  if (format === 'ms') {
    if (!MS_PATTERN.test(text)) return undefined;
    const ms = Number(text);
    return Number.isFinite(ms) ? ms : undefined;
  }
  const match = GRPC_PATTERN.exec(text);
  if (match === null) return undefined;
  const [msPer, perMs] = UNIT_MS.get(match[2] as string) as readonly [number, number];
  return (Number(match[1]) * msPer) / perMs;
}

/**
 * Decodes every value a header carried (repeated headers, comma-joined lists) and returns the
 * smallest well-formed budget, clamped to `max`: a duplicate can never extend a deadline.
 */
export function decodeBudgets(values: readonly string[], format: BudgetFormat, max: number): number | undefined {
  let best: number | undefined;
  for (const value of values) {
    for (const part of value.split(',')) {
      const ms = decodeBudget(part, format);
      if (ms !== undefined && (best === undefined || ms < best)) best = ms;
    }
  }
  return best === undefined ? undefined : Math.min(best, max);
}
