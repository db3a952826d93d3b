// A store that can be switched off, for testing what blocks do while their store is unavailable.
import { STORE_UNAVAILABLE, type Store, type StoreErrorMode } from '../../src/store/store.js';

/** `inner` with an off switch: while `down`, every operation answers unavailable. */
export interface SwitchableStore extends Store {
  down: boolean;
  /** Operations that reached `inner`. */
  calls: number;
}

/** Wraps `inner` (usually a `memoryStore()`) so a test can take it down and bring it back. */
export function switchableStore(inner: Store, onStoreError: StoreErrorMode): SwitchableStore {
  const self: SwitchableStore = {
    down: false,
    calls: 0,
    onStoreError,
    flushInterval: inner.flushInterval,
    probeLease: inner.probeLease,
    bucket: (name, key, config) => wrap(inner.bucket(name, key, config)),
    budget: (name, config) => wrap(inner.budget(name, config)),
    breaker: (name, config) => wrap(inner.breaker(name, config)),
  };
  function wrap<H extends object>(handle: H): H {
    return new Proxy(handle, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (self.down) return STORE_UNAVAILABLE;
          self.calls++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }
  return self;
}

/** `inner` whose answers arrive `ms` later on `clock` (a remote store in virtual time). */
export function delayedStore(inner: Store, clock: { setTimer(ms: number, fn: () => void): unknown }, ms: number): Store {
  function wrap<H extends object>(handle: H): H {
    return new Proxy(handle, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) =>
          new Promise((resolve) => {
            clock.setTimer(ms, () => {
              resolve((value as (...a: unknown[]) => unknown).apply(target, args));
            });
          });
      },
    });
  }
  return {
    onStoreError: 'local',
    flushInterval: 100,
    probeLease: inner.probeLease,
    bucket: (name, key, config) => wrap(inner.bucket(name, key, config)),
    budget: (name, config) => wrap(inner.budget(name, config)),
    breaker: (name, config) => wrap(inner.breaker(name, config)),
  };
}
