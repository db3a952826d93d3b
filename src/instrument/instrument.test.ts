import { describe, expect, it, vi } from 'vitest';
import { settle, useClock } from '../../test/helpers/clock.js';
import type { Instrumenter } from '../core/telemetry/instrumenter.js';
import { execute } from '../policy/execute.js';
import { policy } from '../policy/policy.js';
import { retry } from '../retry/retry.js';
import { instrument } from './instrument.js';

describe('instrument: enabled() gate', () => {
  it('skips an instrumenter whose gate says no, asking once per call', async () => {
    const clock = useClock();
    const enabled = vi.fn(() => false);
    const onAttempt = vi.fn();
    const out = await settle(clock, execute(() => 'ok', { clock, instrumenter: { enabled, onAttempt } }));
    expect(out).toEqual({ ok: true, value: 'ok' });
    expect(enabled).toHaveBeenCalledTimes(1);
    expect(onAttempt).not.toHaveBeenCalled();
  });

  it('keeps the other instrumenters of the call when one is gated off', async () => {
    const clock = useClock();
    const off = { enabled: () => false, onAttempt: vi.fn() };
    const on = { enabled: () => true, onAttempt: vi.fn() };
    const plain = { onAttempt: vi.fn() };
    await settle(clock, policy(retry({ maxAttempts: 1 })).execute(() => 1, { clock, instrumenter: [off, on, plain] }));
    expect(off.onAttempt).not.toHaveBeenCalled();
    expect(on.onAttempt).toHaveBeenCalledTimes(1);
    expect(plain.onAttempt).toHaveBeenCalledTimes(1);
  });

  it('treats a throwing gate as enabled and never breaks the call', async () => {
    const clock = useClock();
    const i: Instrumenter = {
      enabled: () => {
        throw new Error('gate broke');
      },
      onSuccess: vi.fn(),
    };
    const out = await settle(clock, policy(instrument(i), retry()).execute(() => 'v', { clock }));
    expect(out).toEqual({ ok: true, value: 'v' });
    expect(i.onSuccess).toHaveBeenCalledTimes(1);
  });

  it('asks again on every call, so an adapter can come alive later', async () => {
    const clock = useClock();
    let live = false;
    const onExecutionStart = vi.fn();
    const p = policy(instrument({ enabled: () => live, onExecutionStart: (e) => { onExecutionStart(e); } }), retry());
    await settle(clock, p.execute(() => 1, { clock }));
    live = true;
    await settle(clock, p.execute(() => 2, { clock }));
    expect(onExecutionStart).toHaveBeenCalledTimes(1);
  });
});

describe('instrument: the instrumenter option', () => {
  it('picks up an array changed between calls', async () => {
    const clock = useClock();
    const a = { onExecutionStart: vi.fn() };
    const b = { onExecutionStart: vi.fn() };
    const list: Instrumenter[] = [a];
    await settle(clock, execute(() => 1, { clock, instrumenter: list }));
    list.push(b);
    await settle(clock, execute(() => 1, { clock, instrumenter: list }));
    expect(a.onExecutionStart).toHaveBeenCalledTimes(2);
    expect(b.onExecutionStart).toHaveBeenCalledTimes(1);
  });

  it('still rejects a non-object instrumenter with the usual message', () => {
    expect(() => execute(() => 1, { instrumenter: [{}, 3 as never] })).toThrow(
      new TypeError('execute: instrumenter must be an Instrumenter object or an array of them (got an array)'),
    );
  });
});
