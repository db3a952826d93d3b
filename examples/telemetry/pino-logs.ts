// Structured logs with pino: a payments database that goes down and comes back. Each retried
// attempt is one warn line, giving up is an error line, the breaker opening is an error line,
// and its half-open probe and closing are info lines. The breaker gets the instrumenter too, so
// transitions that happen outside any call are logged as well.
import pino from 'pino';
import { CircuitBreaker, execute } from 'resile';
import { loggerInstrumenter } from 'resile/logger';

const logger = pino({ base: { service: 'checkout' }, timestamp: pino.stdTimeFunctions.isoTime });
const instrumenter = loggerInstrumenter(logger);
const breaker = new CircuitBreaker({ name: 'payments-db', failureThreshold: 3, resetTimeout: 200, instrumenter });

let databaseUp = false;
const charge = (): Promise<string> =>
  databaseUp ? Promise.resolve('charged') : Promise.reject(Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), { code: 'ECONNREFUSED' }));
const options = { name: 'charge', circuitBreaker: breaker, maxAttempts: 3, baseDelay: 10, instrumenter };

await execute(charge, options).catch(() => undefined); // three failures: the breaker opens
await execute(charge, options).catch(() => undefined); // refused at once by the open breaker

databaseUp = true;
await new Promise((resolve) => setTimeout(resolve, 250)); // past resetTimeout: a probe may go through
console.log(await execute(charge, options)); // half-open probe succeeds: closed again
