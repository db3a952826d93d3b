// Health endpoints: liveness checks only the process; readiness checks a dependency and the
// state of its circuit breaker; startup passes once warm-up is done and then stays passed.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HealthRegistry } from 'resile/http';

let warmedUp = false;
const paymentsBreaker = { state: 'closed' }; // any object with a `state`, such as a CircuitBreaker

const health = new HealthRegistry({ timeout: 200 })
  .addLiveness({ name: 'event-loop', check: () => undefined })
  .addStartup({
    name: 'cache-warm-up',
    check: () => {
      if (!warmedUp) throw new Error('cache still cold');
    },
  })
  // Stands in for a `SELECT 1`; a real check would pass `signal` to its driver.
  .addReadiness({ name: 'database', check: () => new Promise((resolve) => setTimeout(resolve, 5)) })
  .addReadiness({ name: 'payments', breaker: paymentsBreaker })
  .addReadiness({ name: 'recommendations', required: false, check: () => Promise.reject(new Error('degraded')) });

const routes: Record<string, ReturnType<HealthRegistry['handler']>> = {
  '/livez': health.handler('liveness'),
  '/readyz': health.handler('readiness'),
  '/startupz': health.handler('startup'),
};
const server = createServer((req, res) => {
  const route = routes[req.url ?? ''];
  if (route === undefined) {
    res.statusCode = 404;
    res.end();
  } else {
    route(req, res);
  }
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;

async function probe(path: string): Promise<void> {
  const response = await fetch(base + path);
  console.log(`GET ${path.padEnd(9)} ${String(response.status)} ${await response.text()}`);
}

await probe('/startupz');
warmedUp = true;
await probe('/startupz');
await probe('/livez');
await probe('/readyz');
paymentsBreaker.state = 'open';
console.log('(the payments breaker opened)');
await probe('/readyz');
await probe('/livez');

server.closeAllConnections();
server.close();
