import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WaitQueue, type QueueNode } from './wait-queue.js';

describe('WaitQueue', () => {
  it('is FIFO and removes any entry in place', () => {
    const q = new WaitQueue<number>();
    const nodes = [1, 2, 3, 4].map((v) => q.push(v));
    expect(q.remove(nodes[1]!)).toBe(true);
    expect(q.remove(nodes[1]!)).toBe(false);
    expect(q.size).toBe(3);
    expect(q.peek()).toBe(1);
    expect([q.shift(), q.shift(), q.shift(), q.shift()]).toEqual([1, 3, 4, undefined]);
    expect(q.size).toBe(0);
  });

  it('matches an array model under random push/shift/remove', () => {
    type Op = { kind: 'push' } | { kind: 'shift' } | { kind: 'remove'; index: number };
    const op = fc.oneof(
      fc.constant<Op>({ kind: 'push' }),
      fc.constant<Op>({ kind: 'shift' }),
      fc.nat(20).map<Op>((index) => ({ kind: 'remove', index })),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const q = new WaitQueue<number>();
        let model: { v: number; node: QueueNode<number> }[] = [];
        let next = 0;
        for (const o of ops) {
          if (o.kind === 'push') {
            const v = next++;
            model.push({ v, node: q.push(v) });
          } else if (o.kind === 'shift') {
            expect(q.shift()).toBe(model.shift()?.v);
          } else if (model.length > 0) {
            const victim = model[o.index % model.length]!;
            expect(q.remove(victim.node)).toBe(true);
            model = model.filter((m) => m !== victim);
          }
          expect(q.size).toBe(model.length);
          expect(q.peek()).toBe(model[0]?.v);
        }
      }),
    );
  });
});
