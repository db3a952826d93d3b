import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SCRIPTS } from './index.js';

describe('Lua scripts', () => {
  it.each(Object.entries(SCRIPTS))('%s carries the SHA1 of its source', (_name, script) => {
    expect(script.sha).toBe(createHash('sha1').update(script.source).digest('hex'));
  });
});
