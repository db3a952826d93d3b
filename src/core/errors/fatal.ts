const FATAL = Symbol.for('resile.fatal');

// A private wrapper: `fatal(e)` marks `e` without mutating it (it may be frozen or a primitive).
class FatalWrapper {
  readonly [FATAL] = true;
  constructor(readonly error: unknown) {}
}

/** Marks `error` as non-retryable: the retry loop stops at once and rethrows `error` itself. */
export function fatal(error: unknown): unknown {
  return error instanceof FatalWrapper ? error : new FatalWrapper(error);
}

/** True when `error` was produced by {@link fatal}. */
export function isFatal(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[FATAL] === true;
}

/** Returns the error wrapped by {@link fatal}, or `error` unchanged. */
export function unwrapFatal(error: unknown): unknown {
  return isFatal(error) ? (error as FatalWrapper).error : error;
}
