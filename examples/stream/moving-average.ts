// Simple moving average over a price series with `window`: one average per price once three
// prices have arrived (no partial windows), holding only the last three prices.
import { fromArray, window } from 'resile/stream';

const prices = fromArray([101.2, 101.8, 102.5, 101.9, 103.1, 104.0, 103.6]);

for await (const last3 of window(prices, 3)) {
  const sma = last3.reduce((sum, p) => sum + p, 0) / last3.length;
  console.log(`${last3.map((p) => p.toFixed(1)).join(', ')} -> SMA(3) ${sma.toFixed(2)}`);
}
