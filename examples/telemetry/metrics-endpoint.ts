// Prometheus: a /metrics endpoint on node:http serving resile's metrics from a custom
// registry. The example scrapes itself once and prints resile's series.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { execute } from 'resile';
import { prometheusInstrumenter } from 'resile/prometheus';

const registry = new Registry();
const instrumenter = prometheusInstrumenter({ registry, labels: { service: 'checkout' } });

const server = createServer((req, res) => {
  if (req.url !== '/metrics') {
    res.writeHead(404).end();
    return;
  }
  registry.metrics().then(
    (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
    (error: unknown) => res.writeHead(500).end(String(error)),
  );
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

// Some traffic: a flaky inventory service (one retry per call) and a healthy pricing one.
let calls = 0;
const flaky = (): Promise<string> => (++calls % 2 === 1 ? Promise.reject(new Error('503')) : Promise.resolve('ok'));
for (let i = 0; i < 5; i++) await execute(flaky, { name: 'inventory', baseDelay: 5, instrumenter });
for (let i = 0; i < 5; i++) await execute(() => 'price', { name: 'pricing', instrumenter });

const { port } = server.address() as AddressInfo;
const body = await (await fetch(`http://127.0.0.1:${String(port)}/metrics`)).text();
console.log(body.split('\n').filter((line) => line.startsWith('retry_attempts_total') || line.startsWith('execution_duration_seconds_count')).join('\n'));
server.close();
