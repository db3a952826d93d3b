import { checkSource, checkStageOptions, type StageOptions, type StreamSource } from './options.js';
import { SourceReader } from './source-reader.js';

/**
 * Reads `source` to its end and returns every item. Only for finite sources: the array is as
 * large as the source. When `signal` aborts it rejects with the signal's reason and releases
 * the source.
 */
export async function toArray<T>(source: StreamSource<T>, options?: StageOptions): Promise<T[]> {
  const o = checkStageOptions<StageOptions>('toArray', options);
  const reader = new SourceReader(checkSource<T>('toArray', source), o.signal);
  const items: T[] = [];
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done === true) return items;
      items.push(next.value);
    }
  } finally {
    await reader.close();
  }
}
