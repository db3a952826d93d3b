import { checkPositiveInteger } from '../core/validate.js';
import { checkSource, checkStageOptions, type StageOptions, type StreamSource } from './options.js';
import { SourceReader } from './source-reader.js';

/**
 * Sliding windows over `source`: once `size` items have arrived, one array of the last `size`
 * items per item (a fresh array each time, oldest first). No partial windows: a source shorter
 * than `size` yields nothing. Holds at most `size` items.
 */
export function window<T>(source: StreamSource<T>, size: number, options?: StageOptions): AsyncIterableIterator<T[]> {
  const owner = 'window';
  const s = checkSource<T>(owner, source);
  const n = checkPositiveInteger(owner, 'size', size);
  const o = checkStageOptions<StageOptions>(owner, options);
  return slide(new SourceReader(s, o.signal), n);
}

async function* slide<T>(reader: SourceReader<T>, size: number): AsyncGenerator<T[], void, undefined> {
  // A ring of the last `size` items: O(1) per item besides copying the window out.
  const ring: T[] = [];
  let head = 0;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done === true) return;
      if (ring.length < size) {
        ring.push(next.value);
        if (ring.length < size) continue;
      } else {
        ring[head] = next.value;
        head = (head + 1) % size;
      }
      yield [...ring.slice(head), ...ring.slice(0, head)];
    }
  } finally {
    await reader.close();
  }
}
