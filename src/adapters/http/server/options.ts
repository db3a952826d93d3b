import { systemClock, type Clock } from '../../../core/clock.js';
import { checkOptionsObject, checkPositiveDuration, typeError } from '../../../core/validate.js';
import { checkHeaderName, DEFAULT_DEADLINE_HEADER, DEFAULT_MAX_BUDGET } from '../../../deadline/propagation.js';
import { checkClock } from '../../../policy/call-options.js';
import { DEFAULT_PRIORITY_HEADER } from '../priority-header.js';

/** Options of `deadlineMiddleware` and `withDeadline`. */
export interface DeadlineMiddlewareOptions {
  /** Header carrying the caller's remaining budget (`grpc-timeout` is read in the gRPC format). @defaultValue 'x-request-timeout' */
  header?: string;
  /** Largest budget a caller may grant, in ms; larger values are clamped. @defaultValue 300000 */
  max?: number;
  /** Budget in ms for requests that carry no deadline header. @defaultValue none (no deadline) */
  defaultTimeout?: number;
  /** Header carrying the request priority, or `false` to ignore priorities. @defaultValue 'x-request-priority' */
  priorityHeader?: string | false;
  /** Time source. @defaultValue the system clock */
  clock?: Clock;
}

/** Validated server options. */
export interface NormalizedServerOptions {
  readonly header: string;
  readonly max: number;
  readonly defaultTimeout: number | undefined;
  readonly priorityHeader: string | undefined;
  readonly clock: Clock;
}

/** A header option that may be switched off with `false`. */
export function checkOptionalHeader(owner: string, option: string, value: unknown, fallback: string): string | undefined {
  if (value === undefined) return fallback;
  if (value === false) return undefined;
  if (typeof value !== 'string') typeError(owner, option, 'a header name or false', value);
  return checkHeaderName(owner, option, value);
}

/** Validates the options of the server side for `owner`. */
export function normalizeServerOptions(owner: string, options: unknown): NormalizedServerOptions {
  const o = checkOptionsObject<DeadlineMiddlewareOptions>(owner, options);
  return Object.freeze({
    header: o.header === undefined ? DEFAULT_DEADLINE_HEADER : checkHeaderName(owner, 'header', o.header),
    max: o.max === undefined ? DEFAULT_MAX_BUDGET : checkPositiveDuration(owner, 'max', o.max),
    defaultTimeout: o.defaultTimeout === undefined ? undefined : checkPositiveDuration(owner, 'defaultTimeout', o.defaultTimeout),
    priorityHeader: checkOptionalHeader(owner, 'priorityHeader', o.priorityHeader, DEFAULT_PRIORITY_HEADER),
    clock: o.clock === undefined ? systemClock : checkClock(owner, o.clock),
  });
}
