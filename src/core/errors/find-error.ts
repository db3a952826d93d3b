// Bounds the walk so a cyclic or absurdly deep cause graph cannot hang the caller.
const MAX_VISITS = 1000;

/** A class (constructor) an error may be an instance of. */
export type ErrorClass<E> = abstract new (...args: never[]) => E;

/**
 * Finds the first error in `error`, its `cause` chain and the `errors` of any `AggregateError`
 * (depth first, in order) that satisfies `match`: the `errors.As` of this library.
 */
export function findErrorWhere(error: unknown, match: (candidate: unknown) => boolean): unknown {
  const stack: unknown[] = [error];
  const seen = new Set<unknown>();
  while (stack.length > 0 && seen.size < MAX_VISITS) {
    const current = stack.pop();
    if (current === undefined || current === null || seen.has(current)) continue;
    seen.add(current);
    if (match(current)) return current;
    if (typeof current !== 'object') continue;
    const { cause, errors } = current as { cause?: unknown; errors?: unknown };
    if (cause !== undefined) stack.push(cause);
    if (Array.isArray(errors)) {
      for (let i = errors.length - 1; i >= 0; i--) stack.push(errors[i]);
    }
  }
  return undefined;
}

/** Finds the first error of class `type` in `error`'s cause chain and aggregated errors. */
export function findError<E>(error: unknown, type: ErrorClass<E>): E | undefined {
  return findErrorWhere(error, (candidate) => candidate instanceof type) as E | undefined;
}
