// Layered defence: retries bounded by a shared retry budget, a circuit breaker that sees every
// attempt, and a fallback. A dependency goes down, the breaker opens and calls fail fast (no retry
// storm, no waiting); once it recovers, a single probe closes the breaker again.
import { CircuitBreaker, RetryBudget, execute } from 'resile';

let healthy = true;
let reached = 0;
async function inventory(sku: string): Promise<number> {
  reached++;
  await new Promise((resolve) => setTimeout(resolve, 1));
  if (!healthy) throw new Error('503 Service Unavailable');
  return sku.length;
}

const breaker = new CircuitBreaker({ name: 'inventory', window: 'count', windowSize: 20, minimumCalls: 10, failureRateThreshold: 50, resetTimeout: 200 });
const budget = new RetryBudget({ name: 'inventory', capacity: 20, retryCost: 5 });
breaker.onStateChange(({ from, to }) => {
  console.log(`  breaker ${from} -> ${to}`);
});

async function stock(sku: string): Promise<number | 'unknown'> {
  return execute<number | 'unknown'>(() => inventory(sku), {
    maxAttempts: 3,
    baseDelay: 2,
    retryBudget: budget,
    circuitBreaker: breaker,
    // Open circuit, exhausted budget or plain failure: answer from what we know.
    fallback: () => 'unknown' as const,
  });
}

console.log('healthy dependency:');
for (let i = 0; i < 5; i++) await stock('sku-1');
console.log(`  5 calls, ${String(reached)} requests reached it`);

console.log('dependency goes down:');
healthy = false;
reached = 0;
let unknown = 0;
for (let i = 0; i < 40; i++) if ((await stock('sku-1')) === 'unknown') unknown++;
console.log(`  ${String(unknown)} of 40 calls answered by the fallback; only ${String(reached)} requests reached the dependency`);
if (breaker.state !== 'open' || reached > 25) throw new Error('the breaker should have opened and protected the dependency');

console.log('dependency recovers:');
healthy = true;
await new Promise((resolve) => setTimeout(resolve, 250));
console.log(`  after the reset timeout: ${String(await stock('sku-1'))} (breaker ${breaker.state})`);
if (breaker.snapshot().state !== 'closed') throw new Error('the probe should have closed the breaker');
