// Builds the browser side into dist/public: copies pages and styles from
// src/public, fills every `<!-- include partials/x.html -->` in a page with that
// file (markup shared by pages, such as the call view), and bundles every
// src/public/js/*.ts entry with esbuild.
import { build } from 'esbuild';
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src/public');
const out = join(root, 'dist/public');

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await cp(src, out, { recursive: true, filter: (path) => !path.endsWith('.ts') && !path.startsWith(join(src, 'partials')) });

const INCLUDE = /<!-- include (partials\/[a-z-]+\.html) -->/g;
for (const page of (await readdir(out)).filter((f) => f.endsWith('.html'))) {
  const html = await readFile(join(out, page), 'utf8');
  const parts = new Map();
  for (const [, file] of html.matchAll(INCLUDE)) parts.set(file, await readFile(join(src, file), 'utf8'));
  if (parts.size > 0) await writeFile(join(out, page), html.replace(INCLUDE, (_, file) => parts.get(file)));
}

const entryDir = join(src, 'js');
const common = {
  outdir: join(out, 'js'),
  entryNames: '[name]',
  bundle: true,
  target: ['chrome100', 'safari15', 'firefox100'],
  sourcemap: true,
  minify: true,
  logLevel: 'warning',
};
const entries = (await readdir(entryDir).catch(() => [])).filter((f) => f.endsWith('.page.ts')).map((f) => join(entryDir, f));
if (entries.length > 0) await build({ ...common, entryPoints: entries, format: 'esm' });
// workers (*.worker.ts) as classic scripts: module workers are newer than the browsers the pages support
const workers = (await readdir(entryDir).catch(() => [])).filter((f) => f.endsWith('.worker.ts')).map((f) => join(entryDir, f));
if (workers.length > 0) await build({ ...common, entryPoints: workers, format: 'iife' });
console.log(`built ${out} (${entries.length} page bundles, ${workers.length} workers)`);
