import { typeError } from '../core/validate.js';
import type { Store, StoreAnswer, StoreUnavailable } from './store.js';

/** Runs `then` on a store answer: at once when the store answered synchronously, else when it arrives. */
export function whenAnswered<T, R>(answer: StoreAnswer<T>, then: (value: T | StoreUnavailable) => R): R | Promise<R> {
  return answer instanceof Promise ? answer.then(then) : then(answer);
}

const STORE_RULE = 'a Store (redisStore(...) or memoryStore())';

/**
 * Validates a block's `store` option. A shared object is identified by its `name`, so a store
 * without one is refused rather than silently sharing a default.
 */
export function checkStore(owner: string, store: unknown, name: string | undefined): Store | undefined {
  if (store === undefined) return undefined;
  if (typeof store !== 'object' || store === null) return typeError(owner, 'store', STORE_RULE, store);
  const s: Partial<Store> = store;
  if (
    typeof s.bucket !== 'function' ||
    typeof s.budget !== 'function' ||
    typeof s.breaker !== 'function' ||
    typeof s.flushInterval !== 'number'
  ) {
    typeError(owner, 'store', STORE_RULE, store);
  }
  if (name === undefined || name === '') typeError(owner, 'name', 'a non-empty string when store is set (it names the shared state)', name);
  return s as Store;
}
