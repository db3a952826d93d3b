import { describe, expect, it } from 'vitest';
import { useClock } from '../../../../test/helpers/clock.js';
import { trackedSignal } from '../../../testing/index.js';
import { guardBody } from './body-guard.js';

/** A response whose body is a stream the test drives, recording how it was cancelled. */
function source(): { response: Response; push(text: string): void; end(): void; fail(error: unknown): void; cancelled: unknown[] } {
  const cancelled: unknown[] = [];
  let ctrl!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      ctrl = c;
    },
    cancel(reason) {
      cancelled.push(reason);
    },
  });
  return {
    response: new Response(body, { status: 201, statusText: 'Made', headers: { 'x-a': '1' } }),
    push: (text) => {
      ctrl.enqueue(new TextEncoder().encode(text));
    },
    end: () => {
      ctrl.close();
    },
    fail: (error) => {
      ctrl.error(error);
    },
    cancelled,
  };
}

describe('guardBody', () => {
  it('returns the response itself when nothing can stop it', () => {
    const clock = useClock();
    const s = source();
    expect(guardBody(s.response, undefined, [undefined], clock)).toBe(s.response);
    const empty = new Response(null, { status: 204 });
    expect(guardBody(empty, clock.now() + 10, [new AbortController().signal], clock)).toBe(empty);
  });

  it('keeps status, headers, url and type, also on clones', async () => {
    const clock = useClock();
    const s = source();
    Object.defineProperty(s.response, 'url', { value: 'http://example.test/a' });
    const guarded = guardBody(s.response, clock.now() + 1000, [], clock);
    expect([guarded.status, guarded.statusText, guarded.headers.get('x-a'), guarded.url, guarded.type]).toEqual([201, 'Made', '1', 'http://example.test/a', 'default']);
    expect(guarded.clone().url).toBe('http://example.test/a');
    s.push('x');
    s.end();
    expect(await guarded.text()).toBe('x');
    expect(clock.pendingTimers).toBe(0);
  });

  it('releases the listeners and the timer once the body is read to the end', async () => {
    const clock = useClock();
    const tracked = trackedSignal();
    const s = source();
    const guarded = guardBody(s.response, clock.now() + 1000, [tracked.signal, tracked.signal, undefined], clock);
    expect([tracked.listeners, clock.pendingTimers]).toEqual([1, 1]);
    s.push('hello ');
    s.push('world');
    s.end();
    expect(await guarded.text()).toBe('hello world');
    expect([tracked.listeners, clock.pendingTimers]).toEqual([0, 0]);
  });

  it('cancels the body and fails the read with the reason when a signal aborts mid-read', async () => {
    const clock = useClock();
    const tracked = trackedSignal();
    const s = source();
    const reader = (guardBody(s.response, undefined, [tracked.signal], clock).body as ReadableStream<Uint8Array>).getReader();
    s.push('a');
    expect((await reader.read()).done).toBe(false);
    const pending = reader.read();
    const reason = new Error('caller gave up');
    tracked.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(s.cancelled).toEqual([reason]);
    expect(tracked.listeners).toBe(0);
  });

  it('cancels the body when the deadline passes', async () => {
    const clock = useClock();
    const s = source();
    const outcome = guardBody(s.response, clock.now() + 50, [], clock)
      .text()
      .catch((e: unknown) => e);
    await clock.advance(50);
    expect(await outcome).toMatchObject({ code: 'ERR_DEADLINE_EXCEEDED' });
    expect(s.cancelled).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
  });

  it('passes a cancel by the caller on to the source and releases everything', async () => {
    const clock = useClock();
    const tracked = trackedSignal();
    const s = source();
    const guarded = guardBody(s.response, clock.now() + 50, [tracked.signal], clock);
    await guarded.body?.cancel('not needed');
    expect(s.cancelled).toEqual(['not needed']);
    expect([tracked.listeners, clock.pendingTimers]).toEqual([0, 0]);
  });

  it('passes a source error on and releases everything', async () => {
    const clock = useClock();
    const tracked = trackedSignal();
    const s = source();
    const text = guardBody(s.response, clock.now() + 50, [tracked.signal], clock).text();
    const error = new Error('socket hang up');
    s.fail(error);
    await expect(text).rejects.toBe(error);
    expect([tracked.listeners, clock.pendingTimers]).toEqual([0, 0]);
  });

  it('throws at once, cancelling the body, when a signal already aborted or the deadline already passed', () => {
    const clock = useClock();
    const aborted = trackedSignal();
    const reason = new Error('gone');
    aborted.abort(reason);
    const s = source();
    expect(() => guardBody(s.response, undefined, [aborted.signal], clock)).toThrow(reason);
    expect(s.cancelled).toEqual([reason]);
    const t = source();
    expect(() => guardBody(t.response, clock.now(), [], clock)).toThrow(expect.objectContaining({ code: 'ERR_DEADLINE_EXCEEDED' }) as Error);
    expect(t.cancelled).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
  });
});
