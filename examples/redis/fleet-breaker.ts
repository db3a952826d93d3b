// A circuit breaker shared by a fleet: process A sees the dependency fail and opens the breaker;
// process B, which saw no failure itself, is protected too (it learns the fleet's state on its
// next report, at most one flushInterval later). After resetTimeout one process probes, and its
// success closes the breaker for both.
// (For the demo, the parent starts a throwaway redis-server and forks the two processes.)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { CircuitBreaker, CircuitOpenError } from 'resile';
import { redisStore } from 'resile/redis';
import { startRedisServer } from '../../test/helpers/redis-server.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const GIVE_UP_AFTER = Date.now() + 15_000; // a demo must end, whatever happens

async function processA(breaker: CircuitBreaker): Promise<void> {
  // The dependency is down: A's calls fail until the fleet's window trips.
  while ((await breaker.sync()) === 'closed' && Date.now() < GIVE_UP_AFTER) {
    await breaker.execute(() => Promise.reject(new Error('503 from inventory'))).catch(() => undefined);
  }
  console.log('A: opened the breaker after 3 failures');
}

async function processB(breaker: CircuitBreaker): Promise<void> {
  for (;;) {
    if (Date.now() > GIVE_UP_AFTER) throw new Error('B never saw the breaker open');
    try {
      await breaker.execute(() => 'ok'); // B's own calls succeed: nothing local would trip
    } catch (error) {
      if (!(error instanceof CircuitOpenError)) throw error;
      console.log(`B: refused by the fleet's breaker, next probe in ${String(error.retryAfter)} ms`);
      break;
    }
    await sleep(20);
  }
  await sleep(1100); // past resetTimeout: B's next call is the fleet's one probe
  console.log(`B: probe ${await breaker.execute(() => 'inventory is back')}, breaker ${breaker.state}`);
}

async function child(port: number, role: string): Promise<void> {
  const redis = new Redis(port, '127.0.0.1');
  redis.on('error', () => undefined);
  await redis.ping(); // connected before the first decision
  const breaker = new CircuitBreaker({
    name: 'inventory',
    failureThreshold: 3,
    resetTimeout: 1000,
    // storeTimeout: the default 50 ms suits a Redis next to the service; the demo may run on a
    // busy machine (the examples run in parallel), where a slow answer would look like an outage.
    store: redisStore(redis, { flushInterval: 50, storeTimeout: 1000 }),
  });
  breaker.onStateChange(({ from, to }) => {
    console.log(`${role}: ${from} -> ${to}`);
  });
  await (role === 'A' ? processA(breaker) : processB(breaker));
  await sleep(role === 'A' ? 1500 : 100); // A waits until B's probe has closed the breaker
  console.log(`${role}: finally ${await breaker.sync()}`);
  redis.disconnect();
}

async function main(): Promise<void> {
  const server = await startRedisServer();
  const run = (role: string, delay: number): Promise<void> =>
    sleep(delay).then(
      () =>
        new Promise<void>((resolve, reject) => {
          const p = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), role], {
            env: { ...process.env, REDIS_PORT: String(server.port) },
            stdio: 'inherit',
          });
          p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`process ${role} failed`))));
        }),
    );
  try {
    await Promise.all([run('B', 0), run('A', 300)]);
  } finally {
    await server.stop();
  }
}

const role = process.argv[2];
if (role === undefined) await main();
else await child(Number(process.env.REDIS_PORT), role);
