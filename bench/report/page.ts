// The report page: one self-contained HTML file (inline CSS and SVG, no script, no external
// asset) with each scenario's question, table, targets, charts and notes. A JSON manifest of the
// charts and their expected series is embedded for the headless-browser check.
import type { ScenarioResult } from '../lab/result.js';
import { formatCell } from '../lab/table.js';
import { scenarioCharts, type RenderedChart } from './scenario-charts.js';
import { esc } from './svg.js';

/** What the page says about how it was made. */
export interface PageMeta {
  readonly seed: number;
  readonly size: string;
  /** The command that regenerates the page. */
  readonly command: string;
}

/** One entry of the embedded chart manifest. */
export interface ManifestEntry {
  readonly id: string;
  readonly series: readonly string[];
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1f24;margin:0;background:#f6f7f9}
header,section{max-width:1340px;margin:0 auto;padding:16px 24px}
header{padding-top:28px}h1{margin:0 0 4px;font-size:26px}h2{margin:8px 0 2px;font-size:20px}
section{background:#fff;border:1px solid #e3e6ea;border-radius:8px;margin:16px auto}
.question{color:#3d4650;margin:0 0 10px}code{background:#eef0f3;padding:1px 4px;border-radius:3px}
nav a{margin-right:14px}table{border-collapse:collapse;margin:8px 0;font-variant-numeric:tabular-nums}
th,td{padding:4px 10px;border-bottom:1px solid #e3e6ea;text-align:right}th:first-child,td:first-child{text-align:left}
th{font-weight:600;background:#f0f2f5}.targets{margin:6px 0;padding-left:20px}
.met{color:#0a7a3b}.missed{color:#b3261e}.pending{color:#7a6a0a}
.charts{display:flex;flex-wrap:wrap;gap:12px}.charts svg{background:#fff;border:1px solid #eceef1;border-radius:6px}
.chart-title{font-size:13px;font-weight:600;fill:#1b1f24}.tick,.legend,.value{font-size:11px;fill:#3d4650}
.unit,.band-label{font-size:10px;fill:#6a737d}.grid{stroke:#eceef1}.axis{stroke:#9aa3ad}.band-0{fill:#f9e3df}.band-1{fill:#fbefd5}.band-edge{stroke:#d9a79e;stroke-dasharray:3 3}
details{margin-top:8px;color:#3d4650}`;

function table(result: ScenarioResult): string {
  const head = ['variant', ...result.columns.map((c) => c.label)].map((h) => `<th>${esc(h)}</th>`).join('');
  const rows = result.variants
    .map((v) => `<tr><td title="${esc(v.description)}">${esc(v.label)}</td>${result.columns.map((c) => `<td>${esc(formatCell(v.metrics[c.key], c.format))}</td>`).join('')}</tr>`)
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

function targets(result: ScenarioResult): string {
  if (result.targets.length === 0) return '';
  const items = result.targets.map((t) => {
    const [cls, word] = t.met === null ? ['pending', 'pending'] : t.met ? ['met', 'met'] : ['missed', 'not met'];
    return `<li class="${cls}"><b>${word}</b>: ${esc(t.label)} — ${esc(t.variant)}: ${esc(t.measured)}</li>`;
  });
  return `<ul class="targets">${items.join('')}</ul>`;
}

function details(result: ScenarioResult): string {
  const notes = result.notes.map((n) => `<p>${esc(n)}</p>`).join('');
  const variants = result.variants.map((v) => `<li><b>${esc(v.label)}</b>: ${esc(v.description)}</li>`).join('');
  const params = Object.entries(result.params)
    .map(([k, v]) => `<code>${esc(k)}=${esc(String(v))}</code>`)
    .join(' ');
  return `<details><summary>How it is simulated</summary>${notes}<ul>${variants}</ul><p>Parameters: ${params}</p></details>`;
}

function section(result: ScenarioResult, charts: readonly RenderedChart[]): string {
  return `<section id="${esc(result.scenario)}"><h2>${esc(result.title)}</h2><p class="question">${esc(result.question)}</p>${table(result)}${targets(result)}<div class="charts">${charts.map((c) => c.svg).join('')}</div>${details(result)}</section>`;
}

/** The whole report page for `results`. */
export function reportPage(results: readonly ScenarioResult[], meta: PageMeta): { html: string; manifest: ManifestEntry[] } {
  const manifest: ManifestEntry[] = [];
  const sections = results.map((r) => {
    const charts = scenarioCharts(r);
    for (const c of charts) manifest.push({ id: c.id, series: c.series });
    return section(r, charts);
  });
  const nav = results.map((r) => `<a href="#${esc(r.scenario)}">${esc(r.title)}</a>`).join('');
  const json = JSON.stringify(manifest).replace(/</g, '\\u003c');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>resile lab: resilience policies under simulated failure</title><style>${CSS}</style></head>
<body><header><h1>resile lab</h1><p>Deterministic simulations in virtual time of the failures a resilience library exists for. Seed ${String(meta.seed)}, ${esc(meta.size)} size; regenerate with <code>${esc(meta.command)}</code>. Latency percentiles are of successful requests.</p><nav>${nav}</nav></header>
${sections.join('\n')}
<script type="application/json" id="chart-manifest">${json}</script>
</body></html>
`;
  return { html, manifest };
}
