import { describe, expect, it } from 'vitest';
import { trackedSignal } from '../testing/tracked-signal.js';
import { CancelScope } from './cancel-scope.js';
import { linkSignal } from './signal.js';

describe('CancelScope', () => {
  it('propagates aborts from parent to child, once, with the parent reason', () => {
    const parent = new CancelScope();
    const child = new CancelScope(parent);
    const seen: unknown[] = [];
    child.subscribe(() => seen.push(child.reason));
    parent.abort('stop');
    parent.abort('again');
    expect(child.aborted).toBe(true);
    expect(seen).toEqual(['stop']);
  });

  it('a child of an aborted parent starts aborted', () => {
    const parent = new CancelScope();
    parent.abort('gone');
    const child = new CancelScope(parent);
    expect(child.aborted).toBe(true);
    expect(child.reason).toBe('gone');
    expect(child.signal.aborted).toBe(true);
    expect(child.signal.reason).toBe('gone');
  });

  it('dispose unlinks from the parent so finished children are not retained', () => {
    const parent = new CancelScope();
    const child = new CancelScope(parent);
    child.dispose();
    parent.abort('late');
    expect(child.aborted).toBe(false);
  });

  it('materialises its AbortSignal lazily and aborts it later', () => {
    const scope = new CancelScope();
    const signal = scope.signal;
    expect(scope.signal).toBe(signal);
    expect(signal.aborted).toBe(false);
    scope.abort(new Error('why'));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).message).toBe('why');
  });

  it('links to an AbortSignal and removes its listener on dispose and on abort', () => {
    const t = trackedSignal();
    const a = new CancelScope();
    a.linkSignal(t.signal);
    expect(t.listeners).toBe(1);
    a.dispose();
    expect(t.listeners).toBe(0);
    const b = new CancelScope();
    b.linkSignal(t.signal);
    b.abort('self');
    expect(t.listeners).toBe(0);
    const c = new CancelScope();
    c.linkSignal(t.signal);
    t.abort('caller');
    expect(c.aborted).toBe(true);
    expect(c.reason).toBe('caller');
  });

  it('runs dispose callbacks once, also when registered after an abort', () => {
    const scope = new CancelScope();
    let disposed = 0;
    scope.onDispose(() => disposed++);
    scope.onDispose(() => disposed++);
    scope.abort('x');
    scope.dispose();
    expect(disposed).toBe(2);
    scope.onDispose(() => disposed++);
    expect(disposed).toBe(3);
  });

  it('unsubscribe removes only the given callback', () => {
    const scope = new CancelScope();
    const calls: string[] = [];
    const a = (): void => void calls.push('a');
    const b = (): void => void calls.push('b');
    scope.subscribe(a);
    scope.subscribe(b);
    scope.unsubscribe(a);
    scope.unsubscribe(a);
    scope.abort(undefined);
    expect(calls).toEqual(['b']);
  });
});

describe('linkSignal', () => {
  it('aborts with the first parent that aborts and unlinks from all parents', () => {
    const p1 = trackedSignal();
    const p2 = trackedSignal();
    const link = linkSignal(p1.signal, undefined, p2.signal);
    expect(p1.listeners + p2.listeners).toBe(2);
    p2.abort('second');
    expect(link.signal.aborted).toBe(true);
    expect(link.signal.reason).toBe('second');
    expect(p1.listeners).toBe(0);
  });

  it('dispose removes every listener; abort works without parents', () => {
    const p = trackedSignal();
    const link = linkSignal(p.signal);
    link.dispose();
    expect(p.listeners).toBe(0);
    const alone = linkSignal();
    alone.abort('me');
    expect(alone.signal.reason).toBe('me');
  });

  it('starts aborted when a parent already is', () => {
    const c = new AbortController();
    c.abort('early');
    expect(linkSignal(c.signal).signal.reason).toBe('early');
  });
});
