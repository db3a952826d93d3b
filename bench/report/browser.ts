// Opens a report in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core;
// never a downloaded browser), checks what every chart actually rendered, and can take a
// screenshot. Used by the report test and by `npm run demo:screenshot`.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { ManifestEntry } from './page.js';

/** Where Debian's chromium package puts the browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** Flags this offline machine needs (no sandbox as root, no GPU, no background network). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** What one chart rendered, read from the live DOM. */
export interface RenderedChartCheck {
  readonly id: string;
  /** Size of the chart on the page, px. */
  readonly width: number;
  readonly height: number;
  /** For each expected series: its drawn area on the page (0 when nothing visible). */
  readonly series: Readonly<Record<string, number>>;
}

/** Result of opening a report. */
export interface ReportCheck {
  readonly manifest: readonly ManifestEntry[];
  readonly charts: readonly RenderedChartCheck[];
  /** `data-chart` ids present on the page. */
  readonly chartIds: readonly string[];
  readonly consoleErrors: readonly string[];
}

/** True when the Chromium binary is installed. */
export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** Opens `htmlFile` in a fresh headless Chromium profile, inspects every chart, optionally saves a full-page screenshot. */
export async function checkReport(htmlFile: string, options: { screenshot?: string; width?: number } = {}): Promise<ReportCheck> {
  const profile = mkdtempSync(join(tmpdir(), 'resile-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_FLAGS],
    viewport: { width: options.width ?? 1380, height: 900 },
    offline: true,
  });
  try {
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
    const manifest = JSON.parse((await page.textContent('#chart-manifest')) ?? '[]') as ManifestEntry[];
    const chartIds = await page.$$eval('svg[data-chart]', (svgs) => svgs.map((s) => s.getAttribute('data-chart') ?? ''));
    const charts: RenderedChartCheck[] = [];
    for (const entry of manifest) {
      charts.push(
        await page.evaluate((e: ManifestEntry) => {
          const svg = Array.from(document.querySelectorAll('svg[data-chart]')).find((s) => s.getAttribute('data-chart') === e.id);
          const box = svg?.getBoundingClientRect();
          const series: Record<string, number> = {};
          for (const name of e.series) {
            const node = svg === undefined ? undefined : Array.from(svg.querySelectorAll('[data-series]')).find((n) => n.getAttribute('data-series') === name);
            const b = node?.getBoundingClientRect();
            // A flat line has zero height: count its length so it still proves it was drawn.
            series[name] = b === undefined ? 0 : Math.max(b.width, 1) * Math.max(b.height, 1) * (b.width > 0 || b.height > 0 ? 1 : 0);
          }
          return { id: e.id, width: box?.width ?? 0, height: box?.height ?? 0, series };
        }, entry),
      );
    }
    if (options.screenshot !== undefined) await page.screenshot({ path: options.screenshot, fullPage: true });
    return { manifest, charts, chartIds, consoleErrors };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
