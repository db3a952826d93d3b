import { describe, expect, it } from 'vitest';
import { redisStore } from './redis-store.js';

const client = { sendCommand: () => Promise.resolve(null) };

describe('redisStore options', () => {
  it('has the documented defaults', () => {
    const store = redisStore(client);
    expect([store.onStoreError, store.flushInterval, store.probeLease]).toEqual(['local', 1000, 30_000]);
  });

  it.each<[unknown, unknown, string]>([
    [{ sendCommand: 1 }, undefined, 'redisStore: client must be an ioredis or node-redis client (got an object)'],
    [client, 5, 'redisStore: options must be an object (got 5)'],
    [client, { prefix: 'a{b' }, 'redisStore: prefix must be 1 to 64 characters without braces or spaces (got "a{b")'],
    [client, { prefix: '' }, 'redisStore: prefix must be 1 to 64 characters without braces or spaces (got "")'],
    [client, { prefix: 7 }, 'redisStore: prefix must be 1 to 64 characters without braces or spaces (got 7)'],
    [client, { clock: 'wall' }, "redisStore: clock must be one of 'redis', 'local' (got \"wall\")"],
    [client, { onStoreError: 'fail' }, "redisStore: onStoreError must be one of 'local', 'allow', 'deny' (got \"fail\")"],
    [client, { storeTimeout: 0 }, 'redisStore: storeTimeout must be a positive finite number of milliseconds (got 0)'],
    [client, { probeLease: -1 }, 'redisStore: probeLease must be a positive finite number of milliseconds (got -1)'],
    [client, { flushInterval: -1 }, 'redisStore: flushInterval must be a non-negative finite number of milliseconds (got -1)'],
    [client, { idleTtl: Infinity }, 'redisStore: idleTtl must be a positive finite number of milliseconds (got Infinity)'],
    [client, { recheckInterval: '1s' }, 'redisStore: recheckInterval must be a positive finite number of milliseconds (got "1s")'],
    [client, { instrumenter: 3 }, 'redisStore: instrumenter must be an Instrumenter object or an array of them (got 3)'],
    [client, { name: 3 }, 'redisStore: name must be a string (got 3)'],
  ])('redisStore(%j, %j) throws %s', (c, options, message) => {
    expect(() => redisStore(c as never, options as never)).toThrow(message);
  });
});
