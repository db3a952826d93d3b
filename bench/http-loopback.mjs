// Cost of resile/http next to plain fetch, on loopback (real sockets, so absolute numbers depend
// on the machine; compare the ratios). Run: npm run build && node bench/http-loopback.mjs
import { createServer } from 'node:http';
import { extractDeadline, injectDeadline } from 'resile';
import { createFetch, withDeadline } from 'resile/http';

function perOp(label, n, fn) {
  for (let i = 0; i < 2000; i++) fn(i);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  console.log(`${label}: ${(((performance.now() - t0) * 1e6) / n).toFixed(0)} ns/op`);
}

const incoming = { 'x-request-timeout': '1500', host: 'x', accept: '*/*' };
perOp('extractDeadline (IncomingHttpHeaders, ms)', 300_000, () => extractDeadline(incoming));
perOp('extractDeadline (grpc-timeout)', 300_000, () => extractDeadline({ 'grpc-timeout': '1500m' }, { header: 'grpc-timeout' }));
const context = { context: { deadline: performance.timeOrigin + performance.now() + 60_000 } };
perOp('injectDeadline (plain object)', 300_000, () => injectDeadline({}, context));
perOp('injectDeadline (Headers)', 100_000, () => injectDeadline(new Headers(), context));

async function perRequest(handler, requests, run) {
  const server = createServer(handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${String(server.address().port)}/`;
  for (let i = 0; i < 200; i++) await run(url);
  const t0 = performance.now();
  for (let i = 0; i < requests; i++) await run(url);
  const us = ((performance.now() - t0) * 1000) / requests;
  server.closeAllConnections();
  server.close();
  return us;
}

const ok = (_req, res) => {
  res.end('ok');
};
const plainFetch = createFetch();
const deadlineFetch = createFetch({ timeout: 10_000 });
const variants = {
  'fetch (plain)': [ok, async (u) => (await fetch(u)).text()],
  'createFetch (defaults)': [ok, async (u) => (await plainFetch(u)).text()],
  'createFetch (timeout: header + guarded body)': [ok, async (u) => (await deadlineFetch(u)).text()],
  'fetch -> withDeadline server': [withDeadline(ok), async (u) => (await fetch(u, { headers: { 'x-request-timeout': '5000' } })).text()],
};
// Interleaved rounds and medians, so background load hits every variant alike.
const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
for (let round = 0; round < 7; round++) {
  for (const [name, [handler, run]] of Object.entries(variants)) samples[name].push(await perRequest(handler, 1500, run));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(samples['fetch (plain)']);
for (const [name, xs] of Object.entries(samples)) {
  console.log(`${name}: ${median(xs).toFixed(0)} µs/request (${(median(xs) / base).toFixed(2)}x plain fetch)`);
}
