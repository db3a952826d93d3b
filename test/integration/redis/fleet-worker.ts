// One process of a fleet test: connects to the test's redis-server, says "ready", waits for "go"
// on stdin, plays its role and prints one JSON line with what it saw.
import { Redis } from 'ioredis';
import { redisStore } from '../../../src/adapters/redis/index.js';
import { CircuitBreaker, CircuitOpenError, RateLimiter } from '../../../src/index.js';

const [role = '', port = '0', duration = '2000'] = process.argv.slice(2);
const client = new Redis(Number(port), '127.0.0.1');
client.on('error', () => undefined);
const store = redisStore(client, { prefix: 'fleet', storeTimeout: 1000, flushInterval: 20 });
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function hammer(): Promise<object> {
  const limiter = new RateLimiter({ limit: 200, interval: 1000, burst: 20, name: 'quota', store });
  let allowed = 0;
  let decisions = 0;
  const first = Date.now();
  const end = first + Number(duration);
  let last = first;
  await Promise.all(
    [...Array(16).keys()].map(async () => {
      while (Date.now() < end) {
        if (await limiter.tryAcquire()) allowed++;
        decisions++;
        last = Date.now();
      }
    }),
  );
  return { allowed, decisions, first, last };
}

async function open(): Promise<object> {
  const breaker = new CircuitBreaker({ name: 'shared', store, failureThreshold: 3, resetTimeout: 30_000 });
  while ((await breaker.sync()) === 'closed') await breaker.execute(() => Promise.reject(new Error('down'))).catch(() => undefined);
  return { opened: breaker.state };
}

async function observe(): Promise<object> {
  const breaker = new CircuitBreaker({ name: 'shared', store, failureThreshold: 3, resetTimeout: 30_000 });
  const end = Date.now() + Number(duration);
  let served = 0;
  while (Date.now() < end) {
    try {
      await breaker.execute(() => 'ok');
      served++;
    } catch (error) {
      if (error instanceof CircuitOpenError) return { rejected: true, served, retryAfter: error.retryAfter };
      throw error;
    }
    await sleep(10);
  }
  return { rejected: false, served };
}

async function probe(): Promise<object> {
  const breaker = new CircuitBreaker({ name: 'probed', store, failureThreshold: 1, resetTimeout: 100 });
  const probes: [number, number][] = [];
  const end = Date.now() + Number(duration);
  while (Date.now() < end) {
    await breaker
      .execute(async () => {
        const start = Date.now();
        await sleep(40);
        probes.push([start, Date.now()]);
        throw new Error('still down');
      })
      .catch(() => undefined);
    await sleep(5);
  }
  return { probes };
}

const roles: Record<string, () => Promise<object>> = { hammer, open, observe, probe };
const play = roles[role];
if (play === undefined) throw new Error(`unknown role ${role}`);
await client.ping();
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  void play().then((result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    client.disconnect();
    process.exit(0);
  });
});
