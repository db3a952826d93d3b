/** One entry of a {@link WaitQueue}; keep it to remove the entry in O(1). */
export class QueueNode<T> {
  prev: QueueNode<T> | undefined = undefined;
  next: QueueNode<T> | undefined = undefined;
  /** False once the node left the queue (shifted or removed). */
  queued = true;

  constructor(readonly value: T) {}
}

/**
 * A FIFO queue with O(1) push, shift and removal of any entry. Waiting callers whose signal
 * aborts leave it at once, so an abandoned waiter can never hold a place (or a slot) later.
 */
export class WaitQueue<T> {
  private head: QueueNode<T> | undefined = undefined;
  private tail: QueueNode<T> | undefined = undefined;
  private count = 0;

  /** Number of entries. */
  get size(): number {
    return this.count;
  }

  /** The oldest entry's value, or `undefined`. */
  peek(): T | undefined {
    return this.head?.value;
  }

  /** Appends `value`; the returned node removes it with {@link remove}. */
  push(value: T): QueueNode<T> {
    const node = new QueueNode(value);
    const tail = this.tail;
    if (tail === undefined) this.head = node;
    else {
      tail.next = node;
      node.prev = tail;
    }
    this.tail = node;
    this.count++;
    return node;
  }

  /** Removes and returns the oldest value, or `undefined` when empty. */
  shift(): T | undefined {
    const node = this.head;
    if (node === undefined) return undefined;
    this.remove(node);
    return node.value;
  }

  /** Removes `node`; returns false when it had already left the queue. */
  remove(node: QueueNode<T>): boolean {
    if (!node.queued) return false;
    node.queued = false;
    const { prev, next } = node;
    if (prev === undefined) this.head = next;
    else prev.next = next;
    if (next === undefined) this.tail = prev;
    else next.prev = prev;
    node.prev = undefined;
    node.next = undefined;
    this.count--;
    return true;
  }
}
