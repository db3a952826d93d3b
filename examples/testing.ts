// Fast, deterministic tests of code that uses resile: the testing bypass removes every delay,
// and the VirtualClock runs time forward without waiting.
import { constant, execute } from 'resile';
import { VirtualClock, withTestingBypass } from 'resile/testing';

let calls = 0;
const flaky = (): Promise<string> => (++calls < 4 ? Promise.reject(new Error('flaky')) : Promise.resolve('ok'));

// 1. Bypass: a 10-second backoff costs nothing, attempt counts are unchanged.
const t0 = Date.now();
const value = await withTestingBypass(() => execute(flaky, { backoff: constant(10_000) }));
console.log(`bypass: ${value} after ${calls} calls in ${Date.now() - t0} ms of wall time`);

// 2. VirtualClock: the same retries, but time is simulated and observable.
calls = 0;
const clock = new VirtualClock();
const start = clock.now();
const pending = execute(flaky, { clock, backoff: constant(10_000) });
await clock.runAll();
console.log(`virtual clock: ${await pending} after ${calls} calls and ${(clock.now() - start) / 1000} simulated seconds`);
