/** resile/stream: async-iterable stages with backpressure for unbounded data (portable: no Node APIs). */
export { fromArray } from './from-array.js';
export { toArray } from './to-array.js';
export { window } from './window.js';
export { duplicate, type DuplicateOptions } from './duplicate.js';
export { mapResilient, type MapResilientOptions, type MapFn } from './map-resilient.js';
export type { MapSettled, OnError } from './map-stage.js';
export type { HealthSource } from './pause.js';
export type { StageOptions, StreamSource } from './options.js';
