// A block given to `execute` as a plain value (`bulkhead: 10`, `rateLimiter: { limit, interval }`)
// must outlive the call to protect anything: a bulkhead or bucket made per call would admit
// every call. So such a block is private to the object holding the value and is found again
// whenever the same object is passed. This WeakMap is that cache: it holds no object alive, and
// it is the only module state of these layers.
const cache = new WeakMap<object, Map<string, { readonly fingerprint: string; readonly block: unknown }>>();

/**
 * The block stored for `holder` under `slot`, created by `create` on first use (or when the
 * value it was made from, summed up by `fingerprint`, has changed since).
 */
export function privateBlock<B>(holder: object, slot: string, fingerprint: string, create: () => B): B {
  let slots = cache.get(holder);
  const found = slots?.get(slot);
  if (found !== undefined && found.fingerprint === fingerprint) return found.block as B;
  const block = create();
  if (slots === undefined) {
    slots = new Map();
    cache.set(holder, slots);
  }
  slots.set(slot, { fingerprint, block });
  return block;
}
