import { describe, expect, it } from 'vitest';
import type { StateMachineOptions } from './options.js';
import { StateMachine } from './state-machine.js';

const transition = (): { state: string; data: number } => ({ state: 'a', data: 0 });

function build(options: unknown): StateMachine {
  return new StateMachine(options as StateMachineOptions<string, unknown, unknown>);
}

describe('StateMachine options', () => {
  it.each([
    [undefined, new TypeError('StateMachine: options must be an object (got undefined)')],
    [{ initial: 'a', data: 0 }, new TypeError('StateMachine: transition must be a function (got undefined)')],
    [{ initial: 'a', data: 0, transition: 'go' }, new TypeError('StateMachine: transition must be a function (got "go")')],
    [{ data: 0, transition }, new TypeError('StateMachine: initial must be set (got undefined)')],
    [{ initial: 'a', data: 0, transition, states: 'a' }, new TypeError('StateMachine: states must be an array of states (got "a")')],
    [{ initial: 'a', data: 0, transition, states: [] }, new RangeError('StateMachine: states must be a non-empty array of states (got an array)')],
    [{ initial: 'c', data: 0, transition, states: ['a', 'b'] }, new RangeError('StateMachine: initial must be one of states ("a", "b") (got "c")')],
    [{ initial: 'a', data: 0, transition, maxAttempts: 0 }, new RangeError('StateMachine: maxAttempts must be a positive integer (got 0)')],
    [{ initial: 'a', data: 0, transition, baseDelay: -1 }, new RangeError('StateMachine: baseDelay must be a non-negative finite number of milliseconds (got -1)')],
    [{ initial: 'a', data: 0, transition, attemptTimeout: 0 }, new RangeError('StateMachine: attemptTimeout must be a positive finite number of milliseconds (got 0)')],
    [{ initial: 'a', data: 0, transition, timeout: Number.NaN }, new RangeError('StateMachine: timeout must be a positive finite number of milliseconds (got NaN)')],
    [{ initial: 'a', data: 0, transition, fallback: 1 }, new TypeError('StateMachine: fallback must be a function (got 1)')],
    [{ initial: 'a', data: 0, transition, clock: {} }, new TypeError('StateMachine: clock must be a Clock (an object with now and setTimer) (got an object)')],
    [{ initial: 'a', data: 0, transition, signal: 'stop' }, new TypeError('StateMachine: signal must be an AbortSignal (got "stop")')],
    [{ initial: 'a', data: 0, transition, deadline: 'soon' }, new TypeError('StateMachine: deadline must be a number (epoch ms) or a Date (got "soon")')],
    [{ initial: 'a', data: 0, transition, instrumenter: 3 }, new TypeError('StateMachine: instrumenter must be an Instrumenter object or an array of them (got 3)')],
  ])('rejects %j', (options, error) => {
    expect(() => build(options)).toThrow(error);
  });

  it('lists at most eight declared states in messages', () => {
    const states = Array.from({ length: 10 }, (_, i) => `s${String(i)}`);
    expect(() => build({ initial: 'x', data: 0, transition, states })).toThrow(
      'StateMachine: initial must be one of states ("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", …) (got "x")',
    );
  });

  it('rejects invalid handle() options as a rejection, leaving the mailbox free', async () => {
    const m = new StateMachine({ initial: 'a', data: 0, transition });
    await expect(m.handle('x', 5 as never)).rejects.toThrow(new TypeError('StateMachine.handle: options must be an object (got 5)'));
    await expect(m.handle('x', { signal: {} as AbortSignal })).rejects.toThrow(new TypeError('StateMachine: signal must be an AbortSignal (got an object)'));
    await expect(m.handle('x', { deadline: Number.POSITIVE_INFINITY })).rejects.toThrow(
      new RangeError('StateMachine: deadline must be a finite number of epoch milliseconds (got Infinity)'),
    );
    await expect(m.handle('x')).resolves.toEqual({ state: 'a', data: 0 });
  });
});
