import { systemClock, type Clock } from '../../core/clock.js';
import { checkNumber, checkOptionsObject, rangeError, typeError } from '../../core/validate.js';
import { EVENT_NAMES, type EventName } from '../shared/vocabulary.js';
import type { LevelChoice, LogLevel } from './levels.js';

/**
 * What resile needs of a logger: pino's `(object, message)` methods (pino, or anything alike).
 * A returned promise is observed, never awaited.
 */
export interface StructuredLogger {
  debug(obj: object, msg: string): unknown;
  info(obj: object, msg: string): unknown;
  warn(obj: object, msg: string): unknown;
  error(obj: object, msg: string): unknown;
  /** pino's level check; when present, lines below the logger's level are never built. */
  isLevelEnabled?(level: string): boolean;
}

/** Token-bucket limit per event name: a retry storm logs `burst` lines, then `perSecond`. */
export interface LogRateLimit {
  /** Lines per second per event name once the burst is spent. */
  perSecond: number;
  /** Lines allowed at once per event name. */
  burst: number;
}

/** Options of {@link loggerInstrumenter}. */
export interface LoggerInstrumenterOptions {
  /** Override the level of an event (`'off'` drops it), e.g. `{ attempt: 'off', retry: 'info' }`. */
  levels?: Partial<Record<EventName, LevelChoice>>;
  /** Rate limit per event name, or `false` for none. @defaultValue `{ perSecond: 10, burst: 50 }` */
  rateLimit?: LogRateLimit | false;
  /** Add `error.message` (cut to 1024 characters) to lines about errors. @defaultValue true */
  errorMessages?: boolean;
  /** Time source of the rate limit. @defaultValue the system clock */
  clock?: Clock;
}

/** Validated options. */
export interface NormalizedLoggerOptions {
  readonly levels: Partial<Record<EventName, LevelChoice>>;
  readonly rateLimit: LogRateLimit | undefined;
  readonly errorMessages: boolean;
  readonly clock: Clock;
}

const OWNER = 'loggerInstrumenter';
const LEVELS: readonly LevelChoice[] = ['debug', 'info', 'warn', 'error', 'off'];
const METHODS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
const NAMES = new Set<string>(Object.values(EVENT_NAMES));

/** Validates the logger and `options` at construction (exact messages, TypeError/RangeError). */
export function normalizeLoggerOptions(logger: unknown, options: LoggerInstrumenterOptions | undefined): NormalizedLoggerOptions {
  if (typeof logger !== 'object' || logger === null || METHODS.some((m) => typeof (logger as Record<string, unknown>)[m] !== 'function')) {
    typeError(OWNER, 'logger', 'a logger with debug, info, warn and error methods', logger);
  }
  const o = checkOptionsObject<LoggerInstrumenterOptions>(OWNER, options);
  const levels = o.levels === undefined ? {} : checkOptionsObject<Record<string, unknown>>(OWNER, o.levels);
  for (const [event, level] of Object.entries(levels)) {
    if (!NAMES.has(event)) rangeError(OWNER, 'levels', `keyed by event names (${[...NAMES].join(', ')})`, event);
    if (!LEVELS.includes(level as LevelChoice)) rangeError(OWNER, `levels.${event}`, `one of ${LEVELS.join(', ')}`, level);
  }
  if (o.errorMessages !== undefined && typeof o.errorMessages !== 'boolean') typeError(OWNER, 'errorMessages', 'a boolean', o.errorMessages);
  const clock = o.clock ?? systemClock;
  if (typeof clock !== 'object' || typeof (clock as Partial<Clock>).now !== 'function') typeError(OWNER, 'clock', 'a Clock', o.clock);
  return { levels: levels, rateLimit: checkRateLimit(o.rateLimit), errorMessages: o.errorMessages ?? true, clock };
}

function checkRateLimit(value: unknown): LogRateLimit | undefined {
  if (value === false) return undefined;
  if (value === undefined) return { perSecond: 10, burst: 50 };
  if (typeof value !== 'object' || value === null) return typeError(OWNER, 'rateLimit', 'an object { perSecond, burst } or false', value);
  const r = value as Partial<LogRateLimit>;
  return {
    perSecond: checkNumber(OWNER, 'rateLimit.perSecond', r.perSecond, { min: 0, exclusive: true }, 'a positive finite number'),
    burst: checkNumber(OWNER, 'rateLimit.burst', r.burst, { min: 1, integer: true }, 'a positive integer'),
  };
}
