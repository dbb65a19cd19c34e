// Builds the browser side into dist/public: copies pages and styles from
// src/public, fills every `<!-- include partials/x.html -->` in a page with that
// file (markup shared by pages, such as the call view), bundles every
// src/public/js/*.ts entry with esbuild, and last the service worker (/sw.js) with
// the build's version (a hash of everything built) and the app shell it keeps.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src/public');
const out = join(root, 'dist/public');

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await cp(src, out, { recursive: true, filter: (path) => !path.endsWith('.ts') && !path.startsWith(join(src, 'partials')) });

// the on-device effects' runtimes, served by duet itself (nothing is fetched from elsewhere at run time):
// TFLite compiled to WebAssembly with MediaPipe's selfie segmentation model (background blur), and
// RNNoise compiled to WebAssembly with its AudioWorklet processor (noise suppression)
const VENDOR = [
  [
    '@twilio/video-processors/dist/build',
    'vendor/segmentation',
    ['tflite-1-0-0.js', 'tflite-1-0-0.wasm', 'tflite-simd-1-0-0.js', 'tflite-simd-1-0-0.wasm', 'selfie_segmentation_landscape.tflite'],
  ],
  ['@sapphi-red/web-noise-suppressor/dist', 'vendor/rnnoise', ['rnnoise.wasm', 'rnnoise_simd.wasm', 'rnnoise/workletProcessor.js']],
];
for (const [from, to, names] of VENDOR) {
  await mkdir(join(out, to), { recursive: true });
  for (const name of names) {
    await cp(join(root, 'node_modules', from, name), join(out, to, name.replace('/', '-')));
  }
}

const INCLUDE = /<!-- include (partials\/[a-z-]+\.html) -->/g;
for (const page of (await readdir(out)).filter((f) => f.endsWith('.html'))) {
  const html = await readFile(join(out, page), 'utf8');
  const parts = new Map();
  for (const [, file] of html.matchAll(INCLUDE)) parts.set(file, await readFile(join(src, file), 'utf8'));
  if (parts.size > 0)
    await writeFile(
      join(out, page),
      html.replace(INCLUDE, (_, file) => parts.get(file)),
    );
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

/** Every built file under `dir`, as paths relative to `out` with forward slashes, sorted. */
async function files(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const found = await Promise.all(
    entries.map((e) =>
      e.isDirectory()
        ? files(join(dir, e.name))
        : [
            join(dir, e.name)
              .slice(out.length + 1)
              .split('\\')
              .join('/'),
          ],
    ),
  );
  return found.flat().sort();
}
const built = await files(out);
const version = createHash('sha256');
for (const file of built)
  version
    .update(file)
    .update('\0')
    .update(await readFile(join(out, file)))
    .update('\0');
// the shell: what the offline page needs, and the pages' styles, scripts and images (pages themselves always come from the server)
const SHELL = /^(offline\.html|manifest\.webmanifest|favicon\.svg|css\/duet\.css|js\/[a-z0-9-]+\.(page|worker)\.js|img\/.+|icons\/.+)$/;
const shell = built.filter((file) => SHELL.test(file)).map((file) => `/${file}`);
await build({
  ...common,
  entryPoints: [join(src, 'sw.ts')],
  outdir: undefined,
  outfile: join(out, 'sw.js'),
  format: 'iife',
  define: { DUET_BUILD: JSON.stringify(version.digest('hex').slice(0, 16)), DUET_SHELL: JSON.stringify(shell) },
});
console.log(`built ${out} (${entries.length} page bundles, ${workers.length} workers)`);
