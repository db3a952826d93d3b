// A multi-step payment workflow: created -> authorized -> captured -> settled, each step calling a
// flaky payment gateway under retries with a per-attempt timeout. A step that keeps failing
// leaves the payment where it was (nothing half-applied), and the audit log only records
// committed transitions.
import { RetryExhaustedError, StateMachine } from 'resile';

type Step = 'authorize' | 'capture' | 'settle' | 'refund';
interface Payment {
  readonly amount: number;
  readonly authorization?: string;
  readonly capture?: string;
}

let calls = 0;
/** Pretend gateway: every other call times out; refunds are down for good. */
async function gateway(op: Step, signal: AbortSignal): Promise<string> {
  calls++;
  if (op === 'refund') throw new Error('refunds service unavailable');
  const slow = calls % 2 === 1;
  await new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, slow ? 50 : 1);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason as unknown);
    }, { once: true });
  });
  return `${op}-${calls}`;
}

const created: Payment = { amount: 4200 };
const payment = new StateMachine({
  initial: 'created',
  data: created,
  states: ['created', 'authorized', 'captured', 'settled', 'refunded'],
  name: 'payment-42',
  maxAttempts: 3,
  baseDelay: 2,
  attemptTimeout: 20,
  transition: async ({ signal }, state, data, step: Step) => {
    switch (step) {
      case 'authorize':
        if (state !== 'created') throw new Error(`cannot authorize a ${state} payment`);
        return { state: 'authorized', data: { ...data, authorization: await gateway(step, signal) } };
      case 'capture':
        if (state !== 'authorized') throw new Error(`cannot capture a ${state} payment`);
        return { state: 'captured', data: { ...data, capture: await gateway(step, signal) } };
      case 'settle':
        await gateway(step, signal);
        return { state: 'settled', data };
      case 'refund':
        await gateway(step, signal);
        return { state: 'refunded', data };
    }
  },
});

const audit: string[] = [];
payment.onTransition(({ from, to, attempts }) => audit.push(`${from} -> ${to} after ${attempts} attempt(s)`));

for (const step of ['authorize', 'capture', 'settle'] as const) await payment.handle(step);
try {
  await payment.handle('refund');
} catch (error) {
  const attempts = error instanceof RetryExhaustedError ? error.attempts : 1;
  console.log(`refund failed after ${attempts} attempts; payment is still ${payment.state}`);
}
console.log(audit.join('\n'));
console.log(`final: ${payment.state}, authorization ${payment.data.authorization ?? '-'}, capture ${payment.data.capture ?? '-'}`);
