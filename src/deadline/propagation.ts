import { currentContext, toDeadline } from '../core/ambient.js';
import { systemClock, type Clock } from '../core/clock.js';
import { checkOptionsObject, checkPositiveDuration, typeError } from '../core/validate.js';
import { checkClock } from '../policy/call-options.js';
import { readHeader, writeHeader, type HeaderSource, type HeaderTarget } from './header-access.js';
import { decodeBudgets, encodeBudget, formatOf } from './header.js';

/** Default header carrying the remaining budget in milliseconds. */
export const DEFAULT_DEADLINE_HEADER = 'x-request-timeout';
/** Default cap on an incoming budget: 5 minutes. */
export const DEFAULT_MAX_BUDGET = 300_000;

/** Options of {@link injectDeadline}. */
export interface InjectDeadlineOptions {
  /** Header to write; `grpc-timeout` (any case) switches to the gRPC format. @defaultValue 'x-request-timeout' */
  header?: string;
  /** Where the deadline comes from. @defaultValue the ambient context (`currentContext()`) */
  context?: { readonly deadline?: number | Date | undefined };
  /** Time source used to turn the deadline into a remaining budget. @defaultValue the system clock */
  clock?: Clock;
}

/** Options of {@link extractDeadline}. */
export interface ExtractDeadlineOptions {
  /** Header to read; `grpc-timeout` (any case) is read in the gRPC format. @defaultValue 'x-request-timeout' */
  header?: string;
  /** Largest budget accepted, in ms: larger values are clamped to it. @defaultValue 300000 */
  max?: number;
  /** Time source the returned deadline is based on. @defaultValue the system clock */
  clock?: Clock;
}

// RFC 9110 token characters: what a header name may contain.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** A header name option: a non-empty HTTP token. */
export function checkHeaderName(owner: string, option: string, value: unknown): string {
  if (typeof value !== 'string') return typeError(owner, option, 'a header name (a string)', value);
  if (!TOKEN.test(value)) typeError(owner, option, 'a valid header name (an HTTP token)', value);
  return value;
}

/** Writes the budget left until `deadline` (as seen at `now`) into `target` under `header`. */
export function writeDeadline(target: HeaderTarget, header: string, deadline: number, now: number): void {
  writeHeader(target, header, encodeBudget(deadline - now, formatOf(header)));
}

/** The deadline `source` carries in `header`, as an absolute time from `now`, at most `max` away. */
export function readDeadline(source: unknown, header: string, max: number, now: number): number | undefined {
  const budget = decodeBudgets(readHeader(source, header), formatOf(header), max);
  return budget === undefined ? undefined : now + budget;
}

/**
 * Writes the remaining budget of the ambient (or given) deadline into `headers`: whole
 * milliseconds rounded down, or the gRPC format for `grpc-timeout`. Without a deadline nothing
 * is written. Returns `headers`.
 */
export function injectDeadline<H extends HeaderTarget>(headers: H, options?: InjectDeadlineOptions): H {
  const owner = 'injectDeadline';
  const o = checkOptionsObject<InjectDeadlineOptions>(owner, options);
  if (typeof headers !== 'object' || (headers as unknown) === null) {
    typeError(owner, 'headers', 'a Headers, Map, array of pairs, plain object or an object with set()', headers);
  }
  const header = o.header === undefined ? DEFAULT_DEADLINE_HEADER : checkHeaderName(owner, 'header', o.header);
  const clock = o.clock === undefined ? systemClock : checkClock(owner, o.clock);
  let raw: unknown;
  if (o.context === undefined) raw = currentContext().deadline;
  else if (typeof o.context !== 'object' || (o.context as unknown) === null) typeError(owner, 'context', 'an object', o.context);
  else raw = o.context.deadline;
  if (raw === undefined) return headers;
  writeDeadline(headers, header, toDeadline(owner, raw), clock.now());
  return headers;
}

/**
 * Reads an incoming budget from `headers` and returns the absolute deadline (epoch ms), or
 * `undefined` when there is none. Malformed, negative or absurd values are ignored; values above
 * `max` are clamped to it; of repeated values the smallest wins; `0` is a valid, spent budget.
 * Never throws because of what the headers contain (invalid options still throw).
 */
export function extractDeadline(headers: HeaderSource | null | undefined, options?: ExtractDeadlineOptions): number | undefined {
  const owner = 'extractDeadline';
  const o = checkOptionsObject<ExtractDeadlineOptions>(owner, options);
  const header = o.header === undefined ? DEFAULT_DEADLINE_HEADER : checkHeaderName(owner, 'header', o.header);
  const max = o.max === undefined ? DEFAULT_MAX_BUDGET : checkPositiveDuration(owner, 'max', o.max);
  const clock = o.clock === undefined ? systemClock : checkClock(owner, o.clock);
  return readDeadline(headers, header, max, clock.now());
}
