import type { AttemptContext } from '../core/context.js';
import { CancelScope } from '../core/cancel-scope.js';
import type { PreparedExecute } from '../policy/prepared.js';
import type { End } from './branch.js';
import { PauseGate, type HealthSource } from './pause.js';
import type { SourceReader } from './source-reader.js';

/** What `mapResilient` does with an item whose call failed for good. */
export type OnError = 'throw' | 'skip' | 'emit';

/** An item's outcome, as `mapResilient` emits it with `onError: 'emit'` (like `Promise.allSettled`). */
export type MapSettled<T, R> =
  | { readonly status: 'fulfilled'; readonly value: R; readonly item: T }
  | { readonly status: 'rejected'; readonly reason: unknown; readonly item: T };

/** Settings of one map stage, validated by `mapResilient`. */
export interface MapSettings<T> {
  readonly fn: (item: T, ctx: AttemptContext) => unknown;
  readonly prepared: PreparedExecute;
  readonly concurrency: number;
  readonly ordered: boolean;
  readonly onError: OnError;
  readonly signal: AbortSignal | undefined;
  readonly pauseWhen: readonly HealthSource[] | undefined;
}

interface Job<T> {
  readonly item: T;
  done: boolean;
  ok: boolean;
  result: unknown;
}

interface Waiter {
  readonly resolve: (result: IteratorResult<unknown>) => void;
  readonly reject: (reason: unknown) => void;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * The mechanics of `mapResilient`: reads items one at a time, runs up to `concurrency` of them
 * under the prepared policy and hands results out in source or completion order. A slot is held
 * from the read until the result is handed out, so at most `concurrency` items (running or
 * finished and waiting for the consumer) are ever held.
 */
export class MapStage<T> implements AsyncIterableIterator<unknown> {
  // Ordered: every job not yet handed out, in source order. Unordered: finished jobs, in finishing order.
  private jobs: Job<T>[] = [];
  private occupied = 0;
  private reading = false;
  private sourceEnd: End | undefined;
  private waiters: Waiter[] = [];
  private state: 'idle' | 'running' | 'done' = 'idle';
  private failure: { readonly error: unknown } | undefined;
  private stop: CancelScope | undefined;
  private gate: PauseGate | undefined;

  constructor(
    private readonly reader: SourceReader<T>,
    private readonly s: MapSettings<T>,
  ) {}

  next(): Promise<IteratorResult<unknown>> {
    if (this.state === 'idle') this.start();
    if (this.state === 'done') return this.afterEnd();
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.progress();
    });
  }

  async return(): Promise<IteratorResult<unknown>> {
    this.failure = undefined;
    await (this.state === 'done' ? this.reader.close() : this.end({ ok: true }));
    return DONE;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  // Subscriptions start with the first `next()`, so a stage never iterated holds nothing.
  private start(): void {
    this.state = 'running';
    // One scope cancels every call in flight; only it listens to the caller's signal.
    const stop = new CancelScope();
    this.stop = stop;
    if (this.s.signal !== undefined) stop.linkSignal(this.s.signal);
    if (stop.aborted) {
      this.finish({ ok: false, error: stop.reason });
      return;
    }
    stop.subscribe(() => {
      this.finish({ ok: false, error: stop.reason });
    });
    if (this.s.pauseWhen !== undefined) {
      this.gate = new PauseGate(this.s.pauseWhen, () => {
        this.progress();
      });
    }
  }

  private progress(): void {
    this.drain();
    this.pump();
  }

  /** Hands finished results to waiting `next()` calls; ends the stage when nothing is left. */
  private drain(): void {
    while (this.state === 'running' && this.waiters.length > 0) {
      const job = this.s.ordered ? (this.jobs[0]?.done === true ? this.jobs.shift() : undefined) : this.jobs.shift();
      if (job === undefined) {
        if (this.occupied === 0 && this.sourceEnd !== undefined) this.finish(this.sourceEnd);
        return;
      }
      this.occupied--;
      if (!job.ok && this.s.onError === 'skip') continue;
      if (!job.ok && this.s.onError === 'throw') {
        this.finish({ ok: false, error: job.result });
        return;
      }
      (this.waiters.shift() as Waiter).resolve({ done: false, value: this.present(job) });
    }
  }

  private present(job: Job<T>): unknown {
    if (this.s.onError !== 'emit') return job.result;
    return job.ok ? { status: 'fulfilled', value: job.result, item: job.item } : { status: 'rejected', reason: job.result, item: job.item };
  }

  /** Reads the next item while a slot is free (one slot while a `pauseWhen` block is degraded). */
  private pump(): void {
    if (this.state !== 'running' || this.reading || this.sourceEnd !== undefined) return;
    const limit = this.gate?.paused === true ? 1 : this.s.concurrency;
    if (this.occupied >= limit) return;
    this.reading = true;
    this.reader.read().then(
      (next) => {
        this.reading = false;
        if (this.state !== 'running') return;
        if (next.done === true) this.sourceEnd = { ok: true };
        else this.launch(next.value);
        this.progress();
      },
      (error: unknown) => {
        this.reading = false;
        if (this.state !== 'running') return;
        // Items read before the failure still come out first; then the source's error.
        this.sourceEnd = { ok: false, error };
        this.drain();
      },
    );
  }

  private launch(item: T): void {
    const job: Job<T> = { item, done: false, ok: false, result: undefined };
    this.occupied++;
    if (this.s.ordered) this.jobs.push(job);
    const fn = this.s.fn;
    const prepared = this.s.prepared;
    const ctx = prepared.context((actx) => fn(item, actx), { scope: this.stop });
    prepared.run(ctx).then(
      (value) => {
        this.finishJob(job, true, value);
      },
      (error: unknown) => {
        this.finishJob(job, false, error);
      },
    );
  }

  private finishJob(job: Job<T>, ok: boolean, result: unknown): void {
    // After the stage ended, a late outcome is only observed (the call was abandoned).
    if (this.state !== 'running') return;
    job.done = true;
    job.ok = ok;
    job.result = result;
    if (!this.s.ordered) this.jobs.push(job);
    this.progress();
  }

  private finish(end: End): void {
    this.end(end).then(undefined, ignore);
  }

  /**
   * Ends the stage once: calls in flight are aborted, waiting `next()` calls get `end`, and the
   * source is released (the returned promise settles when it has cleaned up).
   */
  private end(end: End): Promise<void> {
    if (this.state === 'done') return Promise.resolve();
    this.state = 'done';
    this.jobs = [];
    this.gate?.dispose();
    // Aborting also unlinks the scope from the caller's signal.
    this.stop?.abort(new DOMException('mapResilient stopped', 'AbortError'));
    const [first, ...rest] = this.waiters;
    this.waiters = [];
    for (const w of rest) w.resolve(DONE);
    if (end.ok) first?.resolve(DONE);
    else if (first === undefined) this.failure = { error: end.error };
    else first.reject(end.error);
    return this.reader.close();
  }

  // Like a generator: a failure reaches one `next()` call, then the stage is done.
  private afterEnd(): Promise<IteratorResult<unknown>> {
    const failure = this.failure;
    if (failure === undefined) return Promise.resolve(DONE);
    this.failure = undefined;
    return Promise.reject(failure.error);
  }
}

function ignore(): void {
  // The source's cleanup error after the stage ended has nobody left to receive it.
}
