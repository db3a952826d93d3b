import type { AttemptContext } from '../../../core/context.js';
import { RetryExhaustedError } from '../../../core/errors/retry-exhausted-error.js';
import type { HttpStatusError } from '../http-status-error.js';

/** One attempt of a request: the response once it arrived. */
export interface AttemptRecord {
  /** The call's deadline, which also bounds reading the body of the response returned. */
  readonly deadline: number | undefined;
  response: Response | undefined;
}

/**
 * The signal to give an attempt's fetch: the attempt's own, which aborts on caller abort,
 * deadline, attempt timeout or a lost hedge; none when nothing can ever cancel the attempt (so
 * no AbortSignal is created for it).
 */
export function attemptSignal(ctx: AttemptContext): AbortSignal | undefined {
  // The context is an ExecutionContext, whose `scope` is undefined when nothing can cancel it.
  return (ctx as { readonly scope?: unknown }).scope === undefined ? undefined : ctx.signal;
}

function ignore(): void {
  // Cancelling a body that already errored or closed is fine: nothing is waiting on it.
}

/** True when `error` (how the call ended) is about `statusError`: attempts ran out on it, or no time was left to retry it. */
function endedOn(error: unknown, statusError: HttpStatusError): boolean {
  if (error === statusError) return true;
  if (error instanceof RetryExhaustedError) return error.errors.includes(statusError);
  const e = error as { code?: unknown; cause?: unknown } | null;
  if (e?.code !== 'ERR_DEADLINE_EXCEEDED') return false;
  return e.cause === statusError || (e.cause instanceof RetryExhaustedError && e.cause.errors.includes(statusError));
}

/**
 * The attempts of one call. Every response that will not be returned is released (its body
 * cancelled, which closes its socket) as soon as that is known: in sequential mode when the next
 * attempt starts, otherwise when the call settles. At most one failed response (the latest) is
 * kept, in case attempts run out and it must be returned. Requests still in flight need no help:
 * an attempt is only abandoned when its signal aborted, and that aborts its fetch.
 */
export class CallAttempts {
  private readonly records: AttemptRecord[] = [];
  private held: { readonly record: AttemptRecord; readonly error: HttpStatusError } | undefined = undefined;
  private settled = false;

  constructor(private readonly sequential: boolean) {}

  /** Starts an attempt; in sequential mode every earlier one is over and released. */
  begin(ctx: AttemptContext): AttemptRecord {
    if (this.sequential) this.releaseAll();
    const record: AttemptRecord = { deadline: ctx.deadline, response: undefined };
    this.records.push(record);
    return record;
  }

  /** The attempt's fetch failed: nothing to keep. */
  failed(record: AttemptRecord): void {
    this.remove(record);
  }

  /** The attempt got a response; false (and released) when the call no longer wants it. */
  responded(record: AttemptRecord, response: Response): boolean {
    record.response = response;
    if (!this.settled) return true;
    this.release(record);
    return false;
  }

  /** The attempt failed on a status: its response replaces any other kept one. */
  hold(record: AttemptRecord, error: HttpStatusError): void {
    const previous = this.held;
    this.held = { record, error };
    if (previous !== undefined && previous.record !== record) this.release(previous.record);
  }

  /** The call settled with `value`: returns the attempt that produced it; every other is released. */
  settleWithValue(value: unknown): AttemptRecord | undefined {
    this.settled = true;
    const winner = this.records.find((r) => r.response !== undefined && r.response === value);
    if (winner !== undefined) this.remove(winner);
    this.releaseAll();
    return winner;
  }

  /** The call failed with `error`: returns the kept failed response if the call ended on it; every other is released. */
  settleWithError(error: unknown): { record: AttemptRecord; error: HttpStatusError } | undefined {
    this.settled = true;
    const held = this.held;
    const keep = held !== undefined && endedOn(error, held.error) ? held : undefined;
    if (keep !== undefined) this.remove(keep.record);
    this.releaseAll();
    return keep;
  }

  private remove(record: AttemptRecord): void {
    const i = this.records.indexOf(record);
    if (i !== -1) this.records.splice(i, 1);
  }

  private release(record: AttemptRecord): void {
    this.remove(record);
    if (this.held?.record === record) this.held = undefined;
    record.response?.body?.cancel().catch(ignore);
  }

  private releaseAll(): void {
    for (const record of this.records.splice(0)) this.release(record);
    this.held = undefined;
  }
}
