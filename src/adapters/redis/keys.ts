import { createHash } from 'node:crypto';

/** Longest escaped object id kept as it is; longer ids are shortened and made unique by their hash. */
export const MAX_ID_LENGTH = 200;

// `{` and `}` would move the hash tag, `:` separates parts, `%` escapes, `~` marks hashed ids,
// and control characters make keys unreadable in redis-cli: all are percent-encoded.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const UNSAFE = /[%{}:~\x00-\x1f\x7f]/g;
// A lone surrogate would be sent as U+FFFD, merging distinct names: it is escaped as `%u` and four hex digits.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function hex(c: string, width: number): string {
  return c.charCodeAt(0).toString(16).padStart(width, '0').toUpperCase();
}

function encode(part: string): string {
  return part.replace(UNSAFE, (c) => `%${hex(c, 2)}`).replace(LONE_SURROGATE, (c) => `%u${hex(c, 4)}`);
}

/**
 * The Redis key of one shared object: `{prefix:kind:name[:key]}`. The whole key is its own hash
 * tag, so an object's state is one key in one Cluster slot (a keyed limiter's keys spread over
 * the slots). Names and keys are escaped, and an id longer than {@link MAX_ID_LENGTH} becomes its
 * beginning plus the SHA1 of all of it, so hostile names cannot break the tag or grow keys.
 */
export function objectKey(prefix: string, kind: string, name: string, key?: string): string {
  let id = key === undefined ? encode(name) : `${encode(name)}:${encode(key)}`;
  if (id.length > MAX_ID_LENGTH) id = `${id.slice(0, 64).replace(/[\uD800-\uDBFF]$/, '')}~${createHash('sha1').update(id).digest('hex')}`;
  return `{${prefix}:${kind}:${id}}`;
}
