// Structured logs with pino: a dependency that keeps failing. Each retried attempt is one warn
// line, giving up is an error line, and when the breaker protecting it opens that is an error
// line too. Until resile's CircuitBreaker is merged, its state changes are delivered to the
// instrumenter by hand below, exactly as the breaker will deliver them.
import pino from 'pino';
import { execute } from 'resile';
import { loggerInstrumenter } from 'resile/logger';

const logger = pino({ base: { service: 'checkout' }, timestamp: pino.stdTimeFunctions.isoTime });
const instrumenter = loggerInstrumenter(logger);

const charge = (): Promise<never> => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), { code: 'ECONNREFUSED' }));

await execute(charge, { name: 'payments-db', maxAttempts: 3, baseDelay: 10, instrumenter }).catch(() => undefined);

// What the breaker named payments-db reports after those failures, and once it recovers.
const at = Date.now();
instrumenter.onCircuitStateChange?.({ at, name: 'payments-db', from: 'closed', to: 'open' });
instrumenter.onCircuitStateChange?.({ at: at + 30_000, name: 'payments-db', from: 'open', to: 'half-open' });
instrumenter.onCircuitStateChange?.({ at: at + 30_050, name: 'payments-db', from: 'half-open', to: 'closed' });
