// A live price feed processed by two consumers through `duplicate`: one enriches every tick
// through a flaky reference-data service under `mapResilient` (retries, bounded concurrency,
// order kept), the other raises alerts on a moving average. The slow consumer holds the feed
// back instead of letting a buffer grow: at most `buffer` ticks wait for it.
import { duplicate, mapResilient, window } from 'resile/stream';

interface Tick {
  readonly seq: number;
  readonly symbol: string;
  readonly price: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let produced = 0;
/** A live feed (unbounded in real life): one tick every millisecond until the consumers stop. */
async function* feed(): AsyncGenerator<Tick> {
  try {
    for (let seq = 0; ; seq++) {
      await sleep(1);
      produced++;
      yield { seq, symbol: 'ACME', price: 100 + Math.sin(seq / 3) * 2 };
    }
  } finally {
    console.log(`feed closed after ${produced} ticks`);
  }
}

let lookups = 0;
let failures = 0;
/** Flaky reference data: the first lookup for every third tick fails (and is retried). */
async function sector(tick: Tick, attempt: number, signal: AbortSignal): Promise<string> {
  lookups++;
  await sleep(3);
  signal.throwIfAborted();
  if (tick.seq % 3 === 2 && attempt === 0) {
    failures++;
    throw new Error(`reference data timeout (tick ${tick.seq})`);
  }
  return tick.symbol === 'ACME' ? 'industrials' : 'unknown';
}

const [forEnrichment, forAlerts] = duplicate(feed(), 2, { buffer: 8 });

async function enrich(): Promise<number> {
  let count = 0;
  const enriched = mapResilient(forEnrichment!, async (tick, { attempt, signal }) => ({ ...tick, sector: await sector(tick, attempt, signal) }), {
    concurrency: 4,
    maxAttempts: 3,
    baseDelay: 1,
  });
  for await (const tick of enriched) {
    if (tick.seq !== count) throw new Error('out of order');
    if (++count === 30) break;
  }
  return count;
}

async function alerts(): Promise<number> {
  let alerts = 0;
  let seen = 0;
  for await (const last5 of window(forAlerts!, 5)) {
    const avg = last5.reduce((s, t) => s + t.price, 0) / last5.length;
    const latest = last5[last5.length - 1]!;
    if (Math.abs(latest.price - avg) > 0.8) alerts++;
    if (++seen === 25) break;
  }
  return alerts;
}

const [enrichedCount, alertCount] = await Promise.all([enrich(), alerts()]);
console.log(`enriched ${enrichedCount} ticks in order: ${lookups} lookups, ${failures} failed and were retried; ${alertCount} alerts`);
console.log(`the feed had produced ${produced} ticks when both consumers were done (never more than 8 ahead of the slower one)`);
