// Ambient state lives in one AsyncLocalStorage per copy of resile: the one piece of module state
// the design names. It is looked up without an import so the core still loads (and degrades to
// synchronous-only propagation) on runtimes that have no async_hooks, such as browsers.

interface Storage<T> {
  getStore(): T | undefined;
  run<R>(store: T, fn: () => R): R;
}

interface AlsModule {
  AsyncLocalStorage: new <T>() => Storage<T>;
}

function loadAsyncLocalStorage(): AlsModule['AsyncLocalStorage'] | undefined {
  const g = globalThis as { AsyncLocalStorage?: AlsModule['AsyncLocalStorage'] };
  if (typeof g.AsyncLocalStorage === 'function') return g.AsyncLocalStorage;
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    const mod = proc?.getBuiltinModule?.('node:async_hooks') as AlsModule | undefined;
    return typeof mod?.AsyncLocalStorage === 'function' ? mod.AsyncLocalStorage : undefined;
  } catch {
    return undefined;
  }
}

// Fallback for runtimes without AsyncLocalStorage: visible to synchronous code inside `run`.
class StackStorage<T> implements Storage<T> {
  private current: T | undefined = undefined;
  getStore(): T | undefined {
    return this.current;
  }
  run<R>(store: T, fn: () => R): R {
    const previous = this.current;
    this.current = store;
    try {
      return fn();
    } finally {
      this.current = previous;
    }
  }
}

/** Creates the ambient storage: AsyncLocalStorage when the runtime has it. */
export function createStorage<T>(): Storage<T> & { readonly async: boolean } {
  const Als = loadAsyncLocalStorage();
  if (Als === undefined) return Object.assign(new StackStorage<T>(), { async: false });
  return Object.assign(new Als<T>(), { async: true });
}
