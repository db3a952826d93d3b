// A client against a flaky server: 503s, then a 429 with Retry-After, then success. createFetch
// retries idempotent requests, waits what the server asks (capped by maxRetryAfter), and never
// retries a POST unless it carries an idempotency key, which is then the same on every attempt.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFetch } from 'resile/http';

const script = [503, 503, 429, 200];
let step = 0;
const keys: string[] = [];
const server = createServer((req, res) => {
  const status = script[step++ % script.length] as number;
  keys.push(String(req.headers['idempotency-key'] ?? '-'));
  res.statusCode = status;
  if (status === 429) res.setHeader('retry-after', '1'); // one second, more than we allow
  res.end(status === 200 ? 'done' : 'try later');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;

const resilientFetch = createFetch({
  maxAttempts: 5,
  baseDelay: 10,
  maxRetryAfter: 100, // honour Retry-After, but never wait longer than this
  idempotencyKey: true, // POSTs get a key, so they may be retried too
  instrumenter: {
    onRetry: (e) => {
      console.log(`  attempt ${String(e.attempt + 1)} failed (${(e.error as Error).message}); waiting ${String(Math.round(e.delayMs))} ms${e.serverHint ? ' as the server asked' : ''}`);
    },
  },
});

console.log('GET (idempotent):');
const get = await resilientFetch(`${url}/report`);
console.log(`  -> ${String(get.status)} ${await get.text()} after ${String(step)} requests`);

step = 0;
keys.length = 0;
console.log('POST with a generated Idempotency-Key:');
const post = await resilientFetch(`${url}/orders`, { method: 'POST', body: '{"item":42}' });
console.log(`  -> ${String(post.status)} ${await post.text()}; keys sent: ${[...new Set(keys)].join(', ')} (${String(keys.length)} requests)`);

step = 0;
console.log('POST without a key (never retried: the server may have acted on it):');
const once = await createFetch()(`${url}/orders`, { method: 'POST', body: '{"item":42}' });
console.log(`  -> ${String(once.status)} ${await once.text()} after ${String(step)} request`);

server.closeAllConnections();
server.close();
