// `npm run bench:redis`: decisions per second and decision latency of a Redis-backed rate limit,
// resile's RateLimiter/KeyedRateLimiter on redisStore against rate-limiter-flexible's
// RateLimiterRedis, measured in the same run on a redis-server this script starts on a free
// loopback port. Rounds alternate between implementations so machine noise hits both alike.
// Writes bench/results/redis.md. REDIS_BENCH_TIME sets ms per measured round (default 2000).
import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform } from 'node:os';
import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { createClient } from 'redis';
import { KeyedRateLimiter, RateLimiter } from 'resile';
import { redisStore } from 'resile/redis';
import { startRedisServer } from '../test/helpers/redis-server.js';

const ROUND_MS = Number(process.env.REDIS_BENCH_TIME ?? 2000);
const ROUNDS = 3;
const CONCURRENCY = 32;
const KEYS = 1000;
const HUGE = 1_000_000_000; // every decision is an admission, for both libraries

type Decide = (i: number) => Promise<unknown>;
interface Case {
  readonly name: string;
  readonly concurrency: number;
  readonly decide: Decide;
}
interface Result {
  decisions: number;
  ms: number;
  latencies: number[];
}

async function measure(c: Case, ms: number): Promise<Result> {
  const latencies: number[] = [];
  let decisions = 0;
  const start = performance.now();
  const end = start + ms;
  await Promise.all(
    [...Array(c.concurrency).keys()].map(async (lane) => {
      let i = lane;
      while (performance.now() < end) {
        const t0 = performance.now();
        await c.decide(i);
        latencies.push(performance.now() - t0);
        decisions++;
        i += c.concurrency;
      }
    }),
  );
  return { decisions, ms: performance.now() - start, latencies };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const server = await startRedisServer();
const io = new Redis(server.port, '127.0.0.1');
const node = createClient({ socket: { port: server.port, host: '127.0.0.1' } });
node.on('error', () => undefined);
await node.connect();

const store = redisStore(io, { prefix: 'bench', storeTimeout: 5000 });
const nodeStore = redisStore(node, { prefix: 'bench-node', storeTimeout: 5000 });
const single = new RateLimiter({ limit: HUGE, interval: 1000, name: 'single', store });
const singleNode = new RateLimiter({ limit: HUGE, interval: 1000, name: 'single', store: nodeStore });
const keyed = new KeyedRateLimiter({ limit: HUGE, interval: 1000, name: 'keyed', store, maxKeys: KEYS });
const rlf = new RateLimiterRedis({ storeClient: io, points: HUGE, duration: 1, keyPrefix: 'rlf' });
const keyNames = [...Array(KEYS).keys()].map((k) => `user-${String(k)}`);
const key = (i: number): string => keyNames[i % KEYS] as string;

const pairs: [Case, Case][] = [
  [
    { name: `resile RateLimiter + redisStore (ioredis), ${String(CONCURRENCY)} in flight`, concurrency: CONCURRENCY, decide: () => single.tryAcquire() },
    { name: `rate-limiter-flexible RateLimiterRedis (ioredis), ${String(CONCURRENCY)} in flight`, concurrency: CONCURRENCY, decide: () => rlf.consume('single') },
  ],
  [
    { name: `resile KeyedRateLimiter, ${String(KEYS)} keys (ioredis), ${String(CONCURRENCY)} in flight`, concurrency: CONCURRENCY, decide: (i) => keyed.tryAcquire(key(i)) },
    { name: `rate-limiter-flexible, ${String(KEYS)} keys (ioredis), ${String(CONCURRENCY)} in flight`, concurrency: CONCURRENCY, decide: (i) => rlf.consume(key(i)) },
  ],
  [
    { name: 'resile RateLimiter + redisStore (ioredis), 1 in flight', concurrency: 1, decide: () => single.tryAcquire() },
    { name: 'rate-limiter-flexible RateLimiterRedis (ioredis), 1 in flight', concurrency: 1, decide: () => rlf.consume('single') },
  ],
];
const extra: Case = { name: `resile RateLimiter + redisStore (node-redis), ${String(CONCURRENCY)} in flight`, concurrency: CONCURRENCY, decide: () => singleNode.tryAcquire() };

const lines: string[] = [];
const say = (line = ''): void => {
  console.log(line);
  lines.push(line);
};
say('# Redis rate limit: resile vs rate-limiter-flexible');
say();
say(
  `Node ${process.version}, ${platform()} ${arch()}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${String(cpus().length)}; redis-server on loopback. ` +
    `${String(ROUNDS)} alternating rounds of ${String(ROUND_MS)} ms per row; decisions/s is the best round, latency percentiles pool all rounds.`,
);
say();
say('| implementation | decisions/s (one process) | p50 ms | p99 ms |');
say('|---|---:|---:|---:|');
const summary: { pair: number; resile: number; peer: number }[] = [];
for (const [index, cases] of [...pairs.map((p) => p as Case[]), [extra]].entries()) {
  for (const c of cases) await measure(c, 300); // warm-up: scripts loaded, JIT warm
  const results = new Map<Case, Result[]>(cases.map((c) => [c, []]));
  for (let round = 0; round < ROUNDS; round++) for (const c of cases) results.get(c)?.push(await measure(c, ROUND_MS));
  const rates: number[] = [];
  for (const c of cases) {
    const rs = results.get(c) ?? [];
    const best = Math.max(...rs.map((r) => (r.decisions * 1000) / r.ms));
    const all = rs.flatMap((r) => r.latencies).sort((a, b) => a - b);
    rates.push(best);
    say(`| ${c.name} | ${best.toFixed(0)} | ${percentile(all, 50).toFixed(3)} | ${percentile(all, 99).toFixed(3)} |`);
  }
  if (rates.length === 2) summary.push({ pair: index, resile: rates[0] ?? 0, peer: rates[1] ?? 0 });
}
say();
say('| comparison | resile ÷ rate-limiter-flexible (throughput) | target ≥ 1 |');
say('|---|---:|:---:|');
for (const s of summary) {
  const ratio = s.resile / s.peer;
  say(`| ${(pairs[s.pair]?.[0].name ?? '').replace(/^resile /, '')} | ${ratio.toFixed(2)} | ${ratio >= 1 ? 'met' : 'NOT met'} |`);
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/redis.md', import.meta.url), `${lines.join('\n')}\n`);
console.log('wrote bench/results/redis.md');
io.disconnect();
node.destroy();
await server.stop();
