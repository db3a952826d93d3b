import type { Clock } from '../../../core/clock.js';
import { execute } from '../../../policy/execute.js';
import type { NormalizedCheck } from './options.js';

/** The result of one check. */
export interface CheckResult {
  readonly ok: boolean;
  /** How long the check took, in ms. */
  readonly durationMs: number;
  /** Why it failed. */
  readonly error?: string;
  /** The breaker's state, for breaker checks. */
  readonly state?: string;
  /** Present (false) for checks that do not decide the probe. */
  readonly required?: false;
}

// States in which a breaker sends no traffic to its dependency.
const DOWN_STATES: ReadonlySet<string> = new Set(['open', 'isolated']);

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function rounded(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** Runs one check under its timeout; never rejects. A timed-out check's signal is aborted and it is not waited for. */
export async function runCheck(c: NormalizedCheck, clock: Clock): Promise<CheckResult> {
  const optional = c.required ? {} : { required: false as const };
  if ('breaker' in c) {
    const state = c.breaker.state;
    return DOWN_STATES.has(state)
      ? { ok: false, durationMs: 0, error: `circuit ${state}`, state, ...optional }
      : { ok: true, durationMs: 0, state, ...optional };
  }
  const started = clock.now();
  try {
    await execute(({ signal }) => c.check({ signal }), { maxAttempts: 1, attemptTimeout: c.timeout, clock, name: c.name });
    return { ok: true, durationMs: rounded(clock.now() - started), ...optional };
  } catch (error) {
    return { ok: false, durationMs: rounded(clock.now() - started), error: describe(error), ...optional };
  }
}
