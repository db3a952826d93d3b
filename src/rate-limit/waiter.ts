import type { QueueNode, WaitQueue } from '../core/wait-queue.js';

/** A caller waiting for `n` tokens. */
export interface TokenWaiter {
  readonly n: number;
  /** Hands the tokens over (the caller's promise resolves). */
  readonly grant: () => void;
  /** Gives up on the caller (its promise rejects with `error`). */
  readonly fail: (error: unknown) => void;
}

/**
 * Queues a caller for `n` tokens and returns its promise. When `signal` aborts, the caller leaves
 * the queue at once (rejecting with the signal's reason) and `left(wasHead)` runs, so the bucket
 * can serve whoever is now first; its abort listener is removed on every way out.
 */
export function enqueueWaiter(
  waiters: WaitQueue<TokenWaiter>,
  n: number,
  signal: AbortSignal | undefined,
  left: (wasHead: boolean) => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      const wasHead = waiters.peek() === node.value;
      if (!waiters.remove(node)) return;
      signal?.removeEventListener('abort', onAbort);
      reject(signal?.reason as unknown);
      left(wasHead);
    };
    const node: QueueNode<TokenWaiter> = waiters.push({
      n,
      grant: () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      fail: (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      },
    });
    signal?.addEventListener('abort', onAbort);
  });
}
