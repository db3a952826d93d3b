import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SCRIPTS, tokenBucketScript } from './index.js';

describe('Lua scripts', () => {
  it.each(Object.entries(SCRIPTS))('%s carries the SHA1 of its source', (_name, script) => {
    expect(script.sha).toBe(createHash('sha1').update(script.source).digest('hex'));
  });

  it('writes a bucket configuration into its script exactly, once per configuration', () => {
    const script = tokenBucketScript(7, 0.1 + 0.2, 12);
    expect(script.source).toContain('local limit, interval, burst = 7, 0.30000000000000004, 12\n');
    expect(script.sha).toBe(createHash('sha1').update(script.source).digest('hex'));
    expect(tokenBucketScript(7, 0.30000000000000004, 12)).toBe(script);
  });
});
