// `npm run demo`: bundles the lab (bench/lab/demo.ts and what it imports from src/) with esbuild
// and runs it. Bundling skips tsx's per-function name-keeping wrappers, which cost about a third
// of the simulation time; the arguments are passed through (see bench/lab/demo.ts).
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = `${root}.tmp/lab/demo.mjs`;
mkdirSync(`${root}.tmp/lab`, { recursive: true });
await build({
  entryPoints: [`${root}bench/lab/demo.ts`],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile,
  logLevel: 'warning',
});
await import(pathToFileURL(outfile).href);
