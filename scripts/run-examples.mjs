// Runs every example in examples/ under Node (through tsx). With --runtimes it instead runs the
// portable ones (those importing only resile's core and resile/testing) under Bun and Deno, the
// binaries shipped by the `bun` and `deno` npm packages. Exits non-zero if any example fails.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const examplesDir = join(root, 'examples');
const runtimesMode = process.argv.includes('--runtimes');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const TIMEOUT_MS = 60_000;

function listExamples(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return listExamples(path);
      return name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.startsWith('_') ? [path] : [];
    });
}

/** Portable examples import nothing but resile's core, testing and stream entry points. */
function isPortable(file) {
  const source = readFileSync(file, 'utf8');
  const specifiers = [...source.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
  const portable = ['resile', 'resile/testing', 'resile/stream'];
  return specifiers.every((s) => portable.includes(s) || s.startsWith('./'));
}

const bin = (name) => join(root, 'node_modules', '.bin', name);
const commands = {
  node: (file) => [process.execPath, ['--import', 'tsx', file]],
  bun: (file) => [bin('bun'), ['run', file]],
  deno: (file) => [bin('deno'), ['run', '--config', join(root, 'deno.json'), '--allow-env', '--allow-read', file]],
};

function run(runtime, file) {
  const [cmd, args] = commands[runtime](file);
  const started = Date.now();
  return new Promise((resolve) => {
    // tsconfig.build.json has no `paths`, so tsx resolves `resile` to the built package (dist/),
    // as a user's project would, instead of to src/.
    const env = { ...process.env, NO_COLOR: '1', TSX_TSCONFIG_PATH: join(root, 'tsconfig.build.json') };
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      output += `\n[killed after ${TIMEOUT_MS} ms]`;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ runtime, file: relative(root, file), code, output, ms: Date.now() - started });
    });
  });
}

let files = listExamples(examplesDir);
if (only.length > 0) files = files.filter((f) => only.some((o) => f.includes(o)));
const jobs = runtimesMode
  ? files.filter(isPortable).flatMap((f) => [['bun', f], ['deno', f]])
  : files.map((f) => ['node', f]);

const results = [];
const queue = [...jobs];
const workers = Array.from({ length: 2 }, async () => {
  while (queue.length > 0) {
    const [runtime, file] = queue.shift();
    const r = await run(runtime, file);
    results.push(r);
    const status = r.code === 0 ? 'ok  ' : 'FAIL';
    console.log(`${status} ${r.runtime.padEnd(4)} ${r.file} (${r.ms} ms)`);
    if (r.code !== 0 || process.env.VERBOSE) console.log(r.output.replace(/^/gm, '     | '));
  }
});
await Promise.all(workers);
const failed = results.filter((r) => r.code !== 0);
console.log(`${results.length - failed.length}/${results.length} example runs passed`);
if (jobs.length === 0) {
  console.error('no examples found');
  process.exit(1);
}
process.exit(failed.length === 0 ? 0 : 1);
