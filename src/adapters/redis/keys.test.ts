import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ID_LENGTH, objectKey } from './keys.js';

// The hash tag Redis Cluster hashes: between the first `{` and the next `}`.
function hashTag(key: string): string {
  const open = key.indexOf('{');
  return key.slice(open + 1, key.indexOf('}', open + 1));
}

describe('objectKey', () => {
  it('makes the whole key its own hash tag', () => {
    expect(objectKey('resile', 'cb', 'payments')).toBe('{resile:cb:payments}');
    expect(objectKey('resile', 'rl', 'per-user', 'alice')).toBe('{resile:rl:per-user:alice}');
  });

  it('escapes what would move the tag, split the parts or hide in redis-cli', () => {
    expect(objectKey('p', 'rl', 'a:b', 'c}{d%~\u0000\n')).toBe('{p:rl:a%3Ab:c%7D%7Bd%25%7E%00%0A}');
    expect(objectKey('p', 'rl', 'x', '\uD800')).toBe('{p:rl:x:%uD800}');
    expect(objectKey('p', 'rl', 'x', '😀')).toBe('{p:rl:x:😀}');
  });

  it('never confuses two names, never breaks the tag and stays short, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), fc.option(fc.string({ unit: 'binary', maxLength: 600 }), { nil: undefined }), fc.string({ unit: 'binary', maxLength: 50 }), (name, key, other) => {
        const k = objectKey('p', 'rl', name, key);
        expect(hashTag(k)).toBe(k.slice(1, -1));
        expect(k.length).toBeLessThanOrEqual(MAX_ID_LENGTH + 12);
        if (other !== name) expect(objectKey('p', 'rl', other, key)).not.toBe(k);
        if (key !== undefined) expect(objectKey('p', 'rl', `${name}:${key}`)).not.toBe(k);
      }),
    );
  });

  it('shortens long ids to a readable start plus the SHA1 of all of it', () => {
    const long = 'x'.repeat(10_000);
    const k = objectKey('p', 'rl', 'n', long);
    expect(k).toMatch(/^\{p:rl:n:x{62}~[0-9a-f]{40}\}$/);
    expect(objectKey('p', 'rl', 'n', `${long}y`)).not.toBe(k);
  });
});
