// A pool of replicas behind a round-robin balancer: one replica can degrade while the others stay
// healthy, and a retry or hedge lands on the next replica, as behind a real load balancer.
import type { SimDependency } from './dependency.js';

/** Replicas answering in turn; `call(signal)` is one request to the next replica. */
export class SimCluster {
  private nextIndex = 0;

  constructor(readonly replicas: readonly SimDependency[]) {
    if (replicas.length === 0) throw new RangeError('SimCluster: replicas must not be empty');
  }

  /** Requests that reached any replica. */
  get arrivals(): number {
    let n = 0;
    for (const r of this.replicas) n += r.stats.arrivals;
    return n;
  }

  /** Whether any replica reacts to a caller's abort. */
  get needsSignal(): boolean {
    return this.replicas.some((r) => r.needsSignal);
  }

  /** One request to the next replica in turn. */
  call(signal?: AbortSignal): Promise<void> {
    const replica = this.replicas[this.nextIndex] as SimDependency;
    this.nextIndex = (this.nextIndex + 1) % this.replicas.length;
    return replica.call(signal);
  }
}
