import { isAbortSignal } from '../core/signal.js';
import { checkOptionsObject, typeError } from '../core/validate.js';

/** What every stage reads from: an async iterable, or a plain iterable (an array, a Set). */
export type StreamSource<T> = AsyncIterable<T> | Iterable<T>;

/** Options every stage accepts. */
export interface StageOptions {
  /**
   * Ends the stage: its consumer's pending and later `next()` calls reject with the signal's
   * reason (once; then the stage is done) and the source's `return()` is called at once.
   */
  signal?: AbortSignal;
}

/** Checks that `source` can be iterated with `for await`. */
export function checkSource<T>(owner: string, source: unknown): StreamSource<T> {
  const s = source as Partial<AsyncIterable<T> & Iterable<T>> | null | undefined;
  if (s === null || s === undefined || (typeof s[Symbol.asyncIterator] !== 'function' && typeof s[Symbol.iterator] !== 'function')) {
    typeError(owner, 'source', 'an async iterable or an iterable', source);
  }
  return s as StreamSource<T>;
}

/** Validates a stage's options object and its `signal`. */
export function checkStageOptions<O extends StageOptions>(owner: string, options: unknown): Partial<O> {
  const o = checkOptionsObject<O>(owner, options);
  if (o.signal !== undefined && !isAbortSignal(o.signal)) typeError(owner, 'signal', 'an AbortSignal', o.signal);
  return o;
}
