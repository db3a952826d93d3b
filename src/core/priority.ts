/** Request priorities used by priority load shedding and carried by the ambient context. */
export const Priority = Object.freeze({
  Low: 'low',
  Standard: 'standard',
  Critical: 'critical',
} as const);

/** One of the values of {@link Priority}. */
export type Priority = (typeof Priority)[keyof typeof Priority];

const VALUES: ReadonlySet<unknown> = new Set(Object.values(Priority));

/** True when `value` is one of the {@link Priority} values. */
export function isPriority(value: unknown): value is Priority {
  return VALUES.has(value);
}
