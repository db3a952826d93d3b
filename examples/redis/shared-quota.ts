// Two processes share one third-party quota of 10 requests per second through Redis: each
// waits for its turn (`acquire`), and together they never exceed the quota.
// (For the demo, the parent starts a throwaway redis-server and forks the two workers.)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { RateLimiter } from 'resile';
import { redisStore } from 'resile/redis';
import { startRedisServer } from '../../test/helpers/redis-server.js';

const RUN_MS = 2000;

async function worker(port: number, name: string): Promise<void> {
  const redis = new Redis(port, '127.0.0.1');
  redis.on('error', () => undefined); // outages are handled by the store (onStoreError)
  await redis.ping(); // connected before the first decision
  // storeTimeout: the default 50 ms suits a Redis next to the service; the demo may run on a busy
  // machine (the examples run in parallel), where a slow answer would look like an outage.
  const store = redisStore(redis, { storeTimeout: 1000 });
  const quota = new RateLimiter({ limit: 10, interval: 1000, burst: 2, name: 'partner-api', store });
  let sent = 0;
  const first = Date.now();
  const end = first + RUN_MS;
  while (Date.now() < end) {
    await quota.acquire(); // waits until the fleet's bucket has a token for this process
    sent++; // ...call the partner API here
  }
  console.log(JSON.stringify({ name, sent, first, last: Date.now() }));
  redis.disconnect();
}

async function main(): Promise<void> {
  const server = await startRedisServer();
  type Report = { name: string; sent: number; first: number; last: number };
  const run = (name: string): Promise<Report> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), name], {
        env: { ...process.env, REDIS_PORT: String(server.port) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Report) : reject(new Error(`${name} failed`))));
    });
  try {
    const results = await Promise.all([run('worker-a'), run('worker-b')]);
    const total = results.reduce((sum, r) => sum + r.sent, 0);
    const seconds = (Math.max(...results.map((r) => r.last)) - Math.min(...results.map((r) => r.first))) / 1000;
    const quota = Math.floor(2 + 10 * seconds);
    for (const r of results) console.log(`${r.name}: ${String(r.sent)} requests`);
    console.log(`together: ${String(total)} requests in ${seconds.toFixed(2)} s; the quota allows ${String(quota)} (10/s plus a burst of 2)`);
    if (total > quota) throw new Error('the fleet exceeded its quota');
  } finally {
    await server.stop();
  }
}

const role = process.argv[2];
if (role === undefined) await main();
else await worker(Number(process.env.REDIS_PORT), role);
