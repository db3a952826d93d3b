import { toDeadline } from '../../../core/ambient.js';
import { systemClock, type Clock } from '../../../core/clock.js';
import { isPriority, Priority } from '../../../core/priority.js';
import { isAbortSignal } from '../../../core/signal.js';
import { checkFunction, checkOptionsObject, checkPositiveDuration, rangeError, typeError } from '../../../core/validate.js';
import { DEFAULT_DEADLINE_HEADER, checkHeaderName } from '../../../deadline/propagation.js';
import { checkClock, type CallOptions } from '../../../policy/call-options.js';
import { strategiesFor, type ExecuteOptions } from '../../../policy/execute.js';
import { Policy } from '../../../policy/policy.js';
import { DEFAULT_PRIORITY_HEADER } from '../priority-header.js';
import { checkOptionalHeader } from '../server/options.js';

/** The `fetch` function `createFetch` calls for each attempt. */
export type FetchFunction = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** Options of `createFetch`: its own, plus every `execute` option (applied to each request). */
export interface CreateFetchOptions extends ExecuteOptions<Response> {
  /** The underlying fetch. @defaultValue the global `fetch` */
  fetch?: FetchFunction;
  /** Statuses that fail an attempt and are retried, or a predicate. @defaultValue [408, 429, 500, 502, 503, 504] */
  retryOnStatus?: readonly number[] | ((status: number, response: Response) => boolean);
  /** Methods safe to retry without an idempotency key. @defaultValue GET, HEAD, OPTIONS, PUT, DELETE, TRACE */
  retryMethods?: readonly string[];
  /** `true` sends a generated key (or the given function's) with non-idempotent requests, the same on every attempt, so they may be retried. @defaultValue false */
  idempotencyKey?: boolean | (() => string);
  /** Header of the idempotency key; a request carrying it may be retried whatever its method. @defaultValue 'Idempotency-Key' */
  idempotencyKeyHeader?: string;
  /** Header the remaining budget is sent in (`grpc-timeout` uses the gRPC format), or `false`. @defaultValue 'x-request-timeout' */
  deadlineHeader?: string | false;
  /** Header a non-standard priority is sent in, or `false`. @defaultValue 'x-request-priority' */
  priorityHeader?: string | false;
  /** Throw an `HttpStatusError` for a final response that is not ok, instead of returning it. @defaultValue false */
  throwOnStatus?: boolean;
}

/** Validated, frozen `createFetch` settings and the policies built from them. */
export interface NormalizedFetch {
  readonly fetch: FetchFunction;
  readonly retryOnStatus: (status: number, response: Response) => boolean;
  readonly retryMethods: ReadonlySet<string>;
  readonly newKey: (() => string) | undefined;
  readonly idempotencyKeyHeader: string;
  readonly deadlineHeader: string | undefined;
  readonly priorityHeader: string | undefined;
  readonly throwOnStatus: boolean;
  readonly clock: Clock;
  /** Call options given to every request's policy (the signal is combined per request). */
  readonly call: Readonly<Omit<CallOptions, 'instrumenter' | 'random'>>;
  /** One attempt: requests that must not be retried. */
  readonly once: Policy;
  /** Sequential retries. */
  readonly retrying: Policy;
  /** Hedged attempts for GET and HEAD, when `hedgingDelay` is set. */
  readonly hedged: Policy | undefined;
}

const OWNER = 'createFetch';
const DEFAULT_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);
const DEFAULT_METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE'];
const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function checkStatuses(value: unknown): (status: number) => boolean {
  if (typeof value === 'function') return value as (status: number) => boolean;
  if (!Array.isArray(value)) return typeError(OWNER, 'retryOnStatus', 'an array of HTTP status codes or a function', value);
  (value as unknown[]).forEach((status, i) => {
    const option = `retryOnStatus[${String(i)}]`;
    if (typeof status !== 'number') typeError(OWNER, option, 'an HTTP status code (an integer from 100 to 599)', status);
    if (!Number.isInteger(status) || status < 100 || status > 599) rangeError(OWNER, option, 'an HTTP status code (an integer from 100 to 599)', status);
  });
  const set = new Set(value as number[]);
  return (status) => set.has(status);
}

function checkMethods(value: unknown): ReadonlySet<string> {
  if (!Array.isArray(value)) return typeError(OWNER, 'retryMethods', 'an array of HTTP methods', value);
  return new Set(
    (value as unknown[]).map((method, i) => {
      if (typeof method !== 'string' || !METHOD.test(method)) typeError(OWNER, `retryMethods[${String(i)}]`, 'an HTTP method', method);
      return method.toUpperCase();
    }),
  );
}

function checkKey(value: unknown): (() => string) | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return () => globalThis.crypto.randomUUID();
  if (typeof value !== 'function') typeError(OWNER, 'idempotencyKey', 'a boolean or a function', value);
  return value as () => string;
}

function checkCallOptions(o: Partial<CreateFetchOptions>, clock: Clock): NormalizedFetch['call'] {
  const call: { -readonly [K in keyof NormalizedFetch['call']]: NormalizedFetch['call'][K] } = { clock };
  if (o.signal !== undefined) call.signal = isAbortSignal(o.signal) ? o.signal : typeError(OWNER, 'signal', 'an AbortSignal', o.signal);
  if (o.deadline !== undefined) call.deadline = toDeadline(OWNER, o.deadline);
  if (o.timeout !== undefined) call.timeout = checkPositiveDuration(OWNER, 'timeout', o.timeout);
  if (o.priority !== undefined) {
    call.priority = isPriority(o.priority) ? o.priority : rangeError(OWNER, 'priority', `one of ${Object.values(Priority).join(', ')}`, o.priority);
  }
  if (o.name !== undefined) call.name = typeof o.name === 'string' ? o.name : typeError(OWNER, 'name', 'a string', o.name);
  return Object.freeze(call);
}

function checkBoolean(option: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') typeError(OWNER, option, 'a boolean', value);
  return value;
}

/** Validates `createFetch` options and builds its policies once. */
export function normalizeFetchOptions(options: unknown): NormalizedFetch {
  const o = checkOptionsObject<CreateFetchOptions>(OWNER, options);
  const fetch = checkFunction<FetchFunction>(OWNER, 'fetch', o.fetch ?? globalThis.fetch);
  const clock = o.clock === undefined ? systemClock : checkClock(OWNER, o.clock);
  const execute = o as unknown as ExecuteOptions<never>;
  const { hedgingDelay, ...sequential } = execute;
  return Object.freeze({
    fetch,
    retryOnStatus: o.retryOnStatus === undefined ? (status: number) => DEFAULT_STATUSES.has(status) : checkStatuses(o.retryOnStatus),
    retryMethods: checkMethods(o.retryMethods ?? DEFAULT_METHODS),
    newKey: checkKey(o.idempotencyKey),
    idempotencyKeyHeader: o.idempotencyKeyHeader === undefined ? 'Idempotency-Key' : checkHeaderName(OWNER, 'idempotencyKeyHeader', o.idempotencyKeyHeader),
    deadlineHeader: checkOptionalHeader(OWNER, 'deadlineHeader', o.deadlineHeader, DEFAULT_DEADLINE_HEADER),
    priorityHeader: checkOptionalHeader(OWNER, 'priorityHeader', o.priorityHeader, DEFAULT_PRIORITY_HEADER),
    throwOnStatus: checkBoolean('throwOnStatus', o.throwOnStatus),
    clock,
    call: checkCallOptions(o, clock),
    hedged: hedgingDelay === undefined ? undefined : new Policy(strategiesFor(execute, OWNER)),
    retrying: new Policy(strategiesFor(sequential, OWNER)),
    once: new Policy(strategiesFor({ ...sequential, maxAttempts: 1 }, OWNER)),
  });
}
