// Self-healing connection manager: a state machine whose `connect` transition is flaky. Every
// transition runs under a retry policy, so the machine heals itself; state changes only when a
// transition succeeds, and concurrent events are applied one at a time, in order.
import { StateMachine } from 'resile';

type Event = { type: 'connect' } | { type: 'drop'; reason: string } | { type: 'send'; message: string };

let dials = 0;
/** Pretend network: the first two dials of every reconnect fail. */
async function dial(signal: AbortSignal): Promise<string> {
  dials++;
  await new Promise((resolve) => setTimeout(resolve, 2));
  signal.throwIfAborted();
  if (dials % 3 !== 0) throw new Error(`ECONNREFUSED (dial ${dials})`);
  return `session-${dials}`;
}

const connection = new StateMachine({
  initial: 'disconnected',
  data: { session: undefined as string | undefined, sent: 0 },
  states: ['disconnected', 'connected'],
  name: 'connection',
  maxAttempts: 5,
  baseDelay: 5,
  attemptTimeout: 200,
  transition: async ({ signal }, state, data, event: Event) => {
    switch (event.type) {
      case 'connect':
        if (state === 'connected') return { state, data };
        return { state: 'connected', data: { ...data, session: await dial(signal) } };
      case 'drop':
        return { state: 'disconnected', data: { ...data, session: undefined } };
      case 'send':
        // Sending while disconnected reconnects first: the machine heals on demand.
        return { state: 'connected', data: { session: data.session ?? (await dial(signal)), sent: data.sent + 1 } };
    }
  },
});

connection.onTransition(({ from, to, event, attempts, durationMs }) => {
  console.log(`${from} -> ${to} on ${event.type} (${attempts} attempt${attempts === 1 ? '' : 's'}, ${durationMs.toFixed(0)} ms)`);
});

// Fired concurrently, applied in order: connect, send, drop, send (which reconnects).
await Promise.all([
  connection.handle({ type: 'connect' }),
  connection.handle({ type: 'send', message: 'hello' }),
  connection.handle({ type: 'drop', reason: 'server restart' }),
  connection.handle({ type: 'send', message: 'are you back?' }),
]);
console.log(`final: ${connection.state}, ${connection.data.session ?? 'no session'}, ${connection.data.sent} sent, ${dials} dials`);
