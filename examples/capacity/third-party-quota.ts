// A third-party API allows 100 requests per second. A background job waits its turn with
// acquire() (FIFO, abortable); a user-facing request cannot wait, so inside execute the limiter
// fails fast with RateLimitExceededError whose retryAfter becomes the Retry-After of a 429.
import { execute, RateLimiter, RateLimitExceededError } from 'resile';

const quota = new RateLimiter({ limit: 100, interval: 1000, name: 'geo-api' });
const callApi = (i: number): Promise<number> => Promise.resolve(i);

// The background job: 150 calls. The first 100 use the full bucket at once, the other 50 are
// paced at 100/s, so the job takes about half a second and never exceeds the quota.
const started = performance.now();
const results = await Promise.all(
  Array.from({ length: 150 }, async (_, i) => {
    await quota.acquire(1);
    return callApi(i);
  }),
);
console.log(`job: ${results.length} calls in ~${Math.round((performance.now() - started) / 100) * 100} ms (quota 100/s)`);

// A user request now: the bucket is empty, so it is refused at once with the exact wait.
try {
  await execute(() => callApi(-1), { rateLimiter: quota, maxAttempts: 1 });
} catch (error) {
  if (!(error instanceof RateLimitExceededError)) throw error;
  const seconds = Math.ceil((error.retryAfter ?? 1000) / 1000);
  console.log(`user request: HTTP 429, Retry-After: ${seconds} (exact wait ${error.retryAfter?.toFixed(1)} ms)`);
}
