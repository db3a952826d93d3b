// One message shape for every configuration error: `<owner>: <option> must be <rule> (got <value>)`.

/** Renders a received value for an error message without ever throwing. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === undefined || value === null) return String(value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return value.toString();
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : 'a Date';
  return 'an object';
}

function fail(kind: 'type' | 'range', owner: string, option: string, rule: string, value: unknown): never {
  const message = `${owner}: ${option} must be ${rule} (got ${describeValue(value)})`;
  throw kind === 'type' ? new TypeError(message) : new RangeError(message);
}

/** Throws a `TypeError` in the shared message shape. */
export function typeError(owner: string, option: string, rule: string, value: unknown): never {
  return fail('type', owner, option, rule, value);
}

/** Throws a `RangeError` in the shared message shape. */
export function rangeError(owner: string, option: string, rule: string, value: unknown): never {
  return fail('range', owner, option, rule, value);
}

/** A number ≥ `min` (or > `min` when `exclusive`); finite unless `allowInfinity`. */
export function checkNumber(
  owner: string,
  option: string,
  value: unknown,
  rule: { min: number; exclusive?: boolean; max?: number; allowInfinity?: boolean; integer?: boolean },
  text: string,
): number {
  if (typeof value !== 'number') return typeError(owner, option, text, value);
  const finiteOk = Number.isFinite(value) || (rule.allowInfinity === true && value === Infinity);
  if (
    !finiteOk ||
    (rule.exclusive === true ? !(value > rule.min) : !(value >= rule.min)) ||
    (rule.max !== undefined && value > rule.max) ||
    (rule.integer === true && value !== Infinity && !Number.isInteger(value))
  ) {
    return rangeError(owner, option, text, value);
  }
  return value;
}

/** A duration in ms that may be zero (delays, thresholds). */
export function checkDelay(owner: string, option: string, value: unknown): number {
  return checkNumber(owner, option, value, { min: 0 }, 'a non-negative finite number of milliseconds');
}

/** A duration in ms that must be positive (timeouts, intervals). */
export function checkPositiveDuration(owner: string, option: string, value: unknown): number {
  return checkNumber(owner, option, value, { min: 0, exclusive: true }, 'a positive finite number of milliseconds');
}

/** A positive integer (attempt counts, capacities, limits). */
export function checkPositiveInteger(owner: string, option: string, value: unknown): number {
  return checkNumber(owner, option, value, { min: 1, integer: true }, 'a positive integer');
}

/** A non-negative integer (queue sizes). */
export function checkNonNegativeInteger(owner: string, option: string, value: unknown): number {
  return checkNumber(owner, option, value, { min: 0, integer: true }, 'a non-negative integer');
}

/** A probability in [0, 1]. */
export function checkProbability(owner: string, option: string, value: unknown): number {
  return checkNumber(owner, option, value, { min: 0, max: 1 }, 'a number between 0 and 1');
}

/** A function. */
// The type parameter only narrows the return for the caller: the check itself is `typeof`.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
export function checkFunction<F = (...args: never[]) => unknown>(owner: string, option: string, value: unknown): F {
  if (typeof value !== 'function') return typeError(owner, option, 'a function', value);
  return value as F;
}

/** A plain options object (or undefined, which becomes `{}`). */
export function checkOptionsObject<T extends object>(owner: string, value: unknown): Partial<T> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return typeError(owner, 'options', 'an object', value);
  }
  return value;
}
