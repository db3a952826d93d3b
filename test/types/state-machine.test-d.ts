import { describe, expectTypeOf, it } from 'vitest';
import { StateMachine, type AttemptContext, type Transition, type TransitionRecord } from '../../src/index.js';

type ConnEvent = { type: 'connect' } | { type: 'drop'; reason: string };

describe('StateMachine types', () => {
  it('infers a literal union of states from `states`, and data and event types from the options', () => {
    const m = new StateMachine({
      initial: 'disconnected',
      data: { retries: 0 },
      states: ['disconnected', 'connecting', 'connected'],
      transition: (ctx, state, data, event: ConnEvent) => {
        expectTypeOf(ctx).toEqualTypeOf<AttemptContext>();
        expectTypeOf(state).toEqualTypeOf<'disconnected' | 'connecting' | 'connected'>();
        expectTypeOf(data).toEqualTypeOf<{ retries: number }>();
        return event.type === 'connect' ? { state: 'connected', data } : { state: 'disconnected', data: { retries: data.retries + 1 } };
      },
    });
    expectTypeOf(m.state).toEqualTypeOf<'disconnected' | 'connecting' | 'connected'>();
    expectTypeOf(m.data).toEqualTypeOf<{ retries: number }>();
    expectTypeOf<Parameters<typeof m.handle>[0]>().toEqualTypeOf<ConnEvent>();
    expectTypeOf(m.handle({ type: 'connect' })).resolves.toEqualTypeOf<Transition<'disconnected' | 'connecting' | 'connected', { retries: number }>>();
    m.onTransition((t) => {
      expectTypeOf(t).toEqualTypeOf<TransitionRecord<'disconnected' | 'connecting' | 'connected', ConnEvent>>();
    });
  });

  it('accepts async transitions', () => {
    const m = new StateMachine({
      initial: 'a',
      data: 0,
      states: ['a', 'b'],
      transition: async (_ctx, _state, data, event: number) => {
        await Promise.resolve();
        return { state: 'b', data: data + event };
      },
    });
    expectTypeOf(m.state).toEqualTypeOf<'a' | 'b'>();
    expectTypeOf(m.data).toEqualTypeOf<number>();
  });

  it('catches a typo in a target state or in `initial` at compile time when `states` is declared', () => {
    new StateMachine({
      initial: 'off',
      data: null,
      states: ['off', 'on'],
      // @ts-expect-error 'of' is not a declared state
      transition: () => ({ state: 'of', data: null }),
    });
    new StateMachine({
      // @ts-expect-error 'of' is not a declared state
      initial: 'of',
      data: null,
      states: ['off', 'on'],
      transition: () => ({ state: 'on', data: null }),
    });
  });

  it('types states as string without `states`, and accepts explicit type arguments', () => {
    const loose = new StateMachine({ initial: 'idle', data: [] as string[], transition: (_c, s, d, e: string) => ({ state: s + e, data: [...d, e] }) });
    expectTypeOf(loose.state).toEqualTypeOf<string>();
    expectTypeOf(loose.data).toEqualTypeOf<string[]>();
    const explicit = new StateMachine<0 | 1, undefined, 'flip'>({ initial: 0, data: undefined, transition: (_c, s) => ({ state: s === 0 ? 1 : 0, data: undefined }) });
    expectTypeOf(explicit.state).toEqualTypeOf<0 | 1>();
  });

  it('types the fallback and retryIfResult with the transition result', () => {
    new StateMachine({
      initial: 'a',
      data: 1,
      states: ['a', 'b'],
      transition: () => ({ state: 'b', data: 2 }),
      fallback: () => ({ state: 'a', data: 0 }),
      retryIfResult: (result) => {
        expectTypeOf(result).toEqualTypeOf<Transition<'a' | 'b', number>>();
        return false;
      },
    });
    new StateMachine({
      initial: 'a',
      data: 1,
      states: ['a', 'b'],
      transition: () => ({ state: 'b', data: 2 }),
      // @ts-expect-error the fallback must produce a declared state
      fallback: () => ({ state: 'c', data: 0 }),
    });
  });
});
