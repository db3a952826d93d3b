import type { BudgetConfig } from '../../budget/options.js';
import type { BreakerConfig } from '../../circuit/options.js';
import type { CircuitState } from '../../circuit/state.js';
import type { BucketConfig } from '../../rate-limit/token-bucket.js';
import type { RemoteBackend } from '../../store/remote-store.js';
import type { BudgetDecision, FleetView, OutcomeReport, ProbeVerdict, TokenDecision } from '../../store/store.js';
import type { ScriptRunner } from './client.js';
import { objectKey } from './keys.js';
import type { NormalizedRedisStore } from './options.js';
import { SCRIPTS, tokenBucketScript } from './scripts/index.js';

const PHASES: readonly string[] = ['closed', 'open', 'half-open', 'isolated'];

function fields(reply: unknown, length: number): unknown[] {
  if (!Array.isArray(reply) || reply.length !== length) throw new TypeError(`resile/redis: unexpected script reply ${JSON.stringify(reply)}`);
  return reply;
}

function parseTake(reply: unknown): TokenDecision {
  const [allowed, retryAfter, milliTokens] = fields(reply, 3);
  return { allowed: Number(allowed) === 1, retryAfter: Number(retryAfter), tokens: Number(milliTokens) / 1000 };
}

function parseBudget(reply: unknown): BudgetDecision {
  const [allowed, tokens] = fields(reply, 2);
  return { allowed: Number(allowed) === 1, tokens: Number(tokens) };
}

function parseView(reply: unknown): FleetView {
  const [phase, epoch, openRemaining, reopens, held, granted] = fields(reply, 6);
  const p = String(phase);
  if (!PHASES.includes(p)) throw new TypeError(`resile/redis: unexpected breaker phase ${JSON.stringify(p)}`);
  return {
    phase: p as CircuitState,
    epoch: Number(epoch),
    openRemaining: Number(openRemaining),
    reopens: Number(reopens),
    probeHeld: Number(held) === 1,
    granted: Number(granted) === 1,
  };
}

function breakerArgs(c: BreakerConfig, idleTtl: number): string[] {
  const slowRate = c.slowCallThreshold === Infinity ? '' : String(c.slowCallRateThreshold);
  return [
    c.window,
    String(c.failureThreshold),
    String(c.windowSize),
    String(c.failureRateThreshold),
    String(c.minimumCalls),
    slowRate,
    String(c.resetTimeout),
    String(c.resetBackoff),
    String(c.maxResetTimeout),
    String(idleTtl),
  ];
}

function reportArgs(r: OutcomeReport): string[] {
  return [String(r.epoch), String(r.calls), String(r.failures), String(r.slow), String(r.trailingFailures), r.sawSuccess ? '1' : '0', r.outcomes];
}

/** The raw operations of a Redis store: each one script, one key, one round trip. */
export function redisBackend(run: ScriptRunner, o: NormalizedRedisStore): RemoteBackend {
  // With Redis time the scripts read TIME; the caller's `now` is sent only for the local clock.
  const time = o.clock === 'local' ? (now: number) => String(now) : () => '';
  return {
    bucket(name: string, key: string | undefined, c: BucketConfig) {
      const keys = [objectKey(o.prefix, 'rl', name, key)];
      const script = tokenBucketScript(c.limit, c.interval, c.burst);
      return { take: (n: number, now: number) => run(script, keys, [time(now), n === 1 ? '1' : String(n)], parseTake) };
    },
    budget(name: string, c: BudgetConfig) {
      const keys = [objectKey(o.prefix, 'rb', name)];
      const rules = [String(c.capacity), String(c.retryCost), String(c.successRefill)];
      const ttl = String(o.idleTtl);
      return {
        update: (successes: number, spend: boolean) => run(SCRIPTS.retryBudget, keys, [...rules, String(successes), spend ? '1' : '0', ttl], parseBudget),
      };
    },
    breaker(name: string, c: BreakerConfig) {
      const keys = [objectKey(o.prefix, 'cb', name)];
      const rules = breakerArgs(c, o.idleTtl);
      const call = (op: string, now: number, args: string[]): Promise<FleetView> =>
        run(SCRIPTS.circuitBreaker, keys, [op, time(now), ...rules, ...args], parseView);
      const lease = String(o.probeLease);
      return {
        sync: (report: OutcomeReport, now: number) => call('sync', now, reportArgs(report)),
        acquireProbe: (holder: string, now: number) => call('acquire', now, [holder, lease]),
        releaseProbe: (holder: string, verdict: ProbeVerdict, now: number) => call('release', now, [holder, verdict]),
        force: (phase: 'closed' | 'isolated', now: number) => call('force', now, [phase]),
      };
    },
  };
}
