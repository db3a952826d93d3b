import type { AttemptContext } from '../core/context.js';
import { checkFunction, checkPositiveInteger, rangeError, typeError } from '../core/validate.js';
import type { ExecuteOptions } from '../policy/execute.js';
import { PreparedExecute } from '../policy/prepared.js';
import { MapStage, type MapSettled, type OnError } from './map-stage.js';
import { checkSource, checkStageOptions, type StreamSource } from './options.js';
import { checkPauseWhen, type HealthSource } from './pause.js';
import { SourceReader } from './source-reader.js';

/** Options of {@link mapResilient}: the stage's own plus `execute`'s options for every item. */
export interface MapResilientOptions<R> extends ExecuteOptions<R> {
  /** Items processed at once (running, or finished and not yet taken). @defaultValue 1 */
  concurrency?: number;
  /** Emit results in source order (`true`) or as they finish (`false`). @defaultValue true */
  ordered?: boolean;
  /**
   * An item whose call failed for good (after retries and fallback): `'throw'` ends the stage
   * with its error, `'skip'` drops it, `'emit'` turns every result into a {@link MapSettled}.
   * @defaultValue 'throw'
   */
  onError?: OnError;
  /**
   * Blocks whose `onHealthChange` throttles the stage: while any reports `degraded`, at most one
   * item is in flight (not zero, so a block that recovers only when called, such as a breaker
   * waiting for its half-open probe, still can); full concurrency returns when all are healthy.
   */
  pauseWhen?: HealthSource | readonly HealthSource[];
}

/** The function `mapResilient` applies to each item. */
export type MapFn<T, R> = (item: T, ctx: AttemptContext) => R | PromiseLike<R>;

const ON_ERROR: readonly OnError[] = ['throw', 'skip', 'emit'];

/**
 * Calls `fn(item, ctx)` for every item of `source` under `execute`'s options (retries, timeouts,
 * breaker, ...), with at most `concurrency` items held at once. With `onError: 'emit'` every
 * result comes out as a {@link MapSettled}. The source is read only as fast as slots free up,
 * and it is released (its `return()` called) when the consumer stops early, an item fails with
 * `onError: 'throw'`, or `signal` aborts; calls in flight are then aborted. Invalid options
 * throw at once.
 */
export function mapResilient<T, R>(
  source: StreamSource<T>,
  fn: MapFn<T, R>,
  options: MapResilientOptions<R> & { onError: 'emit' },
): AsyncIterableIterator<MapSettled<T, R>>;
export function mapResilient<T, R>(source: StreamSource<T>, fn: MapFn<T, R>, options?: MapResilientOptions<R>): AsyncIterableIterator<R>;
export function mapResilient<T, R>(source: StreamSource<T>, fn: MapFn<T, R>, options?: MapResilientOptions<R>): AsyncIterableIterator<unknown> {
  const owner = 'mapResilient';
  const s = checkSource<T>(owner, source);
  checkFunction(owner, 'fn', fn);
  const o = checkStageOptions<MapResilientOptions<never>>(owner, options);
  const { signal, concurrency, ordered, onError, pauseWhen, ...execute } = o;
  if (ordered !== undefined && typeof ordered !== 'boolean') typeError(owner, 'ordered', 'a boolean', ordered);
  if (onError !== undefined && !ON_ERROR.includes(onError)) {
    const rule = `one of ${ON_ERROR.map((e) => `'${e}'`).join(', ')}`;
    if (typeof onError === 'string') rangeError(owner, 'onError', rule, onError);
    typeError(owner, 'onError', rule, onError);
  }
  const stage = new MapStage<T>(new SourceReader(s, signal), {
    fn,
    prepared: new PreparedExecute(owner, execute),
    concurrency: concurrency === undefined ? 1 : checkPositiveInteger(owner, 'concurrency', concurrency),
    ordered: ordered ?? true,
    onError: onError ?? 'throw',
    signal,
    pauseWhen: pauseWhen === undefined ? undefined : checkPauseWhen(owner, pauseWhen),
  });
  return stage;
}
