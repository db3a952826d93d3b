import { currentContext } from '../../../core/ambient.js';
import type { AttemptContext } from '../../../core/context.js';
import { Priority } from '../../../core/priority.js';
import { linkSignal, type LinkedSignal } from '../../../core/signal.js';
import { writeDeadline } from '../../../deadline/propagation.js';
import type { Policy } from '../../../policy/policy.js';
import { retryAfterFromHeader } from '../../../retry/retry-after-header.js';
import { HttpStatusError } from '../http-status-error.js';
import { attemptSignal, CallAttempts, type AttemptRecord } from './attempts.js';
import { guardBody } from './body-guard.js';
import { normalizeFetchOptions, type CreateFetchOptions, type NormalizedFetch } from './options.js';
import { planRequest, type RequestPlan } from './request.js';

/** A `fetch`-compatible function returned by {@link createFetch}. */
export type ResilientFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/**
 * Builds a `fetch` with resilience: every request runs under `execute`-style protection (retries
 * with backoff, optional hedging, attempt timeout, every other `execute` option). Network errors
 * and retryable statuses (408, 429, 500, 502, 503, 504) are retried for idempotent methods, or
 * for any method carrying an idempotency key; `Retry-After` replaces the backoff; the remaining
 * deadline travels in a header. When attempts run out on a status the last `Response` is
 * returned, as `fetch` would (unless `throwOnStatus`). Options are validated here, once.
 */
export function createFetch(options?: CreateFetchOptions): ResilientFetch {
  const o = normalizeFetchOptions(options);
  return async (input, init) => {
    const plan = await planRequest(input, init);
    const headers = plan.headers;
    let retryable = o.retryMethods.has(plan.method) || headers.has(o.idempotencyKeyHeader);
    if (!retryable && o.newKey !== undefined) {
      headers.set(o.idempotencyKeyHeader, o.newKey());
      retryable = true;
    }
    const hedged = o.hedged !== undefined && retryable && plan.replayable && (plan.method === 'GET' || plan.method === 'HEAD');
    const chosen = !retryable || !plan.replayable ? o.once : hedged ? o.hedged : o.retrying;
    return send(o, plan, chosen, !hedged);
  };
}

async function send(o: NormalizedFetch, plan: RequestPlan, policy: Policy, sequential: boolean): Promise<Response> {
  const calls = new CallAttempts(sequential);
  const attempt = async (ctx: AttemptContext): Promise<Response> => {
    const record = calls.begin(ctx);
    let response: Response;
    try {
      response = await o.fetch(plan.url, { ...plan.init, method: plan.method, headers: attemptHeaders(o, plan, ctx), body: plan.body, signal: attemptSignal(ctx) ?? null });
    } catch (error) {
      calls.failed(record);
      throw error;
    }
    if (!calls.responded(record, response) || !o.retryOnStatus(response.status, response)) return response;
    const error = new HttpStatusError(response, { retryAfter: retryAfterFromHeader(response.headers.get('retry-after'), o.clock.now()) });
    calls.hold(record, error);
    throw error;
  };
  // Signals that may still stop the returned response's body once the call has settled.
  const signals = [o.call.signal, plan.signal, currentContext().signal];
  const link = combine(o.call.signal, plan.signal);
  const signal = link?.signal ?? plan.signal ?? o.call.signal;
  let response: Response;
  let record: AttemptRecord | undefined;
  let cause: unknown;
  try {
    response = await policy.execute(attempt, signal === undefined ? o.call : { ...o.call, signal });
    record = calls.settleWithValue(response);
  } catch (error) {
    const kept = calls.settleWithError(error);
    if (kept === undefined) throw error;
    ({ record } = kept);
    response = kept.error.response;
    cause = error;
  } finally {
    link?.dispose();
  }
  // A value the policy made up (a fallback's) is returned as it is.
  if (record === undefined) return response;
  const guarded = guardBody(response, record.deadline, signals, o.clock);
  if (o.throwOnStatus && !guarded.ok) throw new HttpStatusError(guarded, { cause });
  return guarded;
}

/** The headers of one attempt: the plan's, plus this attempt's remaining budget and the priority. */
function attemptHeaders(o: NormalizedFetch, plan: RequestPlan, ctx: AttemptContext): Headers {
  const budget = o.deadlineHeader !== undefined && ctx.deadline !== undefined;
  const priority = o.priorityHeader !== undefined && ctx.priority !== Priority.Standard;
  if (!budget && !priority) return plan.headers;
  const headers = new Headers(plan.headers);
  if (budget) writeDeadline(headers, o.deadlineHeader, ctx.deadline, o.clock.now());
  if (priority) headers.set(o.priorityHeader, ctx.priority);
  return headers;
}

/** One signal for the fetch-wide and the per-request signal (linked by hand, released after the call). */
function combine(a: AbortSignal | undefined, b: AbortSignal | undefined): LinkedSignal | undefined {
  if (a === undefined || b === undefined || a === b) return undefined;
  return linkSignal(a, b);
}
