// Reusable pipelines: policy() nests strategies outermost first. Build it once, share it.
import { fallback, policy, retry, timeout, TimeoutError } from 'resile';

// Total budget of 200 ms around up to 3 attempts of at most 50 ms each, with a fallback.
const resilient = policy(
  fallback(() => 'cached value'),
  timeout(200),
  retry({ maxAttempts: 3, baseDelay: 5 }),
  timeout(50),
);

let calls = 0;
const slowThenFast = async ({ signal }: { signal: AbortSignal }): Promise<string> => {
  calls++;
  const ms = calls === 1 ? 1000 : 10;
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      reject(signal.reason as Error);
    });
  });
  return `fresh value (attempt ${calls})`;
};

console.log(await resilient.execute(slowThenFast));
const alwaysSlow = policy(retry({ maxAttempts: 2, baseDelay: 1 }), timeout(20));
try {
  await alwaysSlow.execute(({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error))));
} catch (error) {
  console.log(`per-attempt timeouts: ${(error as AggregateError).errors.map((e) => (e instanceof TimeoutError ? 'TimeoutError' : String(e))).join(', ')}`);
}
