// Packaging checks: zero runtime dependencies, every export target exists, CommonJS require()
// of every subpath works, and the core bundles for the browser platform (no node: imports).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const problems = [];

if (Object.keys(pkg.dependencies ?? {}).length > 0) problems.push(`runtime dependencies: ${Object.keys(pkg.dependencies).join(', ')}`);

for (const [subpath, target] of Object.entries(pkg.exports)) {
  const files = typeof target === 'string' ? [target] : Object.values(target);
  for (const file of files) if (!existsSync(join(root, file))) problems.push(`${subpath} -> ${file} does not exist (run the build)`);
}

try {
  const out = execFileSync(process.execPath, [join(root, 'test/fixtures/require-all.cjs')], { cwd: root, encoding: 'utf8' });
  console.log(out.trim());
} catch (error) {
  problems.push(`require() fixture failed: ${error.stderr || error.message}`);
}

// The core, resile/testing and resile/stream must bundle for browsers: any node: import fails here.
for (const entry of ['dist/index.js', 'dist/testing/index.js', 'dist/stream/index.js']) {
  try {
    const result = await build({ entryPoints: [join(root, entry)], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' });
    const kb = (result.outputFiles[0].contents.length / 1024).toFixed(1);
    console.log(`browser bundle of ${entry}: ${kb} KiB`);
  } catch (error) {
    problems.push(`browser bundle of ${entry} failed: ${error.message}`);
  }
}

if (problems.length > 0) {
  for (const p of problems) console.error(`packaging: ${p}`);
  process.exit(1);
}
console.log('packaging checks passed');
