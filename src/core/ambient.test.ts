import { describe, expect, it } from 'vitest';
import { trackedSignal } from '../testing/tracked-signal.js';
import { currentContext, hasAsyncContext, runWithContext, setTestingBypass, withTestingBypass, ambientState, isBypassed } from './ambient.js';
import { Priority } from './priority.js';

describe('ambient context', () => {
  it('is empty outside any context', () => {
    expect(currentContext()).toEqual({ priority: Priority.Standard });
  });

  it('propagates across await when AsyncLocalStorage exists', async () => {
    expect(hasAsyncContext).toBe(true);
    const seen = await runWithContext({ deadline: 5000, priority: Priority.Low }, async () => {
      await Promise.resolve();
      await new Promise((r) => setImmediate(r));
      return currentContext();
    });
    expect(seen).toEqual({ deadline: 5000, priority: 'low' });
  });

  it('nested contexts only narrow the deadline', () => {
    const inner = runWithContext({ deadline: 1000 }, () => runWithContext({ deadline: 9000 }, () => currentContext().deadline));
    expect(inner).toBe(1000);
    const tighter = runWithContext({ deadline: 9000 }, () => runWithContext({ deadline: 1000 }, () => currentContext().deadline));
    expect(tighter).toBe(1000);
  });

  it('combines signals and unlinks them when the work settles', async () => {
    const outer = trackedSignal();
    const inner = trackedSignal();
    let combined: AbortSignal | undefined;
    await runWithContext({ signal: outer.signal }, () =>
      runWithContext({ signal: inner.signal }, async () => {
        combined = currentContext().signal;
        await Promise.resolve();
      }),
    );
    expect(outer.listeners + inner.listeners).toBe(0);
    const p = runWithContext({ signal: outer.signal }, () =>
      runWithContext({ signal: inner.signal }, () => {
        const s = currentContext().signal;
        return new Promise((resolve) => s?.addEventListener('abort', () => resolve(s.reason)));
      }),
    );
    outer.abort('outer stopped');
    expect(await p).toBe('outer stopped');
    expect(combined).toBeDefined();
  });

  it('unlinks combined signals when fn throws synchronously', () => {
    const a = trackedSignal();
    const b = trackedSignal();
    expect(() => runWithContext({ signal: a.signal }, () => runWithContext({ signal: b.signal }, () => { throw new Error('sync'); }))).toThrow('sync');
    expect(a.listeners + b.listeners).toBe(0);
  });

  it('testing bypass is ambient and keeps the rest of the context', async () => {
    expect(isBypassed(ambientState())).toBe(false);
    const state = await runWithContext({ deadline: 42 }, () => withTestingBypass(async () => {
      await Promise.resolve();
      return ambientState();
    }));
    expect(state).toMatchObject({ bypass: true, deadline: 42 });
    setTestingBypass(true);
    try {
      expect(isBypassed(undefined)).toBe(true);
    } finally {
      setTestingBypass(false);
    }
  });
});
