/** A signal linked to parents, and the function that unlinks it. */
export interface LinkedSignal {
  /** Aborts when any parent aborts (with that parent's reason) or when `abort` is called. */
  readonly signal: AbortSignal;
  /** Aborts the linked signal itself. */
  abort(reason?: unknown): void;
  /** Removes every listener this link added to its parents; call it when the work is done. */
  dispose(): void;
}

/**
 * Links a new signal to `parents` by hand. Unlike `AbortSignal.any`, which keeps its listeners on
 * the parents for as long as they live, the link is removed by `dispose()` (and on abort), so a
 * long-lived parent such as a server's shutdown signal never accumulates finished requests.
 */
export function linkSignal(...parents: readonly (AbortSignal | undefined)[]): LinkedSignal {
  const controller = new AbortController();
  const cleanups: (() => void)[] = [];
  const dispose = (): void => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  };
  const abort = (reason?: unknown): void => {
    dispose();
    controller.abort(reason);
  };
  for (const parent of parents) {
    if (parent === undefined) continue;
    if (parent.aborted) {
      abort(parent.reason);
      break;
    }
    const onAbort = (): void => {
      abort(parent.reason);
    };
    parent.addEventListener('abort', onAbort);
    cleanups.push(() => {
      parent.removeEventListener('abort', onAbort);
    });
  }
  return { signal: controller.signal, abort, dispose };
}

/** True when `value` looks like an `AbortSignal` (works across realms and polyfills). */
export function isAbortSignal(value: unknown): value is AbortSignal {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AbortSignal).aborted === 'boolean' &&
    typeof (value as AbortSignal).addEventListener === 'function' &&
    typeof (value as AbortSignal).removeEventListener === 'function'
  );
}
