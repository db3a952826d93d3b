// Scales and tick marks for the chart module: linear and logarithmic, with "nice" round ticks.

/** Maps a data value to a pixel coordinate. */
export interface Scale {
  (value: number): number;
  readonly ticks: readonly number[];
  readonly domain: readonly [number, number];
}

/** Round tick values covering [min, max], about `count` of them (1, 2 or 5 × a power of ten apart). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / Math.max(1, count);
  let step = 10 ** Math.floor(Math.log10(raw));
  const err = raw / step;
  if (err >= 7.5) step *= 10;
  else if (err >= 3.5) step *= 5;
  else if (err >= 1.5) step *= 2;
  const ticks: number[] = [];
  const first = Math.ceil(min / step - 1e-9);
  for (let i = first; i * step <= max + step * 1e-9; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/** A linear scale whose domain is [lo, hi] widened to the nearest round ticks. */
export function linearScale(lo: number, hi: number, range: readonly [number, number], count = 5): Scale {
  if (!(hi > lo)) hi = lo + (lo === 0 ? 1 : Math.abs(lo));
  const ticks = niceTicks(lo, hi, count);
  const step = ticks.length > 1 ? (ticks[1] as number) - (ticks[0] as number) : hi - lo;
  if ((ticks[0] as number) > lo) ticks.unshift(Number(((ticks[0] as number) - step).toPrecision(12)));
  if ((ticks[ticks.length - 1] as number) < hi) ticks.push(Number(((ticks[ticks.length - 1] as number) + step).toPrecision(12)));
  const d0 = ticks[0] as number;
  const d1 = ticks[ticks.length - 1] as number;
  const [r0, r1] = range;
  const f = ((v: number) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0)) as Scale;
  return Object.assign(f, { ticks, domain: [d0, d1] as const });
}

/** A log10 scale over whole decades covering [lo, hi] (lo > 0); ticks at 1, 2, 5 × 10^k when few decades. */
export function logScale(lo: number, hi: number, range: readonly [number, number]): Scale {
  const safeLo = lo > 0 ? lo : 1;
  const safeHi = hi > safeLo ? hi : safeLo * 10;
  const e0 = Math.floor(Math.log10(safeLo) + 1e-9);
  let e1 = Math.ceil(Math.log10(safeHi) - 1e-9);
  if (e1 <= e0) e1 = e0 + 1;
  const steps = e1 - e0 <= 2 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let e = e0; e <= e1; e++) {
    for (const m of steps) {
      const v = Number((m * 10 ** e).toPrecision(12));
      if (v <= 10 ** e1 + 1e-9) ticks.push(v);
    }
  }
  const [r0, r1] = range;
  const f = ((v: number) => r0 + ((Math.log10(Math.max(v, 10 ** e0)) - e0) / (e1 - e0)) * (r1 - r0)) as Scale;
  return Object.assign(f, { ticks, domain: [10 ** e0, 10 ** e1] as const });
}

/** Short tick label: 1.5k, 250, 0.02. */
export function tickLabel(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${trim(v / 1e6)}M`;
  if (a >= 1e3) return `${trim(v / 1e3)}k`;
  return trim(v);
}

function trim(v: number): string {
  return String(Number(v.toPrecision(3)));
}
