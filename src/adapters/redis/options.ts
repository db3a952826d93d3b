import type { StoreErrorMode } from '../../core/telemetry/events.js';
import type { Instrumenter } from '../../core/telemetry/instrumenter.js';
import type { Telemetry } from '../../core/telemetry/telemetry.js';
import { checkDelay, checkOptionsObject, checkPositiveDuration, rangeError, typeError } from '../../core/validate.js';
import { toTelemetry } from '../../instrument/instrument.js';

/** Whose clock a shared object's time comes from. */
export type RedisClockSource = 'redis' | 'local';

/** Options of `redisStore(client, options)`. */
export interface RedisStoreOptions {
  /** Namespace of every key (`{prefix:kind:name}`). @defaultValue 'resile' */
  prefix?: string;
  /**
   * `'redis'`: scripts read Redis `TIME`, so every process shares one clock whatever its own
   * says; `'local'`: scripts use the caller's clock (tests with a virtual clock, or servers whose
   * scripts may not read `TIME`). @defaultValue 'redis'
   */
  clock?: RedisClockSource;
  /** Longest wait for one Redis call, in ms; past it `onStoreError` decides. @defaultValue 50 */
  storeTimeout?: number;
  /** While Redis is unavailable: `'local'` in-process state, `'allow'` admit, `'deny'` refuse. @defaultValue 'local' */
  onStoreError?: StoreErrorMode;
  /** How long a half-open probe holds the fleet's probe lease unless it settles first, in ms. @defaultValue 30000 */
  probeLease?: number;
  /** Most a breaker (or retry budget) waits before reporting batched outcomes, in ms. @defaultValue 1000 */
  flushInterval?: number;
  /** Budgets and breakers no process touched for this long are forgotten (back to full/closed), in ms. @defaultValue 3600000 */
  idleTtl?: number;
  /** During an outage, how often one call tries Redis again, in ms. @defaultValue 1000 */
  recheckInterval?: number;
  /** Receives `onStoreUnavailable` / `onStoreRecovered`. */
  instrumenter?: Instrumenter | readonly Instrumenter[];
  /** Telemetry label of the store's events. @defaultValue the prefix */
  name?: string;
}

/** Validated redis store options. */
export interface NormalizedRedisStore {
  readonly prefix: string;
  readonly clock: RedisClockSource;
  readonly storeTimeout: number;
  readonly onStoreError: StoreErrorMode;
  readonly probeLease: number;
  readonly flushInterval: number;
  readonly idleTtl: number;
  readonly recheckInterval: number;
  readonly telemetry: Telemetry | undefined;
  readonly name: string;
}

const OWNER = 'redisStore';
const MODES: readonly StoreErrorMode[] = ['local', 'allow', 'deny'];
const CLOCKS: readonly RedisClockSource[] = ['redis', 'local'];
const PREFIX = /^[^{}\s]{1,64}$/;

function oneOf<T extends string>(option: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  const rule = `one of ${allowed.map((v) => `'${v}'`).join(', ')}`;
  if (typeof value !== 'string') return typeError(OWNER, option, rule, value);
  if (!(allowed as readonly string[]).includes(value)) return rangeError(OWNER, option, rule, value);
  return value as T;
}

function duration(option: string, value: unknown, fallback: number): number {
  return value === undefined ? fallback : checkPositiveDuration(OWNER, option, value);
}

/** Validates `redisStore` options. */
export function normalizeRedisStore(options: unknown): NormalizedRedisStore {
  const o = checkOptionsObject<RedisStoreOptions>(OWNER, options);
  const prefixRule = '1 to 64 characters without braces or spaces';
  if (o.prefix !== undefined && typeof o.prefix !== 'string') typeError(OWNER, 'prefix', prefixRule, o.prefix);
  if (o.prefix !== undefined && !PREFIX.test(o.prefix)) rangeError(OWNER, 'prefix', prefixRule, o.prefix);
  if (o.name !== undefined && typeof o.name !== 'string') typeError(OWNER, 'name', 'a string', o.name);
  const prefix = o.prefix ?? 'resile';
  return {
    prefix,
    clock: oneOf('clock', o.clock, CLOCKS, 'redis'),
    storeTimeout: duration('storeTimeout', o.storeTimeout, 50),
    onStoreError: oneOf('onStoreError', o.onStoreError, MODES, 'local'),
    probeLease: duration('probeLease', o.probeLease, 30_000),
    flushInterval: o.flushInterval === undefined ? 1000 : checkDelay(OWNER, 'flushInterval', o.flushInterval),
    idleTtl: duration('idleTtl', o.idleTtl, 3_600_000),
    recheckInterval: duration('recheckInterval', o.recheckInterval, 1000),
    telemetry: o.instrumenter === undefined ? undefined : toTelemetry(OWNER, o.instrumenter),
    name: o.name ?? prefix,
  };
}
