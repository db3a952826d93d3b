// `npm run demo:screenshot`: renders a report in headless Chromium and saves the screenshot the
// README embeds. Usage: node --import tsx bench/report/screenshot.ts <report.html> <out.png>
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checkReport } from './browser.js';

const [html, png] = process.argv.slice(2);
if (html === undefined || png === undefined) throw new Error('usage: screenshot.ts <report.html> <out.png>');
mkdirSync(dirname(resolve(png)), { recursive: true });
const check = await checkReport(resolve(html), { screenshot: resolve(png) });
console.log(`${String(check.charts.length)} charts rendered → ${png}`);
