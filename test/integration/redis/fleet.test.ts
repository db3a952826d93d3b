// Several processes (child_process) sharing state through one redis-server.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { redisStore } from '../../../src/adapters/redis/index.js';
import { CircuitBreaker } from '../../../src/index.js';
import { describeRedis, useRedisServer } from '../../helpers/redis-suite.js';

const WORKER = fileURLToPath(new URL('./fleet-worker.ts', import.meta.url));

interface Worker {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  readonly result: Promise<Record<string, unknown>>;
}

function worker(role: string, port: number, duration = 2000): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, role, String(port), String(duration)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const result = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.startsWith('ready\n')) onReady();
    });
    child.once('exit', (code) => {
      const line = output.split('\n').filter(Boolean).pop() ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as Record<string, unknown>);
      else reject(new Error(`worker ${role} exited with ${String(code)}: ${output}`));
    });
  });
  return { child, ready, result };
}

async function startAll(workers: Worker[]): Promise<Record<string, unknown>[]> {
  await Promise.all(workers.map((w) => w.ready));
  for (const w of workers) w.child.stdin?.write('go\n');
  return Promise.all(workers.map((w) => w.result));
}

describeRedis('a fleet of processes on one Redis', () => {
  const server = useRedisServer();

  it('4 processes × 2 s hammering one 200 req/s limit stay within +2% of the quota', async () => {
    const results = (await startAll([0, 1, 2, 3].map(() => worker('hammer', server().port)))) as { allowed: number; decisions: number; first: number; last: number }[];
    const allowed = results.reduce((sum, r) => sum + r.allowed, 0);
    const seconds = (Math.max(...results.map((r) => r.last)) - Math.min(...results.map((r) => r.first))) / 1000;
    const quota = 20 + 200 * seconds; // burst + rate × time
    console.log(`fleet limiter: ${String(allowed)} admitted of ${String(results.reduce((s, r) => s + r.decisions, 0))} decisions in ${seconds.toFixed(2)} s; quota ${quota.toFixed(0)}`);
    expect(allowed).toBeLessThanOrEqual(quota * 1.02);
    expect(allowed).toBeGreaterThanOrEqual(quota * 0.9);
  });

  it('a breaker opened in process A rejects calls in process B', async () => {
    const [opened, observed] = await startAll([worker('open', server().port), worker('observe', server().port, 10_000)]);
    expect(opened).toEqual({ opened: 'open' });
    expect(observed).toMatchObject({ rejected: true });
    expect(observed?.retryAfter).toBeGreaterThan(25_000);
  });

  it('in half-open, exactly one process at a time probes', async () => {
    const client = new Redis(server().port, '127.0.0.1');
    const trip = new CircuitBreaker({ name: 'probed', store: redisStore(client, { prefix: 'fleet', storeTimeout: 1000 }), failureThreshold: 1, resetTimeout: 100 });
    await trip.execute(() => Promise.reject(new Error('down'))).catch(() => undefined);
    expect(await trip.sync()).toBe('open');
    client.disconnect();
    const results = await startAll([0, 1, 2].map(() => worker('probe', server().port, 1500)));
    const probes = results.flatMap((r) => r.probes as [number, number][]).sort((a, b) => a[0] - b[0]);
    console.log(`fleet breaker: ${String(probes.length)} probes from ${String(results.filter((r) => (r.probes as unknown[]).length > 0).length)} processes, none overlapping`);
    expect(probes.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < probes.length; i++) expect(probes[i]![0]).toBeGreaterThanOrEqual(probes[i - 1]![1]);
  });
});
