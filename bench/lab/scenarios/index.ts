// Every scenario of the lab, in report order.
import { scenario, type Scenario } from '../define.js';
import { adaptiveConcurrency } from './adaptive-concurrency.js';
import { outage30min } from './outage-30min.js';
import { priorityShedding } from './priority-shedding.js';
import { retryStorm } from './retry-storm.js';
import { tailAtScale } from './tail-at-scale.js';

/** The scenarios `npm run demo` runs. */
export const scenarios: readonly Scenario[] = [
  scenario(tailAtScale),
  scenario(retryStorm),
  scenario(adaptiveConcurrency),
  scenario(outage30min),
  scenario(priorityShedding),
];
