import { checkNonNegativeInteger, checkPositiveInteger } from '../core/validate.js';
import { Branch, type End, type Hub } from './branch.js';
import { checkSource, checkStageOptions, type StageOptions, type StreamSource } from './options.js';
import { SourceReader } from './source-reader.js';

/** Options of {@link duplicate}. */
export interface DuplicateOptions extends StageOptions {
  /**
   * How many items a consumer may fall behind the fastest one. `0` (the default) moves every
   * consumer in lockstep and buffers nothing; the source is never read further ahead than this.
   */
  buffer?: number;
}

/**
 * Fans `source` out to `n` consumers without loss: each gets every item, in order. Reading is
 * driven by demand and bounded: the source is read only when a consumer asks and no other
 * consumer is already `buffer` items behind, so the slowest consumer sets the pace. A consumer
 * that stops (`break`) leaves the others going; the source is released when all have stopped.
 * Every consumer must be iterated (or returned): one never started holds the others back.
 */
export function duplicate<T>(source: StreamSource<T>, n: number, options?: DuplicateOptions): AsyncIterableIterator<T>[] {
  const owner = 'duplicate';
  const s = checkSource<T>(owner, source);
  const count = checkPositiveInteger(owner, 'n', n);
  const o = checkStageOptions<DuplicateOptions>(owner, options);
  const buffer = o.buffer === undefined ? 0 : checkNonNegativeInteger(owner, 'buffer', o.buffer);
  const fanout = new Fanout(new SourceReader(s, o.signal), buffer, o.signal);
  return Array.from({ length: count }, () => fanout.branch());
}

class Fanout<T> implements Hub<T> {
  private readonly branches = new Set<Branch<T>>();
  private reading = false;
  private ended: End | undefined;
  private listening = false;
  private readonly onAbort = (): void => {
    this.finish({ ok: false, error: this.signal?.reason });
  };

  constructor(
    private readonly reader: SourceReader<T>,
    private readonly buffer: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  branch(): Branch<T> {
    const b = new Branch<T>(this);
    this.branches.add(b);
    return b;
  }

  get end(): End | undefined {
    return this.ended;
  }

  /** Reads the next item if some consumer waits for one and every other has room for it. */
  pump(): void {
    if (this.reading || this.ended !== undefined) return;
    let asked = false;
    for (const b of this.branches) {
      if (b.waiting) asked = true;
      else if (b.buffered >= this.buffer) return;
    }
    if (!asked || !this.listen()) return;
    this.reading = true;
    this.reader.read().then(
      (next) => {
        this.reading = false;
        if (next.done === true) {
          this.finish({ ok: true });
          return;
        }
        for (const b of this.branches) b.offer(next.value);
        this.pump();
      },
      (error: unknown) => {
        this.reading = false;
        this.finish({ ok: false, error });
      },
    );
  }

  leave(branch: Branch<T>): Promise<void> {
    this.branches.delete(branch);
    if (this.branches.size > 0) {
      // The leaver may have been the one holding the others back.
      this.pump();
      return Promise.resolve();
    }
    this.unlisten();
    return this.reader.close();
  }

  private finish(end: End): void {
    if (this.ended !== undefined) return;
    this.ended = end;
    this.unlisten();
    const drop = this.signal?.aborted === true;
    for (const b of [...this.branches]) b.settle(end, drop);
  }

  /**
   * Watches the signal from the first demand on (so an unused fan-out leaves no listener):
   * consumers may wait while no read is in flight, because another one is `buffer` behind.
   * Returns false when the signal has already aborted (the fan-out is then finished).
   */
  private listen(): boolean {
    if (this.listening || this.signal === undefined) return true;
    if (this.signal.aborted) {
      this.onAbort();
      return false;
    }
    this.listening = true;
    this.signal.addEventListener('abort', this.onAbort);
    return true;
  }

  private unlisten(): void {
    if (this.listening) this.signal?.removeEventListener('abort', this.onAbort);
    this.listening = false;
  }
}
