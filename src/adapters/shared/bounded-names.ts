import { OTHER, UNNAMED } from './vocabulary.js';

const MAX_LENGTH = 128;

/**
 * Turns user-given names (execution and block names) into metric label values with bounded
 * cardinality: the first `max` distinct names pass through (cut to 128 characters), later new
 * ones become `other`, and a missing name becomes `unnamed`. A name that embeds ids cannot
 * explode the metric store.
 */
export class BoundedNames {
  private readonly seen = new Set<string>();

  constructor(readonly max: number) {}

  /** The label value for `name`. */
  label(name: string | undefined): string {
    if (name === undefined || name === '') return UNNAMED;
    const value = name.length > MAX_LENGTH ? name.slice(0, MAX_LENGTH) : name;
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return OTHER;
    this.seen.add(value);
    return value;
  }
}
