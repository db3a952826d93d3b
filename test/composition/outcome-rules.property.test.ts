import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { execute, fatal, RetryExhaustedError, withTestingBypass } from '../../src/index.js';

type Step = 'ok' | 'retryable' | 'fatal' | 'filtered' | 'cancel-all';

class Filtered extends Error {}

function errorFor(step: Step, i: number): unknown {
  switch (step) {
    case 'retryable':
      return new Error(`retryable ${String(i)}`);
    case 'fatal':
      return fatal(new Error(`fatal ${String(i)}`));
    case 'filtered':
      return new Filtered(`filtered ${String(i)}`);
    case 'cancel-all':
      return Object.assign(new Error(`cancel ${String(i)}`), { cancelAllRetries: true });
    case 'ok':
      return undefined;
  }
}

/** The outcome rules of API.md §1, written as plainly as possible. */
function model(steps: Step[], maxAttempts: number): { value: number } | { error: string } | { exhausted: string[]; attempts: number } {
  const errors: string[] = [];
  for (let i = 0; i < maxAttempts; i++) {
    const step = steps[i % steps.length] as Step;
    if (step === 'ok') return { value: i };
    const message = `${step === 'cancel-all' ? 'cancel' : step} ${String(i)}`;
    if (step !== 'retryable') return { error: message };
    errors.push(message);
  }
  return maxAttempts === 1 ? { error: errors[0] as string } : { exhausted: errors, attempts: maxAttempts };
}

describe('outcome rules (property)', () => {
  it('execute matches the model for any sequence of attempt outcomes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom<Step>('ok', 'retryable', 'retryable', 'fatal', 'filtered', 'cancel-all'), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 8 }), async (steps, maxAttempts) => {
        const expected = model(steps, maxAttempts);
        const run = withTestingBypass(() =>
          execute(
            ({ attempt }) => {
              const step = steps[attempt % steps.length] as Step;
              return step === 'ok' ? attempt : Promise.reject(errorFor(step, attempt));
            },
            { maxAttempts, retryIf: (e) => !(e instanceof Filtered) },
          ),
        );
        const actual = await run.then(
          (value) => ({ value }),
          (error: unknown) =>
            error instanceof RetryExhaustedError
              ? { exhausted: error.errors.map((e: Error) => e.message), attempts: error.attempts }
              : { error: (error as Error).message },
        );
        expect(actual).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
