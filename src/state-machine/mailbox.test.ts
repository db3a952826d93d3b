import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CancelScope } from '../core/cancel-scope.js';
import { Mailbox } from './mailbox.js';

describe('Mailbox', () => {
  it('admits at once when idle and one at a time after that, in arrival order', async () => {
    const box = new Mailbox();
    const admitted: number[] = [];
    await box.enter(undefined);
    const waiting = [1, 2, 3].map((i) => box.enter(undefined).then(() => admitted.push(i)));
    expect(box.size).toBe(3);
    for (let i = 0; i < 3; i++) {
      box.leave();
      await waiting[i];
    }
    expect(admitted).toEqual([1, 2, 3]);
    box.leave();
    await box.enter(undefined);
  });

  it('drops an aborted waiter at once and unsubscribes the admitted ones', async () => {
    const box = new Mailbox();
    await box.enter(undefined);
    const a = new CancelScope();
    const b = new CancelScope();
    const first = box.enter(a);
    const second = box.enter(b);
    a.abort('gone');
    await expect(first).rejects.toBe('gone');
    expect(box.size).toBe(1);
    box.leave();
    await second;
    // `b` no longer has an abort callback: aborting it now changes nothing.
    b.abort('late');
    expect(box.size).toBe(0);
  });

  it('rejects an already aborted scope without queueing it', async () => {
    const box = new Mailbox();
    const scope = new CancelScope();
    scope.abort('before');
    await expect(box.enter(scope)).rejects.toBe('before');
    await box.enter(undefined);
  });

  it('admits survivors in order whatever subset aborts (model test)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { maxLength: 30 }), async (aborts) => {
        const box = new Mailbox();
        await box.enter(undefined);
        const admitted: number[] = [];
        const scopes = aborts.map(() => new CancelScope());
        const entries = scopes.map((scope, i) =>
          box.enter(scope).then(
            () => {
              admitted.push(i);
              box.leave();
            },
            () => undefined,
          ),
        );
        aborts.forEach((abort, i) => {
          if (abort) scopes[i]?.abort('x');
        });
        box.leave();
        await Promise.all(entries);
        expect(admitted).toEqual(aborts.flatMap((abort, i) => (abort ? [] : [i])));
        expect(box.size).toBe(0);
      }),
    );
  });
});
