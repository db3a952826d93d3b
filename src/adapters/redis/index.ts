// resile/redis: fleet-wide state on Redis.
export { redisStore } from './redis-store.js';
export type { RedisStoreOptions, RedisClockSource } from './options.js';
export type { RedisClientLike, IoRedisLike, NodeRedisLike } from './client.js';
