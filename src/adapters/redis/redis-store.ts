import { typeError } from '../../core/validate.js';
import { remoteStore } from '../../store/remote-store.js';
import type { Store } from '../../store/store.js';
import { redisBackend } from './backend.js';
import { isRedisClient, scriptRunner, type RedisClientLike } from './client.js';
import { normalizeRedisStore, type RedisStoreOptions } from './options.js';

/**
 * A {@link Store} on Redis, for a fleet: `RateLimiter`, `KeyedRateLimiter`, `RetryBudget` and
 * `CircuitBreaker` given this store and a `name` share their state with every process using the
 * same Redis and prefix. Every change is one Lua script on one hash-tagged key (Redis Cluster
 * works), run by SHA and reloaded when the server lost it; every key expires when unused. A call
 * never waits on Redis longer than `storeTimeout`; while Redis is unavailable, `onStoreError`
 * decides, and a single telemetry event marks each outage and each recovery.
 *
 * `client` is an ioredis client (`Redis` or `Cluster`) or a node-redis client (v4 and later). It
 * stays yours: connect it, give it an `'error'` listener, close it.
 */
export function redisStore(client: RedisClientLike, options?: RedisStoreOptions): Store {
  if (!isRedisClient(client)) typeError('redisStore', 'client', 'an ioredis or node-redis client', client);
  const o = normalizeRedisStore(options);
  return remoteStore(redisBackend(scriptRunner(client), o), {
    label: o.name,
    onStoreError: o.onStoreError,
    storeTimeout: o.storeTimeout,
    flushInterval: o.flushInterval,
    probeLease: o.probeLease,
    recheckInterval: o.recheckInterval,
    telemetry: o.telemetry,
  });
}
