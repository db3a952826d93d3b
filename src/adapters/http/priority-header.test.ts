import { describe, expect, it } from 'vitest';
import { readPriority } from './priority-header.js';

describe('readPriority', () => {
  it('reads a priority in any case, from any header container', () => {
    expect(readPriority({ 'x-request-priority': 'Critical' }, 'x-request-priority')).toBe('critical');
    expect(readPriority(new Headers({ 'X-Request-Priority': ' low ' }), 'x-request-priority')).toBe('low');
    expect(readPriority({ 'x-request-priority': ['standard', 'standard'] }, 'x-request-priority')).toBe('standard');
  });

  it('ignores unknown, empty and conflicting values', () => {
    expect(readPriority({ 'x-request-priority': 'urgent' }, 'x-request-priority')).toBeUndefined();
    expect(readPriority({ 'x-request-priority': '' }, 'x-request-priority')).toBeUndefined();
    expect(readPriority({ 'x-request-priority': 'low, critical' }, 'x-request-priority')).toBeUndefined();
    expect(readPriority({}, 'x-request-priority')).toBeUndefined();
    expect(readPriority(undefined, 'x-request-priority')).toBeUndefined();
  });
});
