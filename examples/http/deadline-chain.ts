// Deadlines across services: gateway → service → slow dependency, all on loopback. Each hop reads
// the caller's remaining budget from `x-request-timeout`, runs its handler inside that deadline,
// and createFetch sends what is left to the next hop. When the gateway's budget runs out, every
// hop below stops too: no zombie work keeps running for an answer nobody will read.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { currentContext, systemClock } from 'resile';
import { createFetch, withDeadline } from 'resile/http';

const started = Date.now();
const log = (hop: string, text: string): void => {
  console.log(`${String(Date.now() - started).padStart(5)} ms  ${hop.padEnd(10)} ${text}`);
};
const budget = (): string => {
  const { deadline } = currentContext();
  return deadline === undefined ? 'no deadline' : `${String(Math.floor(deadline - systemClock.now()))} ms left`;
};

async function listen(handler: RequestListener): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}` };
}

// The dependency needs `work` ms; it stops as soon as its signal says nobody is waiting any more.
const dependency = await listen(
  withDeadline(async (req, res) => {
    const work = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('work'));
    log('dependency', `received, ${budget()}`);
    const signal = currentContext().signal as AbortSignal;
    const t0 = Date.now();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, work);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    if (signal.aborted) {
      log('dependency', `work abandoned after ${String(Date.now() - t0)} ms (${(signal.reason as Error).message})`);
      return;
    }
    res.end('result');
  }),
);

const fetchDependency = createFetch({ maxAttempts: 2, baseDelay: 5 });
const service = await listen(
  withDeadline(async (req, res) => {
    log('service', `received, ${budget()}`);
    const r = await fetchDependency(`${dependency.url}${req.url ?? '/'}`);
    res.end(`service(${await r.text()})`);
  }),
);

const fetchService = createFetch({ maxAttempts: 1 });
const gateway = await listen(
  withDeadline(async (req, res) => {
    log('gateway', `received, ${budget()}`);
    const r = await fetchService(`${service.url}${req.url ?? '/'}`);
    res.end(`gateway(${await r.text()})`);
  }),
);

async function call(timeout: number, work: number): Promise<void> {
  log('client', `GET with x-request-timeout: ${String(timeout)} (dependency needs ${String(work)} ms)`);
  const response = await fetch(`${gateway.url}/?work=${String(work)}`, { headers: { 'x-request-timeout': String(timeout) } });
  log('client', `${String(response.status)} ${await response.text()}`);
}

await call(1000, 100);
console.log();
await call(150, 1000);
// Give the dependency a moment to report that it stopped.
await new Promise((resolve) => setTimeout(resolve, 50));

for (const { server } of [gateway, service, dependency]) {
  server.closeAllConnections();
  server.close();
}
