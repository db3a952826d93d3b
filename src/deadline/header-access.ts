// Reading and writing one header in every common container: `Headers`, plain objects (Node's
// IncomingHttpHeaders and OutgoingHttpHeaders included), `Map`, `[name, value]` pair lists and
// anything with `get`/`set` (gRPC Metadata, framework header bags). Names match in any case.

/** A header value as containers hold it: one string, several, or a number (Node outgoing headers). */
export type HeaderValue = string | readonly string[] | number | null | undefined;

/** Any object whose headers can be read by {@link readHeader}. */
export type HeaderSource =
  | Headers
  | ReadonlyMap<string, HeaderValue>
  | readonly (readonly [string, string])[]
  | { get(name: string): unknown }
  | Readonly<Record<string, HeaderValue>>;

/** Any object a header can be written to by {@link writeHeader}. */
export type HeaderTarget =
  | Headers
  | Map<string, HeaderValue>
  | [string, string][]
  | { set(name: string, value: string): unknown }
  | Record<string, HeaderValue>;

function push(out: string[], value: unknown): void {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'number') out.push(String(value));
  else if (Array.isArray(value)) for (const item of value as unknown[]) push(out, item);
}

function sameName(a: unknown, lower: string): boolean {
  return typeof a === 'string' && a.toLowerCase() === lower;
}

/**
 * Every value `source` holds for `name` (case-insensitive), as strings. Returns an empty list
 * for unusable containers or values; never throws, even for hostile objects (throwing getters,
 * proxies).
 */
export function readHeader(source: unknown, name: string): string[] {
  const out: string[] = [];
  try {
    collect(source, name, out);
  } catch {
    return [];
  }
  return out;
}

function collect(source: unknown, name: string, out: string[]): void {
  if (typeof source !== 'object' || source === null) return;
  const lower = name.toLowerCase();
  if (source instanceof Map) {
    for (const [key, value] of source as Map<unknown, unknown>) if (sameName(key, lower)) push(out, value);
    return;
  }
  if (Array.isArray(source)) {
    for (const pair of source as unknown[]) {
      if (Array.isArray(pair) && sameName(pair[0], lower)) push(out, pair[1]);
    }
    return;
  }
  const get = (source as { get?: unknown }).get;
  if (typeof get === 'function') {
    // Headers and gRPC Metadata look names up case-insensitively themselves.
    push(out, get.call(source, lower));
    return;
  }
  const record = source as Record<string, unknown>;
  // Node lowercases incoming header names, so the direct lookup is the usual hit.
  if (Object.prototype.hasOwnProperty.call(record, lower)) {
    push(out, record[lower]);
    return;
  }
  for (const key of Object.keys(record)) if (sameName(key, lower)) push(out, record[key]);
}

/**
 * Sets `name` to `value` in `target`, replacing any value it held under that name in another
 * case, so the header is never sent twice.
 */
export function writeHeader(target: HeaderTarget, name: string, value: string): void {
  const lower = name.toLowerCase();
  if (target instanceof Map) {
    for (const key of [...target.keys()]) if (sameName(key, lower)) target.delete(key);
    target.set(name, value);
    return;
  }
  if (Array.isArray(target)) {
    for (let i = target.length - 1; i >= 0; i--) if (sameName(target[i]?.[0], lower)) target.splice(i, 1);
    target.push([name, value]);
    return;
  }
  const set = (target as { set?: unknown }).set;
  if (typeof set === 'function') {
    set.call(target, name, value);
    return;
  }
  const record = target as Record<string, HeaderValue>;
  for (const key of Object.keys(record)) if (sameName(key, lower)) Reflect.deleteProperty(record, key);
  // defineProperty, not assignment: a name such as `__proto__` must become an own property.
  Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
}
