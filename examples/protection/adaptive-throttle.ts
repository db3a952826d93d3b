// Adaptive throttling (Google SRE book) against an overloaded dependency: the backend can serve 50
// requests a second and rejects the rest, but clients want 250 a second. Without the throttle
// the backend receives all 250; with it, clients reject most of the excess locally and the backend
// receives about k = 2 times what it can accept. Runs two simulated minutes on a virtual clock.
import { AdaptiveThrottle, ShedLoadError, execute } from 'resile';
import { VirtualClock, seededRandom } from 'resile/testing';

const CAPACITY = 50;
const DEMAND = 250;
const SECONDS = 120;

async function simulate(withThrottle: boolean): Promise<{ reached: number; shed: number }> {
  const clock = new VirtualClock();
  const throttle = new AdaptiveThrottle({ clock, random: seededRandom(1), name: 'recommendations' });
  let reached = 0;
  let shed = 0;
  for (let second = 0; second < SECONDS; second++) {
    let served = 0;
    for (let i = 0; i < DEMAND; i++) {
      const backend = (): string => {
        reached++;
        if (served++ >= CAPACITY) throw new Error('503 overloaded');
        return 'ok';
      };
      const options = withThrottle ? { clock, maxAttempts: 1, adaptiveThrottle: throttle } : { clock, maxAttempts: 1 };
      await execute(backend, options).catch((e: unknown) => {
        if (e instanceof ShedLoadError) shed++;
      });
    }
    await clock.advance(1000);
  }
  return { reached, shed };
}

const without = await simulate(false);
const withThrottle = await simulate(true);
const perSecond = (n: number): string => (n / SECONDS).toFixed(0);
console.log(`without throttle: backend received ${perSecond(without.reached)} req/s (capacity ${String(CAPACITY)})`);
console.log(`with throttle:    backend received ${perSecond(withThrottle.reached)} req/s, ${perSecond(withThrottle.shed)} req/s rejected locally at no network cost`);
if (withThrottle.reached / SECONDS > 3 * CAPACITY) throw new Error('the throttle should keep the backend near k × capacity');
