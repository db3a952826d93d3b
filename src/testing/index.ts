/** resile/testing: deterministic time and randomness, and leak-checking helpers for tests. */
export { VirtualClock, type VirtualClockOptions } from './virtual-clock.js';
export { trackedSignal, type TrackedController } from './tracked-signal.js';
export { seededRandom, type Random } from '../core/random.js';
export { withTestingBypass, setTestingBypass } from '../core/ambient.js';
