import { describe, expect, it } from 'vitest';
import { useClock } from '../../test/helpers/clock.js';
import { deferred } from '../../test/helpers/deferred.js';
import { StoreUnavailableError } from '../core/errors/store-unavailable-error.js';
import type { StoreRecoveredEvent, StoreUnavailableEvent } from '../core/telemetry/events.js';
import { Telemetry } from '../core/telemetry/telemetry.js';
import type { BucketConfig } from '../rate-limit/token-bucket.js';
import { remoteStore, type RemoteBackend } from './remote-store.js';
import { STORE_UNAVAILABLE, type TokenDecision } from './store.js';

const CFG: BucketConfig = { limit: 10, interval: 1000, burst: 10 };
const ALLOWED: TokenDecision = { allowed: true, retryAfter: 0, tokens: 9 };

function setup(take: (n: number, now: number) => Promise<TokenDecision>) {
  const clock = useClock();
  const events: (['down', StoreUnavailableEvent] | ['up', StoreRecoveredEvent])[] = [];
  const telemetry = Telemetry.of([
    { onStoreUnavailable: (e) => events.push(['down', e]), onStoreRecovered: (e) => events.push(['up', e]) },
  ]);
  const backend = { bucket: () => ({ take }) } as unknown as RemoteBackend;
  const store = remoteStore(backend, { label: 'fleet', onStoreError: 'local', storeTimeout: 50, flushInterval: 1000, probeLease: 30_000, recheckInterval: 1000, telemetry });
  return { clock, events, bucket: store.bucket('api', undefined, CFG) };
}

describe('remoteStore', () => {
  it('passes an answer through and cancels its timeout timer', async () => {
    const { clock, bucket } = setup(() => Promise.resolve(ALLOWED));
    await expect(bucket.take(1, clock)).resolves.toEqual(ALLOWED);
    expect(clock.pendingTimers).toBe(0);
  });

  it('answers unavailable after storeTimeout on the caller clock, once per outage, and observes the late rejection', async () => {
    const late = deferred<TokenDecision>();
    const { clock, events, bucket } = setup(() => late.promise);
    const answer = bucket.take(1, clock);
    await clock.advance(49);
    let settled = false;
    void (answer as Promise<unknown>).then(() => (settled = true));
    await clock.flush();
    expect(settled).toBe(false);
    await clock.advance(1);
    await expect(answer).resolves.toBe(STORE_UNAVAILABLE);
    expect(events).toHaveLength(1);
    expect(events[0]?.[0]).toBe('down');
    expect((events[0]?.[1] as StoreUnavailableEvent).error).toBeInstanceOf(StoreUnavailableError);
    expect(events[0]?.[1]).toMatchObject({ name: 'fleet', mode: 'local', at: clock.now() });
    late.reject(new Error('connection reset')); // after the timeout: observed, not unhandled
    await clock.flush();
  });

  it('during an outage answers at once, lets one operation through per recheckInterval, and reports the recovery', async () => {
    let healthy = false;
    const { clock, events, bucket } = setup(() => (healthy ? Promise.resolve(ALLOWED) : Promise.reject(new Error('ECONNREFUSED'))));
    await expect(bucket.take(1, clock)).resolves.toBe(STORE_UNAVAILABLE);
    // Within the recheck interval nothing reaches the backend: the answer is immediate.
    expect(bucket.take(1, clock)).toBe(STORE_UNAVAILABLE);
    healthy = true;
    await clock.advance(999);
    expect(bucket.take(1, clock)).toBe(STORE_UNAVAILABLE);
    await clock.advance(1);
    await expect(bucket.take(1, clock)).resolves.toEqual(ALLOWED);
    await expect(bucket.take(1, clock)).resolves.toEqual(ALLOWED);
    expect(events.map(([kind]) => kind)).toEqual(['down', 'up']);
    expect(events[1]?.[1]).toMatchObject({ name: 'fleet', downtimeMs: 1000 });
  });

  it('treats a synchronous throw of the client like a failure', async () => {
    const { clock, events, bucket } = setup(() => {
      throw new Error('The client is closed');
    });
    expect(bucket.take(1, clock)).toBe(STORE_UNAVAILABLE);
    expect(events).toHaveLength(1);
  });
});
