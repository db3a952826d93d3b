// Adaptive concurrency against a service whose latency degrades. The service has 20 workers and
// answers in 20 ms; from t=10 s to t=20 s it slows to 80 ms. The client offers 1500 requests/s.
// The AdaptiveLimiter finds the knee by itself: it lets through about what the service can take
// at good latency, sheds the rest at once (ShedLoadError), backs off when latency climbs and
// recovers afterwards. Runs 30 s of traffic in virtual time, so it finishes in a moment.
import { AdaptiveLimiter, execute, ShedLoadError } from 'resile';
import { VirtualClock, seededRandom } from 'resile/testing';

const clock = new VirtualClock();
const random = seededRandom(42);
const start = clock.now();
const limiter = new AdaptiveLimiter({ clock, name: 'inventory' });

// The service: 20 workers, FIFO queue beyond that.
let busy = 0;
const waiting: (() => void)[] = [];
async function inventoryService(): Promise<string> {
  if (busy >= 20) await new Promise<void>((resolve) => waiting.push(resolve));
  busy++;
  const t = clock.now() - start;
  const latency = (t >= 10_000 && t < 20_000 ? 80 : 20) * (0.8 + 0.4 * random());
  await new Promise<void>((resolve) => clock.setTimer(latency, resolve));
  busy--;
  waiting.shift()?.();
  return 'in stock';
}

let ok = 0;
let shed = 0;
let latencySum = 0;
function request(): void {
  const sent = clock.now();
  execute(inventoryService, { clock, adaptiveLimiter: limiter, maxAttempts: 1 }).then(
    () => {
      ok++;
      latencySum += clock.now() - sent;
    },
    (error: unknown) => {
      if (error instanceof ShedLoadError) shed++;
      else throw error;
    },
  );
}

console.log('  time  limit  in-flight  served/s  shed/s  mean latency');
for (let second = 1; second <= 30; second++) {
  ok = shed = latencySum = 0;
  // 1500 requests per second, evenly spaced.
  for (let i = 0; i < 1500; i++) clock.setTimer((i * 1000) / 1500, request);
  await clock.advance(1000);
  if (second % 2 === 0) {
    const mean = ok === 0 ? 0 : latencySum / ok;
    console.log(`${String(second).padStart(5)}s ${String(limiter.limit).padStart(6)} ${String(limiter.inFlight).padStart(10)} ${String(ok).padStart(9)} ${String(shed).padStart(7)} ${mean.toFixed(1).padStart(10)} ms`);
  }
}
await clock.runAll();
