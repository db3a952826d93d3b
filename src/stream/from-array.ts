import { typeError } from '../core/validate.js';

/**
 * An async iterable over `values` (an array or any iterable; promise values are awaited). It can
 * be iterated more than once: every `for await` starts from the first value.
 */
export function fromArray<T>(values: Iterable<T>): AsyncIterable<Awaited<T>> {
  if (typeof (values as Partial<Iterable<T>> | null | undefined)?.[Symbol.iterator] !== 'function') {
    typeError('fromArray', 'values', 'an iterable', values);
  }
  return {
    [Symbol.asyncIterator]: () => iterate(values),
  };
}

async function* iterate<T>(values: Iterable<T>): AsyncGenerator<Awaited<T>, void, undefined> {
  for (const value of values) yield await value;
}
