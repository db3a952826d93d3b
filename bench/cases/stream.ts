// Issue 7 overhead: StateMachine.handle per event, and resile/stream stages per item at steady
// state (each call takes one item from a long-lived stage over an endless in-memory source).
import { execute, StateMachine } from 'resile';
import { duplicate, mapResilient, window } from 'resile/stream';
import type { BenchGroup } from '../harness.js';

const endless: AsyncIterable<number> = {
  [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve({ done: false, value: 1 }) }),
};

async function* generatorMap(source: AsyncIterable<number>): AsyncGenerator<number> {
  for await (const x of source) yield x * 2;
}

const machine = new StateMachine({ initial: 'idle', data: 0, transition: (_ctx, state, data, by: number) => ({ state, data: data + by }) });
const plain = generatorMap(endless);
const mapped1 = mapResilient(endless, (x) => x * 2);
const mapped8 = mapResilient(endless, (x) => x * 2, { concurrency: 8 });
const mapped8Unordered = mapResilient(endless, (x) => x * 2, { concurrency: 8, ordered: false });
const windows = window(endless, 20);
const [left, right] = duplicate(endless, 2, { buffer: 16 });

export const groups: BenchGroup[] = [
  {
    title: 'StateMachine.handle(event), sync transition, default options',
    tasks: [
      { name: 'resile execute(fn)', fn: () => execute(() => 1) },
      { name: 'resile StateMachine.handle', fn: () => machine.handle(1) },
    ],
  },
  {
    title: 'resile/stream, one item at steady state',
    tasks: [
      { name: 'async generator map (no library)', fn: () => plain.next() },
      { name: 'mapResilient, concurrency 1', fn: () => mapped1.next() },
      { name: 'mapResilient, concurrency 8, ordered', fn: () => mapped8.next() },
      { name: 'mapResilient, concurrency 8, unordered', fn: () => mapped8Unordered.next() },
      { name: 'window(20)', fn: () => windows.next() },
      { name: 'duplicate(2), both consumers take one', fn: () => Promise.all([left!.next(), right!.next()]) },
    ],
  },
];
