// Server pushback: throw RetryAfterError (or any error with a numeric `retryAfter` in ms) and
// the retry loop waits exactly that long instead of its own backoff; `cancelAllRetries` stops
// retrying at once (for example when a quota is exhausted for the day).
import { execute, RetryAfterError } from 'resile';

let calls = 0;
async function rateLimitedApi(): Promise<string> {
  calls++;
  if (calls === 1) throw new RetryAfterError(50, { cause: new Error('429 Too Many Requests') });
  return 'accepted';
}

const started = Date.now();
console.log(`${await execute(rateLimitedApi)} after waiting ~${Math.round((Date.now() - started) / 10) * 10} ms as the server asked`);

try {
  await execute(() => {
    throw new RetryAfterError(86_400_000, { cancelAllRetries: true, message: 'daily quota exhausted' });
  });
} catch (error) {
  console.log(`gave up at once: ${(error as Error).message}`);
}
