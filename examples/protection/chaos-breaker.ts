// Chaos that proves the breaker trips: inject failures (seeded, so every run is the same) into a
// healthy call path and check that the circuit breaker opens and then refuses calls at once.
import { CircuitBreaker, CircuitOpenError, execute, seededRandom } from 'resile';

const breaker = new CircuitBreaker({ name: 'payments', failureThreshold: 5, resetTimeout: 100 });
const random = seededRandom(2024);
let realCalls = 0;
const charge = (): string => {
  realCalls++;
  return 'charged';
};

// 60% of attempts fail with an injected ChaosError before the real call runs.
const chaos = { errorProbability: 0.6, random };
const outcomes: string[] = [];
for (let i = 0; i < 30 && breaker.state === 'closed'; i++) {
  outcomes.push(await execute(charge, { maxAttempts: 1, circuitBreaker: breaker, chaos }).catch((e: unknown) => (e as Error).name));
}
const injected = outcomes.filter((o) => o === 'ChaosError').length;
console.log(`${String(outcomes.length)} calls (${String(injected)} injected failures) until the breaker opened on ${String(5)} failures in a row`);
if (breaker.state !== 'open') throw new Error('chaos should have tripped the breaker');

const refused = await execute(charge, { maxAttempts: 5, circuitBreaker: breaker }).catch((e: unknown) => e);
if (!(refused instanceof CircuitOpenError)) throw new Error('an open breaker must refuse calls');
console.log(`open breaker refused at once: "${refused.message}" (retry after ${String(refused.retryAfter)} ms)`);

await new Promise((resolve) => setTimeout(resolve, 120));
console.log(`chaos off, after the reset timeout: ${await execute(charge, { maxAttempts: 1, circuitBreaker: breaker })} (breaker ${breaker.state}, ${String(realCalls)} real calls in total)`);
